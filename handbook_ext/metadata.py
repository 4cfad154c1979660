"""Per-language titles and EPUB identity.

``-D language=xx`` is applied after conf.py runs, so the values that depend on
the language are filled in here, on ``config-inited``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from . import languages


def set_language_metadata(app: Sphinx, config: Config) -> None:
    lang = languages.get(config.language)
    config.project = lang.title
    config.html_title = lang.title
    config.epub_title = lang.title
    config.epub_basename = f"handbook-{lang.code}"
    config.epub_uid = f"handbook-tienerpooiers-{lang.code}"  # an XML NCName
    config.epub_identifier = config.epub_uid  # one NCName in content.opf and toc.ncx
    config.epub_publisher = config.author
    config.epub_copyright = config.copyright
    config.html_context = {
        **config.html_context,
        "handbook_language": lang,
        "handbook_languages": list(languages.languages().values()),
    }


def setup(app: Sphinx) -> None:
    app.connect("config-inited", set_language_metadata, priority=100)
