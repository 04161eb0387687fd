"""The API's doc page: every endpoint of the OpenAPI document with its summary
and parameters, rendered on the server in the visitor's language, with curl
examples and links to the document itself (no script from another site)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from drf_spectacular.generators import SchemaGenerator

from communities.cache import cache_public_page
from opendata.public.base import with_language

_schemas: dict[str, dict[str, Any]] = {}


def schema_for_language() -> dict[str, Any]:
    """The OpenAPI document (made once per process and language)."""
    language = get_language() or ""
    if language not in _schemas:
        _schemas[language] = SchemaGenerator().get_schema(request=None, public=True)
    return _schemas[language]


def endpoints(schema: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for path, methods in schema.get("paths", {}).items():
        operation = methods.get("get")
        if operation is None:
            continue
        rows.append(
            {
                "path": path,
                "summary": (operation.get("description") or "").strip(),
                "officer": bool(operation.get("security"))
                and not any(not s for s in operation.get("security", [])),
                "parameters": [
                    p["name"]
                    for p in operation.get("parameters", [])
                    if p.get("in") == "query"
                ],
            }
        )
    return rows


def docs_page(request: HttpRequest) -> HttpResponse:
    schema = schema_for_language()
    rows = endpoints(schema)
    return render(
        request,
        "opendata/docs.html",
        {
            "public_endpoints": [r for r in rows if not r["officer"]],
            "officer_endpoints": [r for r in rows if r["officer"]],
            "version": schema.get("info", {}).get("version", ""),
            "base": request.build_absolute_uri("/")[:-1],
        },
    )


docs = with_language(cache_public_page(docs_page))
