"""The rooms of docs/architecture.md hold against the code: every import runs an allowed way, none circles."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
ROW = re.compile(r"^\| `(app/[\w/]+)` \| *([\w/, ]*?) *\|", re.M)
OUTSIDE = {"app", "app.__main__", "app.ui"}  # package faces and `python -m app`


def read_rooms(doc: str) -> dict[str, set[str]]:
    """room ("app/ui/cases") -> the rooms it may import, as the doc's table says."""
    rooms = {}
    for room, allowed in ROW.findall(doc):
        rooms[room] = {"app/" + a.strip() for a in allowed.split(",") if a.strip()}
    return rooms


def module_of(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def app_modules(root: Path) -> dict[str, Path]:
    return {module_of(p, root): p for p in (root / "app").rglob("*.py")}


def imports_of(path: Path, modules: dict[str, Path], root: Path) -> set[str]:
    """Every module of app/ that this file imports, at its top or inside a function."""
    found = set()
    package = module_of(path, root)
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = package if path.name == "__init__.py" else package.rpartition(".")[0]
                for _ in range(node.level - 1):
                    pkg = pkg.rpartition(".")[0]
                base = f"{pkg}.{base}".strip(".")
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            names = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name.startswith("app"):
                found.add(name)
    return found


def room_of(module: str, rooms: dict[str, set[str]]) -> str | None:
    path = module.replace(".", "/")
    best = [r for r in rooms if path == r or path.startswith(r + "/")]
    return max(best, key=len) if best else None


def breaches(rooms: dict[str, set[str]], modules: dict[str, Path], root: Path) -> list[str]:
    out = []
    for mod, path in sorted(modules.items()):
        if mod in OUTSIDE:
            continue
        src = room_of(mod, rooms)
        if src is None:
            out.append(f"{mod} stands in no room of docs/architecture.md")
            continue
        for target in sorted(imports_of(path, modules, root)):
            if target in OUTSIDE:
                continue
            dst = room_of(target, rooms)
            if dst != src and dst not in rooms[src]:
                out.append(f"{mod} ({src}) imports {target} ({dst})")
    return out


def circles(modules: dict[str, Path], root: Path) -> list[list[str]]:
    """Groups of two or more modules that import each other round a loop (Tarjan's strong components)."""
    graph = {m: imports_of(p, modules, root) - {m} - OUTSIDE for m, p in modules.items()}
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_doc_names_every_room():
    rooms = read_rooms(DOC.read_text("utf-8"))
    assert {"app/foundation", "app/rules", "app/models", "app/services", "app/sync", "app/hq", "app/cli",
            "app/ui/common", "app/ui/shell", "app/ui/hq"} <= set(rooms)
    for room, allowed in rooms.items():
        assert (ROOT / room).is_dir(), f"{room} is in the doc but not in the tree"
        assert allowed <= set(rooms), f"{room} may import rooms the doc doesn't list: {allowed - set(rooms)}"


def test_every_import_runs_an_allowed_way():
    rooms = read_rooms(DOC.read_text("utf-8"))
    assert breaches(rooms, app_modules(ROOT), ROOT) == []


def test_no_circle_of_imports():
    assert circles(app_modules(ROOT), ROOT) == []


# The checks can fail: a planted tree with a back arrow, a lazy import and a circle.
PLANTED = {
    "app/__init__.py": "",
    "app/low/__init__.py": "",
    "app/low/a.py": "def f():\n    from app.high.b import g\n",
    "app/high/__init__.py": "",
    "app/high/b.py": "from app.low import a\nimport importlib\nimportlib.import_module('app.high.c')\n",
    "app/high/c.py": "from . import b\n",
}


def test_a_planted_back_arrow_and_circle_are_found(tmp_path):
    for name, text in PLANTED.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    modules = app_modules(tmp_path)
    rooms = read_rooms("| `app/low` | | x |\n| `app/high` | low | y |\n")
    assert breaches(rooms, modules, tmp_path) == ["app.low.a (app/low) imports app.high.b (app/high)"]
    assert circles(modules, tmp_path) == [["app.high.b", "app.high.c", "app.low.a"]]
