"""Write docs/recovery-scripts.md from the default script pack, so its wording can be read through.

Usage: .venv/bin/python packaging/pack_doc.py [PACK.yaml] > docs/recovery-scripts.md
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.rules.vocab import StepKind  # noqa: E402
from app.scripts.library import bundled_pack_path  # noqa: E402
from app.scripts.pack import load_pack  # noqa: E402

ZH_KIND = {
    "listen": "倾听", "acknowledge": "体谅感受", "calm": "安抚情绪", "apologise": "真诚道歉", "admit": "承认失误",
    "explain_cause": "解释原因", "explain_fix": "说明处理步骤和时间", "offer_remedy": "提出补偿",
    "confirm_acceptance": "确认客户接受", "agree_follow_up": "约定回访",
}


def _cond(when: dict) -> str:
    return "; ".join(f"{k} = {' / '.join(v)}" for k, v in when.items())


def render(path: Path) -> str:
    pack = load_pack(path)
    out = [f"# Recovery scripts: {pack.title['en']} / {pack.title['zh_CN']}", "",
           f"Generated from `resources/scripts/{path.name}` (pack `{pack.label}`) by `packaging/pack_doc.py`; "
           "edit the pack, not this file.", "",
           "Each script is chosen by failure type and cause group; steps marked *only when* appear only for "
           "those cases, and *instead, when* wording replaces the step's usual words.", ""]
    for s in pack.scripts:
        out += [f"## {s.title['en']} / {s.title['zh_CN']}", "", f"`{s.id}`, for {_cond(s.match)}", ""]
        for i, st in enumerate(s.steps, 1):
            flag = "" if st.skippable else " (required)"
            out.append(f"{i}. **{StepKind(st.kind).title} / {ZH_KIND[st.kind]}**{flag}"
                       + (f" *only when {_cond(st.when)}*" if st.when else ""))
            out += [f"   - 中文：{st.say['zh_CN']}", f"   - English: {st.say['en']}"]
            for v in st.variants:
                out += [f"   - *instead, when {_cond(v.when)}*:", f"     - 中文：{v.say['zh_CN']}",
                        f"     - English: {v.say['en']}"]
            out.append(f"   - 记录 / Write down: {st.record['zh_CN']} / {st.record['en']}")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render(Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_pack_path()))
