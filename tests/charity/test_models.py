import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from charity.models import (
    Donation,
    Project,
    credit_code_check_character,
    validate_credit_code,
)
from tests.charity.factories import credit_code


def test_a_published_credit_code_with_its_check_character_is_accepted():
    # 91350100M000100Y43 is the worked example printed in GB 32100-2015.
    validate_credit_code("91350100M000100Y43")
    assert credit_code_check_character("91350100M000100Y4") == "3"


def test_a_credit_code_with_a_wrong_check_character_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_credit_code("91350100M000100Y44")
    assert error.value.code == "check_digit"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "91350100M000100Y4",
        "91350100M000100Y433",
        "91350100M000100I43",
        "9135-100M000100Y43",
    ],
)
def test_a_credit_code_of_the_wrong_length_or_alphabet_is_refused(value):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(value)
    assert error.value.code == "format"


def test_the_test_factory_makes_valid_codes():
    for n in range(50):
        validate_credit_code(credit_code(n))


def test_the_receiving_account_is_masked_but_for_the_last_four_characters():
    project = Project(receiving_account="6222 0200 1234 5678")
    assert project.masked_account == "************5678"
    assert Project(receiving_account="123").masked_account == "***"


def test_a_donor_who_did_not_opt_in_shows_as_anonymous_donor():
    assert Donation(donor_name="张三", show_name=False).public_name == "anonymous donor"
    assert Donation(donor_name="", show_name=True).public_name == "anonymous donor"
    assert Donation(donor_name="张三", show_name=True).public_name == "张三"


def test_the_anonymous_donor_is_translated_when_the_catalogue_has_it():
    with translation.override("zh-hans"):
        # Until the catalogue has the entry, the English source shows.
        assert Donation().public_name in {"爱心人士", "anonymous donor"}


@pytest.mark.django_db
def test_an_organisation_qualification_counts_only_within_its_validity(organisation):
    day = organisation.qualification_valid_to
    assert organisation.has_valid_qualification(day)
    assert not organisation.has_valid_qualification(day + datetime.timedelta(days=1))
    organisation.qualification_number = ""
    assert not organisation.has_valid_qualification(day)


def test_goods_have_their_estimated_value_and_money_its_amount():
    assert Donation(kind="goods", estimated_value=Decimal("30")).value == Decimal("30")
    assert Donation(kind="money", amount=Decimal("5.50")).value == Decimal("5.50")
