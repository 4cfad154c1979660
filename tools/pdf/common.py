"""What the book and the sheet share: interface strings, metadata, rendering."""

from __future__ import annotations

import math
import os
import time
import xml.etree.ElementTree as ET
import zlib
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import polib

from handbook_ext import languages

from .epub import Edition

HERE = Path(__file__).resolve().parent
# Tagged for accessibility (structure tree, /Lang, title shown); WeasyPrint writes the XMP identifier.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}  # /ID: a hash of the content
COMPRESSION_LEVEL = 6


@cache
def _catalog(lang: str) -> dict[str, str]:
    path = languages.ROOT / "locale" / lang / "LC_MESSAGES" / languages.INTERFACE_CATALOG
    if not path.is_file():
        return {}
    entries = polib.pofile(str(path))
    return {e.msgid: e.msgstr for e in entries if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}


def interface(lang: str, msgid: str) -> str:
    """An interface string in ``lang``, from the interface catalog (sphinx.po); English when untranslated."""
    return _catalog(lang).get(msgid, msgid) if languages.get(lang).translated else msgid


def site_address(lang: str) -> str:
    """Where this language's web edition is published: the site's address and the language's folder."""
    return f"{languages.base_url()}{lang}/"


def document_date(edition: Edition) -> str:
    """SOURCE_DATE_EPOCH when set, else the EPUB's own date (which the build took from it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return edition.modified


def head(edition: Edition, title: str, description: str = "") -> ET.Element:
    """<head> with what WeasyPrint writes into the PDF's metadata (info dictionary and XMP)."""
    element = ET.Element("head")
    ET.SubElement(element, "meta", charset="utf-8")
    ET.SubElement(element, "title").text = title
    date = document_date(edition)
    for name, content in (
        ("author", edition.creator), ("description", description or edition.description),
        ("dcterms.created", date), ("dcterms.modified", date),
    ):  # fmt: skip
        if content:
            ET.SubElement(element, "meta", name=name, content=content)
    return element


def html_document(lang: str, head_element: ET.Element, body: ET.Element) -> str:
    root = ET.Element("html", lang=lang)
    root.append(head_element)
    root.append(body)
    return "<!DOCTYPE html>\n" + ET.tostring(root, encoding="unicode", method="html")


def _keep_text_that_fits_but_for_its_trailing_space() -> None:
    """Work around a line-breaking bug of WeasyPrint (70.0).

    A text followed by an inline element (a glossary term, a link, bold) ends
    with a space. When that text fits in the line only without its space,
    WeasyPrint measures it with the space, finds it too wide and cuts the line
    after the text's first word: "Een" alone on a line, the rest below. Such a
    text is laid out here as fitting, its space hanging at the line's end, as
    CSS says; the line then breaks before the inline element as usual.
    """
    from weasyprint.layout import inline

    original = inline.split_first_line
    if getattr(original, "keeps_trailing_space", False):
        return

    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True,
                         minimum=False):  # fmt: skip
        result = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        if (
            result[2] is not None and max_width is not None and text.endswith(" ")
            and style["white_space"] in ("normal", "pre-line")
            and original(text.rstrip(" "), style, context, max_width, justification_spacing,
                         is_line_start, minimum)[2] is None
        ):  # fmt: skip
            return original(text, style, context, math.inf, justification_spacing, is_line_start, minimum)
        return result

    split_first_line.keeps_trailing_space = True
    inline.split_first_line = split_first_line


def render(html: str, base: Path, stylesheet: str):
    """Lay out ``html`` with one of this package's style sheets; return the document and the seconds it took."""
    from weasyprint import CSS, HTML

    _keep_text_that_fits_but_for_its_trailing_space()
    start = time.perf_counter()
    document = HTML(string=html, base_url=str(base) + "/").render(
        stylesheets=[CSS(filename=str(HERE / stylesheet))], **PDF_OPTIONS
    )
    return document, time.perf_counter() - start


def describe_links(document, pdf) -> None:
    """Each link's description (/Contents, read by screen readers) is its text, in the book's language.

    WeasyPrint writes the link's target there: an English id such as
    "glossary--term-teen-pimp" for a link inside the PDF.
    """
    import pydyf

    for page in document.pages:
        for _, _, _, box in page.links:
            annotation = getattr(box, "link_annotation", None)
            element = getattr(box, "element", None)
            if annotation is not None and element is not None:
                label = " ".join("".join(element.itertext()).split())
                if label:
                    annotation["Contents"] = pydyf.String(label)


class _Zlib:
    """zlib, compressing at level 6 whatever level is asked for."""

    def __getattr__(self, name):
        return getattr(zlib, name)

    @staticmethod
    def compressobj(*args, **kwargs):
        kwargs.pop("level", None)
        return zlib.compressobj(COMPRESSION_LEVEL, *args[1:], **kwargs)


@contextmanager
def faster_compression():
    """pydyf compresses every stream at zlib's level 9; level 6 writes the book a quarter faster, 5 % larger."""
    import pydyf

    original = pydyf.zlib
    pydyf.zlib = _Zlib()
    try:
        yield
    finally:
        pydyf.zlib = original


def write(document, target: Path) -> float:
    """Write the PDF under a temporary name, then rename it (never half a file); return the seconds it took."""
    start = time.perf_counter()
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    try:
        with faster_compression():
            document.write_pdf(partial, finisher=describe_links, **PDF_OPTIONS)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return time.perf_counter() - start
