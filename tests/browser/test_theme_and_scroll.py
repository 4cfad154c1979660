"""What Furo's own script did, now in handbook.js and handbook-scroll.js (furo.js is not loaded).

The theme toggle, Furo's "back to top" and the contents' current section.
"""

from __future__ import annotations

import pytest

THEME_JS = "() => [document.body.dataset.theme, localStorage.getItem('theme')]"


@pytest.mark.parametrize(("system", "order"), [
    ("light", ["dark", "light", "auto", "dark"]),  # Furo's order: auto → the other colour → the same → auto
    ("dark", ["light", "dark", "auto", "light"]),
])  # fmt: skip
def test_the_theme_toggle_goes_round_and_is_remembered(reader, system, order):
    reader.page.emulate_media(color_scheme=system)
    reader.page.set_viewport_size({"width": 360, "height": 740})
    reader.open("nl/index.html")
    assert reader.page.evaluate(THEME_JS) == ["auto", None]
    toggle = reader.page.locator(".theme-toggle-header .theme-toggle")
    background = "() => getComputedStyle(document.body).backgroundColor"
    for theme in order:
        toggle.click()
        assert reader.page.evaluate(THEME_JS) == [theme, theme]
        dark = theme == "dark" or (theme == "auto" and system == "dark")
        assert (reader.page.evaluate(background) != "rgb(255, 255, 255)") == dark, theme
    reader.open("nl/help.html")
    assert reader.page.evaluate(THEME_JS)[0] == order[-1]
    assert not reader.errors


def test_without_furo_js_the_html_loses_no_js_and_furo_js_is_not_loaded(reader):
    reader.open("fr/index.html")
    assert reader.page.evaluate("document.documentElement.className") == ""
    assert not [url for url in reader.requests if "furo.js" in url]


def test_scrolling_brings_back_to_top_and_marks_the_current_section(reader):
    reader.page.set_viewport_size({"width": 1400, "height": 800})  # the contents are shown beside the text
    reader.open("en/about/translating.html")
    assert not [url for url in reader.requests if "handbook-scroll.js" in url], "loaded before any scroll"
    back_to_top = reader.page.locator(".back-to-top")
    assert not back_to_top.is_visible()
    links = reader.page.locator(".toc-tree a[href^='#']:not([href='#'])")
    target = links.nth(3).get_attribute("href")
    links.nth(3).click()  # the contents lead there, scrolling smoothly
    reader.page.wait_for_function(
        "target => [...document.querySelectorAll('.toc-tree li.scroll-current > a')].pop()?.getAttribute('href') === target",
        arg=target,
    )
    assert [url for url in reader.requests if "handbook-scroll.js?v=" in url]
    # Scrolling up shows "back to top"; it leads to the top.
    reader.page.mouse.wheel(0, -300)
    back_to_top.wait_for(state="visible")
    back_to_top.click()
    reader.page.wait_for_function("() => window.scrollY === 0")
    reader.page.wait_for_function("() => !document.documentElement.classList.contains('show-back-to-top')")
    assert not reader.errors
