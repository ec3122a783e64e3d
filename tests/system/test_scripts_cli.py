"""Head office's pack through the command line: a good pack installs, a broken one is refused by
file and line and the counter keeps the last good pack, also after a restart."""

from app.scripts.library import bundled_pack_path
from tests.system.test_cli import cli


def test_install_good_then_broken_pack(data_dir, tmp_path):
    text = bundled_pack_path().read_text(encoding="utf-8")
    good = tmp_path / "v2.yaml"
    good.write_text(text.replace("version: 1", "version: 2", 1), encoding="utf-8")
    bad = tmp_path / "v3.yaml"
    bad.write_text(text.replace("version: 1", "version: 3", 1).replace("kind: apologise", "kind: say_sorry", 1),
                   encoding="utf-8")
    bad_line = next(i for i, ln in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if "say_sorry" in ln)

    r = cli(data_dir, "scripts", "show")
    assert r.returncode == 0 and "default@1" in r.stdout
    r = cli(data_dir, "scripts", "install", str(good))
    assert r.returncode == 0, r.stderr
    assert "Installed: pack default@2, 8 scripts." in r.stdout
    r = cli(data_dir, "scripts", "install", str(bad))
    assert r.returncode == 2
    assert f'v3.yaml:{bad_line}: script "outcome-system"' in r.stderr and 'unknown step kind "say_sorry"' in r.stderr
    assert "Still in use: pack default@2" in r.stderr
    r = cli(data_dir, "scripts", "show")  # a new process: the last good pack is kept
    assert r.returncode == 0 and "default@2" in r.stdout
    r = cli(data_dir, "scripts", "check", str(bad), lang="zh_CN.UTF-8")
    assert r.returncode == 2 and "话术包未被采用" in r.stderr and "未知的步骤类型" in r.stderr
