"""`manage.py rotate_field_keys`: every encrypted value re-encrypted with the
first key, so the old key can be dropped; and the deploy check."""

from __future__ import annotations

from decimal import Decimal

import pytest
from cryptography.fernet import Fernet
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection

from assistance.cases.models import Case, HouseholdMember, IncomeItem
from audit.models import AuditEvent

from .conftest import make_case

pytestmark = pytest.mark.django_db
OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_rotation_then_dropping_the_old_key_reads_everything(place, settings):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    case = make_case(
        place["community"], applicant_phone="13800138000", bank_account="622202"
    )
    member = case.members.get()
    income = IncomeItem.objects.create(
        case=case, member=member, kind="wages", monthly_amount=Decimal("321.50")
    )
    blank = make_case(place["village"])  # empty encrypted fields stay empty
    old_token = raw("assistance_case", "applicant_phone", case.pk)
    assert Fernet(OLD.encode()).decrypt(old_token.encode()) == b"13800138000"

    settings.FIELD_ENCRYPTION_KEYS = [NEW, OLD]
    call_command("rotate_field_keys")
    new_token = raw("assistance_case", "applicant_phone", case.pk)
    assert new_token != old_token
    assert Fernet(NEW.encode()).decrypt(new_token.encode()) == b"13800138000"
    assert AuditEvent.objects.filter(action="accounts.field_keys_rotated").exists()
    assert raw("assistance_case", "reason", blank.pk) == ""

    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    case = Case.objects.get(pk=case.pk)
    assert case.applicant_phone == "13800138000" and case.bank_account == "622202"
    assert HouseholdMember.objects.get(pk=member.pk).id_number == "110101198001010000"
    assert IncomeItem.objects.get(pk=income.pk).monthly_amount == Decimal("321.50")


def test_rotating_twice_changes_nothing_readable(place, settings, capsys):
    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    case = make_case(place["community"], applicant_phone="13900000000")
    call_command("rotate_field_keys")
    call_command("rotate_field_keys")
    assert Case.objects.get(pk=case.pk).applicant_phone == "13900000000"
    assert "Re-encrypted" in capsys.readouterr().out


def test_values_no_key_reads_are_left_alone_and_reported(place, settings, capsys):
    settings.FIELD_ENCRYPTION_KEYS = [OLD]
    case = make_case(place["community"], applicant_phone="13800138000")
    before = raw("assistance_case", "applicant_phone", case.pk)
    settings.FIELD_ENCRYPTION_KEYS = [NEW]  # OLD lost: nothing can read it
    call_command("rotate_field_keys")
    assert raw("assistance_case", "applicant_phone", case.pk) == before
    assert "could not be read" in capsys.readouterr().err


def test_deploy_check_warns_without_keys(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    # The default database only (all aliases would include the test replica).
    checks = run_checks(include_deployment_checks=True, databases=["default"])
    ids = {m.id for m in checks}
    assert "accounts.W001" in ids
    settings.FIELD_ENCRYPTION_KEYS = [NEW]
    ids = {
        m.id for m in run_checks(include_deployment_checks=True, databases=["default"])
    }
    assert "accounts.W001" not in ids
    # Not a deploy run: no warning.
    settings.FIELD_ENCRYPTION_KEYS = []
    assert "accounts.W001" not in {m.id for m in run_checks(databases=["default"])}
