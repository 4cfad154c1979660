"""The first view of every page: drawn from the page itself, before its second style sheet.

Each page carries its critical style inline and links the rest at the end
(handbook_ext/first_view.py). Here every page is drawn twice, once with the
rest refused: everything the reader sees on the first screen must look and sit
exactly the same (no unstyled flash, nothing that moves when the rest
arrives), and what the rest styles (the drawers' contents, "back to top")
must stay hidden until it comes. At phone width every page, light; at desktop
width and in dark mode the pages whose layout differs most.
"""

from __future__ import annotations

import pytest

from conftest import LANGS

from .conftest import CHROMIUM_ARGS  # noqa: F401  (the same browser as every browser test)
from .support import page_paths

REST = "**/_static/handbook-rest-*.css"
DEFERRED = ".sidebar-container, .toc-sticky, .back-to-top, .overlay"
PROPERTIES = [
    "display", "visibility", "position", "float", "color", "background-color", "background-image",
    "font-size", "font-weight", "font-family", "line-height", "text-decoration-line", "text-align",
    "white-space", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding-top",
    "padding-right", "padding-bottom", "padding-left", "border-top-width", "border-right-width",
    "border-bottom-width", "border-left-width", "border-top-color", "border-left-color", "opacity",
    "transform", "z-index", "list-style-type", "box-shadow", "border-radius", "overflow-x",
]  # fmt: skip
FIRST_SCREEN_JS = """([properties, deferred]) => {
  const seen = [];
  document.body.querySelectorAll("*").forEach((el, index) => {
    if (el.closest(deferred) || el.closest("svg[display=none]")) return;
    const box = el.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth) return;
    const style = getComputedStyle(el);
    seen.push({index, name: el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
                 ? "." + el.className.trim().split(/\\s+/).join(".") : ""),
               box: [box.x, box.y, box.width, box.height].map(Math.round),
               style: Object.fromEntries(properties.map(p => [p, style.getPropertyValue(p)]))});
  });
  const hidden = [...document.querySelectorAll(deferred)].map(el => {
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    return style.display === "none" || style.visibility === "hidden" || box.width * box.height === 0;
  });
  return {seen, hidden};
}"""
DESKTOP_PAGES = ["index.html", "about/translating.html", "help.html", "glossary.html", "search.html", "404.html"]


def first_screen(browser, site_url, path: str, width: int, theme: str, with_rest: bool) -> dict:
    context = browser.new_context(base_url=site_url, service_workers="block",
                                  viewport={"width": width, "height": 740 if width < 600 else 800})  # fmt: skip
    try:
        if not with_rest:
            context.route(REST, lambda route: route.abort())
        page = context.new_page()
        page.add_init_script(f"localStorage.setItem('theme', {theme!r})")
        page.goto(f"{site_url}/{path}", wait_until="load")
        # Two frames: handbook.js's ResizeObserver has measured the top bar (without the
        # rest, "load" may come before the first frame that delivers it).
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        return page.evaluate(FIRST_SCREEN_JS, [PROPERTIES, DEFERRED])
    finally:
        context.close()


def differences(before: dict, after: dict) -> list[str]:
    found = []
    later = {item["index"]: item for item in after["seen"]}
    for item in before["seen"]:
        other = later.get(item["index"])
        if other is None:
            found.append(f"{item['name']}: on the first screen only before the rest")
            continue
        if item["box"] != other["box"]:
            found.append(f"{item['name']}: moves from {item['box']} to {other['box']}")
        for name, value in item["style"].items():
            if other["style"][name] != value:
                found.append(f"{item['name']}: {name} {value!r} before the rest, {other['style'][name]!r} after")
    found += [f"{later[i]['name']}: on the first screen only after the rest" for i in later.keys() - {
        item["index"] for item in before["seen"]}]  # fmt: skip
    return found


def check(browser, site_url, path: str, width: int, theme: str) -> list[str]:
    before = first_screen(browser, site_url, path, width, theme, with_rest=False)
    after = first_screen(browser, site_url, path, width, theme, with_rest=True)
    problems = [f"{path} at {width} px, {theme}: {d}" for d in differences(before, after)]
    if not all(before["hidden"]):
        problems.append(f"{path} at {width} px, {theme}: a drawer, the veil or 'back to top' shows before the rest")
    if len(before["seen"]) < 20:
        problems.append(f"{path} at {width} px, {theme}: only {len(before['seen'])} elements on the first screen")
    return problems


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_at_phone_width_looks_the_same_before_its_second_style_sheet(browser, site, site_url, lang):
    problems = [p for path in page_paths(site, lang) for p in check(browser, site_url, path, 360, "light")]
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_desktop_and_dark_first_screens_look_the_same_before_the_second_style_sheet(browser, site_url, lang, theme):
    problems = [
        p for path in DESKTOP_PAGES for width in (1280, 360) if (width, theme) != (360, "light")
        for p in check(browser, site_url, f"{lang}/{path}", width, theme)
    ]  # fmt: skip
    assert not problems, "\n".join(problems[:40])


def test_the_rest_is_the_last_thing_of_the_page_and_nothing_in_head_blocks(site):
    for path in sorted(site.rglob("*.html")):
        if "_static" in path.parts or path.parent == site and path.name == "index.html":
            continue  # the language chooser has its own small inline style
        text = path.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        assert "<style data-critical>" in head, path
        assert 'rel="stylesheet"' not in head, f"{path}: a style sheet in <head> holds back the first paint"
        links = [line for line in text.splitlines() if 'rel="stylesheet"' in line]
        assert len(links) == 1 and text.rstrip().endswith(f"{links[0]}\n</body>\n</html>"), path
