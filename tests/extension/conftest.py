"""Unit tests of handbook_ext: Sphinx's own test fixtures on tiny projects.

Each tiny project is a folder ``tests/roots/test-<name>/`` (a conf.py that
loads the modules under test, a few pages, and PO files under
``locale/<lang>/LC_MESSAGES/``). :func:`project` copies one into the test's
``tmp_path`` and compiles its PO files there, as tools/build_site.py does
(Babel's ``write_mo``, fuzzy entries left out): nothing is written into the
repository. ``make_app`` (Sphinx's test fixtures, enabled in tests/conftest.py)
then builds it in that copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

ROOTS = Path(__file__).resolve().parent.parent / "roots"


def compile_catalogs(srcdir: Path) -> None:
    """Every ``locale/<lang>/LC_MESSAGES/*.po`` of the copy, compiled next to it."""
    for po_path in sorted(srcdir.glob("locale/*/LC_MESSAGES/**/*.po")):
        lang = po_path.relative_to(srcdir / "locale").parts[0]
        with open(po_path, encoding="utf-8") as po_file:
            catalog = read_po(po_file, lang)
        with open(po_path.with_suffix(".mo"), "wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)


@pytest.fixture
def project(tmp_path) -> Callable[[str], Path]:
    """``project("apostrophes")``: a compiled copy of tests/roots/test-apostrophes/ in tmp_path."""

    def copy(name: str) -> Path:
        srcdir = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", srcdir)
        compile_catalogs(srcdir)
        return srcdir

    return copy


def page(app, docname: str) -> BeautifulSoup:
    return BeautifulSoup(Path(app.outdir, f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
