"""allauth adapters: phone numbers live on the User; SMS goes through accounts.sms."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.fields import PhoneField
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.phone import normalise_phone, try_normalise_phone
from accounts.sms import send_sms


class AccountAdapter(DefaultAccountAdapter):
    """Stores the phone number on `User.phone` (normalised to +86XXXXXXXXXXX)."""

    def phone_form_field(self, **kwargs):
        # allauth's default field insists on E.164 (+86...); residents type the
        # 11 digits, so validation happens in clean_phone instead.
        kwargs.setdefault("validators", [])
        kwargs.setdefault("label", _("Mobile phone"))
        field = PhoneField(**kwargs)
        field.widget.attrs["placeholder"] = "13812345678"
        field.widget.attrs["inputmode"] = "tel"
        return field

    def save_user(self, request, user, form, commit=True):
        """A new account keeps the language the person chose while signing up."""
        language = translation.get_language()
        if language in {code for code, _name in settings.LANGUAGES}:
            user.preferred_language = language
        return super().save_user(request, user, form, commit=commit)

    def clean_phone(self, phone: str) -> str:
        """Only mainland mobile numbers; +86 is optional on input, always stored."""
        return normalise_phone(phone)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        send_sms(
            phone=phone,
            message=_("Your Gongzhi verification code is %(code)s.") % {"code": code},
        )

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        send_sms(
            phone=phone,
            message=_(
                "Someone asked for a Gongzhi sign-in code for this number, but no "
                "account uses it. If it was not you, ignore this message."
            ),
        )

    def send_account_already_exists_sms(self, phone: str) -> None:
        send_sms(
            phone=phone,
            message=_(
                "Someone tried to sign up to Gongzhi with this number, but you already "
                "have an account. Sign in instead; if it was not you, ignore this."
            ),
        )

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        if user.phone:
            return user.phone, user.phone_verified
        return None

    def set_phone_verified(self, user, phone: str) -> None:
        self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone: str):
        # The password login form passes the number as typed; normalise it here.
        normalised = try_normalise_phone(phone)
        if normalised is None:
            return None
        return (
            get_user_model()
            .objects.filter(phone=normalised, is_anonymised=False)
            .first()
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    pass
