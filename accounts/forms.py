"""Forms for the account pages outside allauth: input shape and validation only."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import (
    RequestLoginCodeForm as AllauthRequestLoginCodeForm,
)
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class LoginForm(AllauthLoginForm):
    """allauth's login form, with a label that says what to type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email or mobile phone")
        self.fields["login"].widget.attrs["autocomplete"] = "username"


class RequestLoginCodeForm(AllauthRequestLoginCodeForm):
    """allauth's form asking for a sign-in code. With both e-mail and phone as ways
    to sign in neither field is required on its own, so an empty form passed and
    the view then failed (500): one of the two is required here."""

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(
                _("Enter your e-mail address or mobile phone number.")
            )
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "real_name", "preferred_language", "large_text"]
        labels = {
            "display_name": _("Display name"),
            "real_name": _("Real name"),
            "preferred_language": _("Preferred language"),
            "large_text": _("Large text"),
        }
        help_texts = {
            "display_name": _("The name others see on the site."),
            "real_name": _(
                "Optional. Public pages show it masked, for example 张*明; only "
                "people whose role needs it can read it in full."
            ),
            "preferred_language": _("The site and the admin are shown in it."),
            "large_text": _("Show every page in larger type."),
        }


class DeleteAccountForm(forms.Form):
    """Confirms deletion with the password, or a typed phrase for passwordless accounts."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirmation = forms.CharField(
        label=_("Type the confirmation phrase"),
        max_length=100,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.uses_password = user.has_usable_password()
        self.phrase = str(_("delete my account"))
        if self.uses_password:
            del self.fields["confirmation"]
        else:
            del self.fields["password"]
            self.fields["confirmation"].help_text = _(
                "Type “%(phrase)s” to confirm."
            ) % {"phrase": self.phrase}

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("The password is not correct."), code="wrong_password"
            )
        return password

    def clean_confirmation(self) -> str:
        typed = self.cleaned_data["confirmation"].strip()
        if typed.casefold() != self.phrase.casefold():
            raise forms.ValidationError(
                _("Type the phrase exactly as shown to confirm."), code="wrong_phrase"
            )
        return typed
