"""Spot checks (抽查): the district draws a random sample of the month's
confirmations once, then records a result per case. Audited."""

from __future__ import annotations

import datetime
import math
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance.oversight.models import SpotCheck, SpotCheckItem
from assistance.oversight.selectors import confirmed_in_month
from assistance.standards.selectors import settings_for
from audit.services import record
from communities.models import Region

_random = secrets.SystemRandom()


def sample_size(total: int, share: Any) -> int:
    """The share of `total`, rounded up; at least one when there is any."""
    if total <= 0:
        return 0
    return min(total, max(1, math.ceil(total * float(share) - 1e-9)))


def draw_spot_check(*, district: Region, month: datetime.date, actor: Any) -> SpotCheck:
    """Draw the month's sample once. ValidationError when already drawn or when
    no case was confirmed that month (nothing saved)."""
    month = month.replace(day=1)
    share = settings_for(district).spot_check_share
    with transaction.atomic():
        if SpotCheck.objects.filter(district=district, month=month).exists():
            raise ValidationError(_("A sample has already been drawn for this month."))
        confirmed = confirmed_in_month(district, month)
        if not confirmed:
            raise ValidationError(
                _("No case of the district was confirmed that month.")
            )
        chosen = sorted(_random.sample(confirmed, sample_size(len(confirmed), share)))
        try:
            with transaction.atomic():
                check = SpotCheck.objects.create(
                    district=district, month=month, share=share, drawn_by=actor
                )
        except IntegrityError:
            raise ValidationError(
                _("A sample has already been drawn for this month.")
            ) from None
        SpotCheckItem.objects.bulk_create(
            SpotCheckItem(spot_check=check, case_id=pk) for pk in chosen
        )
        record(
            actor=actor,
            action="assistance.spot_check_drawn",
            target=check,
            data={
                "month": month.strftime("%Y-%m"),
                "confirmed": len(confirmed),
                "drawn": len(chosen),
            },
        )
    return check


def record_result(
    *, item: SpotCheckItem, result: str, note: str = "", actor: Any
) -> SpotCheckItem:
    if result not in (SpotCheckItem.Result.CORRECT, SpotCheckItem.Result.PROBLEM):
        raise ValidationError({"result": _("Choose correct or problem found.")})
    if result == SpotCheckItem.Result.PROBLEM and not note.strip():
        raise ValidationError({"note": _("Describe the problem found.")})
    with transaction.atomic():
        item = SpotCheckItem.objects.select_for_update().get(pk=item.pk)
        item.result, item.note = result, note.strip()
        item.checked_by, item.checked_at = actor, timezone.now()
        item.save(update_fields=["result", "note", "checked_by", "checked_at"])
        record(
            actor=actor,
            action="assistance.spot_check_result",
            target=item,
            community=item.case.community,
            data={"case": item.case.tracking_number, "result": result},
        )
    return item
