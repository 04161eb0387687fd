"""No server error on bad input: every URL that takes a POST, fed malformed values.

The test finds its targets itself, so a new view is covered without editing it:
- it crawls the site from `/` as each kind of person (GET only, like the
  reachability crawl) and collects every `<form method="post">` with its fields;
- it walks every URL pattern of the project's apps, and posts to each one the
  crawl did not reach with the demo community's slug and ids.
Each target then gets the form as found and malformed variants: non-numeric,
huge and negative numbers, impossible dates, over-long text, missing and
duplicated fields, and ids in the path past the database's integer range.
Any 5xx fails the test, listing each endpoint with the exception it raised.

On PostgreSQL (CI's second run) only the variants whose outcome can depend on the
database are sent: the form as found, numbers past the integer range (PostgreSQL
refuses them where SQLite stores them) and over-long text (PostgreSQL enforces a
column's length, SQLite does not). The others (letters for numbers, impossible
dates, missing and doubled fields) are refused by the forms before any query, the
same on both databases, and are sent in the SQLite run (`make test`).
"""

from __future__ import annotations

import re
import sys
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.signals import got_request_exception
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from accounts.models import User

pytestmark = pytest.mark.django_db

APPS = (
    "accounts",
    "communities",
    "notifications",
    "governance",
    "consultation",
    "volunteers",
    "charity",
    "assistance",
    "config",
)
# Never posted to: they end the session or switch what every later request sees.
SKIP = re.compile(
    r"^/(static|media|documents|admin|django-admin)/|^/accounts/(logout|delete|"
    r"language|text-size)/|^/ws/"
)
SKIP_SUFFIXES = (".csv", ".ics", ".xml", ".pdf", ".svg")
CRAWL_LIMIT = 400
PER_ROUTE = 2
HUGE = str(2**63)  # one past the largest 64-bit integer a database column holds
BAD_VALUES = ("abc", HUGE, "-1", "0000-00-00", "2026-02-30T25:61", "x" * 20_000, "")
# What PostgreSQL refuses and SQLite stores: a number past 64 bits, text past a
# column's length (the first of BAD_VALUES, "abc", is also a refusal probe).
DATABASE_VALUES = ("abc", HUGE, "x" * 20_000)
EXTRA_FIELDS = ("next", "action", "id", "pk")
WHO = {
    "visitor": None,
    "resident": "resident@demo.gongzhi.cn",
    "committee": "committee@demo.gongzhi.cn",
    "coordinator": "coordinator@demo.gongzhi.cn",
    "charity manager": "charity@demo.gongzhi.cn",
}
# The assistance staff see forms no one above does (the case page's steps). They
# are crawled only from their case lists and the district's spot checks, and one
# form per assistance route is posted to, which keeps them to seconds instead of
# a whole crawl each.
ASSISTANCE_STAFF = {
    "aid coordinator": "aid@demo.gongzhi.cn",
    "aid officer": "aid-street@demo.gongzhi.cn",
    "aid supervisor": "aid-district@demo.gongzhi.cn",
}
ASSISTANCE_STARTS = (
    "/heping/assistance/cases/",
    "/regions/dongcheng/assistance/cases/",
    "/regions/shifan/assistance/spot-checks/",
)


