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
        seo.merge_sitemaps(staging)  # the root sitemap.xml and robots.txt
        not_found.copy_root_page(staging)  # the root 404.html
    for page in sorted(staging.glob("*.html")):  # the editions' pages have theirs already
        csp.secure_file(page)


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
