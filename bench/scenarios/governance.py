"""Governance pages: a community's notice list and the site search results.

`seed_scale` makes communities but no notices, so the first scale community gets
a page of notices here (once; later runs find them). They are marked announced
before publishing so the bench does not notify its thousand residents.
"""

from bench.scenarios import Scenario

BENCH_NOTICES = 25
TITLES = [
    "关于调整城乡低保标准的通知",
    "小区停水通知",
    "垃圾分类宣传活动",
    "关于开展冬季消防安全检查的通知",
    "社区老年食堂开业公告",
]


def _community():
    from communities.models import Community

    community = (
        Community.objects.filter(slug__startswith="scale-").order_by("pk").first()
    )
    return community or Community.objects.order_by("pk").first()


def _ensure_notices(community) -> None:
    from governance.models import NoticeAnnouncement, NoticeIndexPage, NoticePage
    from governance.setup.services import setup_community

    setup_community(community)
    index = NoticeIndexPage.objects.get(community=community)
    have = NoticePage.objects.child_of(index).count()
    for number in range(have, BENCH_NOTICES):
        title = TITLES[number % len(TITLES)]
        notice = index.add_child(
            instance=NoticePage(
                title=f"{title}（{number + 1}）",
                slug=f"bench-notice-{number + 1}",
                summary="各位居民：请留意本通知的具体安排。",
                body="<p>详情请到社区服务站咨询，或拨打社区服务电话。</p>" * 5,
                pinned=number == 0,
                live=False,
            )
        )
        NoticeAnnouncement.objects.create(notice=notice)
        notice.save_revision().publish()


def _notice_list() -> str:
    community = _community()
    _ensure_notices(community)
    return f"/{community.slug}/notices/"


def _search_results() -> str:
    _ensure_notices(_community())
    return "/search/?q=%E4%BD%8E%E4%BF%9D"  # 低保


SCENARIOS = [
    Scenario("notice_list", _notice_list),
    Scenario("search_results", _search_results),
]
