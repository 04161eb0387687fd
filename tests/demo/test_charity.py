"""charity.demo.seed: every status, donations, receipts, one overdue report; idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from charity.donations.selectors import ledger, ledger_totals
from charity.models import Donation, Expenditure, Need, Organisation, Project, Report
from charity.needs.selectors import community_needs
from charity.reports import schedule
from charity.reports.selectors import overdue_reports
from communities.models import Community
from communities.uploads import validate_upload

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_demo_has_two_organisations_one_lapsed(seeded):
    organisations = list(Organisation.objects.all())
    assert len(organisations) == 2
    assert sorted(o.has_valid_qualification() for o in organisations) == [False, True]


def test_the_demo_has_projects_in_every_status_and_one_paired(seeded):
    statuses = set(Project.objects.values_list("status", flat=True))
    assert statuses == {"draft", "public", "closed"}
    assert Project.objects.exclude(paired_region="").count() == 1


def test_the_demo_has_confirmed_and_pending_money_and_goods(seeded):
    donations = Donation.objects.all()
    assert donations.filter(status="confirmed", kind="money").exists()
    assert donations.filter(status="confirmed", kind="goods").exists()
    assert donations.filter(status="pledged").exists()


def test_the_demo_receipts_are_valid_uploads(seeded):
    expenditures = list(Expenditure.objects.all())
    assert len(expenditures) >= 3
    kinds = set()
    for expenditure in expenditures:
        with expenditure.receipt.open("rb") as file:
            kinds.add(
                validate_upload(file, kinds={"pdf", "image"}, max_bytes=10**7).kind
            )
    assert kinds == {"pdf", "image"}


def test_the_demo_has_exactly_one_overdue_report_and_a_partly_covered_need(
    seeded, client
):
    rows = overdue_reports(Community.objects.all())
    assert len(rows) == 1
    project = rows[0]["project"]
    page = client.get(
        reverse("charity:project", args=[project.community.slug, project.pk])
    )
    assert "1 report overdue" in page.content.decode()
    # The first need is the charity demo's (assistance posts another, from a case).
    first = Need.objects.order_by("pk").first()
    need = next(n for n in community_needs(first.community) if n.pk == first.pk)
    assert 0 < need.delivered < need.covered < need.quantity
    assert need.missing == need.quantity - need.covered


def test_the_demo_ledgers_reconcile(seeded):
    """The one-query totals agree with the rows of the published ledger, row by row."""
    reconciled = 0
    for project in Project.objects.exclude(status="draft"):
        totals = ledger_totals(project)
        rows = ledger(project)
        received = sum(d.amount for d in rows["money_donations"])
        spent = sum(e.amount for e in rows["expenditures"])
        assert totals["received"] == received
        assert totals["spent"] == spent
        assert totals["balance"] == received - spent >= 0
        reconciled += bool(received)
        assert schedule.schedule(project, project.reports.all())
    assert reconciled >= 2  # the demo has projects with money in and out


def test_seeding_twice_changes_nothing(seeded):
    models = (Organisation, Project, Donation, Expenditure, Report, Need)
    counts = [m.objects.count() for m in models]
    call_command("seed_demo", "--force", verbosity=0)
    assert [m.objects.count() for m in models] == counts
