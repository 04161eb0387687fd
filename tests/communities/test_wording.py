"""City or village wording comes from one place (communities.wording)."""

import pytest
from django.template import Context, Template
from django.utils import translation

from communities import wording


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("village", "村务公开"), ("community", "居务公开"), (None, "村（居）务公开")],
)
def test_the_term_follows_the_community_kind(kind, expected):
    with translation.override("zh-hans"):
        assert str(wording.term(kind, "affairs_disclosure")) == expected


def test_every_term_has_three_distinct_chinese_forms():
    with translation.override("zh-hans"):
        for key, entry in wording.TERMS.items():
            forms = {str(entry.city), str(entry.village), str(entry.both)}
            assert len(forms) == 3, key
            assert all(any("\u4e00" <= c <= "\u9fff" for c in f) for f in forms), key


def test_the_template_tag_reads_the_community_from_the_context():
    class Village:
        kind = "village"

    template = Template('{% load wording %}{% term "convention" %}')
    with translation.override("zh-hans"):
        assert template.render(Context({"community": Village()})) == "村规民约"
        assert template.render(Context({})) == "村规民约（居民公约）"
