"""Personal data shown in public is masked (个人信息保护法)."""

import pytest

from accounts.masking import mask_email, mask_name, mask_phone


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三明", "张*明"),
        ("欧阳娜娜", "欧**娜"),
        ("张三", "张*"),
        ("张", "张"),
        ("", ""),
        ("Alice", "A***e"),
    ],
)
def test_names_keep_only_the_first_and_last_character(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [("13812345678", "138****5678"), ("+8613812345678", "+86138****5678"), ("", "")],
)
def test_phones_hide_the_middle_four_digits(phone, masked):
    assert mask_phone(phone) == masked


def test_emails_keep_only_the_first_letter_and_the_domain():
    assert mask_email("zhang.san@example.com") == "z***@example.com"


@pytest.mark.django_db
def test_public_name_prefers_the_display_name_then_the_masked_real_name(user_factory):
    assert user_factory(display_name="老王", real_name="王小明").public_name == "老王"
    assert user_factory(display_name="", real_name="王小明").public_name == "王*明"


@pytest.mark.django_db
def test_a_display_name_that_is_the_real_name_is_masked_in_public(user_factory):
    person = user_factory(display_name="陈志远", real_name="陈志远")
    assert person.public_name == "陈*远"
    assert user_factory(display_name="老陈", real_name="陈志远").public_name == "老陈"


@pytest.mark.django_db
def test_an_anonymised_person_is_shown_as_former_resident(user_factory):
    from django.utils import translation

    person = user_factory(is_anonymised=True)
    with translation.override("en"):
        assert person.public_name == "former resident"


@pytest.mark.django_db
def test_the_django_admin_lists_people_with_masked_phones(admin_client_with_totp):
    client, _admin = admin_client_with_totp
    from tests.factories import UserFactory

    UserFactory(email="listed@example.org", phone="+8613812345678")
    html = client.get("/django-admin/accounts/user/").content.decode()
    assert "listed@example.org" in html
    assert "+86138****5678" in html
    assert "+8613812345678" not in html
