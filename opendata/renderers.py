"""A formula-safe CSV renderer: each row of what a list shows, one column per field
(nested fields as `a.b`, lists as JSON text), through communities.csv_export."""

from __future__ import annotations

import io
import json
from typing import Any

from rest_framework.renderers import BaseRenderer

from communities.csv_export import safe_writer


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}{key}."))
        return flat
    if isinstance(value, list):
        return {prefix[:-1]: json.dumps(value, ensure_ascii=False, default=str)}
    return {prefix[:-1]: value}


class SafeCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        flat = [
            _flatten(row) if isinstance(row, dict) else {"value": row} for row in rows
        ]
        header: list[str] = []
        for row in flat:
            header.extend(key for key in row if key not in header)
        stream = io.StringIO()
        stream.write("\ufeff")
        writer = safe_writer(stream)
        writer.writerow(header)
        for row in flat:
            writer.writerow([row.get(key) for key in header])
        return stream.getvalue().encode("utf-8")
