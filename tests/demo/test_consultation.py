"""The consultation demo: several states, idempotent."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from consultation.models import Ballot, Consultation, Meeting, Motion, State, Suggestion

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Consultation, Suggestion, Meeting, Motion, Ballot)
    }


def test_seed_demo_adds_consultations_in_several_states_and_is_idempotent(seeded):
    states = set(Consultation.objects.values_list("state", flat=True))
    assert states == set(State.values)  # every state of the chain, and declined
    assert Suggestion.objects.filter(status="open").exists()
    assert any(c.is_decision_overdue for c in Consultation.objects.all())
    closed = Motion.objects.get(
        status="closed", agenda_item__meeting__consultation__title="健身器材更新"
    )
    assert closed.result["turnout"] > 0
    ready = Meeting.objects.get(consultation__title="楼道堆物清理")
    assert ready.notice_published_at and ready.agenda_items.count() == 2
    # Ready to run live now: its control page opens check-in and hands.
    from consultation.live import selectors as live

    assert live.in_session(ready)
    first = _counts()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert _counts() == first


def test_every_demo_consultation_page_renders_for_visitors_and_the_committee(
    seeded, client, zh_client
):
    from django.urls import reverse

    from accounts.models import User
    from communities.models import Role

    topic = Consultation.objects.get(title="楼道堆物清理")
    slug = topic.community.slug
    committee = User.objects.filter(
        role_grants__role=Role.COMMITTEE, role_grants__community=topic.community
    ).first()
    urls = [reverse("consultation:list", args=[slug])]
    urls += [
        reverse("consultation:detail", args=[slug, c.pk])
        for c in Consultation.objects.filter(community=topic.community)
    ]
    urls += [
        reverse("consultation:meeting", args=[slug, m.pk])
        for m in Meeting.objects.filter(community=topic.community)
    ]
    urls += [
        reverse("consultation:motion", args=[slug, m.pk])
        for m in Motion.objects.filter(community=topic.community)
    ]
    urls += [
        reverse("consultation:suggestion", args=[slug, s.pk])
        for s in Suggestion.objects.filter(community=topic.community)
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    zh_client.force_login(committee)
    for url in urls:
        response = zh_client.get(url)
        assert response.status_code == 200, url
    motion = Motion.objects.filter(community=topic.community, status="draft").first()
    zh_client.post(reverse("consultation:motion-open", args=[slug, motion.pk]))
    page = zh_client.get(reverse("consultation:motion", args=[slug, motion.pk]))
    assert page.status_code == 200
    assert 'name="ballots"' in page.content.decode()  # the paper tally form
