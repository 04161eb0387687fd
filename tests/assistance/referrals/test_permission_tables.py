"""Every cell of the service-referral tables in docs/permissions.md: who may
register organisations, workers and contracts (`assistance-referral-setup`), and
who may refer and act on a referral (`assistance-referral-actions`). One test per
table, checking every cell and naming each that differs."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator

import assistance.rules  # noqa: F401  (registers every assistance permission)
from assistance.referrals import services
from assistance.referrals.models import Qualification, Referral
from tests.factories import UserFactory
from tests.support.actors import ACTORS, give_totp
from tests.support.permissions import doc_table

pytestmark = pytest.mark.django_db
Y, N = True, False
S = Referral.Status

SETUP_COLUMNS = {
    "register_organisation (street)": ("register_organisation", "street"),
    "register_organisation (district)": ("register_organisation", "district"),
    "edit_organisation (the street's)": ("edit_organisation", "org"),
    "edit_organisation (the district's)": ("edit_organisation", "district_org"),
    "add_social_worker (the street's)": ("add_social_worker", "org"),
    "manage_contracts (street)": ("manage_contracts", "street"),
    "manage_contracts (district)": ("manage_contracts", "district"),
}
ACTION_COLUMNS = {
    "refer_case (confirmed)": ("refer_case", "confirmed"),
    "refer_case (draft)": ("refer_case", "draft"),
    "view_referral (assigned)": ("view_referral", (S.REFERRED, True)),
    "view_referral (unassigned)": ("view_referral", (S.REFERRED, False)),
    "assign_referral (unassigned)": ("assign_referral", (S.REFERRED, False)),
    "accept_referral (referred)": ("accept_referral", (S.REFERRED, True)),
    "record_referral_visit (accepted)": ("record_referral_visit", (S.ACCEPTED, True)),
    "complete_referral (in progress)": ("complete_referral", (S.IN_PROGRESS, True)),
}
ASSIGNED = "assigned social worker"
NO_TOTP = "assigned social worker without TOTP"
WORKER_ROWS = (ASSIGNED, NO_TOTP, "lead social worker", "another social worker")


def _actor(name):
    return lambda get: ACTORS[name](get("community"))


STAFF_ROWS = {
    "assistance coordinator": lambda get: get("coordinator"),
    "street assistance officer": lambda get: get("officer"),
    "district assistance supervisor": lambda get: get("supervisor"),
    "applicant": lambda get: get("applicant"),
    **{
        who: _actor(who)
        for who in (
            "assistance coordinator of another community",
            "street assistance officer of another street",
            "district assistance supervisor of another district",
            "platform admin",
        )
    },
    "volunteer coordinator": _actor("coordinator"),
}

NO = (N,) * 8
ACTION_TABLE = {
    "assistance coordinator": (Y, N, Y, Y, N, N, N, N),
    "assistance coordinator of another community": NO,
    "street assistance officer": (Y, N, Y, Y, N, N, N, N),
    "street assistance officer of another street": NO,
    "district assistance supervisor": (N, N, Y, Y, N, N, N, N),
    "district assistance supervisor of another district": NO,
    "volunteer coordinator": NO,
    "applicant": NO,
    "platform admin": NO,
    ASSIGNED: (N, N, Y, N, N, Y, Y, Y),
    NO_TOTP: NO,
    "lead social worker": (N, N, N, Y, Y, N, N, N),
    "another social worker": NO,
}
NONE = (N,) * 7
SETUP_TABLE = {
    "assistance coordinator": NONE,
    "assistance coordinator of another community": NONE,
    "street assistance officer": (Y, N, Y, N, Y, Y, N),
    "street assistance officer of another street": NONE,
    "district assistance supervisor": (Y, Y, Y, Y, Y, Y, Y),
    "district assistance supervisor of another district": NONE,
    "volunteer coordinator": NONE,
    "applicant": NONE,
    "platform admin": NONE,
    ASSIGNED: NONE,
    NO_TOTP: NONE,
    "lead social worker": (N, N, N, N, Y, N, N),
    "another social worker": NONE,
}


class World:
    def __init__(self, request) -> None:
        get = request.getfixturevalue
        self.get = get
        self.people = {who: build(get) for who, build in STAFF_ROWS.items()}
        org = get("org")
        self.posts = {}
        for who in WORKER_ROWS:
            person = give_totp(UserFactory())
            self.posts[who] = services.add_worker(
                actor=get("officer"), organisation=org, email=person.email,
                qualification=Qualification.ASSISTANT, certificate_number="1",
                is_lead=who == "lead social worker")  # fmt: skip
            self.people[who] = person
        Authenticator.objects.filter(user=self.people[NO_TOTP]).delete()
        self.people[NO_TOTP] = type(self.people[NO_TOTP]).objects.get(
            pk=self.people[NO_TOTP].pk
        )
        self.objects = {
            "street": get("street"),
            "district": get("district"),
            "org": org,
            "district_org": services.register_organisation(
                actor=get("supervisor"),
                region=get("district"),
                areas=[],
                name="区级机构",
                credit_code="91350100M000100Y43",
                registration="r",
                contact_name="c",
                contact_phone="1",
            ),  # fmt: skip
        }
        self.cases = {s: get("make_case")(s) for s in ("confirmed", "draft")}
        self.referrals = {}

    def referral(self, status: str, worker) -> Referral:
        key = (status, worker.pk if worker else None)
        if key not in self.referrals:
            self.referrals[key] = Referral.objects.create(
                case=self.cases["confirmed"], service="care",
                organisation=self.objects["org"], worker=worker, note="n",
                status=status)  # fmt: skip
        return self.referrals[key]

    def may_act(self, who: str, column: str) -> bool:
        perm, target = ACTION_COLUMNS[column]
        if isinstance(target, str):
            obj = self.cases[target]
        else:
            status, assigned = target
            post = self.posts[who if who in (ASSIGNED, NO_TOTP) else ASSIGNED]
            obj = self.referral(status, post if assigned else None)
        return self.people[who].has_perm(f"assistance.{perm}", obj)

    def may_set_up(self, who: str, column: str) -> bool:
        perm, target = SETUP_COLUMNS[column]
        return self.people[who].has_perm(f"assistance.{perm}", self.objects[target])


def differing(table, columns, answer) -> list[str]:
    return [
        f"{who} | {column}: table says {expected}, code says {not expected}"
        for who, row in table.items()
        for column, expected in zip(columns, row, strict=True)
        if answer(who, column) is not expected
    ]


def test_each_person_sets_up_exactly_what_the_table_gives(request):
    world = World(request)
    wrong = differing(SETUP_TABLE, tuple(SETUP_COLUMNS), world.may_set_up)
    assert not wrong, "\n".join(wrong)
    assert doc_table("assistance-referral-setup", tuple(SETUP_COLUMNS)) == SETUP_TABLE


def test_each_person_refers_and_acts_exactly_as_the_table_gives(request):
    world = World(request)
    wrong = differing(ACTION_TABLE, tuple(ACTION_COLUMNS), world.may_act)
    assert not wrong, "\n".join(wrong)
    assert (
        doc_table("assistance-referral-actions", tuple(ACTION_COLUMNS)) == ACTION_TABLE
    )
