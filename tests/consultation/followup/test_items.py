"""Follow-up items: owners, due dates, updates with photos, followers, ratings."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from consultation.followup import selectors as followup_selectors
from consultation.followup import services as followup_services
from consultation.models import (
    FollowUpItem,
    FollowUpRating,
    ProgressPhoto,
    ProgressUpdate,
    State,
)
from notifications.models import Notification
from tests.factories import UserFactory
from tests.uploads.samples import SVG, jpeg_with_gps

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _item(resolution, committee, **kwargs):
    defaults = {"title": "安装充电桩", "owner_unit": "物业公司"}
    defaults.update(kwargs)
    return followup_services.add_item(
        actor=committee, resolution=resolution, **defaults
    )


def test_the_due_date_defaults_to_the_community_setting(resolution, committee):
    item = _item(resolution, committee)
    assert item.due_on == timezone.localdate() + datetime.timedelta(days=30)
    policy = resolution.community.policy
    policy.followup_due_days = 7
    policy.save()
    resolution.community.settings = policy
    other = _item(resolution, committee, title="验收")
    assert other.due_on == timezone.localdate() + datetime.timedelta(days=7)


def test_the_first_item_starts_the_implementation(resolution, committee):
    consultation = resolution.consultation
    assert consultation.state == State.OPINION_RECORDED
    _item(resolution, committee)
    consultation.refresh_from_db()
    assert consultation.state == State.IMPLEMENTING
    _item(resolution, committee, title="验收")  # no second step
    consultation.refresh_from_db()
    assert consultation.state == State.IMPLEMENTING


def test_an_item_needs_an_owner_who_is_committee_or_a_unit(resolution, committee):
    with pytest.raises(ValidationError) as error:
        _item(resolution, committee, owner_unit="")
    assert "owner_unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _item(resolution, committee, owner_unit="", owner_user=UserFactory())
    assert "owner_user" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _item(
            resolution,
            committee,
            due_on=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert "due_on" in error.value.message_dict
    assert not FollowUpItem.objects.exists()
    item = _item(resolution, committee, owner_unit="", owner_user=committee)
    assert item.owner_label == committee.public_name


def test_residents_cannot_add_items(resolution, residents):
    with pytest.raises(ValidationError):
        _item(resolution, residents[0])
    assert not FollowUpItem.objects.exists()


def test_followers_are_told_of_each_update_but_not_the_author(
    resolution, committee, residents
):
    item = _item(resolution, committee)
    follower = residents[5]
    followup_services.follow(user=follower, item=item)
    followup_services.follow(user=follower, item=item)  # following twice is once
    assert item.followers.count() == 1
    followup_services.post_update(actor=committee, item=item, text="已完成选址")
    notice = Notification.objects.get(kind="consultation.followup_update")
    assert notice.recipient == follower
    assert notice.body == "已完成选址"
    assert notice.url == f"/{item.community.slug}/consultations/followups/{item.pk}/"
    followup_services.unfollow(user=follower, item=item)
    followup_services.post_update(actor=committee, item=item, text="开始施工")
    assert Notification.objects.filter(kind="consultation.followup_update").count() == 1


def test_a_non_resident_cannot_follow(resolution, committee):
    item = _item(resolution, committee)
    with pytest.raises(ValidationError):
        followup_services.follow(user=UserFactory(), item=item)
    assert not item.followers.exists()


def test_update_photos_are_reencoded_without_gps(resolution, committee):
    item = _item(resolution, committee)
    photo = SimpleUploadedFile("site.jpg", jpeg_with_gps(), content_type="image/jpeg")
    update = followup_services.post_update(
        actor=committee, item=item, text="施工中", photos=[photo]
    )
    stored = update.photos.get()
    with Image.open(stored.image.open("rb")) as image:
        assert not image.getexif()
        assert image.format == "JPEG"


def test_a_bad_photo_is_refused_and_nothing_is_saved(resolution, committee):
    item = _item(resolution, committee)
    bad = SimpleUploadedFile("site.svg", SVG, content_type="image/svg+xml")
    with pytest.raises(ValidationError) as error:
        followup_services.post_update(
            actor=committee, item=item, text="施工中", photos=[bad]
        )
    assert "photos" in error.value.message_dict
    assert not ProgressUpdate.objects.exists()
    assert not ProgressPhoto.objects.exists()


def test_only_the_owner_or_the_committee_reports_progress(
    resolution, committee, residents
):
    item = _item(resolution, committee)
    with pytest.raises(ValidationError):
        followup_services.post_update(actor=residents[0], item=item, text="x")
    with pytest.raises(ValidationError) as error:
        followup_services.post_update(actor=committee, item=item, text="  ")
    assert "text" in error.value.message_dict
    assert not ProgressUpdate.objects.exists()


def test_closing_needs_a_final_report(resolution, committee):
    item = _item(resolution, committee)
    with pytest.raises(ValidationError) as error:
        followup_services.close_item(actor=committee, item=item, final_report=" ")
    assert "final_report" in error.value.message_dict
    item.refresh_from_db()
    assert item.closed_at is None


def test_closing_the_last_item_publishes_the_feedback(resolution, committee):
    first = _item(resolution, committee)
    second = _item(resolution, committee, title="验收")
    followup_services.close_item(
        actor=committee, item=first, final_report="装好了4个充电桩"
    )
    consultation = resolution.consultation
    consultation.refresh_from_db()
    assert consultation.state == State.IMPLEMENTING
    followup_services.close_item(actor=committee, item=second, final_report="验收合格")
    consultation.refresh_from_db()
    assert consultation.state == State.FEEDBACK_PUBLISHED
    assert "装好了4个充电桩" in consultation.feedback
    with pytest.raises(ValidationError):
        followup_services.close_item(actor=committee, item=second, final_report="again")


def test_people_who_took_part_are_asked_to_rate(resolution, committee, held):
    item = _item(resolution, committee)
    followup_services.close_item(actor=committee, item=item, final_report="装好了")
    asked = set(
        Notification.objects.filter(kind="consultation.followup_closed").values_list(
            "recipient_id", flat=True
        )
    )
    assert asked == {p.pk for p in held.participants + held.voters}


def test_residents_who_took_part_rate_a_done_item_once(resolution, committee, held):
    item = _item(resolution, committee)
    voter = held.voters[0]
    with pytest.raises(ValidationError, match="once they are done"):
        followup_services.rate(user=voter, item=item, score=4)
    followup_services.close_item(actor=committee, item=item, final_report="装好了")
    rating = followup_services.rate(user=voter, item=item, score=4, comment="很方便")
    assert (rating.score, rating.comment) == (4, "很方便")
    with pytest.raises(ValidationError, match="already rated"):
        followup_services.rate(user=voter, item=item, score=5)
    assert followup_selectors.rating_summary(item) == {"average": 4.0, "count": 1}


@pytest.mark.parametrize("score", [0, 6, "x", None])
def test_a_rating_is_from_one_to_five(resolution, committee, held, score):
    item = _item(resolution, committee)
    followup_services.close_item(actor=committee, item=item, final_report="装好了")
    with pytest.raises(ValidationError) as error:
        followup_services.rate(user=held.voters[0], item=item, score=score)
    assert "score" in error.value.message_dict
    assert not FollowUpRating.objects.exists()


def test_residents_who_did_not_take_part_cannot_rate(resolution, committee, residents):
    item = _item(resolution, committee)
    followup_services.close_item(actor=committee, item=item, final_report="装好了")
    bystander = residents[9]  # neither invited, voter, supporter nor commenter
    with pytest.raises(ValidationError, match="took part"):
        followup_services.rate(user=bystander, item=item, score=3)


def test_items_past_due_are_overdue(resolution, committee, time_machine):
    item = _item(resolution, committee, due_on=timezone.localdate())
    assert not item.is_overdue
    assert not FollowUpItem.objects.overdue().exists()
    time_machine.shift(datetime.timedelta(days=2))
    item.refresh_from_db()
    assert item.is_overdue
    assert list(FollowUpItem.objects.overdue()) == [item]
    followup_services.close_item(actor=committee, item=item, final_report="迟了两天")
    assert not FollowUpItem.objects.overdue().exists()


def test_milestones_are_reached_by_the_owner_or_committee(
    resolution, committee, residents
):
    item = _item(resolution, committee, milestones=["选址", "施工", ""])
    assert list(item.milestones.values_list("title", flat=True)) == ["选址", "施工"]
    milestone = item.milestones.first()
    with pytest.raises(ValidationError):
        followup_services.reach_milestone(actor=residents[0], milestone=milestone)
    followup_services.reach_milestone(actor=committee, milestone=milestone)
    milestone.refresh_from_db()
    assert milestone.done_at is not None
