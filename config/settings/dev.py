"""Local development: the embedded default (SQLite, in-memory layers, console email)."""

from config.env import env_bool, env_list

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# `make run` starts a worker and a scheduler, but `runserver` alone is a normal way
# to work: /readyz only checks them in development when READYZ_PROCESSES names them.
READYZ_PROCESSES = env_list(
    "READYZ_PROCESSES", [] if DEBUG else ["worker", "scheduler"]
)
