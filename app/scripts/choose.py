"""Choosing a case's script from the pack and resolving its steps for the case's facts."""

from __future__ import annotations

from dataclasses import dataclass

from app.scripts.pack import Pack, _matches, holds


@dataclass(frozen=True)
class Step:
    index: int  # 0-based position in the resolved script
    kind: str
    say: dict[str, str]  # language -> wording to say
    record: dict[str, str]  # language -> what to write down
    skippable: bool


@dataclass(frozen=True)
class Script:
    id: str
    pack: str  # name@version
    title: dict[str, str]
    steps: tuple[Step, ...]


def choose(pack: Pack, *, failure_type: str, cause_group: str, severity: str, blame: str | None = None,
           mood: str | None = None) -> Script:
    """The most specific script that matches (most match keys); the earlier one on a tie.

    Steps whose ``when`` doesn't hold are left out; a step's first matching variant replaces its
    wording (that is how the words follow who the customer blames, the severity and the mood)."""
    candidates = [s for s in pack.scripts if _matches(s, failure_type, cause_group, severity)]
    if not candidates:  # parse_pack refuses packs that leave a case uncovered
        raise LookupError(f"no script for {failure_type}/{cause_group}/{severity}")
    best = max(candidates, key=lambda s: (len(s.match), -pack.scripts.index(s)))
    facts = {"failure_type": failure_type, "cause_group": cause_group, "severity": severity, "blame": blame,
             "mood": mood}
    steps = []
    for spec in best.steps:
        if not holds(spec.when, facts):
            continue
        say = next((v.say for v in spec.variants if holds(v.when, facts)), spec.say)
        steps.append(Step(len(steps), spec.kind, say, spec.record, spec.skippable))
    return Script(best.id, pack.label, best.title, tuple(steps))
