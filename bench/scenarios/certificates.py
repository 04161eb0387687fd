"""Certificates issued by the committee (出具证明, issue 14 §1), anonymous:
`certificate_verify`, the public verification page (`/certificates/verify/`, the
form a QR code's visitor sees; never cached, no query), and `certificate_list`, a
community's list of the certificates its committee may issue (the demo
community 和平社区 after `seed_demo`; cached whole).

A look-up by serial is rate-limited per address (30 in ten minutes,
`communities.verification`), so a load test from one address measures the 429
page after the first thirty; the scenario loads the page without a serial.
"""

from bench.scenarios import Scenario


def _verify() -> str:
    return "/certificates/verify/"


def _list() -> str:
    from communities.models import Community

    community = (
        Community.objects.filter(slug="heping").first()
        or Community.objects.order_by("pk").first()
    )
    return f"/{community.slug}/certificates/"


SCENARIOS = [
    Scenario("certificate_verify", _verify),
    Scenario("certificate_list", _list),
]
