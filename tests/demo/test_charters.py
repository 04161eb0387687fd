"""seed_demo adds a convention adopted in two versions and a charter under review."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from governance.models import CharterPage, CharterVersion
from tests.support.governance import S

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_has_two_adopted_versions_and_one_under_review_idempotently(seeded):
    adopted = CharterPage.objects.get(kind="residents")
    assert adopted.live
    assert adopted.versions.filter(state=S.PUBLISHED).count() == 2
    assert adopted.current_version().number == 2
    assert CharterVersion.objects.filter(state=S.SUBMITTED).count() == 1
    counts = (CharterPage.objects.count(), CharterVersion.objects.count())
    call_command("seed_demo", "--force", verbosity=0)
    assert (CharterPage.objects.count(), CharterVersion.objects.count()) == counts


def test_the_demo_village_adopts_a_village_convention_in_village_words(seeded):
    village = CharterPage.objects.get(kind="village")
    assert village.community.is_village
    assert village.title == f"{village.community.name}村规民约"
    assert village.versions.filter(state=S.PUBLISHED).count() == 2
