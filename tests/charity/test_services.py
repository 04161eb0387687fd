import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEvent
from charity.donations import selectors as donation_selectors
from charity.donations import services as donation_services
from charity.donations.tasks import lapse_pledges
from charity.models import Donation, Follow, Organisation, Project
from charity.organisations import services as organisation_services
from charity.projects import selectors as project_selectors
from charity.projects import services as project_services
from charity.reports import services as report_services
from communities.models import Role
from notifications import scheduling
from notifications.models import Notification
from tests.charity.factories import DonationFactory, credit_code, today
from tests.factories import RoleGrantFactory, UserFactory
from tests.uploads.samples import PDF

pytestmark = pytest.mark.django_db


def receipt():
    return SimpleUploadedFile("receipt.pdf", PDF, content_type="application/pdf")


# ---------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------
def org_fields(n=900, **overrides):
    fields = {
        "name": "阳光公益服务中心",
        "kind": Organisation.Kind.SOCIAL,
        "credit_code": credit_code(n).lower(),
        "qualification_number": "",
        "qualification_valid_from": None,
        "qualification_valid_to": None,
        "contact_person": "赵六",
        "contact_phone": "",
        "contact_email": "",
        "address": "",
    }
    return fields | overrides


def test_a_charity_manager_creates_an_organisation_that_lists_its_managers(
    community, manager
):
    organisation = organisation_services.save_organisation(
        actor=manager, community=community, managers=[manager], **org_fields()
    )
    assert list(organisation.managers.all()) == [manager]
    assert organisation.credit_code == credit_code(900)
    assert AuditEvent.objects.filter(action="charity.organisation_created").exists()


def test_only_holders_of_the_charity_manager_role_can_be_listed_as_managers(
    community, manager, resident
):
    with pytest.raises(ValidationError) as error:
        organisation_services.save_organisation(
            actor=manager, community=community, managers=[resident], **org_fields()
        )
    assert "managers" in error.value.error_dict
    assert not Organisation.objects.exists()


def test_a_resident_cannot_create_an_organisation(community, resident):
    with pytest.raises(PermissionDenied):
        organisation_services.save_organisation(
            actor=resident, community=community, managers=[], **org_fields()
        )


def test_a_manager_of_another_community_cannot_create_an_organisation_here(
    community, community_factory
):
    elsewhere = UserFactory()
    RoleGrantFactory(
        user=elsewhere, role=Role.CHARITY_MANAGER, community=community_factory()
    )
    with pytest.raises(PermissionDenied):
        organisation_services.save_organisation(
            actor=elsewhere, community=community, managers=[], **org_fields()
        )


# ---------------------------------------------------------------------------
# Going public
# ---------------------------------------------------------------------------
def test_a_project_with_qualification_and_filing_10_days_old_goes_public(
    draft_project, manager, resident
):
    Follow.objects.create(project=draft_project, user=resident)
    project = project_services.publish_project(actor=manager, project=draft_project)
    assert project.status == Project.Status.PUBLIC
    assert project.published_on == today()
    note = Notification.objects.get(recipient=resident)
    assert note.kind == "charity.project_status"
    assert draft_project.title in note.title


def test_a_lapsed_qualification_cannot_start_public_fundraising(draft_project, manager):
    organisation = draft_project.organisation
    organisation.qualification_valid_to = today() - datetime.timedelta(days=1)
    organisation.save()
    with pytest.raises(ValidationError) as error:
        project_services.publish_project(actor=manager, project=draft_project)
    assert "lapsed" in " ".join(error.value.messages)
    draft_project.refresh_from_db()
    assert draft_project.status == Project.Status.DRAFT


def test_a_public_fundraising_project_needs_its_filing_number(draft_project, manager):
    draft_project.filing_number = ""
    draft_project.save()
    with pytest.raises(ValidationError) as error:
        project_services.publish_project(actor=manager, project=draft_project)
    assert "filing number" in " ".join(error.value.messages)


