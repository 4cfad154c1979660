"""A "not yet translated" banner on the pages of a draft language.

A language with ``status = "draft"`` in pyproject.toml builds even when it is
partly translated. Every page that still shows English text gets a banner
under its title, in the page's language when that language's ``sphinx.po``
translates :data:`MESSAGE`, else in English (marked ``lang="en"``).

Which messages have no translation is found by :mod:`.untranslated` at read
time, with the same rule as the published languages' completeness check. A
message without any letters (a number, a link, a name) is not English text
and does not call for the banner. The banner is added when the page is
written, so it works the same in the HTML and the EPUB, with no template
change.
"""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _

from . import languages, untranslated

MESSAGE = "Part of this page is not yet translated; that part is shown in English."
CLASS = "handbook-draft-banner"
_MARKUP = re.compile(r"<[^>]*>|:[\w:+.-]+:|`|https?://\S+")


def has_words(message: str) -> bool:
    return bool(re.search(r"[^\W\d_]", _MARKUP.sub(" ", message)))


def shows_english(missing: list[untranslated.Untranslated]) -> bool:
    """Some of the page's untranslated messages are English text, not just numbers or names."""
    return any(has_words(message) for _line, message in missing)


def banner_node() -> nodes.raw:
    text = str(_(MESSAGE))
    # Not translated: say that it is English (xml:lang too, for the EPUB's XHTML).
    lang_attr = ' lang="en" xml:lang="en" dir="ltr"' if text == MESSAGE else ""
    markup = (
        f'<div class="admonition attention {CLASS}" role="note"{lang_attr}>\n'
        f"<p>{html.escape(text)}</p>\n</div>\n"
    )
    return nodes.raw("", markup, format="html")


def add_banner(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    lang = languages.languages().get(app.config.language)
    if lang is None or lang.status != "draft":
        return
    if not shows_english(untranslated.found(app.env).get(docname, [])):
        return
    if app.builder.format != "html":
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, banner_node())
    else:
        doctree.insert(0, banner_node())


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_banner)
