"""Check, offline, that every internal link and anchor of the built site resolves.

    python tools/link_check.py [build/site]

Every HTML page's links (<a>, <link>, <script>, <img>, <source>, <form>),
fragment identifiers included, every url() in a style sheet, and the
addresses under the site's own base URL (canonical, hreflang, sitemap,
robots.txt) mapped to the site's files. External links are not fetched.

What is left to others: the EPUBs' links and anchors are EPUBCheck's
(RSC-007, RSC-012; `make linkcheck` runs it too). linkchecker (PyPI) was
measured on the site: 18 s against under one second here, and offline it
cannot map the base-URL addresses (hreflang, canonical, sitemap) to files,
the cross-edition links this check exists for.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402

LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "iframe": ("src",), "form": ("action",), "video": ("src", "poster"),
    "audio": ("src",), "object": ("data",), "embed": ("src",), "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"), "input": ("src",),
}  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
XML_LINK = re.compile(r"""(?:<loc>\s*([^<\s]+)\s*</loc>|\bhref="([^"]+)")""")
SKIPPED_SCHEMES = {"mailto", "tel", "sms", "data", "blob", "about"}


def base_url() -> str:
    """Addresses under the site's own address are its own pages."""
    return languages.base_url()


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str, str]] = field(default_factory=list)  # (line, tag, url)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(name):
                self.page.ids.add(values[name])
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            url = (values.get("content") or "").partition("url=")[2]
            if url:
                self.page.links.append((self.getpos()[0], tag, url.strip()))
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            value = values.get(attribute)
            if not value:
                continue
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value]
            for url in urls:
                self.page.links.append((self.getpos()[0], tag, url.strip()))

    handle_startendtag = handle_starttag


def parse_page(text: str) -> Page:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector.page


def resolve(files: dict, base: str, source: str, url: str) -> tuple[str, str] | str | None:
    """(path, fragment) of ``url`` among ``files``, None if external, or what is wrong."""
    parts = urlsplit(url)
    if base and url.startswith(base):
        parts = urlsplit("/" + url[len(base):])
    elif parts.scheme == "javascript":
        return "javascript: URL (not allowed by the Content-Security-Policy)"
    elif parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):
        target = posixpath.normpath(unquote(parts.path).lstrip("/")) if parts.path != "/" else ""
    elif parts.path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(parts.path)))
    else:
        target = source
    if target.startswith("../") or target == "..":
        return "points outside the site"
    target = "" if target == "." else target
    if target not in files:
        index = posixpath.join(target, "index.html") if target else "index.html"
        if index not in files:
            return "no such file"
        target = index
    return target, unquote(parts.fragment)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def links_in(source: str, read: Callable[[], bytes], base: str) -> list[tuple[int, str, str]]:
    """(line, tag, url) of every link in one file of the site: pages, style sheets, sitemaps."""
    if source.endswith((".html", ".htm")):
        return parse_page(read().decode("utf-8", "replace")).links
    text = read().decode("utf-8", "replace")
    if source.endswith(".css"):
        return [(line_of(text, m.start()), "url()", m.group(2)) for m in CSS_URL.finditer(text)]
    if source.endswith(".xml"):
        links = [(line_of(text, m.start()), "xml", m.group(1) or m.group(2)) for m in XML_LINK.finditer(text)]
    elif source == "robots.txt":
        links = [(n, "Sitemap", line.split(":", 1)[1].strip())
                 for n, line in enumerate(text.splitlines(), 1) if line.lower().startswith("sitemap:")]  # fmt: skip
    else:
        return []
    return [link for link in links if base and link[2].startswith(base)]  # namespaces are not links


def check_links(files: dict[str, Callable[[], bytes]], base: str = "") -> list[str]:
    """Broken internal links among ``files`` (posix path → reader), as messages."""
    pages: dict[str, Page] = {}

    def ids(path: str) -> set[str]:
        if path not in pages:
            pages[path] = parse_page(files[path]().decode("utf-8", "replace"))
        return pages[path].ids

    broken = []
    for source in sorted(files):
        for line, tag, url in links_in(source, files[source], base):
            if not url or urlsplit(url).scheme in SKIPPED_SCHEMES:
                continue
            resolved = resolve(files, base, source, url)
            if isinstance(resolved, str):
                broken.append(f"{source}:{line}: <{tag}> {url!r}: {resolved}")
            elif resolved is not None:
                target, fragment = resolved
                if fragment and target.endswith((".html", ".htm")) and fragment not in ids(target):
                    broken.append(f"{source}:{line}: <{tag}> {url!r}: no id {fragment!r} in {target}")
    return broken


def site_files(site: Path) -> dict[str, Callable[[], bytes]]:
    return {p.relative_to(site).as_posix(): p.read_bytes for p in site.rglob("*") if p.is_file()}


def check_site(site: Path) -> list[str]:
    return check_links(site_files(site), base=base_url())


def count_links(site: Path) -> int:
    return sum(len(parse_page(p.read_text(encoding="utf-8")).links) for p in site.rglob("*.html"))


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "build" / "site")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"No site in {args.site}: run `make` first.", file=sys.stderr)
        return 2
    broken = check_site(args.site)
    for message in broken:
        print(message)
    pages = len(list(args.site.rglob("*.html")))
    if broken:
        print(f"{len(broken)} broken link(s) in {args.site}.", file=sys.stderr)
        return 1
    print(f"All {count_links(args.site)} links of {pages} pages resolve.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
