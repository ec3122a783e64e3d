"""Parsing and validating a recovery script pack (YAML), with the file and line of every problem.

YAML because head office edits packs by hand: it reads like the wording it holds, multi-line text
needs no escaping, and PyYAML's composed nodes carry line marks, so every problem names its line
(tomllib and json.load throw positions away once parsed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from app.foundation.errors import Problem, RecoveryDeskError
from app.foundation.i18n_marks import QT_TRANSLATE_NOOP
from app.rules.vocab import StepKind, Blame, CauseGroup, FailureType, Mood, Severity

LANGUAGES = ("zh_CN", "en")
CONDITIONS = {"failure_type": FailureType, "cause_group": CauseGroup, "severity": Severity, "blame": Blame,
              "mood": Mood}
MATCH_KEYS = ("failure_type", "cause_group", "severity")
MAX_INTEGER = 2**31 - 1  # a version fits every database's integer column


class PackRejected(RecoveryDeskError):
    """A pack with problems is refused whole; the pack in use stays in use."""

    text = QT_TRANSLATE_NOOP("Errors", "{file}: the script pack was refused ({count} problem(s)); "
                             "the pack in use stays in use.")

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(file=file, count=len(problems))

    def details(self, translate=None) -> list[str]:
        """One line per problem: ``file:line: what is wrong``."""
        return [f"{self.file}:{p.line}: {p.render(translate)}" for p in self.problems]


NOT_UTF8 = QT_TRANSLATE_NOOP("Errors", "can't be read: this line is not UTF-8 text; save the file as UTF-8")
CANT_READ = QT_TRANSLATE_NOOP("Errors", "can't be read: {reason}")
TOO_DEEP = QT_TRANSLATE_NOOP("Errors", "the file is nested far deeper than a script pack is")


def unreadable(source: str, exc: OSError | UnicodeDecodeError) -> PackRejected:
    """A pack file that can't be read: the system's words for a file it refused (they may stay), ours
    for text that is not UTF-8, on the line where it stops being so (never the codec's words)."""
    if isinstance(exc, UnicodeDecodeError):
        return PackRejected(source, [Problem(exc.object[:exc.start].count(b"\n") + 1, "", NOT_UTF8)])
    return PackRejected(source, [Problem(1, "", CANT_READ, {"reason": exc.strerror or str(exc)})])


# PyYAML's complaints, by their start, in our words; its line and column are kept as numbers.
_YAML_WORDS = (
    ("found character '\\t'", QT_TRANSLATE_NOOP("Errors", "not valid YAML at column {column}: a tab can't indent "
                                                "YAML; indent with spaces")),
    ("found character", QT_TRANSLATE_NOOP("Errors", "not valid YAML at column {column}: a value can't start with "
                                          "this character; put the value in quotes")),
    ("mapping values are not allowed", QT_TRANSLATE_NOOP("Errors", "not valid YAML at column {column}: a colon "
                                                         "where none can be; put a value holding \": \" in quotes, "
                                                         "or check the indentation")),
    ("could not find expected ':'", QT_TRANSLATE_NOOP("Errors", "not valid YAML at column {column}: a key without "
                                                      "its colon (key: value)")),
    ("found undefined alias", QT_TRANSLATE_NOOP("Errors", "not valid YAML at column {column}: *name repeats an "
                                                "&name that is not defined above it")),
    ("found unknown escape", QT_TRANSLATE_NOOP("Errors", "not valid YAML at column {column}: a backslash (\\) in "
                                               "double quotes starts no known escape; write it twice, or use "
                                               "single quotes")),
    ("found unexpected end of stream", QT_TRANSLATE_NOOP("Errors", "not valid YAML: the file ends inside a quoted "
                                                         "value opened above; close the quote")),
    ("expected ','", QT_TRANSLATE_NOOP("Errors", "not valid YAML at column {column}: a list or mapping in "
                                       "brackets opened above is not closed properly")),
)
_YAML_OTHER = QT_TRANSLATE_NOOP("Errors", "not valid YAML at column {column}: check the indentation, colons, "
                                "quotes and brackets here")


@dataclass(frozen=True)
class Variant:
    when: dict[str, tuple[str, ...]]
    say: dict[str, str]


@dataclass(frozen=True)
class StepSpec:
    kind: str
    say: dict[str, str]
    record: dict[str, str]
    skippable: bool
    when: dict[str, tuple[str, ...]] = field(default_factory=dict)
    variants: tuple[Variant, ...] = ()


@dataclass(frozen=True)
class ScriptSpec:
    id: str
    title: dict[str, str]
    match: dict[str, tuple[str, ...]]
    steps: tuple[StepSpec, ...]


@dataclass(frozen=True)
class Pack:
    name: str
    version: int
    title: dict[str, str]
    scripts: tuple[ScriptSpec, ...]
    source: str

    @property
    def label(self) -> str:
        return f"{self.name}@{self.version}"


class _Checker:
    """Walks composed YAML nodes, building plain data and collecting problems with line numbers."""

    def __init__(self) -> None:
        # PyYAML here, not at the top (~9 ms of the interpreter to import): only a pack's text being
        # checked needs it; a start that finds its pack among the validated ones (pack_cache) never does.
        import yaml

        self.yaml = yaml
        self.problems: list[Problem] = []

    def bad(self, node, text: str, **params) -> None:
        self.problems.append(Problem(node.start_mark.line + 1, "", text, params))

    def mapping(self, node, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict | None:
        if not isinstance(node, self.yaml.MappingNode):
            self.bad(node, QT_TRANSLATE_NOOP("Errors", "{where} must be a mapping of keys to values"), where=where)
            return None
        out: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, self.yaml.ScalarNode) else None
            if key in out:
                self.bad(key_node, QT_TRANSLATE_NOOP("Errors", "{where}: \"{key}\" is given twice"), where=where, key=key)
            elif key not in required and key not in optional:
                self.bad(key_node, QT_TRANSLATE_NOOP("Errors", "{where}: unknown key \"{key}\"; allowed: {allowed}"),
                         where=where, key=key, allowed=", ".join(required + optional))
            else:
                out[key] = value_node
        for key in required:
            if key not in out:
                self.bad(node, QT_TRANSLATE_NOOP("Errors", "{where}: \"{key}\" is missing"), where=where, key=key)
        return out

    def text(self, node, where: str) -> str | None:
        if not isinstance(node, self.yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str" or not node.value.strip():
            self.bad(node, QT_TRANSLATE_NOOP("Errors", "{where} must be non-empty text"), where=where)
            return None
        return node.value.strip()

    def integer(self, node, where: str) -> int | None:
        """A whole number a database column holds (a version of 2**63 could be published once, then
        neither read back nor raised; one over it failed the publishing with a traceback)."""
        if isinstance(node, self.yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            try:  # YAML's own forms too: 0x1F, 1_000
                value = self.yaml.SafeLoader("").construct_yaml_int(node)
            except (ValueError, TypeError):
                value = None
            if isinstance(value, int) and 0 <= value <= MAX_INTEGER:
                return value
        self.bad(node, QT_TRANSLATE_NOOP("Errors", "{where} must be a whole number from 0 to {most}"), where=where,
                 most=MAX_INTEGER)
        return None

    def boolean(self, node, where: str) -> bool | None:
        if not isinstance(node, self.yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            self.bad(node, QT_TRANSLATE_NOOP("Errors", "{where} must be true or false"), where=where)
            return None
        return node.value.lower() in ("true", "yes", "on")

    def words(self, node, where: str) -> dict[str, str] | None:
        """Wording in every language the product speaks."""
        m = self.mapping(node, where, LANGUAGES)
        if m is None:
            return None
        out = {lang: self.text(m[lang], f"{where}.{lang}") for lang in LANGUAGES if lang in m}
        if len(out) != len(LANGUAGES) or None in out.values():
            return None
        return out

    def conditions(self, node, where: str, keys) -> dict[str, tuple[str, ...]] | None:
        m = self.mapping(node, where, (), tuple(keys))
        if m is None:
            return None
        out = {}
        for key, value in m.items():
            items = value.value if isinstance(value, self.yaml.SequenceNode) else [value]
            allowed = CONDITIONS[key]
            values = []
            for item in items:
                word = item.value if isinstance(item, self.yaml.ScalarNode) else None
                if word not in {v.value for v in allowed}:
                    self.bad(item, QT_TRANSLATE_NOOP("Errors", "{where}.{key}: \"{value}\" is not one of {allowed}"),
                             where=where, key=key, value=word, allowed=", ".join(v.value for v in allowed))
                else:
                    values.append(word)
            if not items:
                self.bad(value, QT_TRANSLATE_NOOP("Errors", "{where}.{key} lists nothing"), where=where, key=key)
            out[key] = tuple(values)
        return out

    def sequence(self, node, where: str) -> list:
        if not isinstance(node, self.yaml.SequenceNode) or not node.value:
            self.bad(node, QT_TRANSLATE_NOOP("Errors", "{where} must be a non-empty list"), where=where)
            return []
        return node.value

    def step(self, node, where: str) -> StepSpec | None:
        m = self.mapping(node, where, ("kind", "say", "record"), ("skippable", "when", "variants"))
        if m is None:
            return None
        kind = None
        if "kind" in m:
            kind = m["kind"].value if isinstance(m["kind"], self.yaml.ScalarNode) else None
            if kind not in {k.value for k in StepKind}:
                self.bad(m["kind"], QT_TRANSLATE_NOOP("Errors", "{where}: unknown step kind \"{kind}\"; known kinds: {known}"),
                         where=where, kind=kind, known=", ".join(k.value for k in StepKind))
                kind = None
        say = self.words(m["say"], f"{where}.say") if "say" in m else None
        record = self.words(m["record"], f"{where}.record") if "record" in m else None
        skippable = self.boolean(m["skippable"], f"{where}.skippable") if "skippable" in m else False
        when = self.conditions(m["when"], f"{where}.when", ("severity", "blame", "mood")) if "when" in m else {}
        variants = []
        if "variants" in m:
            for i, v in enumerate(self.sequence(m["variants"], f"{where}.variants"), 1):
                vm = self.mapping(v, f"{where}.variants[{i}]", ("when", "say"))
                if vm and "when" in vm and "say" in vm:
                    vwhen = self.conditions(vm["when"], f"{where}.variants[{i}].when", ("severity", "blame", "mood"))
                    vsay = self.words(vm["say"], f"{where}.variants[{i}].say")
                    if vwhen is not None and vsay is not None:
                        variants.append(Variant(vwhen, vsay))
        if None in (kind, say, record, skippable, when):
            return None
        return StepSpec(kind, say, record, skippable, when, tuple(variants))

    def script(self, node, where: str) -> ScriptSpec | None:
        m = self.mapping(node, where, ("id", "title", "match", "steps"))
        if m is None:
            return None
        sid = self.text(m["id"], f"{where}.id") if "id" in m else None
        where = f"script \"{sid}\"" if sid else where
        title = self.words(m["title"], f"{where}.title") if "title" in m else None
        match = self.conditions(m["match"], f"{where}.match", MATCH_KEYS) if "match" in m else None
        if match is not None and "failure_type" not in match:
            self.bad(m["match"], QT_TRANSLATE_NOOP("Errors", "{where}.match: \"failure_type\" is missing"), where=where)
        steps = [self.step(s, f"{where}, step {i}") for i, s in
                 enumerate(self.sequence(m["steps"], f"{where}.steps") if "steps" in m else [], 1)]
        if steps and all(steps) and not any(s.kind == StepKind.AGREE_FOLLOW_UP for s in steps):
            self.bad(m["steps"], QT_TRANSLATE_NOOP("Errors", "{where}: every script ends in a follow-up; add a step "
                                                   "of kind agree_follow_up"), where=where)
        if None in (sid, title, match) or not steps or None in steps:
            return None
        return ScriptSpec(sid, title, match, tuple(steps))


def parse_pack(text: str, source: str) -> Pack:
    """The pack in ``text``, or PackRejected naming every problem by line."""
    c = _Checker()
    yaml = c.yaml
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:  # brackets opened 100,000 deep: the parser's own recursion gives out
        raise PackRejected(source, [Problem(1, "", TOO_DEEP)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        said = getattr(exc, "problem", None) or ""
        words = next((w for start, w in _YAML_WORDS if said.startswith(start)), _YAML_OTHER)
        raise PackRejected(source, [Problem(line, "", words, {"column": column})]) from None
    if root is None:
        raise PackRejected(source, [Problem(1, "", QT_TRANSLATE_NOOP("Errors", "the file is empty"))])
    m = c.mapping(root, "pack", ("pack", "version", "title", "scripts")) or {}
    name = c.text(m["pack"], "pack") if "pack" in m else None
    version = c.integer(m["version"], "version") if "version" in m else None
    title = c.words(m["title"], "title") if "title" in m else None
    scripts = [c.script(s, f"script {i}") for i, s in
               enumerate(c.sequence(m["scripts"], "scripts") if "scripts" in m else [], 1)]
    good = [s for s in scripts if s is not None]
    seen: set[str] = set()
    for node, s in zip(m["scripts"].value if "scripts" in m and isinstance(m["scripts"], yaml.SequenceNode) else [],
                       scripts):
        if s is not None and s.id in seen:
            c.bad(node, QT_TRANSLATE_NOOP("Errors", "script id \"{id}\" is used twice"), id=s.id)
        if s is not None:
            seen.add(s.id)
    if good and len(good) == len(scripts):
        for ft, cg, sev in product(FailureType, CauseGroup, Severity):
            if not any(_matches(s, ft, cg, sev) for s in good):
                c.bad(m["scripts"], QT_TRANSLATE_NOOP("Errors", "no script covers {failure_type} / {cause_group} / "
                                                      "{severity}; every case needs one"),
                      failure_type=ft.value, cause_group=cg.value, severity=sev.value)
                break
    if c.problems:
        # A shared step (&anchor / *alias) is checked once per use; report its problem once.
        seen_problems, unique = set(), []
        for p in c.problems:
            key = (p.line, p.text, tuple(sorted((k, str(v)) for k, v in p.params.items() if k != "where")))
            if key not in seen_problems:
                seen_problems.add(key)
                unique.append(p)
        raise PackRejected(source, unique)
    return Pack(name, version, title, tuple(good), source)


def load_pack(path: Path) -> Pack:
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise unreadable(path.name, exc) from None
    return parse_pack(text, path.name)


def _matches(script: ScriptSpec, failure_type: str, cause_group: str, severity: str) -> bool:
    facts = {"failure_type": failure_type, "cause_group": cause_group, "severity": severity}
    return all(facts[k] in v for k, v in script.match.items())


def holds(when: dict[str, tuple[str, ...]], facts: dict[str, str | None]) -> bool:
    return all(facts.get(k) in v for k, v in when.items())
