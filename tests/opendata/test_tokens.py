"""Officers' API tokens: who may make them and pull figures (the "opendata" table
of docs/permissions.md), the token page (shown once, revoke, bad input), and the
token API: scoped to the owner's area at call time, rate-limited, every call
audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

import opendata.rules  # noqa: F401  (registers the permissions)
from audit.models import AuditEvent
from communities.models import Role
from consultation.followup.models import FollowUpItem, Minutes, Resolution
from opendata.tokens import services
from opendata.tokens.auth import PerTokenThrottle
from opendata.tokens.models import ApiToken, hash_token
from tests.consultation.factories import MeetingFactory
from tests.factories import RoleGrantFactory
from tests.support.actors import ACTORS, give_totp
from tests.support.permissions import differing, doc_table

pytestmark = pytest.mark.django_db
Y, N = True, False

COLUMNS = (
    "manage_tokens",
    "pull_area_figures (active token)",
    "pull_area_figures (revoked token)",
)
TABLE = {
    "visitor": (N, N, N),
    "registered user": (N, N, N),
    "verified resident": (N, N, N),
    "committee member": (N, N, N),
    "supervision member": (N, N, N),
    "street officer without TOTP": (N, N, N),
    "street officer": (Y, Y, N),
    "district officer without TOTP": (N, N, N),
    "district officer": (Y, Y, N),
    "street assistance officer": (N, N, N),
    "platform admin": (Y, Y, N),
}


def test_permission_table(community):
    assert doc_table("opendata", COLUMNS) == TABLE
    people = {who: ACTORS[who](community) for who in TABLE}
    tokens = {}
    for who, person in people.items():
        if person.is_authenticated:
            active = ApiToken.objects.create(
                owner=person, name="a", prefix="gz_a", digest=f"a-{person.pk}"
            )
            revoked = ApiToken.objects.create(
                owner=person,
                name="r",
                prefix="gz_r",
                digest=f"r-{person.pk}",
                revoked_at=timezone.now(),
            )
            tokens[who] = (active, revoked)

    def answer(who, column):
        person = people[who]
        if column == "manage_tokens":
            return person.has_perm("opendata.manage_tokens")
        if who not in tokens:
            return False
        token = tokens[who][0 if "active" in column else 1]
        return person.has_perm("opendata.pull_area_figures", token)

    wrong = differing(TABLE, COLUMNS, answer)
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------------------
# The token page
# ---------------------------------------------------------------------------
def test_officer_makes_a_token_shown_once_and_revokes_it(client, street_officer):
    client.force_login(street_officer)
    page = reverse("opendata:tokens")
    response = client.post(page, {"name": "区数据平台"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret.startswith("gz_") and secret in response.content.decode()
    token = ApiToken.objects.get(owner=street_officer)
    assert token.digest == hash_token(secret) and secret not in token.digest
    assert secret not in client.get(page).content.decode()
    assert AuditEvent.objects.filter(action="opendata.token_created").exists()
    client.post(reverse("opendata:token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="opendata.token_revoked").exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_bad_token_name_is_refused_clearly(client, street_officer, name):
    client.force_login(street_officer)
    response = client.post(reverse("opendata:tokens"), {"name": name})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_residents_and_visitors_cannot_open_the_token_page(client, community):
    page = reverse("opendata:tokens")
    assert client.get(page).status_code == 302
    client.force_login(ACTORS["committee member"](community))
    assert client.get(page).status_code == 403


def test_an_officer_cannot_revoke_someone_elses_token(
    client, street_officer, community
):
    other = ACTORS["district officer"](community)
    token, _secret = services.create_token(owner=other, name="theirs")
    client.force_login(street_officer)
    response = client.post(reverse("opendata:token-revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


# ---------------------------------------------------------------------------
# The token API
# ---------------------------------------------------------------------------
def _bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _overdue_item(community):
    meeting = MeetingFactory(consultation__community=community)
    minutes = Minutes.objects.create(meeting=meeting)
    resolution = Resolution.objects.create(
        community=community,
        consultation=meeting.consultation,
        minutes=minutes,
        title="决议",
        text="修缮路灯",
    )
    return FollowUpItem.objects.create(
        community=community,
        resolution=resolution,
        title="修缮路灯",
        owner_unit="街道城管科",
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )


def test_dashboard_and_overdue_lists_scoped_and_audited(
    client, community, make_community, street_officer
):
    _overdue_item(community)
    elsewhere = ACTORS["district officer of another district"](community)
    _token, secret = services.create_token(owner=street_officer, name="city")
    response = client.get(reverse("opendata:officer-dashboard"), **_bearer(secret))
    assert response.status_code == 200
    data = response.json()
    assert data["communities"] == 1 and data["sections"]
    overdue = client.get(
        reverse("opendata:officer-overdue") + "?kind=followups", **_bearer(secret)
    ).json()
    assert [row["title"] for row in overdue["results"]] == ["修缮路灯"]
    calls = AuditEvent.objects.filter(action="opendata.api_call", actor=street_officer)
    assert calls.count() == 2
    assert calls.first().data["status"] == 200
    # Another district's officer sees nothing of this community.
    _t, theirs = services.create_token(owner=elsewhere, name="other")
    foreign = client.get(
        reverse("opendata:officer-overdue")
        + f"?kind=followups&community={community.slug}",
        **_bearer(theirs),
    )
    assert foreign.status_code == 404


def test_refused_and_revoked_calls_are_audited_too(client, street_officer):
    token, secret = services.create_token(owner=street_officer, name="city")
    path = reverse("opendata:officer-dashboard")
    assert client.get(path).status_code in (401, 403)
    assert client.get(path, **_bearer("gz_nonsense")).status_code == 401
    services.revoke_token(owner=street_officer, token=token)
    assert client.get(path, **_bearer(secret)).status_code == 401
    assert AuditEvent.objects.filter(action="opendata.api_refused").count() == 3


def test_token_stops_when_the_role_ends(client, community):
    grant = RoleGrantFactory(
        role=Role.STREET_OFFICER, community=None, region=community.street
    )
    officer = give_totp(grant.user)
    _token, secret = services.create_token(owner=officer, name="city")
    path = reverse("opendata:officer-dashboard")
    assert client.get(path, **_bearer(secret)).status_code == 200
    grant.revoked_at = timezone.now()
    grant.save()
    fresh = type(officer).objects.get(pk=officer.pk)
    assert not fresh.has_perm("opendata.manage_tokens")
    assert client.get(path, **_bearer(secret)).status_code == 403


@pytest.mark.parametrize("kind", ["", "everything", "x" * 300])
def test_bad_overdue_kind_is_a_400(client, street_officer, kind):
    _token, secret = services.create_token(owner=street_officer, name="city")
    response = client.get(
        reverse("opendata:officer-overdue") + f"?kind={kind}", **_bearer(secret)
    )
    assert response.status_code == 400 and "kind" in response.json()


@pytest.mark.parametrize(
    "kind", ["disclosures", "objections", "followups", "charity_reports"]
)
def test_every_overdue_kind_answers(client, street_officer, kind):
    _token, secret = services.create_token(owner=street_officer, name="city")
    response = client.get(
        reverse("opendata:officer-overdue") + f"?kind={kind}", **_bearer(secret)
    )
    assert response.status_code == 200 and "results" in response.json()


def test_calls_are_rate_limited_per_token(client, street_officer, monkeypatch):
    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"officer_token": "2/min"})
    cache.clear()
    _token, secret = services.create_token(owner=street_officer, name="city")
    _t2, other = services.create_token(owner=street_officer, name="other")
    path = reverse("opendata:officer-dashboard")
    codes = [client.get(path, **_bearer(secret)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get(path, **_bearer(other)).status_code == 200
    assert AuditEvent.objects.filter(data__status=429).count() == 1
