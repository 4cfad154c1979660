"""The whole handbook as one A4 PDF: a cover, a table of contents with page numbers, every page of the EPUB's spine.

The spine's XHTML files are joined into one HTML document. Each file's ids
get the file's name in front ("glossary--term-teen-pimp"), so they stay
unique, and every link between files becomes a link inside the document, so
glossary terms and cross-references jump to their page in the PDF.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET

from handbook_ext import languages

from .common import head, html_document, interface, site_address
from .epub import Edition, EditionError, page_id, resolve, unique_id

STYLESHEET = "book.css"
EDITION_LINE = "Printable edition"
AUDIENCE_LINE = "For parents, professionals and young people in Belgium"  # as on the EPUB's cover
PAGE_LINE = "(p. %s)"
# Links followed by their page number in print: the home page's "Where do you want to
# start?" cards. Not every cross-reference: WeasyPrint lays out each page with one
# twice more, which made the book half as slow again.
PAGE_REFERENCES = "a.handbook-card-link"


def main_content(edition: Edition, href: str) -> ET.Element:
    root = edition.xhtml(href)
    main = root.find(".//div[@role='main']")
    if main is None:
        main = root.find("body")
    if main is None:
        raise EditionError(f"{edition.folder / href}: no <body>")
    return main


def _ids(element: ET.Element) -> set[str]:
    return {e.get("id") for e in element.iter() if e.get("id")}


def unwrap(parent: ET.Element, child: ET.Element) -> None:
    """Replace ``child`` by its content (text, children, tail)."""
    index = list(parent).index(child)
    kids = list(child)
    if child.text:
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.text
        else:
            parent.text = (parent.text or "") + child.text
    if child.tail:
        if kids:
            kids[-1].tail = (kids[-1].tail or "") + child.tail
        elif index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)
    for offset, kid in enumerate(kids):
        parent.insert(index + offset, kid)


def rewrite(edition: Edition, href: str, element: ET.Element, targets: dict[str, set[str]]) -> None:
    """Make one file's ids unique, its links point inside the combined document, and its markup lean.

    ``targets``: every page's ids. A link to a file the book lacks keeps its
    text and loses its link; a fragment the target page lacks points to the
    page. Fewer elements lay out faster: the spans Sphinx puts inside links go
    (they also doubled each link's annotation), so does the paragraph that is
    a list item's or a table cell's only child, and an empty anchor before a
    heading gives its id to the heading.
    """
    pages = set(edition.pages)
    parents = {child: parent for parent in element.iter() for child in parent}
    for node in list(element.iter()):
        parent = parents.get(node)
        if node.get("class") == "clearer":
            parent.remove(node)
            continue
        if node.tag == "span" and parent is not None and parent.tag == "a" and not node.get("id"):
            unwrap(parent, node)
            continue
        if (node.tag == "p" and parent is not None and parent.tag in ("li", "td", "th") and len(parent) == 1
                and not node.get("id") and not (parent.text or "").strip()):  # fmt: skip
            unwrap(parent, node)  # a list item's or a cell's only paragraph
            continue
        if node.tag == "span" and node.get("id") and len(node) == 0 and not node.text and parent is not None:
            following = list(parent)[list(parent).index(node) + 1:]
            if following and not following[0].get("id"):
                following[0].set("id", node.get("id"))
                unwrap(parent, node)
                continue
        if node.get("id"):
            node.set("id", unique_id(href, node.get("id")))
        if node.tag == "img" and node.get("src") and "://" not in node.get("src"):
            node.set("src", posixpath.normpath(posixpath.join(posixpath.dirname(href), node.get("src"))))
        if node.tag != "a" or node.get("href") is None:
            continue
        target = resolve(href, node.get("href"), pages)
        if target is None:
            node.tag = "span"
            del node.attrib["href"]
            continue
        if target.startswith("#") and "--" in target:
            page_key, fragment = target[1:].split("--", 1)
            if fragment not in targets[page_key]:
                target = f"#{page_key}"
        node.set("href", target)


def cover(edition: Edition, lang: str) -> ET.Element:
    section = ET.Element("section", {"class": "cover"})
    ET.SubElement(section, "p", {"class": "cover-audience"}).text = interface(lang, AUDIENCE_LINE)
    ET.SubElement(section, "h1", {"class": "cover-title"}).text = languages.get(lang).title.replace("'", "\u2019")
    ET.SubElement(section, "p", {"class": "cover-edition"}).text = interface(lang, EDITION_LINE)
    # The web edition, bare: "The whole handbook: …" (the sheet's line) would be odd on the whole book.
    address = site_address(lang)
    ET.SubElement(ET.SubElement(section, "p", {"class": "cover-address"}), "a", href=address).text = address
    ET.SubElement(section, "p", {"class": "cover-rights"}).text = edition.rights
    return section


def contents(edition: Edition) -> ET.Element:
    """The EPUB's table of contents (its navigation document), with links inside the PDF."""
    root = edition.xhtml(edition.nav)
    nav = next((n for n in root.iter("nav") if n.get("id") == "toc"), None)
    if nav is None:
        nav = root.find(".//nav")
    if nav is None or nav.find("ol") is None:
        raise EditionError(f"{edition.folder / edition.nav}: no <nav> with a list")
    pages = set(edition.pages)
    for link in nav.iter("a"):
        target = resolve(edition.nav, link.get("href", ""), pages)
        if target is None or not target.startswith("#"):
            raise EditionError(f"{edition.folder / edition.nav}: {link.get('href')!r} is not a page of the book")
        link.set("href", target)
    toc = ET.Element("nav", {"class": "toc", "id": "contents"})
    heading = nav.find("h1")
    ET.SubElement(toc, "h1").text = "".join(heading.itertext()).strip() if heading is not None else edition.title
    toc.append(nav.find("ol"))
    return toc


def html(edition: Edition, lang: str) -> str:
    mains = {href: main_content(edition, href) for href in edition.pages}
    targets = {page_id(href): _ids(main) for href, main in mains.items()}
    body = ET.Element("body")
    body.append(cover(edition, lang))
    body.append(contents(edition))
    for href, main in mains.items():
        rewrite(edition, href, main, targets)
        part = ET.SubElement(body, "div", {"class": "page", "id": page_id(href)})
        part.extend(list(main))
    document_head = head(edition, languages.get(lang).title)
    before, _, after = interface(lang, PAGE_LINE).replace(" ", "\u00a0").partition("%s")
    ET.SubElement(document_head, "style").text = (
        f"{PAGE_REFERENCES}::after {{ content: {css_string(' ' + before)} "
        f"target-counter(attr(href url), page) {css_string(after)}; }}"
    )
    return html_document(lang, document_head, body)


def css_string(text: str) -> str:
    """A CSS string literal."""
    return '"' + "".join(c if c.isalnum() or c in " .()" else f"\\{ord(c):x} " for c in text) + '"'
