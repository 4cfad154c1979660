"""Every internal link and anchor of every edition resolves, offline (tools/link_check.py)."""

from __future__ import annotations

import re

from conftest import LANGS
from tools import link_check


def test_every_internal_link_and_anchor_resolves(site):
    broken = link_check.check_site(site)
    assert not broken, "\n".join(broken[:30])


def test_the_check_covers_the_switcher_and_the_downloads(site):
    """The links that matter most are among those checked, and the checker sees them."""
    page = (site / "nl" / "index.html").read_text(encoding="utf-8")
    links = [url for _, _, url in link_check.parse_page(page).links]
    other_languages = [url for url in links if re.match(r"(\.\./)+(en|fr)/", url)]
    assert other_languages, "no link to the other editions on the Dutch home page"
    downloads = [
        url
        for p in site.rglob("*.html")
        for _, _, url in link_check.parse_page(p.read_text(encoding="utf-8")).links
        if url.endswith(".epub")
    ]
    assert len({d.rsplit("/", 1)[-1] for d in downloads}) == len(LANGS)


def test_the_checker_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/page.html#there">ok</a> <a href="a/page.html#nowhere">bad anchor</a> '
        '<a href="missing.html">bad file</a> <a href="https://example.org/x">external</a> '
        '<a href="#top">top</a><h1 id="top">t</h1> <a href="javascript:void(0)">js</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "page.html").write_text(
        '<h2 id="there">x</h2><link rel="stylesheet" href="../style.css"><img src="pic.png">', encoding="utf-8"
    )
    (tmp_path / "style.css").write_text("body{background:url(img/bg.png)}", encoding="utf-8")
    base = link_check.base_url()
    (tmp_path / "sitemap.xml").write_text(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}index.html</loc></url>'
        f"<url><loc>{base}nl/gone.html</loc></url></urlset>", encoding="utf-8",
    )  # fmt: skip
    broken = link_check.check_site(tmp_path)
    text = "\n".join(broken)
    assert "a/page.html#nowhere" in text and "no id 'nowhere'" in text
    assert "missing.html" in text and "javascript:" in text
    assert "pic.png" in text and "img/bg.png" in text
    assert f"{base}nl/gone.html" in text  # an address under the site's own base URL is one of its files
    assert "sitemaps.org" not in text  # a namespace is no link
    assert "example.org" not in text and "#there" not in text and "'#top'" not in text
    assert len(broken) == 6, text
