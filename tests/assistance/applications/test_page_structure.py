"""Every page of the application area: one h1, headings in order, a label for
every field (the same checks as the reachability crawl, for pages it cannot
reach without a case)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assistance.cases import workflow
from assistance.cases.models import MissingItemsRequest
from communities.models import Role
from tests.assistance.applications.conftest import page_data, with_documents
from tests.platform.test_reachability import _Page, _problems
from tests.support.actors import grant_role

pytestmark = pytest.mark.django_db


def _check(response):
    assert response.status_code in (200, 400, 404), response.status_code
    page = _Page()
    page.feed(response.content.decode())
    assert not _problems(page), _problems(page)


def test_application_pages_are_well_formed(client, draft, community):
    number = draft.tracking_number
    client.force_login(draft.applicant)
    _check(client.get(reverse("assistance:apply", args=[community.slug])))
    _check(client.get(reverse("assistance:application-edit", args=[number])))
    _check(client.get(reverse("assistance:my-case", args=[number])))
    submit = reverse("assistance:application-submit", args=[number])
    _check(client.post(submit, page_data(reason="")))
    client.post(submit, with_documents(page_data()))
    officer = grant_role(Role.AID_OFFICER, region=community.street)
    workflow.transition(draft, "return", actor=officer)
    MissingItemsRequest.objects.create(case=draft, items=["病历"], requested_by=officer)
    _check(client.get(reverse("assistance:my-case", args=[number])))
    _check(client.get(reverse("assistance:application-edit", args=[number])))
    _check(client.get(reverse("assistance:my-cases")))
    status = reverse("assistance:status")
    _check(client.post(status, {"tracking_number": number, "phone": "13800138000"}))
    _check(client.post(status, {"tracking_number": "x", "phone": "13800138000"}))
    client.force_login(grant_role(Role.AID_COORDINATOR, community=community))
    proxy = reverse("assistance:file-for-resident", args=[community.slug])
    _check(client.get(proxy))
    _check(client.get(proxy, {"community": community.slug}))
    _check(client.get(reverse("assistance:poster", args=[community.slug])))
