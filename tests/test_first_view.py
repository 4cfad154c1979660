"""Each page's style split for its first view (handbook_ext/first_view.py), on small cases.

No build: these run in a second. What the split must never do is shown by the
browser test tests/browser/test_first_view.py on the real pages.
"""

from __future__ import annotations

import rcssmin
import tinycss2

from handbook_ext import first_view

PAGE = """<!doctype html><html class="no-js"><head><title>t</title></head><body>
<script>document.body.dataset.theme = localStorage.getItem("theme") || "auto";</script>
<header class="bar"><a class="exit" href="https://example.org/">Exit</a></header>
<nav class="sidebar-drawer"><div class="sidebar-container"><ul class="tree">
  <li><a class="reference internal" href="a.html">A</a></li></ul></div></nav>
<a href="#" class="back-to-top">Back to top</a>
<article><h1>Title</h1><p>Call <a class="reference internal" href="help.html">help</a>.</p>
<div class="related"><a class="next" href="b.html">Next</a></div></article>
</body></html>"""
SCRIPT = 'document.documentElement.classList.add("scrolled"); const b = document.createElement("button");'


def split(css: str, page: str = PAGE, scripts: tuple[str, ...] = (SCRIPT,), outside=frozenset()):
    analysis = first_view.analyse_sheets([css])
    sheets = first_view.split_for_page(analysis, first_view.scan_page(page, list(scripts)), set(outside))
    return sheets.critical, sheets.rest


def rules(css: str) -> list[str]:
    """Each style rule as "@media … | selectors{declarations}", minified."""
    found = []

    def walk(items, context):
        for item in items:
            if item.type == "qualified-rule":
                found.append(context + rcssmin.cssmin(item.serialize()))
            elif item.type == "at-rule" and item.content is not None:
                inner = tinycss2.parse_rule_list(item.content, skip_comments=True, skip_whitespace=True)
                walk(inner, f"{context}@{item.lower_at_keyword} {tinycss2.serialize(item.prelude).strip()} | ")

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), "")
    return found


def test_what_the_first_paint_shows_is_critical_the_rest_comes_later():
    critical, rest = split(
        ".bar{background:red}.exit{color:#fff}article h1{font-size:2em}"  # seen at first paint
        ".exit:hover{color:#eee}.scrolled .bar{box-shadow:0 0 1px}"  # states: later
        ".tree{margin:0}.sidebar-container a{color:blue}"  # inside the drawer: later
        ".back-to-top{background:#fff}"  # shown after scrolling up: later
        "@media print{.bar{display:none}}"  # print: later
        ".sd-card{padding:1rem}"  # no element of the page: nowhere
    )
    assert rules(critical) == [
        ".bar{background:red}", ".exit{color:#fff}", "article h1{font-size:2em}",
        ".sidebar-container{visibility:hidden}", ".back-to-top{display:none}",
    ]  # fmt: skip
    assert rules(rest) == [
        ".exit:hover{color:#eee}", ".scrolled .bar{box-shadow:0 0 1px}", ".tree{margin:0}",
        ".sidebar-container a{color:blue}", ".back-to-top{background:#fff}", "@media print | .bar{display:none}",
        ".sidebar-container{visibility:inherit}",
    ]  # fmt: skip


def test_a_selector_is_kept_only_where_its_compounds_and_ancestors_are_on_the_page():
    critical, rest = split(
        ".tree .reference.internal{color:blue}"  # the sidebar's link: later
        ".tree .reference.external{color:red}"  # no external link in the tree: nowhere
        "article .reference{color:green}"  # the article's link: critical
        "p.related{margin:0}"  # .related is a div: nowhere
        'a[href^="https:"]{color:navy}a[href^="tel:"]{color:teal}'  # the exit link has https:, no link tel:
        "button.next{border:0}"  # a script creates buttons: kept
    )
    assert rules(critical) == [
        "article .reference{color:green}", 'a[href^="https:"]{color:navy}', "button.next{border:0}",
        ".sidebar-container{visibility:hidden}", ".back-to-top{display:none}",
    ]  # fmt: skip
    assert ".tree .reference.internal{color:blue}" in rules(rest)
    assert "external" not in critical + rest and "related" not in critical + rest and "tel:" not in critical + rest


def test_a_later_critical_rule_still_wins_over_an_earlier_rule_of_the_rest():
    # a:hover comes first, so .related a keeps its links without underline on hover. The
    # rest comes after the critical sheet: .related a must come again after a:hover.
    critical, rest = split("a:hover{text-decoration:underline}.related a{text-decoration:none}.bar{color:red}")
    assert rules(critical)[:2] == [".related a{text-decoration:none}", ".bar{color:red}"]
    assert rules(rest) == [
        "a:hover{text-decoration:underline}", ".related a{text-decoration:none}",
        ".sidebar-container{visibility:inherit}",
    ]  # fmt: skip
    # No element is both .bar and a link: .bar's colour needs no copy.
    assert ".bar" not in rest


def test_custom_properties_go_where_they_are_used_and_constants_are_written_out():
    critical, rest = split(
        "body{--space:1rem;--gap:calc(var(--space)*2);--fg:#000;--link:var(--fg);--drawer:#eee;--unused:1px}"
        "body[data-theme=dark]{--fg:#fff;--drawer:#111}"
        ".bar{padding:var(--gap);color:var(--link)}.tree{background:var(--drawer)}"
    )
    # --space, --gap and --link have one value, on body only: written out. --fg changes in
    # dark mode: a property still. The drawer's colour is for the rest; --unused nowhere.
    assert rules(critical)[:3] == [
        "body{--fg:#000}", "body[data-theme=dark]{--fg:#fff}", ".bar{padding:calc(1rem*2);color:var(--fg)}",
    ]  # fmt: skip
    assert rules(rest)[:3] == ["body{--drawer:#eee}", "body[data-theme=dark]{--drawer:#111}", ".tree{background:var(--drawer)}"]
    assert "--unused" not in critical + rest and "--space" not in critical + rest


def test_a_property_the_page_names_itself_stays_a_property():
    critical, _ = split("body{--bar-height:3rem}.bar{height:var(--bar-height)}", outside={"--bar-height"})
    assert rules(critical)[:2] == ["body{--bar-height:3rem}", ".bar{height:var(--bar-height)}"]


def test_html_rules_keep_their_properties():
    # A property defined on body does not reach html: written out there it would change the page.
    critical, _ = split("body{--bg:#fff}html{background:var(--bg)}.bar{background:var(--bg)}")
    assert "html{background:var(--bg)}" in rules(critical) and ".bar{background:#fff}" in rules(critical)


def test_licence_notices_stay_in_both_sheets():
    critical, rest = split("/*! normalize.css | MIT License */ button:-moz-focusring{outline:1px dotted}a{color:red}")
    assert critical.startswith("/*! normalize.css | MIT License */")
    assert rest.startswith("/*! normalize.css | MIT License */")


def test_script_classes_and_elements():
    page = first_view.scan_page(PAGE, [SCRIPT, 'el.className = label.className + " handbook-toggle";',
                                       'x.querySelector("span.highlighted")'])  # fmt: skip
    assert {"scrolled", "handbook-toggle", "highlighted"} <= page.script_classes
    assert "button" in page.script_tags
    assert "data-theme" not in page.script_attributes  # data-* attributes are never checked
    assert page.script_attribute("data-theme") and not page.script_attribute("class")
