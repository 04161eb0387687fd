"""Services of paired regions and their exchange: every write audited, the
receiving side's liaison gets an account and a set-a-password e-mail after the
commit, questions and answers notify the other side, bad input saves nothing."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from audit.models import AuditEvent
from notifications.models import Notification
from pairing.exchange import services as exchange
from pairing.models import Liaison, PairedCommunity, PairedRegion, Question, Update
from pairing.regions import services
from pairing.regions.selectors import forget_posts
from tests.factories import CommunityFactory, StreetFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def test_creating_a_paired_region_is_audited_and_checks_the_plan(district, officer):
    with pytest.raises(ValidationError) as error:
        services.create_paired_region(
            actor=officer, district=district, name="甘肃省武山县", province="甘肃省",
            slug="wushan", plan_starts_on=TODAY, plan_ends_on=TODAY - datetime.timedelta(days=1))  # fmt: skip
    assert "plan_ends_on" in error.value.message_dict
    region = services.create_paired_region(
        actor=officer, district=district, name="甘肃省武山县", province="甘肃省",
        slug="wushan", agreement="协议", plan="计划")  # fmt: skip
    assert region.district == district
    assert actions() == ["pairing.region_created"]


def test_a_street_cannot_own_a_paired_region(home_street, officer):
    with pytest.raises(ValidationError):
        services.create_paired_region(
            actor=officer, district=home_street, name="甘肃省武山县",
            province="甘肃省", slug="wushan")  # fmt: skip
    assert not PairedRegion.objects.exists()


def test_pairs_are_of_the_districts_communities_and_once(
    wushan, officer, home_community
):
    pair = services.add_pair(
        actor=officer, paired_region=wushan, community=home_community,
        partner_name="洛门镇蓼阳村")  # fmt: skip
    with pytest.raises(ValidationError):
        services.add_pair(
            actor=officer, paired_region=wushan, community=home_community,
            partner_name="洛门镇蓼阳村")  # fmt: skip
    elsewhere = CommunityFactory(
        street=StreetFactory(parent=None, kind="district", slug="d2")
    )
    with pytest.raises(ValidationError):
        services.add_pair(
            actor=officer,
            paired_region=wushan,
            community=elsewhere,
            partner_name="某村",
        )
    services.remove_pair(actor=officer, pair=pair)
    assert not PairedCommunity.objects.exists()
    assert actions() == ["pairing.pair_added", "pairing.pair_removed"]


def test_a_receiving_liaison_gets_an_account_and_the_mail_after_the_commit(
    wushan, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = services.appoint_liaison(
            actor=officer, paired_region=wushan, side=Liaison.Side.RECEIVING,
            email="MA@wushan.example", name="马文斌", title="副局长", starts_on=TODAY)  # fmt: skip
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    user = post.user
    assert user.email == "ma@wushan.example"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "甘肃省武山县" in mail.outbox[0].body
    assert actions() == ["pairing.liaison_appointed"]


def test_a_home_liaison_needs_an_existing_account(wushan, officer):
    with pytest.raises(ValidationError) as error:
        services.appoint_liaison(
            actor=officer, paired_region=wushan, side=Liaison.Side.HOME,
            email="nobody@example.com", name="林", title="科长", starts_on=TODAY)  # fmt: skip
    assert "email" in error.value.message_dict
    assert not get_user_model().objects.filter(email="nobody@example.com").exists()
    person = UserFactory()
    post = services.appoint_liaison(
        actor=officer, paired_region=wushan, side=Liaison.Side.HOME,
        email=person.email, name="林", title="科长", starts_on=TODAY)  # fmt: skip
    assert post.user == person
    assert mail.outbox == []  # an existing account gets no password link


def test_revoking_ends_the_post_at_once(wushan, officer, receiving):
    assert receiving.has_perm("pairing.view_internal", wushan)
    post = Liaison.objects.get(user=receiving)
    services.revoke_liaison(actor=officer, liaison=post)
    forget_posts(receiving)
    assert not receiving.has_perm("pairing.view_internal", wushan)
    with pytest.raises(ValidationError):
        services.revoke_liaison(actor=officer, liaison=post)
    assert actions() == ["pairing.liaison_revoked"]


def test_feedback_is_always_internal_and_empty_text_is_refused(wushan, receiving):
    with pytest.raises(ValidationError):
        exchange.post_update(
            actor=receiving, paired_region=wushan, kind=Update.Kind.FEEDBACK,
            title="  ", body="正文")  # fmt: skip
    post = exchange.post_update(
        actor=receiving, paired_region=wushan, kind=Update.Kind.FEEDBACK,
        title="情况", body="正文", is_public=True)  # fmt: skip
    assert post.is_public is False
    assert post.author_name == "马文斌（副局长）"
    assert actions() == ["pairing.feedback_posted"]


def test_a_question_tells_the_home_side_and_the_answer_tells_the_asker(
    wushan, officer, home, receiving
):
    question = exchange.ask_question(
        actor=receiving, paired_region=wushan, title="经验材料？", body="请分享。"
    )
    told = set(
        Notification.objects.filter(kind=exchange.KIND_QUESTION).values_list(
            "recipient", flat=True
        )
    )
    assert told == {officer.pk, home.pk}
    exchange.answer_question(
        actor=officer, paired_region=wushan, question=question, answer="已发送。"
    )
    answer = Notification.objects.get(kind=exchange.KIND_ANSWER)
    assert answer.recipient == receiving
    assert answer.url == "/pairing/wushan/exchange/"
    with pytest.raises(ValidationError):
        exchange.answer_question(
            actor=officer, paired_region=wushan, question=question, answer="再答"
        )
    assert actions() == ["pairing.question_asked", "pairing.question_answered"]


def test_a_question_of_another_region_is_not_answered_there(
    wushan, yongdeng, officer, receiving
):
    question = exchange.ask_question(
        actor=receiving, paired_region=wushan, title="问", body="详情"
    )
    with pytest.raises(ValidationError):
        exchange.answer_question(
            actor=officer, paired_region=yongdeng, question=question, answer="答"
        )
    assert Question.objects.get().answered_at is None


def test_a_staff_exchange_cannot_end_before_it_starts(wushan, officer):
    with pytest.raises(ValidationError) as error:
        exchange.record_exchange(
            actor=officer, paired_region=wushan, people="王强", direction="outward",
            starts_on=TODAY, ends_on=TODAY - datetime.timedelta(days=1), purpose="挂职")  # fmt: skip
    assert "ends_on" in error.value.message_dict
    exchange.record_exchange(
        actor=officer, paired_region=wushan, people="王强", direction="outward",
        starts_on=TODAY, ends_on=TODAY, purpose="挂职")  # fmt: skip
    assert actions() == ["pairing.exchange_recorded"]
