"""axe-core accessibility checks in a Playwright page (issue 15 §5).

axe-core comes from the npm registry, pinned in the project's package-lock.json and
installed into node_modules/ by `make install-dev` (`npm ci`). `violations(page)`
injects it into the page as it stands and returns what it finds, one readable line
per element: rule, impact, the element's selector, the page, and axe's own advice
with a link to the rule's explanation.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"

# WCAG 2.0, 2.1 and 2.2 levels A and AA, plus axe's best practices (landmarks,
# headings, region, ...). AAA rules are not checked.
TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
]

RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => Array.isArray(t) ? t.join(' >>> ') : t).join(' '),
      summary: (n.failureSummary || '').replace(/\\s+/g, ' ').trim(),
      html: n.html.slice(0, 160),
    })),
  }));
}"""


def _inject(page) -> None:
    if not AXE_JS.exists():
        raise AssertionError(
            f"{AXE_JS} is missing: run `make install-dev` (it runs `npm ci`) to "
            "install axe-core from package-lock.json"
        )
    # Wagtail's admin bundles an older axe of its own (its accessibility checker):
    # replace it by ours, so every page is judged by the same pinned rules.
    if page.evaluate("() => window.axe && window.axe.version") != _version():
        # Evaluated through the DevTools protocol, which the site's
        # Content-Security-Policy does not govern (an injected <script> tag, as
        # page.add_script_tag makes, would be refused: no nonce).
        page.evaluate(_source())


@cache
def _version() -> str:
    return json.loads((AXE_JS.parent / "package.json").read_text())["version"]


@cache
def _source() -> str:
    return AXE_JS.read_text(encoding="utf-8") + "\n;0"


def violations(
    page, *, allowed: dict[str, set[str]] | None = None
) -> list[tuple[str, str]]:
    """axe's violations on `page` now: (page URL, what is wrong and where), one per
    element.

    `allowed` maps a rule id to the exact target selectors exempted from it (for
    markup inside third-party code that cannot be fixed from outside; each use says
    why).
    """
    _inject(page)
    allowed = allowed or {}
    found = []
    for rule in page.evaluate(RUN, TAGS):
        for node in rule["nodes"]:
            if node["target"] in allowed.get(rule["id"], set()):
                continue
            found.append(
                (
                    page.url,
                    f"[{rule['impact']}] {rule['id']}: {rule['help']}"
                    f"\n    at {node['target']}\n    {node['html']}"
                    f"\n    {node['summary']}\n    see {rule['helpUrl']}",
                )
            )
    return found


def report(found: list[tuple[str, str]]) -> str:
    """Each problem once, with the pages it is on (a shared header's problem is
    one line, not one per page)."""
    pages: dict[str, list[str]] = {}
    for url, problem in found:
        pages.setdefault(problem, []).append(url)
    lines = [f"{len(pages)} distinct axe violations on {len(found)} elements:"]
    for problem, urls in pages.items():
        more = f" (+{len(urls) - 3} more pages)" if len(urls) > 3 else ""
        lines.append(f"- {problem}\n    on {', '.join(urls[:3])}{more}")
    return "\n".join(lines)
