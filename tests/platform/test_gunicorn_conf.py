"""The web workers' gunicorn settings (`gunicorn.conf.py`)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from django.conf import settings

ROOT = settings.BASE_DIR


def test_gunicorn_started_from_the_root_reads_the_projects_settings():
    gunicorn = Path(sys.executable).parent / "gunicorn"
    printed = subprocess.run(
        [str(gunicorn), "--print-config", "config.wsgi:application"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "= ./gunicorn.conf.py" in printed
    assert "post_worker_init                   = <post_worker_init()>" in printed


def test_a_worker_loads_the_site_and_freezes_it_before_its_first_request():
    """After the hook, every view module is imported and the objects made so far are
    frozen: the garbage collector has (next to) nothing to walk."""
    script = textwrap.dedent(
        """
        import gc, runpy, sys
        import django
        django.setup()
        assert "consultation.topics.views" not in sys.modules
        before = len(gc.get_objects())
        runpy.run_path("gunicorn.conf.py")["post_worker_init"](None)
        print("views", "consultation.topics.views" in sys.modules)
        print("frozen", gc.get_freeze_count(), "tracked", len(gc.get_objects()),
              "before", before)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ),  # the suite's settings; setup() opens no connection
    ).stdout
    lines = dict(line.split(" ", 1) for line in out.strip().splitlines())
    assert lines["views"] == "True"
    frozen, _, tracked, _, before = lines["frozen"].split()
    assert int(frozen) > int(before) > 50_000  # the site, frozen
    assert int(tracked) < 1_000  # what the collector still walks
