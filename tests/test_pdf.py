"""The PDF editions: the whole book and the one-page signals sheet, per language.

They are built with the site (downloads/handbook-<lang>.pdf and
signals-<lang>.pdf) from each language's EPUB output; the tests read them
back with pypdf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import LANGS, ROOT, TRANSLATED, pdf_text
from handbook_ext import languages
from tools.pdf import EditionError, write_pdfs

# What facts.md writes: Child Focus and the emergency number.
HELP_NUMBERS = ["116 000", "112", "101"]
# English interface words that must not show in the nl and fr editions.
ENGLISH_INTERFACE = ["Contents", "Table of contents", "Page", "Next", "Previous", "Chapter",
                     "Printable edition", "The whole handbook", "Signals and what to do",
                     "For parents, professionals"]  # fmt: skip
MARKUP = re.compile(r"[`*:<>|_\[\]\"'’“”«»]")


# --- helpers ------------------------------------------------------------------------


@cache
def reader(path: Path) -> PdfReader:
    return PdfReader(path)


def flat(text: str) -> str:
    """Text with every run of white space (no-break spaces too) as one space."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


text_of = cache(pdf_text)


def book(site: Path, lang: str) -> Path:
    return site / "downloads" / f"handbook-{lang}.pdf"


def sheet(site: Path, lang: str) -> Path:
    return site / "downloads" / f"signals-{lang}.pdf"


def annotations(path: Path) -> list[dict]:
    return [a.get_object() for page in reader(path).pages for a in page.get("/Annots") or []]


def xmp(path: Path) -> str:
    return reader(path).trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")


def plain_translation(lang: str, page: str) -> polib.POEntry:
    """The shortest translated paragraph of ``page``'s catalog that is plain text (no markup, no quotes)."""
    catalog = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / f"{page}.po"))
    entries = [
        e for e in catalog.translated_entries()
        if len(e.msgstr.split()) >= 8 and not MARKUP.search(e.msgstr) and not MARKUP.search(e.msgid)
    ]  # fmt: skip
    assert entries, f"{page}.po ({lang}) has no plain translated paragraph to look for"
    return min(entries, key=lambda e: (len(e.msgstr), e.msgstr))


@cache
def translated_text(lang: str) -> str:
    """Every translation in ``lang``'s catalogs: a word found here is that language's own."""
    catalogs = sorted((ROOT / "locale" / lang / "LC_MESSAGES").rglob("*.po"))
    return "\n".join(e.msgstr for path in catalogs for e in polib.pofile(str(path)).translated_entries())


def english_interface(text: str, lang: str) -> list[str]:
    """The English interface words in ``text`` that are not also words of ``lang`` ("Page" is French too)."""
    def has(words: str, in_text: str) -> bool:
        return re.search(rf"\b{re.escape(words)}\b", in_text) is not None

    return [words for words in ENGLISH_INTERFACE if has(words, text) and not has(words, translated_text(lang))]


def signals_page(site: Path, lang: str) -> BeautifulSoup:
    return BeautifulSoup((site / lang / "understanding" / "signals.html").read_bytes(), "html.parser")


# --- both files, every language -------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_pdfs_exist(site, lang):
    for path in (book(site, lang), sheet(site, lang)):
        assert path.is_file(), f"{path.name} is missing from downloads/"
        assert path.read_bytes()[:5] == b"%PDF-"
        assert len(reader(path).pages) >= 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ["book", "sheet"])
def test_metadata_and_tags(site, lang, kind):
    """Language, title, tagged structure and the PDF/UA-1 identifier."""
    path = book(site, lang) if kind == "book" else sheet(site, lang)
    root = reader(path).trailer["/Root"]
    assert root.get("/Lang") == lang
    assert "/Metadata" in root, "no XMP metadata"
    title = languages.get(lang).title
    info_title = reader(path).metadata.title
    assert title in info_title
    assert title in xmp(path)
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712  (a pypdf BooleanObject)
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp(path)), "no PDF/UA-1 identifier in the XMP metadata"


