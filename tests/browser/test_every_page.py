"""Every web page of every edition, opened in Chromium: the chrome a reader relies on.

Each page is opened once per edition (``visits``); the tests then check what
was seen: language switcher, hreflang and canonical, description and Open
Graph, help line, quick exit, the first tab stop, requests, cookies, script
errors, and sideways scrolling at 320 px.
"""

from __future__ import annotations

import pytest

from conftest import LANGS
from handbook_ext import languages

from .conftest import Reader
from .support import (
    SWITCHER_ORDER,
    base_url,
    interface,
    page_paths,
    quick_exit_url,
    same_page_in,
)

SNAPSHOT_JS = """() => {
  const attr = (selector, name) => { const el = document.querySelector(selector); return el && el.getAttribute(name); };
  const meta = (key) => attr(`meta[name="${key}"], meta[property="${key}"]`, "content");
  return {
    lang: document.documentElement.lang,
    h1: (() => { const h1 = document.querySelector("article h1"); if (!h1) return null;
                 const copy = h1.cloneNode(true); copy.querySelectorAll(".headerlink").forEach(a => a.remove());
                 return copy.textContent.trim(); })(),
    switcher: [...document.querySelectorAll(".handbook-languages a")].map(a => ({
      href: a.href, hreflang: a.getAttribute("hreflang"), lang: a.getAttribute("lang"),
      name: a.textContent.trim(), current: a.getAttribute("aria-current")})),
    switcherLabel: attr(".handbook-languages", "aria-label"),
    alternates: [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map(l => [l.getAttribute("hreflang"), l.href]),
    canonical: attr('link[rel="canonical"]', "href"),
    robots: meta("robots"),
    description: [...document.querySelectorAll('meta[name="description"]')].map(m => m.content),
    og: Object.fromEntries(["og:title", "og:description", "og:url", "og:type", "og:locale"].map(k => [k, meta(k)])),
    help: {
      text: (document.querySelector(".handbook-help") || {}).innerText || "",
      tel: [...document.querySelectorAll(".handbook-help a[href^='tel:']")].map(a => [a.getAttribute("href"), a.textContent.trim()]),
      page: [...document.querySelectorAll(".handbook-help a:not([href^='tel:'])")].map(a => a.href),
      visible: !!document.querySelector(".handbook-help") && document.querySelector(".handbook-help").getBoundingClientRect().top < innerHeight,
    },
    exit: [...document.querySelectorAll("a[data-quick-exit]")].map(a => ({href: a.href, text: a.textContent.trim(), cls: a.className})),
    exitAbout: (document.querySelector(".handbook-exit-about") || {}).href || null,
    cookie: document.cookie,
  };
}"""

FIRST_TAB_STOP_JS = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect();
  return {cls: el.className, quickExit: el.hasAttribute("data-quick-exit"), text: el.textContent.trim(),
          onScreen: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.width > 1};
}"""

SIDEWAYS_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter(el => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && style.visibility !== "hidden" && (box.right > width + 1 || box.left < -1)
      && !el.closest(".sidebar-drawer, .toc-drawer, .handbook-exit-skip, .skip-to-content, .visually-hidden");
  }).map(el => el.tagName.toLowerCase() + "." + el.className);
  return {scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth), width, wide: wide.slice(0, 5)};
}"""

# At phone width: a phone number split over two lines is misread or misdialled,
# and a word of a heading broken without a hyphen is hard to read.
SPLIT_JS = r"""() => {
  const split = [];
  for (const a of document.querySelectorAll("article a[href^='tel:'], .handbook-help a[href^='tel:']"))
    if (a.getClientRects().length > 1) split.push("phone number " + a.textContent);
  for (const heading of document.querySelectorAll("article h1, article h2, article h3")) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".headerlink")) continue;
      for (const match of node.data.matchAll(/[^\s\-\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (range.getClientRects().length > 1) split.push("heading word " + match[0]);
      }
    }
  }
  return split;
}"""


