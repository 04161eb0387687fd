"""No server error on malformed input to any form of the application area."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assistance.cases.models import State
from communities.models import Role
from tests.assistance.applications.conftest import page_data
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db
HUGE = str(2**63)
BAD_VALUES = ("abc", HUGE, "-1", "1e400", "NaN", "x" * 5000, "", "\x00")
# The long form gets the values most likely to break a number, an id or a choice.
FORM_VALUES = (HUGE, "x\x00")


def _no_server_error(client, url, good, values=BAD_VALUES):
    for field in good:
        for bad in values:
            response = client.post(url, {**good, field: bad})
            assert response.status_code < 500, (url, field, bad[:10])


def test_application_form(client, draft):
    client.force_login(draft.applicant)
    # Submitting validates everything saving a draft does, and more.
    url = reverse("assistance:application-submit", args=[draft.tracking_number])
    _no_server_error(client, url, page_data(), FORM_VALUES)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_proxy_start_status_and_reason_forms(client, draft, community):
    client.force_login(draft.applicant)
    _no_server_error(
        client, reverse("assistance:apply", args=[community.slug]), {"kind": "dibao"}
    )
    for name in ("application-withdraw", "appeal"):
        url = reverse(f"assistance:{name}", args=[draft.tracking_number])
        _no_server_error(client, url, {"withdraw-reason": "理由理由理由"})
    client.force_login(grant_role(Role.AID_COORDINATOR, community=community))
    proxy = reverse("assistance:file-for-resident", args=[community.slug])
    good = {"community": community.slug, "kind": "dibao", "applicant_name": "王五",
            "household": draft.household_id, "account": "", "applicant_phone": ""}  # fmt: skip
    _no_server_error(client, proxy, good)
    client.logout()
    status = reverse("assistance:status")
    good = {"tracking_number": draft.tracking_number, "phone": "13800138000"}
    _no_server_error(client, status, good)
