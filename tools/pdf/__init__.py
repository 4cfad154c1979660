"""The print editions (PDF), made from one language's EPUB builder output.

    write_pdfs(Path("build/epub/nl"), "nl", Path("build/site/downloads"))

writes handbook-nl.pdf (the whole book, tools/pdf/book.py) and signals-nl.pdf
(the one-page signals sheet, tools/pdf/sheet.py). tools/pdf_editions.py is
the command line.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from . import book, common, epub, sheet
from .epub import EditionError

__all__ = ["EditionError", "book_name", "sheet_name", "write_pdfs"]


def book_name(lang: str) -> str:
    return f"handbook-{lang}.pdf"


def sheet_name(lang: str) -> str:
    return f"signals-{lang}.pdf"


def inputs_digest(edition: epub.Edition, lang: str) -> str:
    """A hash of everything the two PDFs are made from: the same digest, the same bytes."""
    from importlib import metadata

    from handbook_ext import languages

    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = [(name, edition.folder / name) for name in ("content.opf", edition.nav, *edition.pages)]
    files += [(f"tools/pdf/{p.name}", p) for p in sorted(here.iterdir()) if p.suffix in (".py", ".css")]
    files += [(name, languages.ROOT / name) for name in
              ("pyproject.toml", f"locale/{lang}/LC_MESSAGES/{languages.INTERFACE_CATALOG}")]  # fmt: skip
    for name, path in files:
        digest.update(f"{name}\0".encode())
        digest.update(path.read_bytes() if path.is_file() else b"-")
    for package in ("weasyprint", "pydyf"):
        digest.update(f"{package}={metadata.version(package)}\0".encode())
    digest.update(f"{languages.base_url()}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    return digest.hexdigest()


def write_pdfs(epub_dir: Path, lang: str, target_dir: Path, timings: dict | None = None,
               cache_dir: Path | None = None) -> list[Path]:  # fmt: skip
    """Write handbook-<lang>.pdf and signals-<lang>.pdf into target_dir; return their paths.

    ``timings``, when given, receives each file's (render, write) seconds.
    ``cache_dir``, when given, keeps a copy of the two files with a digest of
    their inputs: while nothing they are made from changes, they are copied
    from there instead of laid out again (five seconds a language).
    Raises :class:`EditionError`, naming the file, when ``epub_dir`` is not
    an EPUB build, is in another language, or the sheet no longer fits on
    one page.
    """
    edition = epub.read(Path(epub_dir))
    if edition.lang != lang:
        raise EditionError(f"{edition.folder / 'content.opf'}: this EPUB is in {edition.lang!r}, not {lang!r}")
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
    names = [book_name(lang), sheet_name(lang)]
    digest = stamp = None
    if cache_dir is not None:
        cache_dir = Path(cache_dir)
        digest, stamp = inputs_digest(edition, lang), cache_dir / "inputs.sha256"
        if stamp.is_file() and stamp.read_text() == digest and all((cache_dir / n).is_file() for n in names):
            for name in names:
                shutil.copy2(cache_dir / name, target_dir / name)
            return [target_dir / name for name in names]
    written = {}
    # The sheet first: it takes a tenth of the time and may fail (too long for one page).
    for module, name in ((sheet, sheet_name(lang)), (book, book_name(lang))):
        document, render_seconds = common.render(module.html(edition, lang), edition.folder, module.STYLESHEET)
        path = target_dir / name
        if module is sheet and len(document.pages) != 1:
            raise EditionError(
                f"{path}: the signals sheet takes {len(document.pages)} pages; it must fit on one A4 page "
                f"(shorten the blocks marked {sheet.MARK!r} in source/, or tighten tools/pdf/{sheet.STYLESHEET})"
            )
        write_seconds = common.write(document, path)
        written[module] = path
        if timings is not None:
            timings[path.name] = (render_seconds, write_seconds)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        stamp.unlink(missing_ok=True)
        for name in names:
            shutil.copy2(target_dir / name, cache_dir / name)
        stamp.write_text(digest)  # last: a cache without its stamp is never used
    return [written[book], written[sheet]]
