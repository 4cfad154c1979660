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
    "epub_downloads",  # the downloads page's list of EPUBs and their sizes
    "completeness",  # untranslated text in a published language is an error
    "freshness",  # incremental builds rewrite every page when titles change
]


def setup(app: Sphinx) -> dict:
    for name in FEATURES:
        import_module(f"{__name__}.{name}").setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
