"""gunicorn's settings for the web process (read from the working directory).

gunicorn loads this file by itself when it is started from the project's root, as
`make serve`, the benchmark (`bench/run.py`) and `docs/deploy.md` start it; command-line
options still override it.

One setting matters for speed: every worker imports the whole site (the URLconf with
every view module, Wagtail, allauth) before its first request and then freezes what
it has made (`gc.freeze`). Python's full garbage collection walks every tracked
object; with the site loaded that is about 280,000 objects and 150 ms of CPU, paid
inside whichever request happened to trigger it. Frozen objects are never walked
again, so a full collection only sees what requests made since. Measured in
docs/benchmarks.md ("A worker's garbage collection").
"""

from __future__ import annotations

import gc


def post_worker_init(worker) -> None:  # noqa: ARG001 - gunicorn's hook signature
    """Load what the first request would load, then freeze it."""
    from django.template import engines
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module
    for engine in engines.all():
        engine.engine.template_loaders  # noqa: B018 - the loaders, once
    gc.collect()
    gc.freeze()
