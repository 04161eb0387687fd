"""Encryption at rest (accounts/crypto.py): the database holds tokens, Python
code sees the values, a wrong key reads nothing, and keys rotate."""

from __future__ import annotations

from decimal import Decimal

import pytest
from cryptography.fernet import Fernet
from django import forms
from django.db import connection
from django.test import override_settings

from accounts import crypto
from assistance.cases.models import Case, HouseholdMember, IncomeItem

ID_NUMBER = "110101199003074512"
OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE id = %s",  # noqa: S608 (names are ours)
            [pk],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def member(case):
    return HouseholdMember.objects.create(
        case=case,
        name="李四",
        relationship="spouse",
        id_number=ID_NUMBER,
        health="糖尿病",
    )


def test_an_encrypted_field_reads_back_what_was_written(member):
    member = HouseholdMember.objects.get(pk=member.pk)
    assert member.id_number == ID_NUMBER
    assert member.health == "糖尿病"


def test_the_database_column_holds_no_plain_text(member, case):
    stored = _raw("assistance_householdmember", "id_number", member.pk)
    assert stored and ID_NUMBER not in stored
    assert stored.startswith("gAAAA")  # a Fernet token
    assert "糖尿病" not in _raw("assistance_householdmember", "health", member.pk)
    phone = _raw("assistance_case", "applicant_phone", case.pk)
    assert "13800138000" not in phone
    assert Case.objects.get(pk=case.pk).applicant_phone == "13800138000"


def test_the_same_value_gives_a_different_token_each_time():
    assert crypto.encrypt(ID_NUMBER) != crypto.encrypt(ID_NUMBER)


def test_empty_stays_empty():
    assert crypto.encrypt("") == ""
    assert crypto.decrypt("") == ""


def test_a_wrong_key_reads_an_empty_value(member):
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert HouseholdMember.objects.get(pk=member.pk).id_number == ""
    assert HouseholdMember.objects.get(pk=member.pk).id_number == ID_NUMBER


def test_a_garbled_token_reads_an_empty_value():
    assert crypto.decrypt("not a token") == ""


def test_rotation_new_key_first_still_reads_old_tokens_and_rotate_rewrites_them():
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        old_token = crypto.encrypt(ID_NUMBER)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert crypto.decrypt(old_token) == ID_NUMBER
        new_token = crypto.rotate(old_token)
        assert new_token != old_token
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert crypto.decrypt(new_token) == ID_NUMBER
        assert crypto.decrypt(old_token) == ""  # the old key is gone


def test_rotation_of_rows_in_the_database(case):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        member = HouseholdMember.objects.create(
            case=case, name="王五", relationship="child", id_number=ID_NUMBER
        )
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert HouseholdMember.objects.get(pk=member.pk).id_number == ID_NUMBER
        token = _raw("assistance_householdmember", "id_number", member.pk)
        HouseholdMember.objects.filter(pk=member.pk).update(
            id_number=crypto.decrypt(crypto.rotate(token))
        )
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert HouseholdMember.objects.get(pk=member.pk).id_number == ID_NUMBER


def test_encrypted_decimal_round_trip_and_no_plain_amount_in_the_column(case):
    item = IncomeItem.objects.create(
        case=case, kind="wages", monthly_amount=Decimal("1234.50")
    )
    assert IncomeItem.objects.get(pk=item.pk).monthly_amount == Decimal("1234.50")
    stored = _raw("assistance_incomeitem", "monthly_amount", item.pk)
    assert "1234" not in stored and stored.startswith("gAAAA")


def test_encrypted_decimal_reads_a_wrong_key_or_garbage_as_none(case):
    item = IncomeItem.objects.create(case=case, kind="wages", monthly_amount="800")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert IncomeItem.objects.get(pk=item.pk).monthly_amount is None
    field = IncomeItem._meta.get_field("monthly_amount")
    assert field.to_python("garbage") is None
    assert field.to_python("") is None
    assert field.to_python("12.30") == Decimal("12.30")


def test_encrypted_decimal_form_field_refuses_negative_amounts():
    form_field = IncomeItem._meta.get_field("monthly_amount").formfield()
    assert isinstance(form_field, forms.DecimalField)
    with pytest.raises(forms.ValidationError):
        form_field.clean("-1")
    assert form_field.clean("12.5") == Decimal("12.5")


def test_the_rotation_command_finds_every_encrypted_field():
    found = {model.__name__: set(names) for model, names in crypto.encrypted_fields()}
    assert {"applicant_phone", "reason", "bank_account"} <= found["Case"]
    assert {"id_number", "health", "disability"} <= found["HouseholdMember"]
    assert "monthly_amount" in found["IncomeItem"]


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (ID_NUMBER, "1101**********4512"),
        ("1234567", "*******"),
        ("", ""),
    ],
)
def test_mask_id_number(value, masked):
    assert crypto.mask_id_number(value) == masked


def test_mask_tail():
    assert crypto.mask_tail("6222021234567890") == "************7890"
    assert crypto.mask_tail("123") == "***"
