"""The handbook's own Sphinx extension: one module per feature the theme lacks."""

from __future__ import annotations

from importlib import import_module

from sphinx.application import Sphinx

# Each module has a ``setup(app)``; order matters only where noted.
FEATURES = [
    "metadata",  # per-language titles and EPUB identity (config-inited)
    "interface_i18n",  # Sphinx/Furo interface strings and the JS catalog
    "epub_fixes",  # EPUB builder and theme, accessibility metadata, reproducible zip
    "epub_cover",  # the EPUB cover, drawn per language
    "downloads",  # the downloads page: every language's books and their sizes
    "apostrophes",  # l'<term> keeps its apostrophe (smart quotes misread it)
    "phone_numbers",  # no line break inside a phone number (no-break spaces, every builder)
    "glossary_sort",  # glossaries sorted by the translated terms
    "untranslated",  # which messages of a page have no translation (completeness, draft_banner)
    "completeness",  # untranslated text in a published language is an error
    "freshness",  # incremental builds rewrite every page when titles change
    "translation_status",  # the Translation status page's table, counted from the PO files
    "draft_banner",  # "not yet translated" banner on pages of a draft language
    "web_chrome",  # web only: handbook.css/js, accessible sidebar captions, print-only numbers
    "language_switcher",  # the same page in every other language, on every web page
    "quick_exit",  # "Exit this page" to a neutral site: quick_exit_urls in conf.py
    "help_line",  # Child Focus 116 000 and 112 at the top of every web page
    "seo",  # canonical, hreflang, description, Open Graph, sitemap.xml
    "not_found",  # the translated 404 page, with root-relative links
    "assets",  # web only: each page loads only the CSS/JS it uses; purged CSS, no source maps
    "csp",  # web only: Content-Security-Policy with hashes, rel="noopener noreferrer" (last)
]


def setup(app: Sphinx) -> dict:
    for name in FEATURES:
        import_module(f"{__name__}.{name}").setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
