"""Put the built editions together into one static site, and publish it in one step.

    staging = start(site)                  # build/site.new/, empty
    stage(build_dir, staging, langs, …)    # every edition and book, plus the site's own files
    swap(staging, site)                    # the new site replaces the old one

The site's own files are the language chooser (index.html), the root
sitemap.xml and robots.txt, and the root 404.html. Until :func:`swap`, the
old site stays exactly as it was, so a failed build never publishes half.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from handbook_ext import csp, languages, not_found, seo
from tools import chooser

BUILD_ONLY = (".buildinfo", ".buildinfo.bak", ".doctrees")  # Sphinx's bookkeeping, not for readers


def books_dir(build_dir: Path) -> Path:
    """Where the build puts the books (EPUB, PDF) of every language, as the site's downloads/ will hold them."""
    return build_dir / "downloads"


def start(site: Path) -> Path:
    staging = site.with_name(site.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def stage(build_dir: Path, staging: Path, langs: list[str], web: bool, books: list[str]) -> None:
    """Copy the web editions of ``langs`` and the named books, and write the site's own files."""
    if web:
        for lang in langs:
            shutil.copytree(build_dir / "html" / lang, staging / lang, ignore=shutil.ignore_patterns(*BUILD_ONLY))
    if books:
        (staging / "downloads").mkdir()
        for name in books:
            shutil.copy2(books_dir(build_dir) / name, staging / "downloads" / name)
    chooser.write(staging, [languages.get(code) for code in langs])
    if web:
        merge_sitemaps(staging)  # the root sitemap.xml and robots.txt
        copy_root_404(staging)
    for page in sorted(staging.glob("*.html")):  # the editions' pages have theirs already
        csp.secure_file(page)


def merge_sitemaps(site: Path) -> None:
    """Join the editions' ``<lang>/sitemap.xml`` into the root ``sitemap.xml``, plus the chooser; write robots.txt."""
    ET.register_namespace("", seo.SITEMAP_NS)
    ET.register_namespace("xhtml", seo.XHTML_NS)
    base = languages.base_url()
    urlset = ET.Element(f"{{{seo.SITEMAP_NS}}}urlset")
    if (site / "index.html").is_file():
        root = ET.SubElement(urlset, f"{{{seo.SITEMAP_NS}}}url")
        ET.SubElement(root, f"{{{seo.SITEMAP_NS}}}loc").text = base
    for part in sorted(site.glob("*/sitemap.xml")):
        urlset.extend(ET.parse(part).getroot())
    ET.indent(urlset)
    ET.ElementTree(urlset).write(site / "sitemap.xml", encoding="utf-8", xml_declaration=True)
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n", encoding="utf-8")


def copy_root_404(site: Path) -> None:
    """The site's root 404.html: the English edition's (its links are root-relative already)."""
    codes = [languages.SOURCE_LANGUAGE, *languages.languages()]
    for source in (site / code / f"{not_found.PAGENAME}.html" for code in codes):
        if source.is_file():
            shutil.copy2(source, site / f"{not_found.PAGENAME}.html")
            return


def swap(staging: Path, site: Path) -> None:
    """Replace ``site`` by ``staging``: two renames, the old site removed only after."""
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
