"""Sphinx configuration for the teen pimps handbook (all languages).

Built with ``sphinx-build -c . source OUT -D language=xx``; per-language
values are set in ``handbook_ext.metadata`` once the language is known.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402

project = "The teen pimps handbook"
author = "The handbook's authors and translators"
copyright = "2026, the handbook's authors and translators"
release = version = "1.0"

extensions = ["sphinx_design", "handbook_ext"]

language = "en"
# Absolute: Sphinx reads catalogs relative to source/ but translations.js relative
# to the working directory. (A moved checkout only re-reads the pages.)
locale_dirs = [str(ROOT / "locale")]
gettext_compact = False  # one PO file per page
gettext_uuid = False
gettext_location = True
gettext_last_translator = "The handbook's translators"
gettext_language_team = "The handbook's translators"

exclude_patterns = ["_build"]
nitpicky = True

# Our theme (Furo + the templates in source/_templates/handbook/); web only.
html_theme = "handbook"
# Relative to this folder: an absolute theme path changes the HTML config hash
# when the checkout moves, and Sphinx then leaves .buildinfo.bak in the output.
html_theme_path = ["source/_templates"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_permalinks_icon = "#"
# Search: on a tie, the help page comes first (see the file).
html_search_scorer = str(ROOT / "source" / "_templates" / "handbook" / "search_scorer.js")

# Where the site is published (pyproject.toml, or make BASE_URL=…); hreflang,
# canonical and sitemap URLs use it.
html_baseurl = languages.base_url()

# Quick exit ("Exit this page") goes to a neutral, non-personalised site in the
# reader's language: the Belgian Royal Meteorological Institute.
quick_exit_urls = {
    "nl": "https://www.meteo.be/nl/belgie",
    "fr": "https://www.meteo.be/fr/belgique",
    "en": "https://www.meteo.be/en/belgium",
}

epub_show_urls = "inline"  # the EPUB builder adds an address only where the link text lacks it
epub_tocdepth = 2
html_show_copyright = False  # the footer's licence line is translated instead
html_use_index = False
html_domain_indices = False
