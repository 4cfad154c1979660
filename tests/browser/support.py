"""What the browser tests compare against: the site's pages, settings and interface strings."""

from __future__ import annotations

import runpy
from functools import cache
from pathlib import Path

import polib

from conftest import LANGS, ROOT, html_pages, languages  # tests/conftest.py

AXE_JS = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
SOURCE = "en"
# The switcher's order: the translations, then the English source.
SWITCHER_ORDER = [code for code in LANGS if code != SOURCE] + [SOURCE]


@cache
def conf() -> dict:
    return runpy.run_path(str(ROOT / "conf.py"))


def base_url() -> str:
    return languages.base_url()


def quick_exit_url(lang: str) -> str:
    return conf()["quick_exit_urls"][lang]


@cache
def interface_catalog(lang: str) -> dict[str, str]:
    if lang == SOURCE:
        return {}
    po = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "sphinx.po"))
    return {entry.msgid: entry.msgstr for entry in po.translated_entries()}


def interface(lang: str, msgid: str) -> str:
    """An interface string as the reader of ``lang`` sees it (sphinx.po)."""
    if lang == SOURCE:
        return msgid
    catalog = interface_catalog(lang)
    assert msgid in catalog, f"{msgid!r} has no translation in locale/{lang}/LC_MESSAGES/sphinx.po"
    return catalog[msgid]


def page_paths(site: Path, lang: str) -> list[str]:
    """Every web page of one edition, as "nl/understanding/signals.html"."""
    return [p.relative_to(site).as_posix() for p in html_pages(site, lang)]


def same_page_in(path: str, code: str) -> str:
    """nl/understanding/signals.html → fr/understanding/signals.html; a 404 page leads home."""
    rest = path.split("/", 1)[1]
    return f"{code}/{'index.html' if rest == '404.html' else rest}"


def interface_plural(lang: str, singular: str, plural: str, count: int) -> str:
    """A plural interface string for ``count``, as sphinx.po gives it (nl and fr: one form for 1)."""
    if lang == SOURCE:
        return singular if count == 1 else plural
    po = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "sphinx.po"))
    entry = po.find(singular)
    assert entry and entry.msgstr_plural, f"{singular!r} has no plural translation in {lang}'s sphinx.po"
    forms = entry.msgstr_plural
    return forms[0] if count == 1 else forms[1]
