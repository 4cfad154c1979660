"""axe-core on every page of every edition, light and dark: no violation of any impact.

Every axe rule runs except the AAA ones (the target is WCAG 2.2 AA): the
WCAG A/AA rules, the best practices and the experimental rules. Phone width
(360 px) is checked on the pages whose layout differs most.
"""

from __future__ import annotations

from functools import cache

import pytest

from conftest import LANGS

from .support import AXE_JS, page_paths

AXE_RUN_JS = """async () => {
  const rules = Object.fromEntries(axe.getRules().map(r => [r.ruleId, {enabled: !r.tags.includes("wcag2aaa")}]));
  const result = await axe.run(document, {rules, resultTypes: ["violations"]});
  return result.violations.map(v => `${v.id} (${v.impact}): ${v.help}\\n` +
    v.nodes.slice(0, 3).map(n => `      ${n.target.join(" ")}: ${n.failureSummary.replace(/\\s+/g, " ")}`).join("\\n"));
}"""
PHONE_PAGES = ["index.html", "understanding/signals.html", "help.html", "search.html", "404.html"]


@cache
def axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def violations(reader, path: str) -> list[str]:
    reader.open(path)
    # Evaluated, not added as a <script>: the pages' Content-Security-Policy forbids inline scripts.
    reader.page.evaluate(axe_source())
    return reader.page.evaluate(AXE_RUN_JS)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_on_any_page(reader, site, lang, theme):
    reader.use_theme(theme)
    found = []
    for path in page_paths(site, lang):
        found += [f"{path}: {problem}" for problem in violations(reader, path)]
        assert reader.page.evaluate("document.body.dataset.theme") == theme
    assert not found, "\n".join(found)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_at_phone_width(reader, lang, theme):
    reader.page.set_viewport_size({"width": 360, "height": 740})
    reader.use_theme(theme)
    found = [f"{path}: {problem}" for path in PHONE_PAGES for problem in violations(reader, f"{lang}/{path}")]
    assert not found, "\n".join(found)
