"""`make serve` starts every process under a restart loop, and the loop restarts a
process that dies. The loop is taken from the Makefile itself (`make -n serve`)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess

import pytest

from tests.platform.faults.conftest import ROOT, wait_for

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None, reason="needs make to read the serve recipe"
)


def _serve_recipe() -> list[str]:
    result = subprocess.run(
        ["make", "-n", "serve", "RESTART_DELAY=0.2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line.strip().rstrip("\\").strip() for line in result.stdout.splitlines()]


def test_every_serve_process_runs_under_the_restart_loop():
    lines = _serve_recipe()
    started = {line.split()[1]: line for line in lines if line.startswith("supervise ")}
    assert set(started) == {"daphne", "worker", "scheduler", "web"}
    assert "run_worker" in started["worker"]
    assert "run_scheduler" in started["scheduler"]
    assert "db_worker" not in " ".join(lines)


def test_the_restart_loop_starts_a_dead_process_again(tmp_path):
    (definition,) = [line for line in _serve_recipe() if line.startswith("supervise()")]
    runs = tmp_path / "runs"
    script = (
        f"{definition.rstrip(';')};\n"
        f"supervise flaky sh -c 'echo run >> {runs}; exit 3'\n"
    )
    loop = subprocess.Popen(
        ["bash", "-c", script],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        wait_for(
            lambda: runs.exists() and len(runs.read_text().split()) >= 3,
            timeout=30,
            what="the loop to start the process three times",
        )
    finally:
        os.killpg(loop.pid, signal.SIGTERM)
        _out, err = loop.communicate(timeout=20)
    assert "[serve] flaky exited with status 3; restarting in 0.2s" in err
