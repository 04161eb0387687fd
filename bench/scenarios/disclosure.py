"""Affairs disclosure pages: a community's disclosure board and a finance disclosure.

The seeded data comes from seed_demo / the scale seeding; the pages are the newest
published ones (the demo adds a year of disclosures per community).
"""

from bench.scenarios import Scenario


def _community():
    from communities.models import Community
    from governance.models import DisclosureIndexPage

    boards = DisclosureIndexPage.objects.select_related("community").order_by("pk")
    board = (
        boards.filter(community__slug__startswith="scale-").first() or boards.first()
    )
    return board.community if board else Community.objects.order_by("pk").first()


def _disclosure_board() -> str:
    return f"/{_community().slug}/disclosures/"


def _disclosure_page() -> str:
    from governance.models import DisclosurePage

    pages = DisclosurePage.objects.live().order_by("category", "-first_published_at")
    page = pages.filter(category="finance").first() or pages.first()
    if page is None:
        return _disclosure_board()
    return page.url


SCENARIOS = [
    Scenario("disclosure_board", _disclosure_board),
    Scenario("disclosure_page", _disclosure_page),
]
