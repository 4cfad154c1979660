"""One language's EPUB builder output (build/epub/<lang>/), read for the PDF editions.

The EPUB edition is the print editions' source: its XHTML is translated, has
no web-only parts (quick exit, language switcher, search) and its package
document (content.opf) gives the reading order, title, language and rights.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class EditionError(Exception):
    """The EPUB output cannot be read; the message names the file."""


@dataclass(frozen=True)
class Edition:
    folder: Path
    lang: str
    title: str
    creator: str
    rights: str
    description: str
    modified: str  # dcterms:modified, W3C date-time
    pages: tuple[str, ...]  # the spine's XHTML files, in reading order, without the cover and the navigation
    nav: str  # the navigation document (its table of contents)

    def xhtml(self, href: str) -> ET.Element:
        """One XHTML file as plain HTML elements: no namespaces, ``xml:lang`` as ``lang``, ``epub:*`` dropped."""
        path = self.folder / href
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as error:
            raise EditionError(f"{path}: cannot read this page of the EPUB ({error})") from None
        for element in root.iter():
            if isinstance(element.tag, str) and element.tag[0] == "{":
                element.tag = element.tag.split("}", 1)[1]
            for name in [name for name in element.attrib if name[0] == "{"]:
                value = element.attrib.pop(name)
                if name == XML_LANG:
                    element.set("lang", value)
        return root


def _text(metadata: ET.Element, tag: str) -> str:
    element = metadata.find(tag)
    return "".join(element.itertext()).strip() if element is not None else ""


def read(folder: Path) -> Edition:
    """The edition in ``folder``; :class:`EditionError` naming the file when it is not an EPUB build."""
    opf_path = folder / "content.opf"
    try:
        package = ET.parse(opf_path).getroot()
    except FileNotFoundError:
        raise EditionError(
            f"{opf_path}: missing; {folder} is not an EPUB builder's output (build/epub/<lang>/): "
            "build the EPUB first (make epub LANG=<lang>)"
        ) from None
    except (OSError, ET.ParseError) as error:
        raise EditionError(f"{opf_path}: cannot read the package document ({error})") from None
    metadata = package.find(f"{OPF}metadata")
    manifest = package.find(f"{OPF}manifest")
    spine = package.find(f"{OPF}spine")
    if metadata is None or manifest is None or spine is None:
        raise EditionError(f"{opf_path}: no metadata, manifest or spine")
    items = {item.get("id"): item for item in manifest.iter(f"{OPF}item")}
    nav = next((item.get("href") for item in items.values() if "nav" in (item.get("properties") or "").split()), None)
    if nav is None:
        raise EditionError(f"{opf_path}: the manifest has no navigation document (properties=\"nav\")")
    cover = {ref.get("href") for ref in package.iter(f"{OPF}reference") if ref.get("type") == "cover"}
    pages = []
    for itemref in spine.iter(f"{OPF}itemref"):
        item = items.get(itemref.get("idref"))
        if item is None:
            raise EditionError(f"{opf_path}: the spine names {itemref.get('idref')!r}, which the manifest lacks")
        href = item.get("href")
        if href == nav or href in cover or itemref.get("linear") == "no":
            continue
        if not (folder / href).is_file():
            raise EditionError(f"{folder / href}: missing (listed in {opf_path})")
        pages.append(href)
    modified = next(
        (meta.text.strip() for meta in metadata.iter(f"{OPF}meta") if meta.get("property") == "dcterms:modified"),
        _text(metadata, f"{DC}date"),
    )
    return Edition(
        folder=folder, lang=_text(metadata, f"{DC}language") or package.get(XML_LANG, ""),
        title=_text(metadata, f"{DC}title"), creator=_text(metadata, f"{DC}creator"),
        rights=_text(metadata, f"{DC}rights"), description=_text(metadata, f"{DC}description"),
        modified=modified, pages=tuple(pages), nav=nav,
    )  # fmt: skip


def page_id(href: str) -> str:
    """The id of one XHTML file's part of the combined document.

    "understanding/signals.xhtml" → "understanding-signals".
    """
    return posixpath.splitext(href)[0].replace("/", "-")


def unique_id(href: str, fragment: str) -> str:
    """An id of one page, unique in the combined document ("--" never occurs in a page's path)."""
    return f"{page_id(href)}--{fragment}"


def resolve(page: str, href: str, pages: set[str]) -> str | None:
    """Where a link of ``page`` leads in the combined document.

    The link unchanged when it leaves the book (another scheme: https, tel,
    mailto); "#<page>" or "#<page>--<fragment>" for a page of the book; None
    for a file the book does not contain.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) if parts.path else page
    if target not in pages:
        return None
    return f"#{unique_id(target, parts.fragment)}" if parts.fragment else f"#{page_id(target)}"
