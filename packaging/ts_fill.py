"""Fill unfinished entries of a Qt .ts catalogue from a JSON map {context: {source: translation}}.
A count's message ("%n dealers", numerus) takes a list of its plural forms, or one string when the
language has one form (Chinese).

Usage: python packaging/ts_fill.py resources/i18n/recovery_desk_zh_CN.ts translations.json
       python packaging/ts_fill.py resources/i18n/recovery_desk_zh_CN.ts --list   (untranslated, as JSON)
       python packaging/ts_fill.py resources/i18n/recovery_desk_zh_CN.ts --export (translated, as JSON;
       e.g. to carry translations across a merge of two branches' catalogues)
"""

import json
import sys
import xml.etree.ElementTree as ET


def main(ts_path: str, arg: str) -> int:
    tree = ET.parse(ts_path)
    todo: dict[str, dict[str, str]] = {}
    if arg == "--export":
        done = {}
        for ctx in tree.getroot().iter("context"):
            for msg in ctx.iter("message"):
                tr = msg.find("translation")
                forms = [f.text or "" for f in tr.findall("numerusform")]
                if tr.get("type") != "unfinished" and (forms or tr.text):
                    done.setdefault(ctx.findtext("name"), {})[msg.findtext("source")] = (
                        (forms[0] if len(forms) == 1 else forms) if forms else tr.text)
        json.dump(done, sys.stdout, ensure_ascii=False, indent=1)
        return 0
    mapping = {} if arg == "--list" else json.load(open(arg, encoding="utf-8"))
    filled = 0
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            src = msg.findtext("source")
            tr = msg.find("translation")
            if tr.get("type") != "unfinished" and (tr.text or tr.find("numerusform") is not None):
                continue
            value = mapping.get(name, {}).get(src)
            if value and msg.get("numerus") == "yes":
                # A count's plural forms ("%n dealers"): a list of them, or one string for a language
                # with one form (Chinese); as many as the catalogue's language has.
                forms = tr.findall("numerusform")
                for form, text in zip(forms, [value] * len(forms) if isinstance(value, str) else value):
                    form.text = text
                tr.attrib.pop("type", None)
                filled += 1
            elif value:
                tr.text = value
                tr.attrib.pop("type", None)
                filled += 1
            else:
                todo.setdefault(name, {})[src] = ""
    if arg == "--list":
        json.dump(todo, sys.stdout, ensure_ascii=False, indent=1)
        return 0
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    print(f"filled {filled}; still untranslated: {sum(len(v) for v in todo.values())}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
