"""Charter pages: the public page of an adopted charter (issue 3 §8)."""

from bench.scenarios import Scenario


def _charter_page() -> str:
    """The demo convention adopted in two versions (seed_demo), else any live one."""
    from governance.charters.pages import CharterPage

    page = (
        CharterPage.objects.live().filter(kind="residents").order_by("pk").first()
        or CharterPage.objects.live().order_by("pk").first()
    )
    if page is None:
        raise SystemExit("bench: no published charter; run seed_demo first")
    return page.url


def _charter_compare() -> str:
    return f"{_charter_page()}compare/?a=1&b=2"


SCENARIOS = [
    Scenario("charter_page", _charter_page),
    Scenario("charter_compare", _charter_compare),
]
