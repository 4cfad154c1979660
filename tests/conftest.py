"""Shared fixtures: the whole site, built once per test session into a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402

# Sphinx's own test fixtures (make_app, app) for the unit tests in tests/extension/.
# Here, in the top-level conftest, as sphinx-design's tests do: pytest refuses
# pytest_plugins in a conftest it finds only while collecting (`pytest .` did).
pytest_plugins = ("sphinx.testing.fixtures",)

LANGS = list(languages.languages())
TRANSLATED = [lang.code for lang in languages.translations()]


def po_header(lang: str) -> str:
    """A complete PO header for ``lang``, on lines 1-11 (the tests count lines from it)."""
    from babel.messages.plurals import get_plural

    plural = get_plural(lang)
    return (
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: The teen pimps handbook 1.0\\n"\n'
        '"PO-Revision-Date: 2026-11-23 05:31+0000\\n"\n'
        '"Last-Translator: The handbook\'s translators\\n"\n'
        '"Language-Team: The handbook\'s translators\\n"\n'
        f'"Language: {lang}\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        f'"Plural-Forms: nplurals={plural.num_plurals}; plural={plural.plural_expr};\\n"\n'
    )


def pdf_text(path: Path) -> str:
    """A PDF's text with every run of white space (no-break spaces too) as one space."""
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_COLLATE", "LC_MESSAGES")


def environment_with_locale(lang: str | None) -> dict[str, str]:
    """This process's environment with LANG set to ``lang`` (None: no locale variable at all)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    if lang is not None:
        env["LANG"] = lang
    return env


def run_build(build_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_site.py"), "--build-dir", str(build_dir), *args],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    """Build all six outputs once; every test reads from here."""
    path = tmp_path_factory.mktemp("build")
    proc = run_build(path)
    assert proc.returncode == 0, f"The build failed:\n{proc.stdout}\n{proc.stderr}"
    return path


@pytest.fixture(scope="session")
def site(build_dir) -> Path:
    return build_dir / "site"


def html_pages(site: Path, lang: str) -> list[Path]:
    """Every content page of one language's HTML edition."""
    return sorted(p for p in (site / lang).rglob("*.html") if "_static" not in p.parts)
