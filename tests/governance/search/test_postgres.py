"""On PostgreSQL the substring search is served by pg_trgm GIN indexes.

Every test in test_search.py also runs on PostgreSQL (DATABASE_URL=postgres://...);
these check what only PostgreSQL has.
"""

from __future__ import annotations

import pytest
from django.db import connection

from governance.search import index as search_index
from tests.support.governance_notices import add_notice

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="pg_trgm indexes exist on PostgreSQL only; SQLite scans the table. "
        "Run with DATABASE_URL=postgres://... to check them.",
    ),
]


def test_the_trigram_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'governance_searchentry'"
        )
        indexes = dict(cursor.fetchall())
    for name in ("gov_search_title_trgm", "gov_search_text_trgm"):
        assert "gin_trgm_ops" in indexes[name]
        assert "upper" in indexes[name].lower()


def test_a_substring_query_can_use_the_trigram_index(community):
    for number in range(30):
        add_notice(community, title=f"关于调整城乡低保标准的通知{number}")
    # The entries alone: joined to Wagtail's pages, the planner may drive the join
    # from the page side instead, which says nothing about the trigram index.
    from governance.models import SearchEntry

    query = SearchEntry.objects.filter(title__icontains="城乡低保标准")
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "gov_search_title_trgm" in plan


def test_two_chinese_characters_are_found_on_postgresql(community):
    add_notice(community, title="关于调整城乡低保标准的通知")
    add_notice(community, title="小区停水通知")
    titles = [e.title for e in search_index.search("低保")]
    assert titles == ["关于调整城乡低保标准的通知"]
