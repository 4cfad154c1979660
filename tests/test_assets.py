"""The style sheet purge (handbook_ext/assets.py), pinned on Furo's own CSS and on small cases.

No build: these run in a second. After upgrading Furo, review the golden file's diff and
write it anew with HANDBOOK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_assets.py
"""

from __future__ import annotations

import os
from pathlib import Path

import furo
import pytest
import rcssmin
import tinycss2

from handbook_ext.assets import purge_style_sheets, used_names

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
def purged(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("sample")
    (folder / "page.html").write_text(SAMPLE_PAGE, encoding="utf-8")
    (folder / "furo.js").write_text(SAMPLE_SCRIPT, encoding="utf-8")
    originals = {"styles/furo.css": FURO_CSS.read_text(encoding="utf-8")}
    return purge_style_sheets(originals, used_names(folder), outside=set())["styles/furo.css"]


def test_furo_keeps_the_selectors_of_the_golden_file(purged):
    lines = [f"{context} | {selectors}" if context else selectors for context, selectors, _ in kept_rules(purged)]
    if os.environ.get("HANDBOOK_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert lines == GOLDEN.read_text(encoding="utf-8").splitlines()


def test_furo_keeps_what_the_sample_page_needs(purged):
    rules = {(context, selectors) for context, selectors, _ in kept_rules(purged)}
    # A class that only a script adds.
    assert ("", ".mobile-header.scrolled") in rules
    # Element, state and pseudo-element selectors stay with the classes they style.
    assert ("", "a:hover") in rules and ("", "p.admonition-title:before") in rules
    # Dark mode, chosen by the reader or by the system, and its variables.
    assert ("@media not print", "body[data-theme=dark]") in rules
    assert ("@media not print @media (prefers-color-scheme:dark)", "body:not([data-theme=light])") in rules
    # Print: of a selector list, only the selectors that may match stay.
    assert ("@media print", ".headerlink,.mobile-header,.related-pages") in rules
    assert ("@media (max-width:82em)", ".toc-drawer") in rules


def test_licence_notices_stay(purged):
    """normalize.css is MIT-licensed: a copy of it keeps its notice, through the purge and the minifier."""
    assert purged.startswith("/*! normalize.css")
    assert rcssmin.cssmin(purged, keep_bang_comments=True).startswith("/*! normalize.css")


def test_furo_drops_what_no_page_uses(purged):
    selectors = " ".join(selectors for _, selectors, _ in kept_rules(purged))
    for unused in (".sidebar-search", ".admonition.warning", ".sig", ".content-icon-container", "text-align"):
        assert unused not in selectors
    # Custom properties: those the kept rules use stay, in light and dark; the others go.
    assert "--color-background-primary:" in purged and "--color-admonition-title--note:" in purged
    assert "--color-api-name" not in purged and "--color-admonition-title--warning:" not in purged
    assert purged.count("--color-foreground-primary:") == 3  # light, dark chosen, dark by the system
    assert len(purged) < 0.75 * len(FURO_CSS.read_text(encoding="utf-8"))


def purge(css: str, used: set[str], outside: frozenset[str] = frozenset()) -> str:
    """The purged sheet as shipped: minified."""
    return rcssmin.cssmin(purge_style_sheets({"sheet.css": css}, used, set(outside))["sheet.css"])


def test_selectors_are_judged_by_their_classes_only():
    css = (
        ".a:hover::before,.b>p,.a.b{color:red}"  # a selector list, pruned selector by selector
        "p:not(.b),.a [class~=b]{color:blue}"  # classes inside :not() and [...] do not count
        ".text-align\\:left>p{text-align:left}.c\\:d{margin:0}"  # escaped class names
    )
    assert purge(css, {"a", "text-align:left"}) == (
        ".a:hover::before{color:red}p:not(.b),.a [class~=b]{color:blue}.text-align\\:left>p{text-align:left}"
    )


def test_groups_keep_what_is_used_inside_and_go_when_empty():
    css = "@media print{.a{color:red}.b{color:blue}}@supports (display:grid){.b{display:grid}}@layer base;"
    assert purge(css, {"a"}) == "@media print{.a{color:red}}@layer base;"


def test_custom_properties_and_keyframes_stay_only_when_used():
    css = (
        ":root{--used:1px;--via-used:2px;--unused:3px;--from-a-page:4px}"
        ".a{margin:var(--used,var(--via-used));animation:spin 1s;--motion:pulse}.a:hover{animation:var(--motion) 1s}"
        "@keyframes spin{to{transform:rotate(1turn)}}@keyframes fade{to{opacity:0}}@keyframes pulse{to{opacity:.5}}"
        "@keyframes from-a-script{to{top:0}}"
        "@font-face{font-family:X;src:url(x.woff2)}"
    )
    assert purge(css, {"a", "from-a-script"}, frozenset({"--from-a-page"})) == (
        ":root{--used:1px;--via-used:2px;--from-a-page:4px}"
        ".a{margin:var(--used,var(--via-used));animation:spin 1s;--motion:pulse}.a:hover{animation:var(--motion) 1s}"
        "@keyframes spin{to{transform:rotate(1turn)}}@keyframes pulse{to{opacity:.5}}"
        "@keyframes from-a-script{to{top:0}}"
        "@font-face{font-family:X;src:url(x.woff2)}"
    )


def test_strings_keep_short_quotes_and_ascii():
    # tinycss2 alone would write the first in double quotes, the second as a raw “.
    css = """.a{background:url('data:image/svg+xml,<svg a="b"/>')}.a::before{content:"\\201C it's"}"""
    assert purge(css, {"a"}) == css.replace("201C", "201c")
