"""Quick exit, as GOV.UK's "Exit this page": by click, by Shift three times, by the skip link.

The neutral site (meteo.be) and a page "before" the handbook are answered by
page.route, so nothing leaves the machine. Each exit must blank the page at
once, land on the neutral site in the reader's language without telling it
where the reader came from, and leave no way Back into the handbook.
"""

from __future__ import annotations

import pytest

from conftest import LANGS

from .support import interface, quick_exit_url

PAGE = "understanding/signals.html"
BEFORE = "https://start.example/"
NEUTRAL_HTML = "<!doctype html><html lang='en'><title>Weather</title><p>Sunny spells.</p></html>"


class OutsideWorld:
    """Answers for the neutral site and the page before the handbook; records what was asked."""

    def __init__(self, context):
        self.requests = []
        self.held = []
        self.hold = False
        context.route("https://www.meteo.be/**", self.answer)
        context.route(f"{BEFORE}**", self.answer)

    def answer(self, route):
        self.requests.append(route.request)
        if self.hold and route.request.url.startswith("https://www.meteo.be/"):
            self.held.append(route)
            return
        route.fulfill(status=200, content_type="text/html", body=NEUTRAL_HTML)


@pytest.fixture
def world(reader):
    return OutsideWorld(reader.page.context)


def open_after_another_site(reader, lang) -> int:
    """History: an unrelated page, then the handbook page. Returns the history's length."""
    reader.page.goto(BEFORE)
    reader.open(f"{lang}/{PAGE}")
    return reader.page.evaluate("history.length")


def assert_left_for_good(reader, world, lang, history_length):
    page = reader.page
    page.wait_for_url(quick_exit_url(lang))
    assert page.url == quick_exit_url(lang)
    exits = [r for r in world.requests if r.url == quick_exit_url(lang)]
    assert exits and all("referer" not in r.headers for r in exits), "the neutral site learnt where the reader came from"
    assert page.evaluate("history.length") == history_length, "the handbook page stayed in the history"
    page.go_back()
    page.wait_for_load_state()
    assert page.url == BEFORE, f"Back went to {page.url}, not to the page before the handbook"


def status(reader) -> str:
    return reader.page.locator(".handbook-exit-status").text_content()


@pytest.mark.parametrize("lang", LANGS)
def test_click_leaves_for_the_neutral_site_and_back_does_not_return(reader, world, lang):
    history_length = open_after_another_site(reader, lang)
    button = reader.page.locator(".handbook-exit-button")
    assert button.text_content().strip() == interface(lang, "Exit this page")
    button.click()
    assert_left_for_good(reader, world, lang, history_length)
    assert not reader.errors


def test_the_page_is_blanked_before_the_neutral_site_answers(reader, world):
    world.hold = True  # the neutral site does not answer until we say so
    seen_blank = []
    reader.page.expose_function("reportBlank", lambda title: seen_blank.append(title))
    reader.open(f"nl/{PAGE}")
    reader.page.evaluate("""() => new MutationObserver(() => {
        if (document.body.textContent === "") window.reportBlank(document.title);
      }).observe(document.body, {childList: true})""")
    box = reader.page.locator(".handbook-exit-button").bounding_box()
    reader.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # does not wait for navigation
    for _ in range(100):
        if seen_blank and world.held:
            break
        reader.page.wait_for_timeout(50)
    assert seen_blank == [""], "the page was not blanked (text and title) while the neutral site loaded"
    assert world.held, "no request for the neutral site"
    world.held[0].fulfill(status=200, content_type="text/html", body=NEUTRAL_HTML)
    reader.page.wait_for_url(quick_exit_url("nl"))


def test_quick_exit_forgets_the_search_words(reader, world):
    reader.open("nl/search.html?q=tienerpooier")
    reader.page.wait_for_function("() => (document.querySelector('#search-results .search-summary') || {}).textContent")
    assert reader.page.evaluate("localStorage.getItem('sphinx_highlight_terms')")  # Sphinx keeps them
    reader.page.locator(".handbook-exit-button").click()
    reader.page.wait_for_url(quick_exit_url("nl"))
    reader.open("nl/index.html")
    assert reader.page.evaluate("localStorage.length + sessionStorage.length") == 0


@pytest.mark.parametrize("lang", LANGS)
def test_three_shift_presses_leave_and_screen_readers_hear_the_count(reader, world, lang):
    history_length = open_after_another_site(reader, lang)
    live = reader.page.locator(".handbook-exit-status")
    assert live.get_attribute("aria-live") == "polite"
    reader.page.keyboard.press("Shift")
    assert status(reader) == interface(lang, "Shift, press 2 more times to exit.")
    reader.page.keyboard.press("Shift")
    assert status(reader) == interface(lang, "Shift, press 1 more time to exit.")
    reader.page.keyboard.press("Shift")
    assert_left_for_good(reader, world, lang, history_length)


