"""The language switcher: the same page in every other language, on every web page.

Plain relative links (``../../fr/understanding/signals.html``), so they work
offline and from file://. ``handbook.js`` appends the section the reader is
at (its language-independent label, see ``stable_id`` there). Native names,
with ``lang`` and ``hreflang`` on every link; the current language carries
``aria-current``.

Every edition has the same pages (the sources are shared; a translation
only changes the text), so the other page always exists.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import languages
from .web_chrome import is_web


def switcher_order() -> list[languages.Language]:
    """The translations first, the English source last: Nederlands, Français, English."""
    langs = list(languages.languages().values())
    return [lang for lang in langs if lang.translated] + [lang for lang in langs if not lang.translated]


def link_to(app: Sphinx, from_page: str, code: str, to_page: str) -> str:
    """Relative link from ``from_page`` in this edition to ``to_page`` in edition ``code``."""
    up = "../" * (from_page.count("/") + 1)  # out of the page's folder, then out of the edition
    return f"{up}{code}/{app.builder.get_target_uri(to_page)}"


def add_switcher(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not is_web(app):
        return
    target = context.get("handbook_switcher_target", pagename)  # the 404 page points at home
    context["handbook_switcher"] = [
        {
            "code": lang.code,
            "name": lang.name,
            "href": link_to(app, pagename, lang.code, target),
            "current": lang.code == app.config.language,
        }
        for lang in switcher_order()
    ]


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", add_switcher)
