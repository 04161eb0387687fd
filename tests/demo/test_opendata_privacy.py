"""No endpoint of the public API returns what the public pages would mask.

Over the seeded demo district (residents with real names, phones and ID numbers,
assistance cases with their private content, donors who did not opt in to be
named, secret ballots), every list of /api/v1/ is read whole, in JSON and CSV,
with the detail of its records and each project's ledger and reports; no
resident's full name, phone or ID number, no private content of an assistance
case, no name of a donor who asked not to be named, no email address and no
ballot of any voter may appear. The records of votes carry only totals.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from accounts.models import User
from charity.donations.models import Donation
from consultation.votes.models import Ballot, Motion
from opendata.urls import PUBLIC, _name
from tests.demo.test_public_privacy import _assistance_secrets, _secrets

pytestmark = pytest.mark.django_db

VOTE_FIELDS = {
    "id",
    "community",
    "title",
    "description",
    "method",
    "method_label",
    "electorate",
    "electorate_label",
    "is_secret",
    "opened_at",
    "closed_at",
    "result",
}


def _everything(client) -> dict[str, str]:
    """{url: body} of every public endpoint's records, whole."""
    bodies: dict[str, str] = {}
    for prefix, _viewset, lookup, _converter in PUBLIC:
        url = reverse(f"opendata:{_name(prefix)}-list")
        page = f"{url}?page_size=200"
        records = []
        while page:
            response = client.get(page)
            assert response.status_code == 200, (page, response.content[:300])
            bodies[page] = response.content.decode()
            data = response.json()
            records += data["results"]
            page = data["next"]
        csv = client.get(f"{url}?page_size=200&format=csv")
        assert csv.status_code == 200
        bodies[f"{url}?format=csv"] = csv.content.decode()
        for record in records[:5]:
            key = record["slug"] if lookup == "slug" else record["id"]
            detail = reverse(f"opendata:{_name(prefix)}-detail", args=[key])
            response = client.get(detail)
            assert response.status_code == 200, detail
            bodies[detail] = response.content.decode()
        if prefix == "projects":
            for record in records:
                for name in ("projects-ledger", "projects-reports"):
                    path = reverse(f"opendata:{name}", args=[record["id"]])
                    response = client.get(path)
                    assert response.status_code == 200, path
                    bodies[path] = response.content.decode()
    return bodies


def test_no_endpoint_returns_what_public_pages_mask(seeded, client):
    secrets = _secrets()
    assert secrets, "the demo has verified residents with a real name"
    secrets.update(
        (value, whose)
        for value, whose in _assistance_secrets().items()
        if not whose.startswith("member's full name")
    )
    for user in User.objects.exclude(email=""):
        secrets[user.email] = f"email of {user.pk}"
    named = set(
        Donation.objects.filter(show_name=True).values_list("donor_name", flat=True)
    )
    hidden = Donation.objects.filter(show_name=False).exclude(donor_name="")
    for donation in hidden:
        if donation.donor_name.strip() not in named:
            secrets[donation.donor_name.strip()] = f"unnamed donor of {donation.pk}"
    bodies = _everything(client)
    assert len(bodies) > 30
    leaks = [
        f"{url}: {whose}"
        for url, body in bodies.items()
        for value, whose in secrets.items()
        if value in body
    ]
    assert leaks == [], "\n".join(leaks)


def test_votes_carry_totals_only_never_a_ballot(seeded, client):
    closed = Motion.objects.filter(status=Motion.Status.CLOSED)
    assert closed.exists(), "the demo has closed votes"
    data = client.get(reverse("opendata:votes-list") + "?page_size=200").json()
    assert data["count"] == closed.count()
    ballot_ids = {str(pk) for pk in Ballot.objects.values_list("pk", flat=True)}
    for vote in data["results"]:
        assert set(vote) == VOTE_FIELDS
        if vote["result"] is not None:
            assert set(vote["result"]) == {
                "electorate",
                "turnout",
                "valid",
                "passed",
                "options",
            }
            for option in vote["result"]["options"]:
                assert set(option) == {"label", "code", "count", "adopted"}
    text = json.dumps(data)
    assert "ballot" not in text.lower() or not ballot_ids
    open_motions = Motion.objects.exclude(status=Motion.Status.CLOSED)
    returned = {vote["id"] for vote in data["results"]}
    assert not returned & set(open_motions.values_list("pk", flat=True))