def test_going_public_less_than_10_days_after_filing_is_refused(draft_project, manager):
    draft_project.filed_on = today() - datetime.timedelta(days=9)
    draft_project.save()
    with pytest.raises(ValidationError) as error:
        project_services.publish_project(actor=manager, project=draft_project)
    assert "10 days after filing" in " ".join(error.value.messages)
    draft_project.filed_on = today() - datetime.timedelta(days=10)
    draft_project.save()
    assert project_services.publish_project(
        actor=manager, project=draft_project
    ).status == ("public")


def test_an_emergency_with_a_reason_goes_public_before_filing_and_is_due_in_10_days(
    draft_project, manager
):
    draft_project.filing_number = ""
    draft_project.filed_on = None
    draft_project.emergency_reason = "暴雨受灾，紧急救助"
    draft_project.save()
    project = project_services.publish_project(actor=manager, project=draft_project)
    assert project.status == Project.Status.PUBLIC
    assert project.filing_due_on == today() + datetime.timedelta(days=10)
    assert not project.filing_overdue()
    assert project.filing_overdue(today() + datetime.timedelta(days=11))
    project_services.record_filing(
        actor=manager, project=project, filing_number="BA-001", filed_on=today()
    )
    assert not project.filing_overdue(today() + datetime.timedelta(days=30))


def test_an_emergency_still_needs_a_valid_qualification(draft_project, manager):
    draft_project.emergency_reason = "地震"
    draft_project.save()
    draft_project.organisation.qualification_number = ""
    draft_project.organisation.save()
    with pytest.raises(ValidationError):
        project_services.publish_project(actor=manager, project=draft_project)


def test_a_project_without_public_fundraising_needs_no_filing(draft_project, manager):
    draft_project.is_public_fundraising = False
    draft_project.filing_number = ""
    draft_project.save()
    assert project_services.publish_project(
        actor=manager, project=draft_project
    ).status == ("public")


def test_a_manager_not_listed_on_the_organisation_cannot_publish(
    draft_project, community
):
    other = UserFactory()
    RoleGrantFactory(user=other, role=Role.CHARITY_MANAGER, community=community)
    with pytest.raises(PermissionDenied):
        project_services.publish_project(actor=other, project=draft_project)


def test_closing_a_project_notifies_its_followers(public_project, manager, resident):
    project_services.follow(user=resident, project=public_project)
    project_services.close_project(actor=manager, project=public_project)
    assert (
        Notification.objects.filter(
            recipient=resident, kind="charity.project_status"
        ).count()
        == 1
    )
    with pytest.raises(ValidationError):
        project_services.close_project(actor=manager, project=public_project)


def test_nobody_can_follow_a_draft(draft_project, resident):
    with pytest.raises(PermissionDenied):
        project_services.follow(user=resident, project=draft_project)


# ---------------------------------------------------------------------------
# Donations
# ---------------------------------------------------------------------------
def test_a_pledge_waits_for_the_manager_then_gets_a_unique_receipt_number(
    public_project, manager, resident
):
    pledge = donation_services.pledge(
        user=resident, project=public_project, amount=Decimal("50")
    )
    assert pledge.status == Donation.Status.PLEDGED and pledge.receipt_number is None
    assert donation_selectors.ledger(public_project)["received"] == 0
    confirmed = donation_services.confirm_pledge(actor=manager, donation=pledge)
    assert confirmed.status == Donation.Status.CONFIRMED
    assert confirmed.receipt_number
    other = donation_services.confirm_pledge(
        actor=manager,
        donation=donation_services.pledge(
            user=resident, project=public_project, amount=Decimal("1")
        ),
    )
    assert other.receipt_number != confirmed.receipt_number
    assert donation_selectors.ledger(public_project)["received"] == Decimal("51.00")


