"""Alternated A/B of head office's case-file import: two checkouts (an old commit's and the change's)
import the same case files into fresh databases, one after the other, with `hq import`'s own loop
(app.hq.importer.import_paths), each followed by bench_sync's floor (the raw insert of the rows it
wrote) in the same process; ratios, wall and CPU seconds printed.

    .venv/bin/python tests/bench/import_ab.py make 10000 /tmp/files [DEALERS]   # counters, cases, case files
    .venv/bin/python tests/bench/import_ab.py run /tmp/files 3 old=/tmp/old,new=. [sqlite,postgresql]

(``git archive OLD | tar -x -C /tmp/old`` gives an old commit's checkout; this file need not be in it.)

Why: on a shared machine a figure means something only next to its floor measured in the same run, and
an old-against-new comparison only when the two alternate (the first of each round swaps). Each run
imports in a process of its own started in that checkout (its ``app`` is imported); the case files,
the counter's identity and its secret are made once (``make``) and read by every run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]


def make(n: int, out: Path, dealers: int = 1) -> None:
    """``n`` cases at one counter of each of ``dealers`` dealers (n / dealers each), filed; the files
    named by dealer then sequence, so a folder lists each dealer's together, in order."""
    from app.foundation import secrets
    from app.models.store import open_database
    from tests.bench.bench_sync import counter_with_cases, file_all

    out.mkdir(parents=True, exist_ok=True)
    idents = []
    for k in range(dealers):
        root = Path(tempfile.mkdtemp(prefix="import-ab-make-"))
        os.environ["RECOVERY_DESK_DATA"] = str(root / "default")
        store = counter_with_cases(root, open_database(f"sqlite:///{root / 'seed.sqlite3'}"), n // dealers,
                                   f"BJ{k + 1:02d}")
        for i, p in enumerate(file_all(store)):
            shutil.copyfile(p, out / (f"{i:05d}.casefile" if dealers == 1 else f"{k:02d}-{i:05d}.casefile"))
        ident = store.identity
        idents.append({"store_id": ident.store_id, "dealer_id": ident.home_dealer_id,
                       "dealer_code": ident.home_dealer_code, "secret": secrets.require(secrets.counter_key(ident.store_id))})
        store.close()
        shutil.rmtree(root, ignore_errors=True)
    (out / "identity.json").write_text(json.dumps(idents[0] if dealers == 1 else idents))


def one(kind: str, files: Path, url: str, floor_urls: list[str]) -> None:
    """One measured import of every file (this checkout's app), then the floor; a RESULT line."""
    from app.foundation import secrets
    from app.hq.importer import import_paths
    from app.models.store import open_database
    from tests.bench import bench_sync

    idents = json.loads((files / "identity.json").read_text())
    stores = []
    for ident in idents if isinstance(idents, list) else [idents]:  # a counter of each dealer
        secrets.put(secrets.counter_key(ident["store_id"]), ident["secret"])
        stores.append(SimpleNamespace(identity=SimpleNamespace(
            store_id=ident["store_id"], home_dealer_id=ident["dealer_id"], home_dealer_code=ident["dealer_code"])))
    # A copy: `hq import` moves a refused file aside, and the files are read in its loop, as they are there.
    copy = Path(tempfile.mkdtemp(prefix="import-ab-files-"))
    paths = [Path(shutil.copyfile(p, copy / p.name)) for p in sorted(files.glob("*.casefile"))]
    for p in paths:
        p.read_bytes()  # in the page cache, as for the floor's rows
    db = open_database(url)
    for each in stores:
        bench_sync.enrol_again(db, each)
    before = bench_sync._counts(db)
    cpu, wall = time.process_time(), time.perf_counter()
    summary = import_paths(db, paths)  # the product's own loop (`hq import FILES`)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    shutil.rmtree(copy, ignore_errors=True)
    if summary.count("imported") != len(paths):
        raise SystemExit(f"only {summary.count('imported')} of {len(paths)} files imported")
    after = bench_sync._counts(db)
    db.close()
    added = {t: after[t] - before[t] for t in after if after[t] != before[t] and t != "event_tally"}
    rows = bench_sync.written_rows(url, added)
    methods = ["executemany"] if kind == "sqlite" else ["values", "executemany", "copy"]
    floor_cpu = time.process_time()
    floors = {m: bench_sync.raw_insert(u, rows, stores, len(paths), m) for m, u in zip(methods, floor_urls)}
    floor_cpu = time.process_time() - floor_cpu
    print("RESULT " + json.dumps({"import_s": wall, "cpu_s": cpu, "floor_s": min(floors.values()),
                                  "floor_cpu_s": floor_cpu, "floors": floors, "rows": sum(added.values()),
                                  "load": os.getloadavg()[0]}), flush=True)


