"""The web edition's files around the pages: sitemap.xml, robots.txt, and nothing web-only in the EPUBs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from conftest import LANGS

from .support import base_url, page_paths

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
NOT_IN_SITEMAP = ("/search.html", "/404.html")


def sitemap_entries(path) -> dict[str, dict[str, str]]:
    root = ET.parse(path).getroot()
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link[@rel='alternate']", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_every_page_with_its_alternates(site):
    entries = sitemap_entries(site / "sitemap.xml")
    expected = {base_url()} | {
        f"{base_url()}{path}" for lang in LANGS for path in page_paths(site, lang) if not path.endswith(NOT_IN_SITEMAP)
    }
    assert set(entries) == expected
    for loc, alternates in entries.items():
        if loc == base_url():
            continue
        rest = loc.removeprefix(base_url()).split("/", 1)[1]
        assert alternates == {
            **{code: f"{base_url()}{code}/{rest}" for code in LANGS},
            "x-default": f"{base_url()}en/{rest}",
        }, loc


@pytest.mark.parametrize("lang", LANGS)
def test_each_edition_has_its_own_sitemap(site, lang):
    entries = sitemap_entries(site / lang / "sitemap.xml")
    assert entries and all(loc.startswith(f"{base_url()}{lang}/") for loc in entries)


def test_robots_txt_names_the_sitemap(site):
    assert f"Sitemap: {base_url()}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("lang", LANGS)
def test_the_epub_carries_nothing_web_only(site, lang):
    (epub_path,) = (site / "downloads").glob(f"*-{lang}.epub")
    with zipfile.ZipFile(epub_path) as epub:
        names = epub.namelist()
        assert not [n for n in names if re.search(r"(handbook\.(js|css)|handbook-icon|404\.x?html|sitemap)", n)], names
        for name in names:
            if name.endswith((".xhtml", ".html")):
                text = epub.read(name).decode("utf-8")
                for marker in ("data-quick-exit", "handbook-exit", "handbook-bar", "handbook-languages", "handbook-help"):
                    assert marker not in text, f"{name} carries the web edition's {marker}"


def test_a_page_without_a_written_description_is_described_by_its_first_paragraph():
    from docutils.core import publish_doctree

    from handbook_ext import seo

    doctree = publish_doctree(
        "Title\n=====\n\n.. note::\n\n   An aside, not the opening.\n\n"
        + "The opening words of the page, " * 10
        + "\n\nA second paragraph.\n"
    )
    assert seo.meta_description(doctree) == ""
    description = seo.first_paragraph(doctree)
    assert description.startswith("The opening words of the page, The opening")
    assert len(description) <= seo.DESCRIPTION_LENGTH and description.endswith("…")
