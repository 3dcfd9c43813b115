"""The entry points pause the garbage collector for the imports only, and hand back main()'s exit code."""

import gc
import subprocess
import sys
import textwrap

import pytest

from dangjian_desktop import startup

PROBE = """
    import gc

    seen = {"at import": gc.isenabled()}


    def main():
        seen["in main"] = gc.isenabled()
        seen["frozen before main"] = gc.get_freeze_count()
        return 3
"""


@pytest.fixture
def probe_module(tmp_path, monkeypatch):
    (tmp_path / "startup_probe.py").write_text(textwrap.dedent(PROBE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield "startup_probe"
    sys.modules.pop("startup_probe", None)
    gc.unfreeze()  # give this test process its collector back in full


def test_imports_run_without_the_collector_and_main_runs_with_it(probe_module):
    assert gc.isenabled()
    code = startup.launch(probe_module)
    seen = sys.modules[probe_module].seen
    assert code == 3
    assert seen["at import"] is False
    assert seen["in main"] is True
    assert seen["frozen before main"] > 0
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(probe_module):
    gc.disable()
    try:
        startup.launch(probe_module)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_command_line_entry_point_runs_a_command(tmp_path):
    folder = tmp_path / "data"
    command = [sys.executable, "-c", "from dangjian_desktop.startup import cli; raise SystemExit(cli())"]
    done = subprocess.run(
        [*command, "--data-dir", str(folder), "init", "--branch", "中共前进村支部委员会"],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    checked = subprocess.run(
        [*command, "--data-dir", str(folder), "check"], capture_output=True, text=True, encoding="utf-8"
    )
    assert checked.returncode == 0, checked.stderr
    assert "中共前进村支部委员会" in done.stdout
    assert "数据完整性检查：ok" in checked.stdout
