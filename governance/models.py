"""Every governance model, imported from its concern so Django and the migrations
find them; other apps and tests import them from here.

Bodies and terms (governance/bodies/), notices (governance/notices/), affairs
disclosures (governance/disclosures/), charters (governance/charters/), the site
search table (governance/search/), certificates the committee issues
(governance/certificates/).
"""

from governance.bodies.models import (
    CHAIR_POSITIONS,
    OTHER_POSITIONS,
    PARTY_POSITIONS,
    SUPERVISION_MAX_MEMBERS,
    SUPERVISION_MIN_MEMBERS,
    Body,
    Position,
    Preset,
    Term,
    _photo_path,  # migration 0001 names governance.models._photo_path (upload_to)
)
from governance.certificates.models import (
    CertificateEvidence,
    CertificateRequest,
    CertificateType,
)
from governance.charters.models import (
    AdoptionVote,
    CharterClause,
    CharterKind,
    CharterState,
    CharterTransition,
    CharterVersion,
    ClauseComment,
)
from governance.charters.pages import CharterIndexPage, CharterPage
from governance.disclosures.models import (
    Cadence,
    CatalogueEntry,
    Category,
    DisclosureReview,
    DisclosureVersion,
    DueItem,
    Objection,
)
from governance.disclosures.pages import (
    DisclosureAttachment,
    DisclosureIndexPage,
    DisclosurePage,
)
from governance.notices.models import NoticeAnnouncement
from governance.notices.pages import NoticeAttachment, NoticeIndexPage, NoticePage
from governance.search.models import SearchEntry
from governance.vetting.models import (
    ReviewCandidate,
    ReviewDepartment,
    ReviewException,
    ReviewGround,
    ReviewResult,
    ReviewRound,
    VettingSettings,
)

__all__ = [
    "CHAIR_POSITIONS",
    "OTHER_POSITIONS",
    "PARTY_POSITIONS",
    "SUPERVISION_MAX_MEMBERS",
    "SUPERVISION_MIN_MEMBERS",
    "AdoptionVote",
    "Body",
    "Cadence",
    "CatalogueEntry",
    "Category",
    "CertificateEvidence",
    "CertificateRequest",
    "CertificateType",
    "CharterClause",
    "CharterIndexPage",
    "CharterKind",
    "CharterPage",
    "CharterState",
    "CharterTransition",
    "CharterVersion",
    "ClauseComment",
    "DisclosureAttachment",
    "DisclosureIndexPage",
    "DisclosurePage",
    "DisclosureReview",
    "DisclosureVersion",
    "DueItem",
    "NoticeAnnouncement",
    "NoticeAttachment",
    "NoticeIndexPage",
    "NoticePage",
    "Objection",
    "Position",
    "Preset",
    "ReviewCandidate",
    "ReviewDepartment",
    "ReviewException",
    "ReviewGround",
    "ReviewResult",
    "ReviewRound",
    "SearchEntry",
    "Term",
    "VettingSettings",
    "_photo_path",
]
