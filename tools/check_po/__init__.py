"""The translation quality gate (``make check-po``), one module per family of checks.

    driver.py         the command line (main), the tables of checks and check_catalogs,
                      which runs them; its docstring explains every check
    catalog.py        Catalog (one PO file), Finding (one problem), helpers about entries
    text.py           visible_text: what a reader sees of a message, markup removed
    po_format.py      msgfmt, header, untranslated, fuzzy
    markup.py         markup (docutils), lint (sphinx-lint)
    numbers_links.py  numbers, links
    terminology.py    terminology, forbidden (locale/terminology.csv)
    spelling.py       spelling (hunspell and the word lists)
    typography.py     typography, brackets and translate-toolkit's pofilter checks

``python tools/check_po.py`` runs it (the Makefile does). A new check is a function in
the module of its family, named in driver.ALL_CHECKS and in one of driver's tables.
"""

from .catalog import Catalog, Finding, msgid_lines, start_of
from .driver import ALL_CHECKS, check_catalogs, main
from .spelling import find_dictionary
from .terminology import load_terminology

__all__ = ["ALL_CHECKS", "Catalog", "Finding", "check_catalogs", "find_dictionary", "load_terminology", "main",
           "msgid_lines", "start_of"]  # fmt: skip
