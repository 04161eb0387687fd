"""The person using Gongzhi: one custom user model from the first migration."""

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.masking import mask_email, mask_name, mask_phone, shown_name
from accounts.mfa import has_totp

# Permissions a superuser holds only through the rules, like anyone else.
_NO_BLANKET_RIGHTS = ("assistance.",)


class GongzhiUserManager(UserManager):
    """Users sign in by email (or phone); there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person. Public pages show `public_name`, never the real name or phone in full."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("The name others see on the site."),
    )
    real_name = models.CharField(
        _("real name"),
        max_length=60,
        blank=True,
        help_text=_("Optional. Shown masked in public (张*明)."),
    )
    phone = models.CharField(
        _("phone number"),
        max_length=20,
        blank=True,
        null=True,
        unique=True,
        help_text=_("Optional. Can be used to sign in; shown masked."),
    )
    phone_verified = models.BooleanField(_("phone verified"), default=False)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    large_text = models.BooleanField(
        _("large text"),
        default=False,
        help_text=_("Show every page in larger type."),
    )
    is_anonymised = models.BooleanField(_("anonymised"), default=False, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = GongzhiUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.real_name or self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    def has_perm(self, perm: str, obj=None) -> bool:
        """A superuser's blanket rights need TOTP, like every staff role.

        Without TOTP a superuser is judged by the rules predicates only (which
        refuse staff rights without TOTP), never by Django's all-permissions shortcut.
        Social assistance is never reached by the shortcut: a case file belongs to
        the household and its case workers, and a platform admin reads one only
        with a recorded reason (assistance.cases.access.open_with_reason).
        """
        if (
            self.is_active
            and self.is_superuser
            and (not has_totp(self) or perm.startswith(_NO_BLANKET_RIGHTS))
        ):
            return rules.perm_exists(perm) and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    @property
    def public_name(self) -> str:
        """What public pages show: the display name, else the masked real name.

        A display name that is the person's real name is masked too: public pages
        never show a full real name (个人信息保护法; DESIGN.md, personal information).
        """
        if self.is_anonymised:
            return str(_("former resident"))
        return shown_name(self.display_name, self.real_name) or str(_("resident"))

    @property
    def masked_real_name(self) -> str:
        return mask_name(self.real_name)

    @property
    def masked_email(self) -> str:
        return mask_email(self.email)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone or "")
