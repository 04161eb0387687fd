"""Foundation pages: the portal, a community home page, the login page, my communities."""

from bench.scenarios import Scenario


def _portal() -> str:
    return "/"


def _community_home() -> str:
    from communities.models import Community

    community = (
        Community.objects.filter(slug__startswith="scale-").order_by("pk").first()
    )
    community = community or Community.objects.order_by("pk").first()
    return community.get_absolute_url()


def _login() -> str:
    return "/accounts/login/"


def _my_communities() -> str:
    return "/my/communities/"


SCENARIOS = [
    Scenario("portal_home", _portal),
    Scenario("community_home", _community_home),
    Scenario("login", _login),
    Scenario("my_communities", _my_communities, signed_in=True),
]
