"""Deliberation rights by consultation state and by who asks (docs/permissions.md)."""

from __future__ import annotations

import pytest

from consultation.deliberation import services as deliberation_services
from consultation.models import State
from tests.consultation.factories import ConsultationFactory, MeetingFactory
from tests.factories import UserFactory
from tests.support.permissions import differing

pytestmark = pytest.mark.django_db

# consultation state -> may a verified resident comment?
COMMENT_BY_STATE = {
    State.PROPOSED: True,
    State.ACCEPTED: True,
    State.PARTICIPANTS_SET: True,
    State.NOTICE_PUBLISHED: True,
    State.HELD: True,
    State.OPINION_RECORDED: True,
    State.IMPLEMENTING: True,
    State.FEEDBACK_PUBLISHED: True,
    State.CLOSED: False,
    State.DECLINED: False,
}


def test_the_state_table_covers_every_state():
    assert set(COMMENT_BY_STATE) == set(State.values)


def test_comment_by_state(community, make_resident, committee):
    """Every cell: who (rows) may comment in each state (columns); one
    consultation per state, with the participant invited to a meeting of each."""
    people = {
        "resident": make_resident(),
        "participant": UserFactory(),
        "committee": committee,
    }
    consultations = {}
    for state in COMMENT_BY_STATE:
        consultations[state] = ConsultationFactory(community=community, state=state)
        MeetingFactory(consultation=consultations[state]).participants.create(
            user=people["participant"], kind="expert", how="invited"
        )
    row = tuple(COMMENT_BY_STATE.values())
    wrong = differing(
        dict.fromkeys(people, row),
        tuple(COMMENT_BY_STATE),
        lambda who, state: people[who].has_perm(
            "consultation.comment", consultations[state]
        ),
    )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("another resident", True),
        ("the author", False),
        ("already reported", False),
        ("hidden comment", False),
        ("not a resident", False),
    ],
)
def test_report_comment(community, make_resident, committee, case, expected):
    consultation = ConsultationFactory(community=community)
    author = make_resident()
    comment = deliberation_services.post_comment(
        author=author, consultation=consultation, body="x"
    )
    user = make_resident()
    if case == "the author":
        user = author
    elif case == "already reported":
        deliberation_services.report_comment(user=user, comment=comment)
    elif case == "hidden comment":
        deliberation_services.hide_comment(actor=committee, comment=comment, reason="r")
    elif case == "not a resident":
        user = UserFactory()
    assert user.has_perm("consultation.report_comment", comment) is expected
