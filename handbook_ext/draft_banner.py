"""A "not yet translated" banner on the pages of a draft language.

A language with ``status = "draft"`` in pyproject.toml builds even when it is
partly translated. Every page that still shows English text gets a banner
under its title, in the page's language when that language's ``sphinx.po``
translates :data:`MESSAGE`, else in English (marked ``lang="en"``).

How untranslated text is found: Sphinx's Locale transform marks every
translatable node ``translated=True`` or ``False``. A node it left alone whose
catalog entry is *identical* to the English ("Child Focus", "116 000") is
translated all the same, and a message without any letters is not English
text; neither calls for the banner. The count is stored on the doctree at
read time and the banner added when the page is written, so it works the
same in the HTML and the EPUB, with no template change.
"""

from __future__ import annotations

import gettext
import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from . import languages

MESSAGE = "Part of this page is not yet translated; that part is shown in English."
COUNT_KEY = "handbook_untranslated"
CLASS = "handbook-draft-banner"
_MARKUP = re.compile(r"<[^>]*>|:[\w:+.-]+:|`|https?://\S+")


def catalog_messages(locale_dirs: list[Path], language: str, domain: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for directory in reversed(locale_dirs):
        try:
            trans = gettext.translation(domain, localedir=str(directory), languages=[language])
        except OSError:
            continue
        merged |= getattr(trans, "_catalog", {})
    return merged


def has_words(message: str) -> bool:
    return bool(re.search(r"[^\W\d_]", _MARKUP.sub(" ", message)))


class CountUntranslated(SphinxTransform):
    """Count the messages of the page that are still shown in English."""

    default_priority = 26  # after Locale (20) and Sphinx's own progress count (25)

    def apply(self, **kwargs) -> None:
        lang = self.config.language
        if not lang or lang == languages.SOURCE_LANGUAGE:
            return
        from sphinx.builders.gettext import MessageCatalogBuilder

        if issubclass(self.env._builder_cls, MessageCatalogBuilder):
            return
        domain = docname_to_domain(self.env.current_document.docname, self.config.gettext_compact)
        dirs = [Path(self.env.srcdir, d) for d in self.config.locale_dirs]
        catalog = catalog_messages(dirs, lang, domain)
        missing = 0
        for node, msg in extract_messages(self.document):
            if node.get("translated") is not False:
                continue
            if catalog.get(msg) == msg or not has_words(msg):
                continue  # identical translation, or a number, link or name only
            missing += 1
        self.document[COUNT_KEY] = missing


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
    if lang is None or lang.status != "draft" or not doctree.get(COUNT_KEY):
        return
    if app.builder.format != "html":
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, banner_node())
    else:
        doctree.insert(0, banner_node())


def setup(app: Sphinx) -> None:
    app.add_transform(CountUntranslated)
    app.connect("doctree-resolved", add_banner)
