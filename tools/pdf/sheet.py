"""The signals sheet: one A4 page with the signals, the three things to do and the help numbers.

Its text is the EPUB's, so it is translated with the book and never drifts
from it: the sheet prints, in reading order, every block the source marks
with the class ``handbook-sheet`` (``.. rst-class:: handbook-sheet``, or
``:class: handbook-sheet`` on a table), under the title of the section it
stands in. A list that also has ``handbook-sheet-brief`` is cut to each
item's bold lead-in. Links inside the book become plain text; phone and web
links stay live.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from handbook_ext import languages

from .common import head, html_document, interface, site_address
from .epub import Edition, EditionError

STYLESHEET = "sheet.css"
MARK, BRIEF = "handbook-sheet", "handbook-sheet-brief"
TITLE = "Signals and what to do"
ADDRESS_LINE = "The whole handbook: %s"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def marked_blocks(edition: Edition) -> list[tuple[str, ET.Element, str]]:
    """(section title, block, page) for every marked block, in the book's reading order."""
    found = []
    for href in edition.pages:
        root = edition.xhtml(href)
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in root.iter():
            if MARK not in classes(element):
                continue
            section = parents.get(element)
            while section is not None and section.tag != "section":
                section = parents.get(section)
            headings = [child for child in section if child.tag in HEADINGS] if section is not None else []
            heading = headings[0] if headings else None
            if heading is None:
                raise EditionError(f"{edition.folder / href}: a {MARK} block outside a section with a title")
            found.append((text(heading), element, href))
    return found


def brief(block: ET.Element, path) -> None:
    """Cut every item of a list to its bold lead-in."""
    items = [li for li in block.iter("li")]
    for item in items:
        lead = next(item.iter("strong"), None)
        if lead is None:
            raise EditionError(f"{path}: an item of a {BRIEF} list has no bold lead-in: {text(item)[:60]!r}")
        item.clear()
        ET.SubElement(item, "strong").text = text(lead)


def prepare(block: ET.Element, path) -> ET.Element:
    block = copy.deepcopy(block)
    if BRIEF in classes(block):
        brief(block, path)
    for element in block.iter():
        element.attrib.pop("id", None)
        href = element.get("href")
        if element.tag == "a" and href is not None and not urlsplit(href).scheme:
            element.tag = "span"  # a link inside the book: there is no book here
            element.attrib.pop("href")
    return block


def html(edition: Edition, lang: str) -> str:
    blocks = marked_blocks(edition)
    if not blocks:
        raise EditionError(f"{edition.folder}: no page marks a block with the class {MARK!r}: nothing for the sheet")
    title = interface(lang, TITLE)
    book_title = languages.get(lang).title
    body = ET.Element("body")
    header = ET.SubElement(body, "header")
    ET.SubElement(header, "p", {"class": "book-title"}).text = book_title
    ET.SubElement(header, "h1").text = title
    section, current = None, None
    for heading, block, href in blocks:
        if heading != current:
            section = ET.SubElement(body, "section")
            ET.SubElement(section, "h2").text = heading
            current = heading
        section.append(prepare(block, edition.folder / href))
    footer = ET.SubElement(body, "footer")
    address = site_address(lang)
    line = ET.SubElement(footer, "p")
    before, _, after = interface(lang, ADDRESS_LINE).partition("%s")
    line.text = before
    link = ET.SubElement(line, "a", href=address)
    link.text = address
    link.tail = after
    return html_document(lang, head(edition, f"{title} – {book_title}"), body)
