"""Writes of paired regions: creating and editing one, its pairs and its liaison
officers. One transaction each, audited; the view has checked the permission.

A liaison of the receiving side is appointed by e-mail: when no account has the
address, one is created without a usable password and the person gets, after the
commit, an e-mail with allauth's set-a-new-password link.
"""

from __future__ import annotations

import datetime
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.services import record
from communities.models import Community, Region
from notifications.emails import absolute_url
from pairing.regions.models import Liaison, PairedCommunity, PairedRegion

REGION_FIELDS = (
    "name",
    "province",
    "slug",
    "agreement",
    "plan",
    "plan_starts_on",
    "plan_ends_on",
)


def _check_plan(fields: dict[str, Any]) -> None:
    starts, ends = fields.get("plan_starts_on"), fields.get("plan_ends_on")
    if starts and ends and ends < starts:
        raise ValidationError(
            {"plan_ends_on": _("The plan cannot end before it starts.")}
        )


@transaction.atomic
def create_paired_region(
    *, actor: Any, district: Region, agreement_document: Any = None, **fields: Any
) -> PairedRegion:
    if not district.is_district:
        raise ValidationError(_("A paired region belongs to a district."))
    _check_plan(fields)
    region = PairedRegion(
        district=district,
        created_by=actor,
        **{name: fields.get(name) for name in REGION_FIELDS},
    )
    if agreement_document:
        region.agreement_document = agreement_document
    region.full_clean()
    region.save()
    record(actor=actor, action="pairing.region_created", target=region)
    return region


@transaction.atomic
def edit_paired_region(
    *,
    actor: Any,
    paired_region: PairedRegion,
    agreement_document: Any = None,
    **fields: Any,
) -> PairedRegion:
    _check_plan(fields)
    region = PairedRegion.objects.select_for_update().get(pk=paired_region.pk)
    for name in REGION_FIELDS:
        if name in fields:
            setattr(region, name, fields[name])
    if agreement_document:
        region.agreement_document = agreement_document
    region.full_clean()
    region.save()
    record(actor=actor, action="pairing.region_edited", target=region)
    return region


@transaction.atomic
def add_pair(
    *,
    actor: Any,
    paired_region: PairedRegion,
    community: Community,
    partner_name: str,
    note: str = "",
) -> PairedCommunity:
    if community.street.parent_id != paired_region.district_id:
        raise ValidationError(
            {"community": _("Choose a community of the supporting district.")}
        )
    partner_name = partner_name.strip()
    if PairedCommunity.objects.filter(
        paired_region=paired_region, community=community, partner_name=partner_name
    ).exists():
        raise ValidationError(
            {"partner_name": _("This community is already paired with that village.")}
        )
    pair = PairedCommunity(
        paired_region=paired_region,
        community=community,
        partner_name=partner_name,
        note=note,
    )
    pair.full_clean()
    pair.save()
    record(
        actor=actor,
        action="pairing.pair_added",
        target=pair,
        community=community,
        data={"paired_region": paired_region.pk, "partner": partner_name},
    )
    return pair


@transaction.atomic
def remove_pair(*, actor: Any, pair: PairedCommunity) -> None:
    record(
        actor=actor,
        action="pairing.pair_removed",
        target=pair.paired_region,
        community=pair.community,
        data={"pair": pair.pk, "partner": pair.partner_name},
    )
    pair.delete()


def _invitation(user_pk: int) -> None:
    """E-mail a new receiving-side liaison the link to set a password (allauth's
    password-reset link), in their language."""
    user = get_user_model().objects.get(pk=user_pk)
    link = absolute_url(
        reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(user),
                "key": default_token_generator.make_token(user),
            },
        )
    )
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {"user": user, "link": link, "posts": user.liaison_posts.all()}
        send_mail(
            subject=_("[共治] You are a liaison officer: set your password"),
            message=render_to_string("pairing/email/liaison_invitation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )


def _account_for(email: str, name: str, side: str) -> Any:
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    if side == Liaison.Side.HOME:
        raise ValidationError(
            {
                "email": _(
                    "No account has this address. A liaison of our district needs an account first."
                )
            }
        )
    user = User.objects.create_user(email=email, password=None, display_name=name[:60])
    user.set_unusable_password()
    user.save(update_fields=["password"])
    # The district vouches for the address; the password link proves it works.
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    transaction.on_commit(lambda: _invitation(user.pk))
    return user


@transaction.atomic
def appoint_liaison(
    *,
    actor: Any,
    paired_region: PairedRegion,
    side: str,
    email: str,
    name: str,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Liaison:
    """Appoint a liaison officer: for our side an existing account, for the
    receiving side an account by e-mail (created if none exists)."""
    if side not in Liaison.Side.values:
        raise ValidationError({"side": _("Choose a side.")})
    if ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The post cannot end before it starts.")})
    email = email.strip().lower()
    user = _account_for(email, name, side)
    if (
        Liaison.objects.active(on=starts_on)
        .filter(user=user, paired_region=paired_region)
        .exists()
    ):
        raise ValidationError(
            {"email": _("This person is already a liaison officer of this region.")}
        )
    post = Liaison(
        user=user,
        paired_region=paired_region,
        side=side,
        name=name,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        granted_by=actor,
    )
    post.full_clean()
    post.save()
    record(
        actor=actor,
        action="pairing.liaison_appointed",
        target=post,
        data={"user": user.pk, "side": side, "paired_region": paired_region.pk},
    )
    return post


@transaction.atomic
def revoke_liaison(*, actor: Any, liaison: Liaison) -> Liaison:
    post = Liaison.objects.select_for_update().get(pk=liaison.pk)
    if post.revoked_at is not None:
        raise ValidationError(_("This post is already revoked."))
    post.revoked_at = timezone.now()
    post.save(update_fields=["revoked_at"])
    record(
        actor=actor,
        action="pairing.liaison_revoked",
        target=post,
        data={"user": post.user_id, "paired_region": post.paired_region_id},
    )
    return post
