"""公示: started only from a recommended, reviewed case with whitelisted fields,
7 days by default and never under 3; the public list shows only those fields
and only notices up today; objections are private, rate-limited, and stop or
undo the notice."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assistance.cases.models import Kind, State
from assistance.publicity import services
from assistance.publicity.models import PUBLIC_FIELDS, Publicity, PublicityObjection
from assistance.publicity.tasks import retire_ended_notices
from assistance.standards.selectors import settings_for
from notifications import scheduling
from notifications.models import Notification
from tests.factories import UserFactory

MONTH = datetime.date(2026, 1, 1)
TODAY = timezone.localdate()


def start(case, officer, **kwargs):
    return services.start_publicity(
        case=case, actor=officer, start_month=kwargs.pop("month", MONTH), **kwargs
    )


def test_start_copies_only_whitelisted_fields(make_case, officer, district):
    case = make_case()
    notice = start(case, officer)
    case.refresh_from_db()
    assert case.state == State.PUBLICITY
    assert notice.masked_name == "张*明"
    assert notice.household_size == 3
    assert notice.amount == Decimal("1350.00")
    assert notice.hotline == settings_for(district).complaint_hotline
    assert notice.starts_on == TODAY
    assert notice.ends_on == TODAY + datetime.timedelta(days=6)  # 7 days
    assert case.events.filter(action="publish").exists()
    assert Notification.objects.filter(recipient=case.applicant).exists()


def test_publicity_length_comes_from_the_settings_and_is_at_least_three(
    make_case, officer, district
):
    policy = settings_for(district)
    policy.publicity_days = 10
    policy.save()
    assert (start(make_case(), officer).ends_on - TODAY).days == 9
    type(policy).objects.filter(pk=policy.pk).update(publicity_days=1)
    assert (start(make_case(), officer).ends_on - TODAY).days == 2


def test_only_a_case_recommended_for_approval_is_published(make_case, officer):
    case = make_case(recommends=False)
    with pytest.raises(ValidationError):
        start(case, officer)
    assert not Publicity.objects.exists()


@pytest.mark.parametrize("state", [State.ACCEPTED, State.INVESTIGATED, State.PUBLICITY])
def test_the_review_cannot_be_skipped(make_case, officer, state):
    with pytest.raises(PermissionDenied):
        start(make_case(state=state), officer)
    assert not Publicity.objects.exists()


def test_coordinator_cannot_start(make_case, coordinator):
    with pytest.raises(PermissionDenied):
        start(make_case(), coordinator)


def test_temporary_needs_an_amount_within_the_limit(make_case, officer):
    case = make_case(kind=Kind.TEMPORARY, members=1, incomes=())
    with pytest.raises(ValidationError):
        start(case, officer)
    with pytest.raises(ValidationError):
        start(case, officer, amount=Decimal("9999"))
    notice = start(case, officer, amount=Decimal("2000"))
    assert notice.amount == Decimal("2000.00")


# --- the public page ------------------------------------------------------


def test_public_page_shows_only_whitelisted_fields(client, make_case, officer):
    case = make_case()
    case.relative_note = "主任的侄子"
    case.save()
    start(case, officer)
    url = reverse("assistance:publicity-list", args=[case.community.slug])
    html = client.get(url).content.decode()
    assert "张*明" in html
    assert "1350.00" in html
    for secret in [
        "张三明",
        "110101198001011234",
        "13800138000",
        "6222020200112233445",
        "尿毒症",
        "二级肢体残疾",
        "透析",
        "主任的侄子",
        case.tracking_number,
        "家人1",
    ]:
        assert secret not in html, secret


def test_public_page_shows_only_notices_up_today(client, make_case, officer):
    ended, withdrawn, future, up = (start(make_case(), officer) for _ in range(4))
    Publicity.objects.filter(pk=ended.pk).update(
        starts_on=TODAY - datetime.timedelta(days=9),
        ends_on=TODAY - datetime.timedelta(days=1),
        masked_name="旧*人",
    )
    Publicity.objects.filter(pk=withdrawn.pk).update(
        withdrawn_at=timezone.now(), masked_name="撤*人"
    )
    Publicity.objects.filter(pk=future.pk).update(
        starts_on=TODAY + datetime.timedelta(days=1),
        ends_on=TODAY + datetime.timedelta(days=8),
        masked_name="未*人",
    )
    html = client.get(
        reverse("assistance:publicity-list", args=[up.community.slug])
    ).content.decode()
    assert html.count('id="notice-') == 1
    for name in ("旧*人", "撤*人", "未*人"):
        assert name not in html


def test_cached_page_is_retired_when_a_notice_is_withdrawn(client, make_case, officer):
    case = make_case()
    start(case, officer)
    url = reverse("assistance:publicity-list", args=[case.community.slug])
    assert "张*明" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    objection = services.file_objection(
        publicity=case.publicities.get(),
        user=UserFactory(),
        text="他家有两套房和一辆车",
    )
    services.uphold_objection(
        objection=objection, actor=officer, note="核实发现有未申报房产"
    )
    response = client.get(url)
    assert response.get("X-Page-Cache") != "hit"
    assert "张*明" not in response.content.decode()


def test_public_list_query_count_does_not_grow(
    client, make_case, officer, django_assert_max_num_queries
):
    case = make_case()
    start(case, officer)
    url = reverse("assistance:publicity-list", args=[case.community.slug])
    # The community and the notices (headroom for navigation entries).
    with django_assert_max_num_queries(6) as few:
        client.get(url + "?a=1")
    for _ in range(5):
        start(make_case(), officer)
    with django_assert_max_num_queries(len(few)):
        response = client.get(url + "?a=2")
    assert response.content.decode().count('id="notice-') == 6


def test_a_notice_is_never_found_by_site_search(client, make_case, officer):
    case = make_case()
    start(case, officer)
    for query in ("张", "明", "1350", "公示"):
        html = client.get("/search/", {"q": query}).content.decode()
        assert "张*明" not in html  # (the query itself is echoed, so not the name)
        assert "/assistance/publicity/" not in html


# --- objections -----------------------------------------------------------


def test_anonymous_objection_needs_name_and_phone(make_case, officer):
    notice = start(make_case(), officer)
    with pytest.raises(ValidationError) as error:
        services.file_objection(
            publicity=notice, user=AnonymousUser(), text="他家有车有房不符合条件"
        )
    assert set(error.value.message_dict) == {"name", "phone"}
    assert not PublicityObjection.objects.exists()


def test_objection_is_private_and_tells_the_officers(
    client, make_case, officer, supervisor
):
    case = make_case()
    notice = start(case, officer)
    url = reverse(
        "assistance:publicity-objection", args=[case.community.slug, notice.pk]
    )
    response = client.post(
        url,
        {"name": "李四", "phone": "13912345678", "text": "他家经营一家小超市收入不低"},
    )
    assert response.status_code == 302
    objection = PublicityObjection.objects.get()
    assert objection.objector_name == "李四"
    assert Notification.objects.filter(recipient=officer).exists()
    assert Notification.objects.filter(recipient=supervisor).exists()
    html = client.get(
        reverse("assistance:publicity-list", args=[case.community.slug])
    ).content.decode()
    assert "李四" not in html and "13912345678" not in html


def test_objections_are_rate_limited(client, make_case, officer):
    notice = start(make_case(), officer)
    url = reverse(
        "assistance:publicity-objection", args=[notice.community.slug, notice.pk]
    )
    data = {
        "name": "李四",
        "phone": "13912345678",
        "text": "他家经营一家小超市收入不低",
    }
    codes = [
        client.post(url, data).status_code
        for _ in range(services.OBJECTIONS_PER_HOUR + 1)
    ]
    assert codes[-1] == 429
    assert PublicityObjection.objects.count() == services.OBJECTIONS_PER_HOUR


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "李四", "phone": "13912345678", "text": "短"},
        {"name": "李四", "phone": "not-a-phone", "text": "他家经营一家小超市收入不低"},
        {
            "name": "李" * 61,
            "phone": "13912345678",
            "text": "他家经营一家小超市收入不低",
        },
        {"name": "李四", "phone": "13912345678", "text": "x" * 2001},
    ],
)
def test_bad_objections_are_refused_and_nothing_saved(client, make_case, officer, data):
    notice = start(make_case(), officer)
    url = reverse(
        "assistance:publicity-objection", args=[notice.community.slug, notice.pk]
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not PublicityObjection.objects.exists()


def test_no_objection_to_a_notice_that_is_down(client, make_case, officer):
    notice = start(make_case(), officer)
    Publicity.objects.filter(pk=notice.pk).update(withdrawn_at=timezone.now())
    url = reverse(
        "assistance:publicity-objection", args=[notice.community.slug, notice.pk]
    )
    assert client.get(url).status_code == 404
    assert (
        client.post(
            url, {"name": "a", "phone": "13912345678", "text": "x" * 20}
        ).status_code
        == 404
    )


def test_upheld_objection_withdraws_and_sends_the_case_back(make_case, officer):
    case = make_case()
    notice = start(case, officer)
    objection = services.file_objection(
        publicity=notice, user=UserFactory(), text="他家有两套房和一辆车"
    )
    services.uphold_objection(
        objection=objection, actor=officer, note="核实发现有未申报房产"
    )
    case.refresh_from_db()
    notice.refresh_from_db()
    assert case.state == State.ACCEPTED
    assert notice.withdrawn_at is not None
    with pytest.raises(ValidationError):
        services.dismiss_objection(
            objection=objection, actor=officer, note="再处理一次试试"
        )


def test_dismissed_objection_keeps_the_notice(make_case, officer):
    case = make_case()
    notice = start(case, officer)
    objection = services.file_objection(
        publicity=notice, user=UserFactory(), text="他家有两套房和一辆车"
    )
    with pytest.raises(ValidationError):
        services.dismiss_objection(objection=objection, actor=officer, note="短")
    services.dismiss_objection(
        objection=objection, actor=officer, note="经核实房产已出售多年"
    )
    case.refresh_from_db()
    objection.refresh_from_db()
    assert case.state == State.PUBLICITY
    assert objection.outcome == PublicityObjection.Outcome.DISMISSED
    assert case.events.filter(action="objection_dismissed").exists()


def test_coordinator_cannot_handle_objections(make_case, officer, coordinator):
    notice = start(make_case(), officer)
    objection = services.file_objection(
        publicity=notice, user=UserFactory(), text="他家有两套房和一辆车"
    )
    with pytest.raises(PermissionDenied):
        services.uphold_objection(objection=objection, actor=coordinator, note="x" * 20)


def test_ended_notices_leave_cached_pages_after_midnight(client, make_case, officer):
    assert "assistance.retire_ended_notices" in {
        job.name for job in scheduling.registered_jobs()
    }
    case = make_case()
    notice = start(case, officer)
    url = reverse("assistance:publicity-list", args=[case.community.slug])
    client.get(url)
    Publicity.objects.filter(
        pk=notice.pk
    ).update(  # update(): no signal, as at midnight
        starts_on=TODAY - datetime.timedelta(days=7),
        ends_on=TODAY - datetime.timedelta(days=1),
    )
    assert client.get(url)["X-Page-Cache"] == "hit"
    retire_ended_notices.call()
    assert "张*明" not in client.get(url).content.decode()


def test_public_templates_read_only_whitelisted_fields_of_a_notice():
    folder = Path(settings.BASE_DIR) / "assistance/templates/assistance/publicity"
    allowed = {*PUBLIC_FIELDS, "pk", "get_kind_display"}
    for name in ("list.html", "objection.html"):
        used = set(re.findall(r"notice\.(\w+)", (folder / name).read_text()))
        assert used and used <= allowed, (name, used - allowed)


def test_public_list_in_chinese(zh_client, make_case, officer):
    case = make_case()
    start(case, officer)
    html = zh_client.get(
        reverse("assistance:publicity-list", args=[case.community.slug])
    ).content.decode()
    assert "社会救助公示" in html and "张*明" in html