def test_a_pledge_is_confirmed_only_once(public_project, manager, resident):
    pledge = donation_services.pledge(
        user=resident, project=public_project, amount=Decimal("5")
    )
    donation_services.confirm_pledge(actor=manager, donation=pledge)
    with pytest.raises(ValidationError):
        donation_services.confirm_pledge(actor=manager, donation=pledge)


def test_a_resident_cannot_confirm_a_pledge(public_project, resident):
    pledge = donation_services.pledge(
        user=resident, project=public_project, amount=Decimal("5")
    )
    with pytest.raises(PermissionDenied):
        donation_services.confirm_pledge(actor=resident, donation=pledge)


def test_nobody_pledges_to_a_draft_or_closed_project(draft_project, resident):
    with pytest.raises(PermissionDenied):
        donation_services.pledge(
            user=resident, project=draft_project, amount=Decimal("5")
        )
    draft_project.status = Project.Status.CLOSED
    with pytest.raises(PermissionDenied):
        donation_services.pledge(
            user=resident, project=draft_project, amount=Decimal("5")
        )


def test_pledges_whose_money_did_not_arrive_in_time_lapse(public_project, resident):
    late = donation_services.pledge(
        user=resident, project=public_project, amount=Decimal("5")
    )
    fresh = DonationFactory(
        project=public_project, lapses_at=timezone.now() + datetime.timedelta(days=10)
    )
    assert (
        donation_services.lapse_pledges(
            now=timezone.now() + donation_services.pledge_hold()
        )
        == 1
    )
    late.refresh_from_db()
    fresh.refresh_from_db()
    assert late.status == Donation.Status.LAPSED
    assert fresh.status == Donation.Status.PLEDGED


def test_the_lapse_task_is_registered_with_the_scheduler():
    job = scheduling._JOBS["charity.lapse_pledges"]
    assert job.every == datetime.timedelta(hours=1)


def test_a_lapsed_pledge_cannot_be_confirmed(public_project, manager, resident):
    pledge = donation_services.pledge(
        user=resident, project=public_project, amount=Decimal("5")
    )
    donation_services.lapse_pledges(
        now=timezone.now() + donation_services.pledge_hold()
    )
    with pytest.raises(ValidationError):
        donation_services.confirm_pledge(actor=manager, donation=pledge)


def test_managers_record_offline_goods_with_an_estimated_value(public_project, manager):
    goods = donation_services.record_offline_donation(
        actor=manager,
        project=public_project,
        kind="goods",
        item="冬衣",
        quantity=40,
        estimated_value=Decimal("2000"),
        donor_name="爱心超市",
        show_name=True,
    )
    assert goods.status == Donation.Status.CONFIRMED and goods.receipt_number
    ledger = donation_selectors.ledger(public_project)
    assert ledger["goods_value"] == Decimal("2000")
    assert ledger["received"] == 0  # goods are not money in the balance


def test_offline_goods_without_item_or_quantity_are_refused(public_project, manager):
    with pytest.raises(ValidationError) as error:
        donation_services.record_offline_donation(
            actor=manager, project=public_project, kind="goods"
        )
    assert {"item", "quantity", "estimated_value"} <= set(error.value.error_dict)
    assert not Donation.objects.exists()


# ---------------------------------------------------------------------------
# Spending and the ledger
# ---------------------------------------------------------------------------
def fund(project, manager, amount):
    return donation_services.record_offline_donation(
        actor=manager, project=project, kind="money", amount=Decimal(amount)
    )


def spend(project, manager, amount, **extra):
    return report_services.record_expenditure(
        actor=manager,
        project=project,
        spent_on=today(),
        amount=Decimal(amount),
        purpose="学习用品",
        payee="某某文具有限公司",
        receipt=receipt(),
        **extra,
    )