def run(files: Path, rounds: int, trees: dict[str, str], kinds: list[str]) -> None:
    from tests.pg import _as_postgres, start_postgres

    pg = start_postgres(tempfile.mkdtemp(prefix="import-ab-pg-")) if "postgresql" in kinds else None
    results: dict[tuple[str, str], list[dict]] = {}
    try:
        for r in range(rounds):
            for kind in kinds:
                order = list(trees.items())
                for name, tree in order if r % 2 == 0 else order[::-1]:
                    tmp = Path(tempfile.mkdtemp(prefix="import-ab-run-"))
                    urls = ([f"sqlite:///{tmp / 'import.sqlite3'}", f"sqlite:///{tmp / 'floor.sqlite3'}"]
                            if kind == "sqlite" else [pg.new_database() for _ in range(4)])
                    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "one", kind, str(files),
                                           *urls], cwd=tree, capture_output=True, text=True,
                                          env=dict(os.environ, RECOVERY_DESK_DATA=str(tmp / "data")))
                    shutil.rmtree(tmp, ignore_errors=True)
                    if pg is not None and kind == "postgresql":  # no autovacuum of this run's tables in the next
                        for u in urls:
                            subprocess.run(_as_postgres([str(pg.bin / "dropdb"), "-h", "127.0.0.1", "-p",
                                                         str(pg.port), "-U", "postgres", u.rsplit("/", 1)[1]]),
                                           capture_output=True)
                    line = next((x for x in done.stdout.splitlines() if x.startswith("RESULT ")), None)
                    if line is None:
                        print(f"round {r} {kind} {name}: failed\n{done.stderr[-3000:]}", flush=True)
                        continue
                    d = json.loads(line[len("RESULT "):])
                    d["ratio"] = d["floor_s"] / d["import_s"]
                    results.setdefault((kind, name), []).append(d)
                    print(f"round {r} {kind:<10} {name:<5} import {d['import_s']:6.2f} s (CPU {d['cpu_s']:6.2f} s)"
                          f"  floor {d['floor_s']:5.2f} s (CPU {d['floor_cpu_s']:5.2f} s; "
                          + ", ".join(f"{k} {v:.2f}" for k, v in d["floors"].items())
                          + f")  import/floor {d['ratio']:.3f}  load {d['load']:.2f}  rows {d['rows']:,}", flush=True)
    finally:
        if pg is not None:
            pg.stop()
    for (kind, name), ds in sorted(results.items()):
        ratios = [d["ratio"] for d in ds]
        median = {k: statistics.median(d[k] for d in ds) for k in ("import_s", "cpu_s", "floor_cpu_s")}
        print(f"median {kind:<10} {name:<5} import/floor {statistics.median(ratios):.3f} "
              f"(min {min(ratios):.3f}, max {max(ratios):.3f}); import {median['import_s']:.2f} s, "
              f"CPU {median['cpu_s']:.2f} s; floor CPU {median['floor_cpu_s']:.2f} s; "
              f"rows {sorted({d['rows'] for d in ds})}")

def main() -> None:
    sys.path.insert(0, os.getcwd())  # the checkout the process was started in (run: each tree's own)
    import keyring

    from tests.conftest import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    command, args = sys.argv[1], sys.argv[2:]
    if command == "make":
        make(int(args[0]), Path(args[1]), int(args[2]) if len(args) > 2 else 1)
    elif command == "one":
        one(args[0], Path(args[1]), args[2], args[3:])
    elif command == "run":
        trees = dict(pair.split("=", 1) for pair in args[2].split(","))
        run(Path(args[0]), int(args[1]), {k: str(Path(v).resolve()) for k, v in trees.items()},
            args[3].split(",") if len(args) > 3 else ["sqlite", "postgresql"])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