class _Forms(HTMLParser):
    """Links and POST forms (action, field names with a sample value) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._form: tuple[str, dict[str, str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            if attrs.get("method", "get").lower() == "post":
                self._form = (attrs.get("action", ""), {})
                self.forms.append(self._form)
            else:
                self._form = None
        elif self._form is not None and attrs.get("name"):
            fields = self._form[1]
            if tag == "select":
                self._select = attrs["name"]
                fields.setdefault(attrs["name"], "")
            elif tag in ("input", "textarea", "button"):
                # A named submit button is how some forms say which action.
                fields.setdefault(attrs["name"], attrs.get("value", "1"))
        elif tag == "option" and self._form is not None and self._select:
            fields = self._form[1]
            if not fields.get(self._select):
                fields[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _internal(base: str, href: str) -> str | None:
    url = urljoin(base, href.replace("&amp;", "&"))
    parts = urlsplit(url)
    if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
        return None
    if SKIP.search(parts.path) or parts.path.endswith(SKIP_SUFFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _crawl(client, starts=("/",), within: str = "") -> dict[str, dict[str, str]]:
    """Action path -> fields, for every POST form reached from `starts` (only
    through links whose path contains `within`)."""
    seen, queue = set(starts), deque(starts)
    forms: dict[str, dict[str, str]] = {}
    while queue and len(seen) < CRAWL_LIMIT:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        page = _Forms()
        page.feed(response.content.decode())
        for action, fields in page.forms:
            target = _internal(url, action or url)
            if target:
                forms.setdefault(urlsplit(target).path, {}).update(fields)
        for href in page.links:
            target = _internal(url, href)
            if target and target not in seen and "page=" not in target:
                if within not in urlsplit(target).path:
                    continue
                seen.add(target)
                queue.append(target)
    return forms


def _patterns(resolver=None, prefix: str = ""):
    """(route, pattern) for every URL pattern whose view lives in the project."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            module = getattr(entry.callback, "__module__", "") or ""
            if module.split(".")[0] in APPS:
                yield route, entry


def _fill(route: str, slug: str, number: str) -> str | None:
    """A concrete path for a route: the demo community's slug and one number."""
    if route.startswith("^"):
        return None  # regular-expression routes are Wagtail's and Django's
    path = re.sub(r"<slug:\w+>", slug, route)
    path = re.sub(r"<int:\w+>", number, path)
    path = re.sub(r"<(?:str:)?\w+>", "x" * 8, path)
    path = re.sub(r"<path:\w+>", "x", path)
    return "/" + path


def _route(path: str) -> str:
    """The URL pattern a path belongs to. A page served by a view outside the
    project's apps (Wagtail's catch-all page view, whose one pattern serves every
    kind of page) or one no pattern matches is its own kind; the project's own
    regular-expression routes (an assistance case's tracking number) are one kind
    each, like any other route."""
    try:
        match = resolve(path)
    except Resolver404:
        return path
    module = getattr(match.func, "__module__", "") or ""
    return match.route if module.split(".")[0] in APPS else path


def _database_only() -> bool:
    """Whether this run sends only the variants that can depend on the database
    (on PostgreSQL; see the module's docstring)."""
    return connection.vendor == "postgresql"


def _targets(client, slug: str) -> dict[str, dict[str, str]]:
    """Up to two concrete paths per route (the crawl finds one per object), plus a
    path with an id past the integer range for every route that takes an id (on
    PostgreSQL only that one: an id that exists or not is the same on both
    databases, one past 64 bits is not)."""
    numbers = (HUGE,) if _database_only() else ("1", HUGE)
    targets: dict[str, dict[str, str]] = {}
    per_route: dict[str, int] = {}
    for path, fields in _crawl(client).items():
        route = _route(path)
        if per_route.get(route, 0) < PER_ROUTE:
            per_route[route] = per_route.get(route, 0) + 1
            targets[path] = fields
    for route, _pattern in _patterns():
        for number in numbers:
            path = _fill(route, slug, number)
            if not path or SKIP.search(path):
                continue
            if (number == HUGE and "<int:" in route) or route not in per_route:
                targets.setdefault(path, {})
    return targets


def _holds_a_number(value: str) -> bool:
    """Whether a field's value as found could be an id or a number (a select's
    choice, a hidden id, a count): the fields a huge number can reach a query in."""
    return value == "" or value.lstrip("-").isdigit()


def _variants(fields: dict[str, str], *, database_only: bool = False):
    """The form as found, then malformed versions of it: every field at once with
    each bad value (a form cleans each field on its own, so this reaches every
    field's validation), every field duplicated, and, one field at a time with
    the rest as found (to reach the cross-field checks and the service behind a
    valid form), an id past the integer range in each field that holds a number
    and each field left out. With `database_only`, only the variants whose outcome
    can depend on the database (see the module's docstring)."""
    names = list(fields) + [name for name in EXTRA_FIELDS if name not in fields]
    keep = {k: v for k, v in fields.items() if k == "csrfmiddlewaretoken"}
    yield "as found", dict(fields)
    yield "empty", {}
    for bad in BAD_VALUES:
        if database_only and bad not in DATABASE_VALUES:
            continue
        yield f"every field {bad[:12]!r}", {**dict.fromkeys(names, bad), **keep}
    if not database_only:
        yield (
            "every field twice",
            {**{k: [v, "abc"] for k, v in fields.items()}, **keep},
        )
    for name, value in fields.items():
        if name == "csrfmiddlewaretoken":
            continue
        if _holds_a_number(value):
            yield f"{name}={HUGE[:12]!r}", {**fields, name: HUGE}
        if not database_only:
            missing = {k: v for k, v in fields.items() if k != name}
            yield f"without {name}", missing


