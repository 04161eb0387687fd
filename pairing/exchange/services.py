"""Writes of a paired region's exchange: updates and situation feedback, questions
and answers, staff exchanges. One transaction each, audited; the view has
checked the permission, the service checks the content and the region."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from communities.models import Role
from communities.selectors import role_holders
from notifications.services import notify
from pairing.exchange.models import Question, StaffExchange, Update
from pairing.regions.models import Liaison, PairedRegion
from pairing.regions.selectors import liaison_users

KIND_QUESTION = "pairing.question"
KIND_ANSWER = "pairing.answer"


def exchange_url(region: PairedRegion) -> str:
    return reverse("pairing:exchange", args=[region.slug])


def _author_name(actor: Any, region: PairedRegion) -> str:
    post = (
        Liaison.objects.active()
        .filter(user=actor, paired_region=region)
        .only("name", "title")
        .first()
    )
    if post is not None:
        return f"{post.name}（{post.title}）"
    return actor.public_name


def _not_blank(**texts: str) -> None:
    blank = {
        name: _("This field cannot be empty.")
        for name, text in texts.items()
        if not (text or "").strip()
    }
    if blank:
        raise ValidationError(blank)


@transaction.atomic
def post_update(
    *,
    actor: Any,
    paired_region: PairedRegion,
    kind: str,
    title: str,
    body: str,
    attachment: Any = None,
    is_public: bool = False,
) -> Update:
    """An update (public or internal) or situation feedback (always internal)."""
    _not_blank(title=title, body=body)
    if kind not in Update.Kind.values:
        raise ValidationError(_("Unknown kind of post."))
    update = Update(
        paired_region=paired_region,
        kind=kind,
        title=title.strip(),
        body=body.strip(),
        is_public=is_public and kind == Update.Kind.UPDATE,
        author=actor,
        author_name=_author_name(actor, paired_region),
    )
    if attachment:
        update.attachment = attachment
    update.full_clean()
    update.save()
    record(
        actor=actor,
        action=f"pairing.{kind}_posted",
        target=update,
        data={"paired_region": paired_region.pk, "public": update.is_public},
    )
    return update


def home_side(region: PairedRegion) -> list[Any]:
    """Who answers questions: the home liaisons and the district's officers."""
    officers = list(role_holders(roles=[Role.DISTRICT_OFFICER], region=region.district))
    return officers + liaison_users(region, Liaison.Side.HOME)


@transaction.atomic
def ask_question(
    *, actor: Any, paired_region: PairedRegion, title: str, body: str
) -> Question:
    _not_blank(title=title, body=body)
    question = Question.objects.create(
        paired_region=paired_region,
        title=title.strip(),
        body=body.strip(),
        asked_by=actor,
    )
    record(
        actor=actor,
        action="pairing.question_asked",
        target=question,
        data={"paired_region": paired_region.pk},
    )
    notify(
        recipients=home_side(paired_region),
        kind=KIND_QUESTION,
        title=_("A question from %(region)s: %(title)s")
        % {"region": paired_region.name, "title": question.title},
        url=exchange_url(paired_region),
    )
    return question


@transaction.atomic
def answer_question(
    *, actor: Any, paired_region: PairedRegion, question: Question, answer: str
) -> Question:
    _not_blank(answer=answer)
    locked = Question.objects.select_for_update().get(pk=question.pk)
    if locked.paired_region_id != paired_region.pk:
        raise ValidationError(_("This question belongs to another paired region."))
    if locked.answered_at is not None:
        raise ValidationError(_("This question is already answered."))
    locked.answer = answer.strip()
    locked.answered_by = actor
    locked.answered_at = timezone.now()
    locked.save(update_fields=["answer", "answered_by", "answered_at"])
    record(
        actor=actor,
        action="pairing.question_answered",
        target=locked,
        data={"paired_region": paired_region.pk},
    )
    notify(
        recipients=[locked.asked_by],
        kind=KIND_ANSWER,
        title=_("Your question is answered: %(title)s") % {"title": locked.title},
        url=exchange_url(paired_region),
    )
    return locked


@transaction.atomic
def record_exchange(
    *,
    actor: Any,
    paired_region: PairedRegion,
    people: str,
    direction: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    purpose: str,
) -> StaffExchange:
    _not_blank(people=people, purpose=purpose)
    if ends_on < starts_on:
        raise ValidationError(
            {"ends_on": _("The exchange cannot end before it starts.")}
        )
    exchange = StaffExchange(
        paired_region=paired_region,
        people=people.strip(),
        direction=direction,
        starts_on=starts_on,
        ends_on=ends_on,
        purpose=purpose.strip(),
        recorded_by=actor,
    )
    exchange.full_clean()
    exchange.save()
    record(
        actor=actor,
        action="pairing.exchange_recorded",
        target=exchange,
        data={"paired_region": paired_region.pk},
    )
    return exchange