@pytest.fixture(scope="module", params=LANGS)
def visits(request, browser, site, site_url):
    """Open every page of one edition once; return what each showed."""
    lang = request.param
    context = browser.new_context(base_url=site_url, service_workers="block", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    reader = Reader(page, site_url)
    seen = {}
    for path in page_paths(site, lang):
        reader.errors.clear()
        reader.requests.clear()
        response = reader.open(path)
        snapshot = page.evaluate(SNAPSHOT_JS)
        page.keyboard.press("Tab")
        snapshot["first_tab_stop"] = page.evaluate(FIRST_TAB_STOP_JS)
        page.set_viewport_size({"width": 320, "height": 640})
        snapshot["sideways"] = page.evaluate(SIDEWAYS_JS)
        snapshot["split"] = page.evaluate(SPLIT_JS)
        page.set_viewport_size({"width": 1280, "height": 800})
        snapshot.update(status=response.status, errors=list(reader.errors),
                        outside=reader.outside_requests(), cookies=context.cookies())  # fmt: skip
        seen[path] = snapshot
    context.close()
    return lang, seen


def check_every_page(visits, check) -> None:
    lang, seen = visits
    problems = [f"{path}: {problem}" for path, snapshot in seen.items() for problem in check(lang, path, snapshot)]
    assert not problems, "\n".join(problems)


def test_every_page_loads_without_script_errors(visits):
    def check(lang, path, s):
        if s["status"] != 200:
            yield f"status {s['status']}"
        yield from s["errors"]
        if s["lang"] != lang:
            yield f'<html lang="{s["lang"]}">'

    check_every_page(visits, check)


def test_no_request_leaves_the_site_and_no_cookie(visits):
    def check(lang, path, s):
        for url in s["outside"]:
            yield f"request to {url}"
        if s["cookies"] or s["cookie"]:
            yield f"cookies: {s['cookies'] or s['cookie']}"

    check_every_page(visits, check)


def test_language_switcher_links_the_same_page_in_every_language(visits, site, site_url):
    def check(lang, path, s):
        links = s["switcher"]
        if [link["hreflang"] for link in links] != SWITCHER_ORDER:
            yield f"switcher languages {[link['hreflang'] for link in links]}"
            return
        if s["switcherLabel"] != interface(lang, "Language"):
            yield f"switcher label {s['switcherLabel']!r}"
        for link in links:
            code = link["hreflang"]
            if link["lang"] != code:
                yield f'{code} link has lang="{link["lang"]}"'
            if link["name"] != languages.get(code).name:
                yield f"{code} link says {link['name']!r}"
            expected = same_page_in(path, code)
            if link["href"].split("#")[0] != f"{site_url}/{expected}":
                yield f"{code} link goes to {link['href']}, not {expected}"
            elif not (site / expected).is_file():
                yield f"{code} link target {expected} does not exist"
            if (link["current"] == "page") != (code == lang):
                yield f"{code} link aria-current={link['current']!r}"

    check_every_page(visits, check)


def test_hreflang_alternates_and_canonical_url(visits):
    def check(lang, path, s):
        if path.endswith("/404.html"):  # served at unknown addresses: no URL of its own
            if s["canonical"] or s["alternates"] or s["robots"] != "noindex":
                yield "the 404 page must be noindex, without canonical or alternates"
            return
        rest = path.split("/", 1)[1]
        expected = [(code, f"{base_url()}{code}/{rest}") for code in LANGS]
        expected.append(("x-default", f"{base_url()}en/{rest}"))
        if sorted(s["alternates"]) != sorted(map(list, expected)):
            yield f"alternates {s['alternates']}"
        if s["canonical"] != f"{base_url()}{path}":
            yield f"canonical {s['canonical']}"

    check_every_page(visits, check)


def test_description_and_open_graph_in_the_page_language(visits):
    def check(lang, path, s):
        if path.endswith("/404.html"):
            return
        og = s["og"]
        if len(s["description"]) != 1 or not s["description"][0].strip():
            yield f"meta descriptions: {s['description']}"
        elif og["og:description"] != s["description"][0]:
            yield f"og:description {og['og:description']!r} is not the description"
        if og["og:locale"] != languages.get(lang).locale:
            yield f"og:locale {og['og:locale']}"
        if og["og:url"] != s["canonical"]:
            yield f"og:url {og['og:url']}"
        if og["og:type"] != "website":
            yield f"og:type {og['og:type']!r}"
        if not og["og:title"] or og["og:title"] != s["h1"]:
            yield f"og:title {og['og:title']!r} is not the page's heading {s['h1']!r}"

    check_every_page(visits, check)


def test_help_line_with_phone_links_on_every_page(visits, site_url):
    def check(lang, path, s):
        help_line = s["help"]
        if not help_line["visible"]:
            yield "help line not on the first screen"
        # No-break space: a number never breaks across lines (handbook_ext/phone_numbers.py).
        if help_line["tel"] != [["tel:116000", "116\u00a0000"], ["tel:112", "112"]]:
            yield f"phone links {help_line['tel']}"
        for msgid in ("Need help?", "(free, day and night)", "Emergency"):
            if interface(lang, msgid) not in help_line["text"]:
                yield f"help line lacks {interface(lang, msgid)!r}: {help_line['text']!r}"
        expected = [] if path == f"{lang}/help.html" else [f"{site_url}/{lang}/help.html"]
        if help_line["page"] != expected:
            yield f"help page link {help_line['page']}"

    check_every_page(visits, check)


def test_quick_exit_button_and_first_tab_stop(visits, site_url):
    def check(lang, path, s):
        neutral = quick_exit_url(lang)
        texts = {link["text"] for link in s["exit"]}
        if [link["href"] for link in s["exit"]] != [neutral, neutral]:
            yield f"quick-exit links {s['exit']}"
        if texts != {interface(lang, "Exit this page quickly"), interface(lang, "Exit this page")}:
            yield f"quick-exit texts {texts}"
        if s["exitAbout"] != f"{site_url}/{lang}/browsing-safely.html#browsing-safely-quick-exit":
            yield f"'What is this?' goes to {s['exitAbout']}"
        first = s["first_tab_stop"]
        if not (first["quickExit"] and first["onScreen"]):
            yield f"first tab stop {first}"

    check_every_page(visits, check)


def test_nothing_scrolls_sideways_at_320px(visits):
    def check(lang, path, s):
        sideways = s["sideways"]
        if sideways["scrollWidth"] > sideways["width"] or sideways["wide"]:
            yield f"wider than {sideways['width']} px: {sideways['scrollWidth']} px {sideways['wide']}"

    check_every_page(visits, check)


def test_no_phone_number_or_heading_word_splits_at_320px(visits):
    def check(lang, path, s):
        for what in s["split"]:
            yield f"split across two lines: {what!r}"

    check_every_page(visits, check)
