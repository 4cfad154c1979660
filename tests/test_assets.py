"""Furo's style sheet cut for one page (handbook_ext/first_view.py), pinned on Furo's own CSS.

No build: these run in a second. After upgrading Furo, review the golden file's diff and
write it anew with HANDBOOK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_assets.py
The split's rules on small cases: tests/test_first_view.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import furo
import pytest
import rcssmin
import tinycss2

from handbook_ext import first_view

FURO_CSS = Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles" / "furo.css"
GOLDEN = Path(__file__).parent / "golden" / "furo-purged-selectors.txt"

# A small Furo page: header, navigation, contents, a note, links to the next page.
SAMPLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Sample</title></head>
<body data-theme="auto">
<a class="skip-to-content muted-link" href="#content">Skip to content</a>
<div class="page">
  <header class="mobile-header">
    <div class="header-left"><label class="nav-overlay-icon" for="__navigation"><i class="icon">=</i></label></div>
    <div class="header-right">
      <div class="theme-toggle-container theme-toggle-header">
        <button class="theme-toggle"><svg class="theme-icon-when-auto-light"></svg><svg class="theme-icon-when-dark">
        </svg><svg class="theme-icon-when-light"></svg></button>
      </div>
    </div>
  </header>
  <aside class="sidebar-drawer"><div class="sidebar-container"><div class="sidebar-tree"><ul>
    <li class="toctree-l1 current current-page"><a class="current reference internal" href="#">Sample</a></li>
  </ul></div></div></aside>
  <div class="main"><div class="content">
    <article role="main" id="content">
      <section><h1>Sample<a class="headerlink" href="#sample">#</a></h1>
        <div class="admonition note"><p class="admonition-title">Note</p><p>Call 116 000.</p></div>
      </section>
    </article>
    <footer><div class="related-pages"><a class="next-page" href="next.html">Next</a></div></footer>
  </div>
  <aside class="toc-drawer"><div class="toc-sticky toc-scroll"><div class="toc-tree"></div></div></aside>
  </div>
</div>
</body></html>
"""
# Furo's script marks the header once the page scrolls.
SAMPLE_SCRIPT = 'header.classList.add("scrolled");'


def kept_rules(css: str, context: str = "") -> list[tuple[str, str, list]]:
    """(at-rules around it, selector list, declarations) of every style rule."""
    found = []
    parse = tinycss2.parse_rule_list if context else tinycss2.parse_stylesheet
    for rule in parse(css, skip_comments=True, skip_whitespace=True):
        assert rule.type != "error", rule
        prelude = tinycss2.serialize(rule.prelude).strip()
        if rule.type == "at-rule" and rule.lower_at_keyword == "media":
            found += kept_rules(tinycss2.serialize(rule.content), f"{context}@media {prelude} ")
        elif rule.type == "qualified-rule":
            declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
            found.append((context.strip(), prelude, declarations))
        else:
            found.append((context.strip(), f"@{rule.at_keyword} {prelude}", []))
    return found


@pytest.fixture(scope="module")
def sheets() -> first_view.Sheets:
    analysis = first_view.analyse_sheets([FURO_CSS.read_text(encoding="utf-8")])
    return first_view.split_for_page(analysis, first_view.scan_page(SAMPLE_PAGE, [SAMPLE_SCRIPT]), set())


@pytest.fixture(scope="module")
def purged(sheets) -> str:
    return sheets.critical + sheets.rest


def test_furo_keeps_the_selectors_of_the_golden_file(sheets):
    lines = [
        f"{part} | {context} | {selectors}" if context else f"{part} | {selectors}"
        for part, css in (("critical", sheets.critical), ("rest", sheets.rest))
        for context, selectors, _ in kept_rules(css)
    ]  # fmt: skip
    if os.environ.get("HANDBOOK_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == GOLDEN.read_text(encoding="utf-8").splitlines()


def test_furo_keeps_what_the_sample_page_needs(sheets):
    critical = {(context, selectors) for context, selectors, _ in kept_rules(sheets.critical)}
    rest = {(context, selectors) for context, selectors, _ in kept_rules(sheets.rest)}
    # A class that only a script adds: later.
    assert ("", ".mobile-header.scrolled") in rest
    # Element, state and pseudo-element selectors stay with the classes they style.
    assert ("", "a:hover") in rest and ("", "p.admonition-title:before") in critical
    # Dark mode, chosen by the reader or by the system, and its variables: at first paint.
    assert ("@media not print", "body[data-theme=dark]") in critical
    assert ("@media not print @media (prefers-color-scheme:dark)", "body:not([data-theme=light])") in critical
    # Print: later; of a selector list, only the selectors that may match stay.
    assert ("@media print", ".headerlink,.mobile-header,.related-pages") in rest
    assert ("@media (max-width:82em)", ".toc-drawer") in critical
    # The navigation's own rules: later (its contents are hidden until then).
    assert ("", ".sidebar-tree") in rest and ("", ".sidebar-container") in critical


def test_licence_notices_stay(sheets):
    """normalize.css is MIT-licensed: a copy of it keeps its notice, through the split and the minifier."""
    for css in (sheets.critical, sheets.rest):
        assert css.startswith("/*! normalize.css")
        assert rcssmin.cssmin(css, keep_bang_comments=True).startswith("/*! normalize.css")


def test_furo_drops_what_no_page_uses(purged):
    selectors = " ".join(selectors for _, selectors, _ in kept_rules(purged))
    for unused in (".sidebar-search", ".admonition.warning", ".sig", ".content-icon-container", "kbd", "table"):
        assert unused not in selectors
    # Custom properties: those with a dark value stay (in light and dark) where used;
    # those with one value are written out; the others go.
    assert "--color-background-primary:" in purged and "--color-admonition-title--note" not in purged
    assert "--color-api-name" not in purged and "--color-admonition-title--warning" not in purged
    assert purged.count("--color-foreground-primary:") == 3  # light, dark chosen, dark by the system
    assert "--sidebar-item-spacing-horizontal" not in purged and "--font-stack" not in purged
    assert len(purged) < 0.5 * len(FURO_CSS.read_text(encoding="utf-8"))


def test_strings_keep_short_quotes_and_ascii():
    # tinycss2 alone would write the first in double quotes, the second as a raw “.
    css = """.a{background:url('data:image/svg+xml,<svg a="b"/>')}.a::before{content:"\\201C it's"}"""
    analysis = first_view.analyse_sheets([css])
    page = first_view.scan_page('<html><body><p class="a">x</p></body></html>', [])
    assert first_view.split_for_page(analysis, page, set()).critical == css.replace("201C", "201c")
