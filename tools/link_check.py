"""Check, offline, that every internal link and anchor of the built site resolves.

    python tools/link_check.py [build/site]

Every HTML page's links (<a>, <link>, <script>, <img>, <source>, <form>),
fragment identifiers included, every url() in a style sheet, the addresses
under the site's own base URL (canonical, hreflang, sitemap) mapped to the
site's files, and inside every EPUB each XHTML file's links and the
package's manifest. External links are not fetched.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import zipfile
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


def check_links(
    files: dict[str, Callable[[], bytes]], base: str = "", label: str = ""
) -> list[str]:  # fmt: skip
    """Broken internal links among ``files`` (posix path → reader), as messages."""
    pages: dict[str, Page] = {}

    def page(path: str) -> Page:
        if path not in pages:
            pages[path] = parse_page(files[path]().decode("utf-8", "replace"))
        return pages[path]

    def resolve(source: str, url: str) -> tuple[str, str] | str | None:
        """(path, fragment) inside the files, None if external, or an error."""
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
            if index in files:
                target = index
            else:
                return "no such file"
        return target, unquote(parts.fragment)

    broken = []
    for source in sorted(files):
        if source.endswith((".html", ".xhtml", ".htm")):
            links = [(line, tag, url) for line, tag, url in page(source).links]
        elif source.endswith(".css"):
            text = files[source]().decode("utf-8", "replace")
            links = [(text.count("\n", 0, m.start()) + 1, "url()", m.group(2)) for m in CSS_URL.finditer(text)]
        elif source.endswith((".xml", ".opf", ".ncx")) or source == "robots.txt":
            text = files[source]().decode("utf-8", "replace")
            links = [
                (text.count("\n", 0, m.start()) + 1, "xml", m.group(1) or m.group(2))
                for m in XML_LINK.finditer(text)
            ]
            if source == "robots.txt":
                links += [(n, "Sitemap", line.split(":", 1)[1].strip())
                          for n, line in enumerate(text.splitlines(), 1) if line.lower().startswith("sitemap:")]  # fmt: skip
            if not source.endswith((".opf", ".ncx")):
                links = [link for link in links if base and link[2].startswith(base)]
        else:
            continue
        for line, tag, url in links:
            if not url or urlsplit(url).scheme in SKIPPED_SCHEMES:
                continue
            if url.startswith("http://www.w3.org/") or url.startswith("http://www.idpf.org/"):
                continue  # XML namespaces
            resolved = resolve(source, url)
            if resolved is None:
                continue
            if isinstance(resolved, str):
                broken.append(f"{label}{source}:{line}: <{tag}> {url!r}: {resolved}")
                continue
            target, fragment = resolved
            if fragment and target.endswith((".html", ".xhtml", ".htm")) and fragment not in page(target).ids:
                broken.append(f"{label}{source}:{line}: <{tag}> {url!r}: no id {fragment!r} in {target}")
    return broken


def site_files(site: Path) -> dict[str, Callable[[], bytes]]:
    return {p.relative_to(site).as_posix(): p.read_bytes for p in site.rglob("*") if p.is_file()}


def epub_files(epub: zipfile.ZipFile) -> dict[str, Callable[[], bytes]]:
    return {name: (lambda name=name: epub.read(name)) for name in epub.namelist() if not name.endswith("/")}


def check_epub(path: Path, label: str) -> list[str]:
    with zipfile.ZipFile(path) as epub:
        files = epub_files(epub)
        broken = check_links(files, label=f"{label}!")
        container = files.get("META-INF/container.xml")
        if container is None:
            return broken + [f"{label}: no META-INF/container.xml"]
        for rootfile in re.findall(r'full-path="([^"]+)"', container().decode()):
            if rootfile not in files:  # the package's own links (manifest, guide) are checked above
                broken.append(f"{label}!META-INF/container.xml: package {rootfile!r} is missing")
        return broken


def check_site(site: Path) -> list[str]:
    broken = check_links(site_files(site), base=base_url())
    for epub in sorted(site.rglob("*.epub")):
        broken += check_epub(epub, epub.relative_to(site).as_posix())
    return broken


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
    epubs = len(list(args.site.rglob("*.epub")))
    if broken:
        print(f"{len(broken)} broken link(s) in {args.site}.", file=sys.stderr)
        return 1
    print(f"All {count_links(args.site)} links of {pages} pages and {epubs} EPUBs resolve.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
