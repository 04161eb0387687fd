"""One English word, two meanings: each shows its own Chinese (docs/glossary.md)."""

from django.template import Context, Template
from django.utils import translation

from charity.needs.models import Need
from consultation.votes.models import Motion
from governance.charters.models import CharterState


def test_an_open_need_is_collecting_and_an_open_vote_is_voting():
    with translation.override("zh-hans"):
        assert str(Need.Status.OPEN.label) == "募集中"
        assert str(Motion.Status.OPEN.label) == "表决中"


def test_a_filed_charter_is_filed_with_the_street():
    with translation.override("zh-hans"):
        assert str(CharterState.FILED.label) == "已备案"


def test_reporting_a_comment_is_not_a_report_document():
    with translation.override("zh-hans"):
        comment = Template('{% load i18n %}{% translate "Report" context "comment" %}')
        document = Template('{% load i18n %}{% translate "Report" %}')
        assert comment.render(Context()) == "举报"
        assert document.render(Context()) == "报告"