def test_the_ledger_reconciles_received_minus_spent_equals_balance(
    public_project, manager
):
    fund(public_project, manager, "1000.10")
    fund(public_project, manager, "200.00")
    spend(public_project, manager, "300.05")
    spend(public_project, manager, "0.05")
    ledger = donation_selectors.ledger(public_project)
    assert ledger["received"] == Decimal("1200.10")
    assert ledger["spent"] == Decimal("300.10")
    assert (
        ledger["balance"] == ledger["received"] - ledger["spent"] == Decimal("900.00")
    )
    assert donation_selectors.money_totals(public_project) == {
        "received": ledger["received"],
        "spent": ledger["spent"],
        "balance": ledger["balance"],
    }
    annotated = project_selectors.public_projects(public_project.community).get()
    assert (annotated.raised, annotated.spent) == (ledger["received"], ledger["spent"])


def test_spending_beyond_the_balance_is_refused_without_a_reason(
    public_project, manager
):
    fund(public_project, manager, "100")
    with pytest.raises(ValidationError) as error:
        spend(public_project, manager, "100.01")
    assert "over_balance_reason" in error.value.error_dict
    assert not public_project.expenditures.exists()


def test_spending_beyond_the_balance_with_a_reason_is_kept_for_the_public(
    public_project, manager
):
    fund(public_project, manager, "100")
    expenditure = spend(
        public_project, manager, "150", over_balance_reason="垫付，下月到账后冲抵"
    )
    assert expenditure.over_balance_reason == "垫付，下月到账后冲抵"
    assert donation_selectors.ledger(public_project)["balance"] == Decimal("-50.00")


def test_a_reason_is_not_kept_when_the_spending_is_within_the_balance(
    public_project, manager
):
    fund(public_project, manager, "100")
    assert (
        spend(
            public_project, manager, "50", over_balance_reason="x"
        ).over_balance_reason
        == ""
    )


def test_a_receipt_that_is_not_an_image_or_pdf_is_refused(public_project, manager):
    fund(public_project, manager, "100")
    with pytest.raises(ValidationError):
        report_services.record_expenditure(
            actor=manager,
            project=public_project,
            spent_on=today(),
            amount=Decimal("10"),
            purpose="x",
            payee="y",
            receipt=SimpleUploadedFile("receipt.pdf", b"MZ" + b"\0" * 100),
        )
    assert not public_project.expenditures.exists()


def test_a_draft_project_has_no_spending(draft_project, manager):
    with pytest.raises(ValidationError):
        spend(draft_project, manager, "1", over_balance_reason="x")


def test_a_public_projects_filing_and_emergency_reason_cannot_be_undone(
    public_project, manager
):
    with pytest.raises(ValidationError):
        project_services.save_project(
            actor=manager,
            organisation=public_project.organisation,
            project=public_project,
            filing_number="",
        )
    with pytest.raises(ValidationError):
        project_services.save_project(
            actor=manager,
            organisation=public_project.organisation,
            project=Project.objects.get(pk=public_project.pk),
            emergency_reason="后补",
        )
    changed = project_services.save_project(
        actor=manager,
        organisation=public_project.organisation,
        project=Project.objects.get(pk=public_project.pk),
        goal_amount=Decimal("12000.00"),
    )
    assert changed.goal_amount == Decimal("12000.00")


def test_the_service_refuses_a_payee_with_personal_numbers(public_project, manager):
    fund(public_project, manager, "100")
    with pytest.raises(ValidationError) as error:
        report_services.record_expenditure(
            actor=manager,
            project=public_project,
            spent_on=today(),
            amount=Decimal("1"),
            purpose="x",
            payee="身份证110101199001011234",
            receipt=receipt(),
        )
    assert "payee" in error.value.error_dict


def test_the_lapse_task_lapses_overdue_pledges(public_project):
    overdue = DonationFactory(
        project=public_project, lapses_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert lapse_pledges.call() == 1
    overdue.refresh_from_db()
    assert overdue.status == Donation.Status.LAPSED
