"""Keyboard only: the switcher keeps the section, focus is always visible, the phone menus open."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import LANGS

PAGE = "understanding/signals.html"

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none";
  const line = el.getClientRects()[0] || box;  // a link can wrap: look at its first line
  const x = line.left + Math.min(line.width / 2, 8), y = line.top + line.height / 2;
  const onTop = document.elementFromPoint(x, y);
  return {
    name: `${el.tagName.toLowerCase()}.${el.className} ${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 30)}`,
    ring,
    // On screen and not hidden under the sticky exit button or header (WCAG 2.4.11).
    inSight: box.width > 0 && box.height > 0 && y > 0 && y < innerHeight && x > 0 && x < innerWidth
      && !!onTop && (onTop === el || el.contains(onTop)),
    inClosedDrawer: !!el.closest(".sidebar-drawer, .toc-drawer") && getComputedStyle(el.closest(".sidebar-drawer, .toc-drawer")).visibility === "hidden",
  };
}"""
IN_SIGHT_JS = "() => { const f = (" + FOCUS_JS + ")(); return f && f.inSight; }"


def tab_to(page, check_js: str, limit: int = 60) -> None:
    """Press Tab until ``check_js`` (about document.activeElement) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({check_js}); }}"):
            return
    pytest.fail(f"Tab never reached {check_js}")


def section_label(page) -> tuple[str, str]:
    """A section's own id (from its translated title) and its label, the same in every language."""
    return page.evaluate("""() => {
      const label = document.querySelector("article section section > span[id]:first-child");
      return [label.parentElement.id, label.id];
    }""")


@pytest.mark.parametrize(("lang", "other"), [("nl", "fr"), ("fr", "en"), ("en", "nl")])
def test_the_language_switcher_keeps_the_section(reader, lang, other):
    reader.open(f"{lang}/{PAGE}")
    section_id, label = section_label(reader.page)
    reader.open(f"{lang}/{PAGE}#{section_id}")
    tab_to(reader.page, f"el.getAttribute('hreflang') === '{other}'")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(f"{reader.base}/{other}/{PAGE}#{label}")
    reader.page.wait_for_function(
        f"() => {{ const b = document.getElementById('{label}').getBoundingClientRect(); return b.top >= 0 && b.top < innerHeight; }}"
    )
    assert reader.page.evaluate("document.documentElement.lang") == other
    assert not reader.errors


@pytest.mark.parametrize("width", [1280, 360])
def test_focus_is_always_visible(reader, width):
    reader.page.emulate_media(reduced_motion="reduce")  # no smooth scrolling to wait for
    reader.page.set_viewport_size({"width": width, "height": 800})
    reader.open(f"nl/{PAGE}")
    seen, problems = 0, []
    # Forward through the page, then back up (scrolling up shows Furo's "back to top").
    for key in ["Tab"] * 60 + ["Shift+Tab"] * 25:
        reader.page.keyboard.press(key)
        focus = reader.page.evaluate(FOCUS_JS)
        if focus is None:  # past the last stop: the browser's own controls
            continue
        seen += 1
        if focus["inClosedDrawer"]:
            problems.append(f"focus went into a closed menu: {focus['name']}")
            continue
        if not focus["ring"]:
            problems.append(f"no focus ring on {focus['name']}")
        try:
            reader.page.wait_for_function(IN_SIGHT_JS, timeout=2_000)
        except PlaywrightTimeoutError:
            problems.append(f"focus out of sight or covered on {focus['name']}")
    assert seen > 40
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_menu_opens_and_closes_from_the_keyboard(reader, lang):
    reader.page.set_viewport_size({"width": 360, "height": 740})
    reader.open(f"{lang}/{PAGE}")
    menu = reader.page.locator("button.nav-overlay-icon")
    assert menu.get_attribute("aria-expanded") == "false"
    tab_to(reader.page, "el.classList.contains('nav-overlay-icon')")
    reader.page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    drawer = reader.page.locator(".sidebar-drawer")
    reader.page.wait_for_function("() => document.querySelector('.sidebar-drawer').getBoundingClientRect().left >= 0")
    tab_to(reader.page, "el.closest('.sidebar-drawer') && el.matches('a.reference')")
    target = reader.page.evaluate("document.activeElement.href")
    reader.page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert menu.evaluate("el => el === document.activeElement")
    reader.page.wait_for_function("() => getComputedStyle(document.querySelector('.sidebar-drawer')).visibility === 'hidden'")
    assert not drawer.locator("a.reference").first.is_visible()
    # Open again and follow a link.
    reader.page.keyboard.press("Enter")
    tab_to(reader.page, f"el.href === {target!r}")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(target)
    assert not reader.errors


def test_skip_to_content_is_the_second_tab_stop(reader):
    reader.open(f"fr/{PAGE}")
    reader.page.keyboard.press("Tab")
    reader.page.keyboard.press("Tab")
    skip = reader.page.locator(".skip-to-content")
    assert skip.evaluate("el => el === document.activeElement")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(f"**/fr/{PAGE}#furo-main-content")
    reader.page.keyboard.press("Tab")
    assert reader.page.evaluate("!!document.activeElement.closest('#furo-main-content')")


def test_the_switcher_works_offline_from_files(page, site):
    """Plain relative links: a copy of the site opened from disk switches language too."""
    page.goto((site / "nl" / PAGE).as_uri())
    page.locator(".handbook-languages a[hreflang='fr']").click()
    page.wait_for_url((site / "fr" / PAGE).as_uri())
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator(".handbook-languages a[aria-current='page']").get_attribute("hreflang") == "fr"
