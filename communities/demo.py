"""The demo-data registry: each app registers its own seeder from `ready()`.

`seed_demo` builds the regions, communities, residents and role accounts, then
runs every registered seeder in order. A seeder is called as
`seed(admin=, communities=, ensure_user=)` and must be idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSeeder:
    name: str
    seed: Callable[..., None]
    order: int


# A blank one-page PDF with a real cross-reference table (uploads parse PDFs), for
# demo receipts and consent forms.
BLANK_PDF = (
    b"%PDF-1.7\n"
    b"1 0 obj\n"
    b"<</Type/Catalog/Pages 2 0 R>>\n"
    b"endobj\n"
    b"2 0 obj\n"
    b"<</Type/Pages/Kids[3 0 R]/Count 1>>\n"
    b"endobj\n"
    b"3 0 obj\n"
    b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Resources<<>>>>\n"
    b"endobj\n"
    b"xref\n"
    b"0 4\n"
    b"0000000000 65535 f \n"
    b"0000000009 00000 n \n"
    b"0000000054 00000 n \n"
    b"0000000105 00000 n \n"
    b"trailer\n"
    b"<</Size 4/Root 1 0 R>>\n"
    b"startxref\n"
    b"184\n"
    b"%%EOF\n"
)


_SEEDERS: dict[str, DemoSeeder] = {}


def register(name: str, seed: Callable[..., None], *, order: int) -> None:
    """Register an app's demo seeder; lower `order` runs first (ties by name)."""
    _SEEDERS[name] = DemoSeeder(name=name, seed=seed, order=order)


def seeders() -> list[DemoSeeder]:
    return sorted(_SEEDERS.values(), key=lambda s: (s.order, s.name))
