"""The documentation cites only what exists: every file path and every dotted name of
the project's code written in backticks in README.md, CONTRIBUTING.md and docs/*.md
must be found in the repository."""

from __future__ import annotations

import importlib
import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
DOCS = [
    "README.md",
    "CONTRIBUTING.md",
    *sorted(p.name for p in (ROOT / "docs").glob("*.md")),
]
APPS = (
    "accounts",
    "audit",
    "communities",
    "notifications",
    "governance",
    "consultation",
    "volunteers",
    "charity",
    "assistance",
    "pairing",
    "config",
)
TOP_LEVEL = {p.name for p in ROOT.iterdir() if not p.name.startswith(".")}
# Made by commands at run time, never committed (.gitignore).
GENERATED = ("var/", "bench/results.json")


def _text(name: str) -> str:
    path = (
        ROOT / name
        if name in ("README.md", "CONTRIBUTING.md")
        else ROOT / "docs" / name
    )
    return path.read_text()


def _cited(name: str) -> list[str]:
    return re.findall(r"`([^`\s]+)`", _text(name))


def _missing_paths(name: str) -> list[str]:
    missing = []
    for token in _cited(name):
        token = token.rstrip(".,;:")
        if "/" not in token or token.startswith(GENERATED) or "<" in token:
            continue
        if token.split("/")[0] not in TOP_LEVEL or "*" in token:
            continue
        if not (ROOT / token.split("#")[0]).exists():
            missing.append(token)
    return missing


@cache
def _string_literals() -> frozenset[str]:
    """Every dotted string literal in the apps' code: notification kinds, job names,
    audit actions and permission names are written as such strings."""
    found: set[str] = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            found.update(re.findall(r"[\"']([a-z_]+\.[\w.]+)[\"']", path.read_text()))
    return frozenset(found)


def _resolves(dotted: str) -> bool:
    """A module, an attribute of one, a model label or a name the code writes."""
    if dotted in _string_literals():
        return True
    try:
        apps.get_model(dotted)
    except (LookupError, ValueError):
        pass
    else:
        return True
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module = ".".join(parts[:cut])
        try:
            if importlib.util.find_spec(module) is None:
                continue
        except ImportError:
            continue
        if cut == len(parts):
            return True
        target = importlib.import_module(module)
        try:
            for attribute in parts[cut:]:
                target = getattr(target, attribute)
        except AttributeError:
            return False
        return True
    return False


def _missing_names(name: str) -> list[str]:
    names = [
        token.split("(")[0]
        for token in re.findall(r"`([^`\s]+)`", _text(name))
        if re.fullmatch(rf"(?:{'|'.join(APPS)})\.[A-Za-z_][\w.]*(\(.*\))?", token)
    ]
    return [dotted for dotted in names if not _resolves(dotted)]


@pytest.mark.parametrize("name", DOCS)
def test_the_docs_cite_only_files_that_exist(name):
    assert _missing_paths(name) == []


@pytest.mark.parametrize("name", DOCS)
def test_the_docs_cite_only_code_that_exists(name):
    assert _missing_names(name) == []