@pytest.mark.parametrize("lang", LANGS)
def test_help_numbers(site, lang):
    for path in (book(site, lang), sheet(site, lang)):
        text = text_of(path)
        for number in HELP_NUMBERS:
            assert re.search(rf"(?<!\d){number}(?!\d)", text), f"{path.name}: no {number}"


# --- the book ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATED)
def test_book_is_translated(site, lang):
    """A paragraph of the translation (taken from its PO file now) is in the book; no English interface."""
    text = text_of(book(site, lang))
    for page in ("understanding/signals", "help", "parents/if-you-are-worried"):
        entry = plain_translation(lang, page)
        assert flat(entry.msgstr) in text, f"{page}: the translated paragraph {entry.msgstr!r} is not in the book"
        if entry.msgid != entry.msgstr:
            assert flat(entry.msgid) not in text, f"{page}: the English {entry.msgid!r} is in the book"
    assert not english_interface(text, lang), f"English interface text in the {lang} book"


@pytest.mark.parametrize("lang", LANGS)
def test_book_cover_and_contents(build_dir, site, lang):
    pdf = reader(book(site, lang))
    cover = flat(pdf.pages[0].extract_text())
    assert languages.get(lang).title in cover
    assert f"{languages.base_url()}{lang}/" in cover
    # The table of contents follows, with the page number of each chapter.
    help_page = BeautifulSoup((build_dir / "epub" / lang / "help.xhtml").read_bytes(), "html.parser")
    help_title = flat(help_page.select_one("h1").get_text())
    contents = flat(" ".join(page.extract_text() for page in pdf.pages[1:5]))
    match = re.search(rf"{re.escape(help_title)}[ .]*(\d+)", contents)
    assert match, f"the contents do not list {help_title!r} with a page number: {contents[:300]!r}"
    page = pdf.pages[int(match.group(1)) - 1]
    assert help_title in flat(page.extract_text()), f"{help_title!r} is not on the page the contents give"


@pytest.mark.parametrize("lang", LANGS)
def test_book_links(site, lang):
    """Web, mail and phone links stay live; links between pages (terms, cross-references) go inside the PDF."""
    path = book(site, lang)
    links = annotations(path)
    uris = {a["/A"]["/URI"] for a in links if "/A" in a and a["/A"].get("/S") == "/URI"}
    assert "tel:116000" in uris and "tel:112" in uris
    assert any(uri.startswith("https://") for uri in uris)
    names = set(reader(path).named_destinations)
    internal = [a for a in links if "/Dest" in a or ("/A" in a and a["/A"].get("/S") == "/GoTo")]
    dests = {a["/Dest"] if "/Dest" in a else a["/A"]["/D"] for a in internal}
    assert dests <= names, f"links to destinations the PDF lacks: {sorted(dests - names)[:5]}"
    terms = {d for d in dests if d.startswith("glossary--term-")}
    assert len(terms) >= 10, f"glossary terms do not link inside the PDF: {sorted(dests)[:10]}"
    pages = {d for d in dests if "--" not in d}
    assert "help" in pages, "no link to the Help page inside the PDF"
    # Screen readers read each link's description: its text, not an English id.
    ids = [str(a.get("/Contents")) for a in links if str(a.get("/Contents", "")).startswith("glossary--")]
    assert not ids, f"links described by their target id, not their text: {ids[:3]}"


def test_book_line_breaks():
    """A text that fits but for its trailing space stays on its line (WeasyPrint 70 cut it after its first word)."""
    from tools.pdf import common

    html = ("<p>Een jongere kan meerdere van deze signalen vertonen zonder slachtoffer te zijn van een "
            "<a href='#x'>tienerpooier</a>. Veel ervan horen ook gewoon bij een moeilijke puberteit.</p>")  # fmt: skip
    for width in range(150, 166):
        document, _ = common.render(f"<html lang='nl'><body style='width: {width}mm'>{html}</body></html>",
                                    ROOT, "book.css")  # fmt: skip
        lines = [line for line in document.pages[0]._page_box.descendants() if type(line).__name__ == "LineBox"]
        first = "".join(box.text for box in lines[0].descendants() if hasattr(box, "text"))
        assert len(first.split()) > 1, f"at {width} mm the first line is {first!r}"


