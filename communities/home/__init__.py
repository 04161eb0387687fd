"""The community home's and the "mine" page's blocks: three small registries the
domain apps extend from their `registration.register()` (a foundation module, so
the home page never imports another app's models).

    home.register(HomeBlock(
        key="votes", title=_("Open votes"), order=10,
        items=lambda community, limit: [HomeItem(title=..., url=..., meta=...)],
        more_url=lambda community: reverse("consultation:list", args=[community.slug]),
    ))

- `register(HomeBlock)`: what is happening in a community, for everyone. The
  page is served to visitors from the anonymous page cache, so `items` must not
  depend on the request; the rows it reads must retire cached pages when they
  change (`communities.cache.invalidate_on_change`).
- `register_waiting(WaitingBlock)`: what waits for one signed-in person in one
  community (`items(user, community, limit)`), shown on top of the home page.
- `register_mine(MineBlock)`: one person's own things across communities on
  "我的" (`items(user, limit)`), each block with an optional "more" link.

Every provider returns a list (already evaluated) and runs a fixed number of
queries whatever the number of rows, so a page costs the same for 1 or 1,000
rows (pinned in tests/communities/home/).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

# How many items a block shows before its "more" link.
HOME_LIMIT = 5
MINE_LIMIT = 5


@dataclass(frozen=True)
class HomeItem:
    """One row of a block: what it is, where to act on it, a short detail."""

    title: str
    url: str
    meta: str | Promise = ""
    # An optional second link for the one thing to do next (cancel a pledge).
    action_label: str | Promise = ""
    action_url: str = ""


@dataclass(frozen=True)
class HomeBlock:
    key: str
    title: str | Promise
    items: Callable[[Any, int], list[HomeItem]]
    more_url: Callable[[Any], str] | None = None
    more_label: str | Promise = ""
    empty: str | Promise = ""
    order: int = 100


@dataclass(frozen=True)
class WaitingBlock:
    key: str
    title: str | Promise
    items: Callable[[Any, Any, int], list[HomeItem]]
    order: int = 100


@dataclass(frozen=True)
class MineBlock:
    key: str
    title: str | Promise
    items: Callable[[Any, int], list[HomeItem]]
    more_url: Callable[[Any], str] | None = None
    empty: str | Promise = ""
    order: int = 100


@dataclass(frozen=True)
class Filled:
    """A block with its items, ready for a template."""

    key: str
    title: str | Promise
    items: list[HomeItem]
    more_url: str = ""
    more_label: str | Promise = ""
    empty: str | Promise = ""


_HOME: dict[str, HomeBlock] = {}
_WAITING: dict[str, WaitingBlock] = {}
_MINE: dict[str, MineBlock] = {}


def register(block: HomeBlock) -> HomeBlock:
    """Add (or replace, by key) a block of the community home."""
    _HOME[block.key] = block
    return block


def register_waiting(block: WaitingBlock) -> WaitingBlock:
    """Add (or replace, by key) a block of a person's "waiting for you"."""
    _WAITING[block.key] = block
    return block


def register_mine(block: MineBlock) -> MineBlock:
    """Add (or replace, by key) a block of the "mine" page."""
    _MINE[block.key] = block
    return block


def _ordered(registry: dict) -> list:
    return sorted(registry.values(), key=lambda b: (b.order, b.key))


def home_blocks() -> list[HomeBlock]:
    return _ordered(_HOME)


def waiting_blocks() -> list[WaitingBlock]:
    return _ordered(_WAITING)


def mine_blocks() -> list[MineBlock]:
    return _ordered(_MINE)


def home_for(community: Any, limit: int = HOME_LIMIT) -> list[Filled]:
    """Every community block, filled (empty ones too: they say so)."""
    return [
        Filled(
            key=block.key,
            title=block.title,
            items=block.items(community, limit),
            more_url=block.more_url(community) if block.more_url else "",
            more_label=block.more_label,
            empty=block.empty,
        )
        for block in home_blocks()
    ]


def waiting_for(user: Any, community: Any, limit: int = HOME_LIMIT) -> list[Filled]:
    """A signed-in person's waiting blocks in a community; empty ones left out."""
    if not getattr(user, "is_authenticated", False):
        return []
    filled = []
    for block in waiting_blocks():
        items = block.items(user, community, limit)
        if items:
            filled.append(Filled(key=block.key, title=block.title, items=items))
    return filled


def mine_for(user: Any, limit: int = MINE_LIMIT) -> list[Filled]:
    """A signed-in person's own blocks, each filled (empty ones say so)."""
    return [
        Filled(
            key=block.key,
            title=block.title,
            items=block.items(user, limit),
            more_url=block.more_url(user) if block.more_url else "",
            empty=block.empty,
        )
        for block in mine_blocks()
    ]
