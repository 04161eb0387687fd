"""The dashboard's server-drawn bar chart: households receiving a monthly
allowance per community (inline SVG, the same approach as the disclosures
timeliness chart), with the numbers again in a text table."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

ROW_EM = 3.0


def recipients_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars sized by households; each row keeps its numbers for the table."""
    scale = max([row["households"] for row in rows] + [1])
    bars = []
    for index, row in enumerate(rows):
        top = index * ROW_EM
        bars.append(
            {
                **row,
                "label_y": f"{top + 1.1:.2f}em",
                "bar_y": f"{top + 1.4:.2f}em",
                "width": f"{100 * row['households'] / scale:.2f}%",
            }
        )
    return {
        "bars": bars,
        "height": f"{max(len(bars), 1) * ROW_EM + 0.5:.1f}em",
        "households": sum(row["households"] for row in rows),
        "amount": sum(row["amount"] for row in rows),
        "title": _("Households receiving assistance, by community"),
    }