# --- the sheet ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_sheet(site, lang):
    """One page: every signal and every thing to do of the signals page, the help numbers, the site's address."""
    path = sheet(site, lang)
    assert len(reader(path).pages) == 1
    text = text_of(path)
    page = signals_page(site, lang)
    signals = page.select("ol.handbook-sheet-brief > li")  # thirteen: tests/test_content.py counts them
    assert signals, "the signals page marks no list for the sheet"
    for item in signals:
        lead = flat(item.select_one("strong").get_text())
        assert lead in text, f"signal {lead!r} is not on the sheet"
    things = page.select("ol.handbook-sheet:not(.handbook-sheet-brief) > li")
    assert things, "the signals page marks no list of things to do for the sheet"
    for item in things:
        assert flat(item.get_text()) in text, f"{flat(item.get_text())!r} is not on the sheet"
    assert f"{languages.base_url()}{lang}/" in text
    uris = {a["/A"]["/URI"] for a in annotations(path) if "/A" in a}
    assert "tel:116000" in uris and f"{languages.base_url()}{lang}/" in uris


@pytest.mark.parametrize("lang", TRANSLATED)
def test_sheet_is_translated(site, lang):
    text = text_of(sheet(site, lang))
    assert not english_interface(text, lang), f"English interface text on the {lang} sheet"
    for words in ["Thirteen signals", "Stay calm", "Which service"]:
        assert words not in text, f"English text on the {lang} sheet: {words!r}"


# --- writing them ------------------------------------------------------------------------


def test_reproducible(build_dir, site, tmp_path):
    """Two writes of one build give the same bytes, and the same as the build's own (another process)."""
    lang = TRANSLATED[0]
    first = write_pdfs(build_dir / "epub" / lang, lang, tmp_path / "first")
    second = write_pdfs(build_dir / "epub" / lang, lang, tmp_path / "second")
    assert [p.name for p in first] == [f"handbook-{lang}.pdf", f"signals-{lang}.pdf"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two writes"
        assert a.read_bytes() == (site / "downloads" / a.name).read_bytes(), f"{a.name} differs from the build's"


def test_missing_package_document(tmp_path):
    with pytest.raises(EditionError, match=re.escape(str(tmp_path / "epub" / "content.opf"))):
        write_pdfs(tmp_path / "epub", "nl", tmp_path / "out")
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "pdf_editions.py"), str(tmp_path / "epub"), "nl",
                           str(tmp_path / "out")], capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 1
    assert str(tmp_path / "epub" / "content.opf") in proc.stderr and "Traceback" not in proc.stderr


def test_wrong_language(build_dir, tmp_path):
    with pytest.raises(EditionError, match=r"content\.opf: this EPUB is in 'en', not 'nl'"):
        write_pdfs(build_dir / "epub" / "en", "nl", tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_missing_page(build_dir, tmp_path):
    copy = shutil.copytree(build_dir / "epub" / "en", tmp_path / "epub")
    (copy / "help.xhtml").unlink()
    with pytest.raises(EditionError, match=re.escape(str(copy / "help.xhtml"))):
        write_pdfs(copy, "en", tmp_path / "out")


def test_sheet_must_fit_one_page(build_dir, tmp_path):
    """Text marked for the sheet that no longer fits on one page fails the build, and says so."""
    copy = shutil.copytree(build_dir / "epub" / "en", tmp_path / "epub")
    page = copy / "understanding" / "signals.xhtml"
    xhtml = page.read_text(encoding="utf-8")
    signals = re.search(r'<ol class="[^"]*handbook-sheet-brief.*?</ol>', xhtml, re.S).group(0)
    page.write_text(xhtml.replace(signals, signals * 3), encoding="utf-8")
    with pytest.raises(EditionError, match="must fit on one A4 page"):
        write_pdfs(copy, "en", tmp_path / "out")
    assert not (tmp_path / "out" / "signals-en.pdf").exists()
