"""Concurrent donations and spending on PostgreSQL, with real threads."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from charity.donations import selectors as donation_selectors
from charity.donations import services as donation_services
from charity.models import Donation, Report
from charity.needs import selectors as need_selectors
from charity.needs import services as need_services
from charity.projects import selectors as project_selectors
from charity.reports import services as report_services
from tests.charity.factories import DonationFactory, PublicProjectFactory, today
from tests.uploads.samples import PDF

pytestmark = [
    pytest.mark.usefixtures("restore_migrated_data"),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write, so it cannot show a lost update; "
        "this runs on PostgreSQL (DATABASE_URL=postgres://...).",
    ),
]

THREADS = 24


def run_in_threads(work, arguments):
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def worker(argument):
        try:
            barrier.wait()
            results.append(work(argument))
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_never_lose_an_update_to_the_totals(
    public_project, manager
):
    pledges = [
        DonationFactory(project=public_project, amount=Decimal(f"{n}.01"))
        for n in range(1, THREADS + 1)
    ]
    results, errors = run_in_threads(
        lambda pledge: donation_services.confirm_pledge(actor=manager, donation=pledge),
        pledges,
    )
    assert errors == []
    expected = sum((p.amount for p in pledges), Decimal("0"))
    assert donation_selectors.ledger(public_project)["received"] == expected
    annotated = project_selectors.public_projects(public_project.community).get()
    assert annotated.raised == expected
    numbers = Donation.objects.values_list("receipt_number", flat=True)
    assert len(set(numbers)) == THREADS


@pytest.mark.django_db(transaction=True)
def test_the_same_pledge_confirmed_by_many_at_once_counts_once(public_project, manager):
    pledge = DonationFactory(project=public_project, amount=Decimal("10"))
    results, errors = run_in_threads(
        lambda _n: donation_services.confirm_pledge(actor=manager, donation=pledge),
        list(range(THREADS)),
    )
    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(e, ValidationError) for e in errors)
    assert donation_selectors.ledger(public_project)["received"] == Decimal("10")


@pytest.mark.django_db(transaction=True)
def test_concurrent_spending_cannot_pass_the_balance_twice(public_project, manager):
    donation_services.record_offline_donation(
        actor=manager, project=public_project, kind="money", amount=Decimal("100")
    )

    def spend(_n):
        return report_services.record_expenditure(
            actor=manager,
            project=public_project,
            spent_on=today(),
            amount=Decimal("20"),
            purpose="物资",
            payee="某某商贸有限公司",
            receipt=SimpleUploadedFile("r.pdf", PDF, content_type="application/pdf"),
        )

    results, errors = run_in_threads(spend, list(range(THREADS)))
    assert len(results) == 5
    assert len(errors) == THREADS - 5
    assert all(isinstance(e, ValidationError) for e in errors)
    assert donation_selectors.ledger(public_project)["balance"] == Decimal("0")


@pytest.mark.django_db(transaction=True)
def test_concurrent_pledges_to_a_need_never_over_cover_it_silently(
    community, manager, user_factory
):
    need = need_services.post_need(
        actor=manager,
        community=community,
        item="棉被",
        quantity=10,
        unit="床",
        needed_by=today(),
    )
    donors = [user_factory() for _n in range(THREADS)]
    results, errors = run_in_threads(
        lambda donor: need_services.pledge_to_need(user=donor, need=need, quantity=1),
        donors,
    )
    assert len(results) == 10
    assert len(errors) == THREADS - 10
    assert all(isinstance(e, ValidationError) for e in errors)
    assert need_selectors.need_coverage(need) == {
        "delivered": 0,
        "pledged": 10,
        "covered": 10,
        "missing": 0,
        "surplus": 0,
    }


@pytest.mark.django_db(transaction=True)
def test_the_same_due_report_filed_by_many_at_once_is_filed_once(organisation, manager):
    project = PublicProjectFactory(
        organisation=organisation,
        starts_on=today() - datetime.timedelta(days=100),
        ends_on=today() + datetime.timedelta(days=300),
    )
    results, errors = run_in_threads(
        lambda n: report_services.file_report(
            actor=manager, project=project, due="progress-1", title=f"{n}", text="x"
        ),
        list(range(8)),
    )
    assert len(results) == 1
    assert len(errors) == 7
    assert all(isinstance(e, ValidationError) for e in errors)
    assert Report.objects.count() == 1
