"""Two committee members issue (or one issues and one refuses) the same request
at the same moment: the row lock lets exactly one act; the other is told it was
already handled. Runs on PostgreSQL (real parallel connections)."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from audit.models import AuditEvent
from communities.models import Membership, Role
from governance.certificates import services
from governance.certificates.models import CertificateRequest, CertificateType
from tests.factories import CommunityFactory, MembershipFactory
from tests.support.actors import grant_role


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("restore_migrated_data")
@pytest.mark.postgres
@pytest.mark.skipif(
    not settings.IS_POSTGRES,
    reason="needs PostgreSQL: row locks under real parallel connections",
)
def test_a_request_is_handled_once_under_concurrent_clicks():
    community = CommunityFactory()
    kind = CertificateType.objects.create(
        district=community.street.parent, name="居住证明", legal_basis="b",
        purpose="p", procedure="p", evidence="e", template="{name}")  # fmt: skip
    resident = MembershipFactory(
        community=community, household__community=community,
        status=Membership.Status.VERIFIED).user  # fmt: skip
    row = services.request_certificate(
        actor=resident, community=community, certificate_type=kind,
        person_name="张三", purpose="p")  # fmt: skip
    members = [grant_role(Role.COMMITTEE, community=community) for _ in range(6)]
    barrier = threading.Barrier(len(members))
    outcomes = []

    def act(index):
        try:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=30)
            if index % 2:
                services.issue_certificate(actor=members[index], request=row)
            else:
                services.refuse_certificate(
                    actor=members[index], request=row, reason="r"
                )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - any other error fails the test
            outcomes.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(members)) as pool:
        list(pool.map(act, range(len(members))))
    assert sorted(map(str, outcomes)) == ["ok"] + ["refused"] * 5
    row = CertificateRequest.objects.get(pk=row.pk)
    assert row.status in ("issued", "refused")
    handled = AuditEvent.objects.filter(
        action__in=["governance.certificate_issued", "governance.certificate_refused"]
    )
    assert handled.count() == 1