# The first variants: the form as found, nothing, and every field "abc". When all
# three are refused alike before the form is read (not allowed, not found, not a
# POST route, sign in first), the other variants are refused the same way and are
# not sent; a person allowed to act gets them all.
REFUSAL_PROBES = ("as found", "empty", "every field 'abc'")


def _refusal(response) -> str | None:
    """What refused the request before its data was read, or None."""
    if response.status_code in (403, 404, 405):
        return str(response.status_code)
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith("/accounts/login/"):
        return "sign in"
    return None


def _alike(refusals: list[str | None]) -> bool:
    return None not in refusals and len(set(refusals)) == 1


def _fuzz(client, email: str | None, targets: dict[str, dict[str, str]]):
    """(requests sent, path -> causes of each 5xx) for every variant of every target."""
    database_only = _database_only()
    errors: list[str] = []

    def record(sender, request=None, **kwargs):
        kind, exc, _tb = sys.exc_info()
        name = kind.__name__ if kind else "no exception"
        errors.append(f"{getattr(request, 'path', '?')}: {name}: {exc}"[:300])

    got_request_exception.connect(record, weak=False)
    failures: dict[str, list[str]] = {}
    sent = 0
    try:
        for path, fields in targets.items():
            if email:  # a POST may have ended the session: every target as them
                client.force_login(User.objects.get(email=email))
            refusals: list[str | None] = []
            variants = _variants(fields, database_only=database_only)
            for number, (label, data) in enumerate(variants):
                if number == len(REFUSAL_PROBES) and _alike(refusals):
                    break  # refused before the form was read: the rest would be too
                errors.clear()
                response = client.post(path, data)
                sent += 1
                if response.status_code >= 500:
                    failures.setdefault(path, []).append(
                        f"{label}: {response.status_code} {'; '.join(errors)}"
                    )
                if number < len(REFUSAL_PROBES):
                    refusals.append(_refusal(response))
    finally:
        got_request_exception.disconnect(record)
    return sent, failures


def _report(failures: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{path}\n    " + "\n    ".join(causes[:3]) for path, causes in failures.items()
    )


@pytest.mark.parametrize("who", list(WHO))
def test_no_post_answers_with_a_server_error(who, seeded):
    client = Client(raise_request_exception=False, headers={"accept-language": "en"})
    if WHO[who]:
        client.force_login(User.objects.get(email=WHO[who]))
    sent, failures = _fuzz(client, WHO[who], _targets(client, "heping"))
    assert sent > 200, f"only {sent} requests: the crawl found too little"
    report = _report(failures)
    assert not failures, f"{len(failures)} endpoints answered 5xx as {who}:\n{report}"


@pytest.mark.parametrize("who", list(ASSISTANCE_STAFF))
def test_no_assistance_post_answers_with_a_server_error(who, seeded):
    client = Client(raise_request_exception=False, headers={"accept-language": "en"})
    email = ASSISTANCE_STAFF[who]
    client.force_login(User.objects.get(email=email))
    forms = _crawl(client, ASSISTANCE_STARTS, within="/assistance/")
    targets: dict[str, dict[str, str]] = {}
    per_route: dict[str, int] = {}
    for path, fields in forms.items():
        route = _route(path)
        if "/assistance/" in path and route not in per_route:  # one per route
            per_route[route] = per_route.get(route, 0) + 1
            targets[path] = fields
    assert len(targets) >= 3, f"the crawl found too few forms: {sorted(targets)}"
    sent, failures = _fuzz(client, email, targets)
    report = _report(failures)
    assert not failures, f"{len(failures)} endpoints answered 5xx as {who}:\n{report}"
