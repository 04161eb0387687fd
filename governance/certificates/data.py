"""The national list of certificates a residents' or villagers' committee must not
issue, with the authority that issues each instead (built in, not database rows).

Source: 民政部、国家发展改革委、公安部、司法部、人力资源社会保障部、国家卫生健康委
《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕20号,
2020-04-28）, annex 《不应由基层群众性自治组织出具证明事项清单（第一批）》(20 items);
the item names follow 新华每日电讯 2020-04-28 (reproduced at
http://www.handmsg.com/page/2020/0511/7993567.shtml) and the Hubei list of 2020
(http://m-jingzhou.cjyun.org/p/301730.html). The authority named for each item is our
summary of where people are sent instead (公安机关、婚姻登记机关、医疗机构 …) and
should be checked against the official annex and the province's own list.

`forbidden_match(name)` finds the item a certificate type's name falls under: each
item has key words (Chinese and English) matched as substrings of the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ForbiddenItem:
    key: str
    name: Promise
    authority: Promise
    words: tuple[str, ...]


FORBIDDEN: tuple[ForbiddenItem, ...] = (
    ForbiddenItem(
        "kinship",
        _("Certificate of kinship"),
        _(
            "the household registration office of the public security organ, or a notary office"
        ),
        ("亲属关系", "亲属", "kinship", "relationship"),
    ),
    ForbiddenItem(
        "identity",
        _("Certificate of a resident's identity details"),
        _("the public security organ (household registration)"),
        ("身份信息", "居民身份", "identity details"),
    ),
    ForbiddenItem(
        "hukou_change",
        _("Certificate for changing a household registration entry"),
        _("the household registration office of the public security organ"),
        ("户口登记", "户口变更", "户籍变更", "household registration"),
    ),
    ForbiddenItem(
        "dog",
        _("Certificate of keeping a dog"),
        _("the dog registration office of the public security organ"),
        ("养犬", "犬只", "dog"),
    ),
    ForbiddenItem(
        "criminal_record",
        _("Certificate of no criminal record"),
        _("the public security organ"),
        ("犯罪记录", "无犯罪", "违法犯罪", "criminal"),
    ),
    ForbiddenItem(
        "drug_rehab",
        _("Certificate on a person in community drug treatment or rehabilitation"),
        _(
            "the township government or sub-district office in charge of community drug treatment"
        ),
        ("戒毒", "社区康复人员", "drug"),
    ),
    ForbiddenItem(
        "missing",
        _("Certificate that a person is missing"),
        _(
            "the people's court (declaration of disappearance) or the public security organ"
        ),
        ("失踪", "missing"),
    ),
    ForbiddenItem(
        "marital",
        _("Certificate of marital status"),
        _("the marriage registration office (or your own written statement)"),
        ("婚姻", "未婚", "离婚", "单身", "marital", "marriage"),
    ),
    ForbiddenItem(
        "birth",
        _("Certificate of birth"),
        _("the medical institution where the birth took place (出生医学证明)"),
        ("出生", "birth"),
    ),
    ForbiddenItem(
        "alive",
        _("Certificate of being alive"),
        _("the social insurance agency (online identity check) or a notary office"),
        ("健在", "生存", "在世", "alive"),
    ),
    ForbiddenItem(
        "death",
        _("Certificate of death"),
        _(
            "the medical institution, or the public security organ for a death outside one"
        ),
        ("死亡", "去世", "death"),
    ),
    ForbiddenItem(
        "illness",
        _("Certificate of illness"),
        _("a medical institution"),
        ("疾病", "患病", "病情", "illness", "disease"),
    ),
    ForbiddenItem(
        "disability",
        _("Certificate of disability"),
        _("the disabled persons' federation (disability card)"),
        ("残疾", "伤残", "disability"),
    ),
    ForbiddenItem(
        "childbearing",
        _("Certificate of marriage and childbearing status"),
        _("the health commission (population and family planning services)"),
        ("婚育", "生育", "计划生育", "childbearing", "family planning"),
    ),
    ForbiddenItem(
        "employment",
        _("Certificate of employment status"),
        _(
            "the human resources and social security department (public employment service)"
        ),
        ("就业", "失业", "无业", "待业", "employment", "unemployment"),
    ),
    ForbiddenItem(
        "personal_file",
        _("Certificate from a resident's personal file"),
        _("the unit or archive that keeps the personnel file"),
        ("档案", "personal file", "archive"),
    ),
    ForbiddenItem(
        "property",
        _("Certificate of a resident's property"),
        _(
            "the real-estate registration office, banks or other registers of the property"
        ),
        ("财产", "房产", "存款", "property"),
    ),
    ForbiddenItem(
        "inheritance",
        _("Certificate of the right to inherit"),
        _("a notary office or the people's court"),
        ("继承", "遗产", "inheritance", "inherit"),
    ),
    ForbiddenItem(
        "business_premises",
        _("Certificate of a business's premises"),
        _("the market regulation department (the applicant's own commitment)"),
        ("市场主体住所", "经营场所", "住所证明", "business premises"),
    ),
    ForbiddenItem(
        "lost_document",
        _("Certificate that a document was lost"),
        _("the authority that issued the document (or your own statement of loss)"),
        ("遗失", "丢失", "lost"),
    ),
)

BY_KEY: dict[str, ForbiddenItem] = {item.key: item for item in FORBIDDEN}


def forbidden_match(name: str) -> ForbiddenItem | None:
    """The national "must not issue" item this name falls under, if any."""
    text = "".join((name or "").split()).lower()
    if not text:
        return None
    for item in FORBIDDEN:
        for word in item.words:
            if "".join(word.split()).lower() in text:
                return item
    return None
