"""The registry of notification kinds. Each app registers its kinds in `AppConfig.ready()`."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from notifications.models import Delivery


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise
    default_delivery: str = Delivery.INSTANT


_KINDS: dict[str, Kind] = {}


def register(key: str, label, default_delivery: str = Delivery.INSTANT) -> Kind:
    kind = Kind(key=key, label=label, default_delivery=default_delivery)
    _KINDS[key] = kind
    return kind


def get(key: str) -> Kind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"Notification kind {key!r} is not registered.") from None


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: k.key)
