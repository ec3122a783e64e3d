"""The longest functions under app/ (migrations left out), lines from `def` to their last line:
`python3 packaging/longest_functions.py [ROOT] [HOW_MANY]`."""
import ast, pathlib, sys
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
rows = []
for p in (root / "app").rglob("*.py"):
    if "migrations" in p.parts:
        continue
    tree = ast.parse(p.read_text())
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            rows.append((node.end_lineno - node.lineno + 1, f"{p.relative_to(root)}:{node.name}"))
rows.sort(reverse=True)
for n, name in rows[:int(sys.argv[2]) if len(sys.argv) > 2 else 12]:
    print(f"{n:4d}  {name}")
print("functions:", len(rows), " over 50 lines:", sum(1 for n, _ in rows if n > 50), " over 80:", sum(1 for n, _ in rows if n > 80))
