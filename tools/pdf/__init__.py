"""The print editions (PDF), made from one language's EPUB builder output.

    write_pdfs(Path("build/epub/nl"), "nl", Path("build/site/downloads"))

writes handbook-nl.pdf (the whole book, tools/pdf/book.py) and signals-nl.pdf
(the one-page signals sheet, tools/pdf/sheet.py). tools/pdf_editions.py is
the command line.
"""

from __future__ import annotations

from pathlib import Path

from . import book, common, epub, sheet
from .epub import EditionError

__all__ = ["EditionError", "book_name", "sheet_name", "write_pdfs"]


def book_name(lang: str) -> str:
    return f"handbook-{lang}.pdf"


def sheet_name(lang: str) -> str:
    return f"signals-{lang}.pdf"


def write_pdfs(epub_dir: Path, lang: str, target_dir: Path, timings: dict | None = None) -> list[Path]:
    """Write handbook-<lang>.pdf and signals-<lang>.pdf into target_dir; return their paths.

    ``timings``, when given, receives each file's (render, write) seconds.
    (tools/build_site.py calls it only when the EPUB changed: build/state/.)
    Raises :class:`EditionError`, naming the file, when ``epub_dir`` is not
    an EPUB build, is in another language, or the sheet no longer fits on
    one page.
    """
    edition = epub.read(Path(epub_dir))
    if edition.lang != lang:
        raise EditionError(f"{edition.folder / 'content.opf'}: this EPUB is in {edition.lang!r}, not {lang!r}")
    target_dir = Path(target_dir)
    target_dir.mkdir(parents=True, exist_ok=True)
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
    return [written[book], written[sheet]]
