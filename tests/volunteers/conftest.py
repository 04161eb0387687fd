import pytest
from pytest_factoryboy import register

from tests.volunteers import factories

register(factories.SkillFactory)
register(factories.VolunteerProfileFactory)
register(factories.TeamFactory)
register(factories.ActivityFactory)
register(factories.ShiftFactory)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded consent forms go to a throwaway folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