def test_shift_with_another_key_does_not_count(reader, world):
    reader.open(f"fr/{PAGE}")
    keyboard = reader.page.keyboard
    keyboard.press("Shift")
    keyboard.press("Shift+KeyA")  # a capital letter: starts again
    assert status(reader) == ""
    keyboard.press("Shift")
    keyboard.press("Shift")
    assert status(reader) == interface("fr", "Shift, press 1 more time to exit.")
    assert reader.page.url.startswith(reader.base)
    assert not world.requests


def test_any_other_key_starts_again(reader, world):
    reader.open(f"nl/{PAGE}")
    keyboard = reader.page.keyboard
    for key in ("Shift", "Shift", "ArrowDown", "Shift", "Shift", "x"):
        keyboard.press(key)
    keyboard.press("Shift")
    assert status(reader) == interface("nl", "Shift, press 2 more times to exit.")
    assert reader.page.url.startswith(reader.base)
    assert not world.requests


def test_shift_presses_count_for_five_seconds_only(reader, world):
    reader.page.clock.install()
    reader.open(f"nl/{PAGE}")
    keyboard = reader.page.keyboard
    keyboard.press("Shift")
    keyboard.press("Shift")
    reader.page.clock.run_for(5_001)
    assert status(reader) == interface("nl", "Exit this page expired.")
    keyboard.press("Shift")
    assert status(reader) == interface("nl", "Shift, press 2 more times to exit.")
    keyboard.press("Shift")
    reader.page.clock.run_for(4_000)
    keyboard.press("Shift")
    reader.page.wait_for_url(quick_exit_url("nl"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_hidden_skip_link_is_the_first_tab_stop_and_leaves(reader, world, lang):
    history_length = open_after_another_site(reader, lang)
    skip = reader.page.locator(".handbook-exit-skip")
    assert not skip.evaluate("el => el.getBoundingClientRect().bottom > 0")  # hidden until focused
    reader.page.keyboard.press("Tab")
    assert skip.evaluate("el => el === document.activeElement")
    reader.page.wait_for_function(
        "() => { const b = document.querySelector('.handbook-exit-skip').getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; }"
    )
    assert skip.text_content().strip() == interface(lang, "Exit this page quickly")
    reader.page.keyboard.press("Enter")
    assert_left_for_good(reader, world, lang, history_length)


def test_without_javascript_the_button_is_a_plain_link(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    world = OutsideWorld(context)
    page = context.new_page()
    page.goto(f"{site_url}/fr/{PAGE}")
    page.locator(".handbook-exit-button").click()
    page.wait_for_url(quick_exit_url("fr"))
    assert [r.url for r in world.requests] == [quick_exit_url("fr")]
    assert "referer" not in world.requests[0].headers
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_button_stays_in_sight_while_reading(reader, width):
    reader.page.set_viewport_size({"width": width, "height": 700})
    reader.open(f"nl/{PAGE}")
    reader.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    reader.page.wait_for_function("() => window.scrollY > 500")
    box = reader.page.locator(".handbook-exit-button").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 80, box
    assert box["height"] >= 24
    if width == 360:
        assert box["x"] == 0 and box["width"] == 360, "full width on a phone"
    else:
        assert box["x"] + box["width"] > width - 40, "top right on a wide screen"


@pytest.mark.parametrize("lang", LANGS)
def test_what_is_this_explains_quick_exit_on_the_browsing_safely_page(reader, lang):
    reader.open(f"{lang}/{PAGE}")
    about = reader.page.locator(".handbook-exit-about")
    assert about.text_content().strip() == interface(lang, "What is this?")
    about.click()
    reader.page.wait_for_url(f"**/{lang}/browsing-safely.html#browsing-safely-quick-exit")
    target = reader.page.locator("#browsing-safely-quick-exit")
    assert target.count() == 1
    section = target.locator("xpath=ancestor-or-self::section[1]")
    assert section.locator("h2, h3").first.is_visible()
    assert not reader.errors


def test_print_hides_quick_exit(reader):
    reader.open(f"nl/{PAGE}")
    reader.page.emulate_media(media="print")
    for selector in (".handbook-exit-button", ".handbook-exit-skip", ".handbook-exit-about"):
        assert not reader.page.locator(selector).is_visible(), selector
