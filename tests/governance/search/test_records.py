"""The site search also finds consultations, volunteer activities and charity
projects (records registered by their apps), and never a draft."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from charity.models import Project
from consultation.models import Consultation
from governance.models import SearchEntry
from tests.charity.factories import ProjectFactory, PublicProjectFactory
from tests.consultation.factories import ConsultationFactory
from tests.volunteers.factories import ActivityFactory
from volunteers.models import Activity

pytestmark = pytest.mark.django_db


def results(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")


def test_a_consultation_an_activity_and_a_project_are_found(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        consultation = ConsultationFactory(
            title="加装电梯协商", description="老旧小区加装电梯的费用分摊"
        )
        activity = ActivityFactory(
            title="探访独居老人",
            description="每周陪伴老人聊天",
            status=Activity.Status.PUBLISHED,
            published_at=timezone.now(),
        )
        project = PublicProjectFactory(
            title="困难学生助学", purpose="资助电梯维修工的子女"
        )
    page = results(client, q="电梯")
    assert (
        reverse(
            "consultation:detail", args=[consultation.community.slug, consultation.pk]
        )
        in page
    )
    assert reverse("charity:project", args=[project.community.slug, project.pk]) in page
    assert "2 results for" in page
    activity_url = reverse(
        "volunteers:activity", args=[activity.community.slug, activity.pk]
    )
    assert activity_url in results(client, q="独居老人")
    assert activity_url in results(client, q="独居老人", kind="activity")
    assert activity_url not in results(client, q="独居老人", kind="project")


def test_drafts_and_declined_proposals_are_never_found(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ActivityFactory(title="草稿活动测试", status=Activity.Status.DRAFT)
        ProjectFactory(title="草稿项目测试")
        ConsultationFactory(title="被否决议题测试", state="declined")
    assert "0 results for" in results(client, q="测试")


def test_an_entry_follows_its_record_when_it_changes_or_goes(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project = PublicProjectFactory(title="冬衣募集")
    assert SearchEntry.objects.filter(kind="project", title="冬衣募集").exists()
    with django_capture_on_commit_callbacks(execute=True):
        Project.objects.filter(pk=project.pk).update(title="冬衣募集（已改名）")
        project.refresh_from_db()
        project.save()
    assert SearchEntry.objects.get(kind="project").title == "冬衣募集（已改名）"
    with django_capture_on_commit_callbacks(execute=True):
        project.status = Project.Status.DRAFT
        project.save()
    assert not SearchEntry.objects.filter(kind="project").exists()
    with django_capture_on_commit_callbacks(execute=True):
        consultation = ConsultationFactory(title="停车位议题")
    with django_capture_on_commit_callbacks(execute=True):
        Consultation.objects.get(pk=consultation.pk).delete()
    assert not SearchEntry.objects.filter(kind="consultation").exists()


def test_rebuilding_the_index_restores_records(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ConsultationFactory(title="重建索引议题")
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert SearchEntry.objects.filter(
        kind="consultation", title="重建索引议题"
    ).exists()


def test_the_search_form_offers_the_new_kinds(client):
    page = client.get("/search/").content.decode()
    for kind in ("consultation", "activity", "project"):
        assert f'value="{kind}"' in page
