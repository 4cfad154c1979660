"""Bad input gets a clear error, nothing is lost, nothing broken is published.

Most tests work on a copy of the project in a temporary folder, built with
the real tools/build_site.py. The copy's catalogs are first completed
(untranslated entries get their English text, fuzzy flags are dropped), so
that each test sees exactly the one problem it brings in, whatever state the
real translations are in.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import polib
import pytest

from conftest import ROOT, environment_with_locale, pdf_text
from handbook_ext import downloads
from tools.project_copy import copy_project

EPOCH = "1767225600"


# --- a project copy ---------------------------------------------------------------


def complete_catalogs(project: Path) -> None:
    """Every English message gets a translation (its own text) and no fuzzy flag."""
    templates = project / "build" / "gettext"
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "gettext", "-c", ".", "-d", "build/doctrees/gettext", "-q",
         "source", str(templates)], cwd=project, check=True, capture_output=True,
    )  # fmt: skip
    for lang_dir in sorted((project / "locale").glob("*/LC_MESSAGES")):
        for pot_path in sorted(templates.rglob("*.pot")):
            path = lang_dir / pot_path.relative_to(templates).with_suffix(".po")
            if pot_path.stem == "sphinx" or not path.is_file():
                continue
            po = polib.pofile(str(path))
            known = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
            for entry in polib.pofile(str(pot_path)):
                if (entry.msgctxt, entry.msgid) not in known:
                    po.append(polib.POEntry(msgid=entry.msgid, msgstr="", occurrences=entry.occurrences))
            po.save(str(path))
    shutil.rmtree(project / "build")
    for path in sorted((project / "locale").rglob("*.po")):
        po = polib.pofile(str(path))
        changed = False
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                changed = True
            if entry.msgid_plural and not all(entry.msgstr_plural.values()):
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                changed = True
            elif not entry.msgid_plural and not entry.msgstr:
                entry.msgstr = entry.msgid
                changed = True
        if changed:
            po.save(str(path))


def run_build(project: Path, build_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The project's build, dated EPOCH; ``env``: the environment to start from (this process's)."""
    return subprocess.run(
        [sys.executable, str(project / "tools" / "build_site.py"), "--build-dir", str(build_dir), *args],
        cwd=project, capture_output=True, text=True,
        env={**(os.environ if env is None else env), "SOURCE_DATE_EPOCH": EPOCH},
    )  # fmt: skip


def tree(path: Path, with_times: bool = False) -> dict[str, tuple]:
    """Every file under ``path``: its hash (and modification time)."""
    return {
        p.relative_to(path).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(),)
        + ((p.stat().st_mtime_ns,) if with_times else ())
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="session")
def complete_project(tmp_path_factory) -> Path:
    """The project as it is now, its catalogs completed: the starting point of each test."""
    project = copy_project(tmp_path_factory.mktemp("complete") / "project")
    complete_catalogs(project)
    return project


@pytest.fixture
def project(tmp_path, complete_project) -> Path:
    return copy_project(tmp_path / "project", complete_project)


def catalogs(project: Path, lang: str = "nl") -> list[Path]:
    lang_dir = project / "locale" / lang / "LC_MESSAGES"
    return sorted(p for p in lang_dir.rglob("*.po") if p.name != "sphinx.po")


def find_entry(project: Path, pattern: str, lang: str = "nl") -> tuple[Path, polib.POEntry]:
    for path in catalogs(project, lang):
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and re.search(pattern, entry.msgid):
                return path, entry
    raise AssertionError(f"no {lang} entry matches {pattern!r}: the handbook's text changed")


def set_translation(path: Path, msgid: str, msgstr: str, flags: list[str] | None = None) -> int:
    """Give one entry a new msgstr; return the line of its msgid in the saved file."""
    from tools import check_po

    po = polib.pofile(str(path))
    entry = po.find(msgid)
    entry.msgstr = msgstr
    if flags is not None:
        entry.flags = flags
    po.save(str(path))
    saved = polib.pofile(str(path))
    return check_po.msgid_lines(path, saved)[id(saved.find(msgid))]


def relative(project: Path, path: Path) -> str:
    return path.relative_to(project).as_posix()


# --- bad input ------------------------------------------------------------------------


def drop_term(msgid: str) -> str:
    """The msgid with its first :term: turned into plain text."""
    return re.sub(r":term:`([^`<]*?)\s*(<[^>]*>)?`", r"\1", msgid, count=1)


def test_broken_translation_stops_the_build(project, tmp_path):
    """Bad catalogs stop the build before Sphinx runs, naming the entry: one case, end to end.

    Each kind of bad catalog (broken markup, a changed :term:, :ref: or :doc:
    target, a lost backtick, a syntax error, invalid UTF-8, a wrong header, an
    incomplete published language, a catalog without its page, a language
    without catalogs) is reported by tools/validate.py: tests/test_validate.py.
    """
    path, entry = find_entry(project, r":term:`")
    msgstr = drop_term(entry.msgid)
    assert msgstr != entry.msgid
    line = set_translation(path, entry.msgid, msgstr)
    build_dir = tmp_path / "build"
    proc = run_build(project, build_dir, "--langs", "nl", "--builders", "html")
    assert proc.returncode == 1, proc.stdout
    location = f"{relative(project, path)}:{line}: "
    errors = [line for line in proc.stderr.splitlines() if line.startswith("locale/")]
    assert len(errors) >= 1 and all(e.startswith(location) for e in errors), proc.stderr
    assert "[markup] the :term: reference to" in proc.stderr
    assert "entry: msgid " in proc.stderr
    assert not (build_dir / "html").exists(), "Sphinx ran on bad catalogs"
    assert not (build_dir / "site").exists()


def test_an_incomplete_translation_builds_as_a_preview_when_asked(project, tmp_path):
    """Writers may preview an unfinished translation, explicitly; make and the tests never do.

    That it stops a normal build: tests/test_validate.py (the catalogs) and
    tests/extension/test_untranslated.py (text without an entry).
    """
    path, entry = find_entry(project, r"\w{4}")
    set_translation(path, entry.msgid, "")
    preview = run_build(project, tmp_path / "preview", "--langs", "nl", "--builders", "html", "--no-site",
                        "--allow-incomplete")  # fmt: skip
    assert preview.returncode == 0, preview.stderr
    assert "Not for publishing" in preview.stdout


def test_english_without_a_catalog_entry_fails_a_published_language(project, tmp_path):
    """A paragraph added after the last `make update-po` shows English: the build says where."""
    page = project / "source" / "help.rst"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nThis paragraph is new and nobody translated it yet.\n", encoding="utf-8")
    line = len(text.splitlines()) + 2
    proc = run_build(project, tmp_path / "build", "--langs", "nl", "--builders", "html")
    assert proc.returncode == 1
    assert (f"source/help.rst:{line}: WARNING: untranslated in the published language 'nl': "
            f"'This paragraph is new and nobody translated it yet.'") in proc.stderr  # fmt: skip
    assert "locale/nl/LC_MESSAGES/help.po" in proc.stderr
    assert not (tmp_path / "build" / "site").exists()
    # Nothing changed, built again: the same error (a failed build is never taken as done).
    again = run_build(project, tmp_path / "build", "--langs", "nl", "--builders", "html")
    assert again.returncode == 1 and "nobody translated it yet" in again.stderr


# --- nothing lost, nothing broken published -------------------------------------------


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory, complete_project) -> tuple[Path, Path, dict]:
    """A complete copy, built once (all six outputs); with locale/ as it was before."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project", complete_project)
    locale_before = tree(project / "locale")
    build_dir = project / "build"
    proc = run_build(project, build_dir)
    assert proc.returncode == 0, proc.stderr
    return project, build_dir, locale_before


def test_build_writes_nothing_into_locale_but_compiled_catalogs(built_copy):
    project, _, before = built_copy
    after = tree(project / "locale")
    new = {name for name in after if name not in before}
    assert new, "the build compiled no catalogs"
    assert all(name.endswith(".mo") for name in new), new
    assert {name: after[name] for name in before} == before, "the build changed a file in locale/"
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *sorted(f"locale/{n}" for n in new)],
                             cwd=ROOT, capture_output=True, text=True).stdout.split()  # fmt: skip
    assert len(ignored) == len(new), "a generated file in locale/ is not git-ignored"


def test_two_clean_builds_are_byte_identical(built_copy):
    project, build_dir, _ = built_copy
    second = project / "build-again"
    proc = run_build(project, second, "--fresh")
    assert proc.returncode == 0, proc.stderr
    first_site, second_site = tree(build_dir / "site"), tree(second / "site")
    assert sorted(first_site) == sorted(second_site)
    differing = [name for name in first_site if first_site[name] != second_site[name]]
    assert not differing, f"differ between two clean builds: {differing}"
    assert len([name for name in first_site if name.endswith(".epub")]) == 3


@pytest.mark.parametrize("lang", ["C", "C.UTF-8", None], ids=["LANG=C", "LANG=C.UTF-8", "LANG-unset"])
def test_the_machines_locale_does_not_change_the_output(built_copy, lang):
    """Every edition, HTML and EPUB, byte for byte the same whatever LANG says."""
    project, build_dir, _ = built_copy
    other = project / f"build-{lang or 'unset'}"
    proc = run_build(project, other, "--fresh", env=environment_with_locale(lang))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expected, found = tree(build_dir / "site"), tree(other / "site")
    assert sorted(found) == sorted(expected)
    differing = [name for name in expected if expected[name] != found[name]]
    assert not differing, f"differ under LANG={lang}: {differing}"


def site_text(site: Path, relative_path: str) -> str:
    return (site / relative_path).read_text(encoding="utf-8")


def epub_text(site: Path, lang: str) -> str:
    (epub,) = (site / "downloads").glob(f"*-{lang}.epub")
    with zipfile.ZipFile(epub) as book:
        return "\n".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith((".xhtml", ".ncx")))


@pytest.mark.parametrize("keep_time", [False, True], ids=["edited", "edited-keeping-its-time"])
def test_incremental_build_carries_a_translation_edit(project, tmp_path, keep_time):
    build_dir = tmp_path / "build"
    args = ("--langs", "nl")
    first = run_build(project, build_dir, *args)
    assert first.returncode == 0, first.stderr
    # A paragraph and the page's title change, in one catalog.
    path, paragraph = find_entry(project, r"^[A-Z][^`*:]{60,}\.$")
    docname = path.relative_to(project / "locale" / "nl" / "LC_MESSAGES").with_suffix("").as_posix()
    heading = re.search(r"<h1>(.*?)<a class=\"headerlink\"", site_text(build_dir / "site", f"nl/{docname}.html"), re.S)
    title = next(e for e in polib.pofile(str(path)) if (e.msgstr or e.msgid) == html.unescape(heading.group(1)))
    mtime = path.stat().st_mtime_ns
    set_translation(path, paragraph.msgid, "Deze zin is net vertaald en staat meteen overal.")
    set_translation(path, title.msgid, "Een gloednieuwe titel")
    if keep_time:
        os.utime(path, ns=(mtime, mtime))
    second = run_build(project, build_dir, *args)
    assert second.returncode == 0, second.stderr
    site = build_dir / "site"
    page = site_text(site, f"nl/{docname}.html")
    assert "Deze zin is net vertaald en staat meteen overal." in page
    assert "Een gloednieuwe titel" in page
    # Every other page names it in its navigation.
    for other in ("nl/index.html", "nl/glossary.html"):
        if other != f"nl/{docname}.html":
            assert "Een gloednieuwe titel" in site_text(site, other), other
    book = epub_text(site, "nl")
    assert "Deze zin is net vertaald en staat meteen overal." in book
    assert "Een gloednieuwe titel" in book
    printed = pdf_text(site / "downloads" / "handbook-nl.pdf")
    assert "Deze zin is net vertaald en staat meteen overal." in printed
    assert "Een gloednieuwe titel" in printed
    assert "html nl: built" in second.stdout or "html nl: fresh build" in second.stdout
    # The downloads page shows the sizes of the books as they are now.
    assert shown_sizes(site, "nl") == {path.name: downloads.format_size(path.stat().st_size, "nl")
                                       for path in sorted((site / "downloads").glob("*-nl.*"))}  # fmt: skip


def shown_sizes(site: Path, lang: str) -> dict[str, str]:
    """Book file name → the size the downloads page of ``lang`` shows for it (that language's books only)."""
    page = site_text(site, f"{lang}/about/downloads.html")
    pairs = re.findall(r'href="[./]*downloads/([\w.-]+-' + lang + r'\.\w+)"[^>]*>.*?</a>, '
                       r'<span class="handbook-book-size">([^<]+)</span>', page, re.S)  # fmt: skip
    return dict(pairs)


# What an EPUB may hold: the package files, pages, style sheets, images and fonts.
BOOK_FILE = re.compile(r"^(mimetype|META-INF/container\.xml|[\w/.-]+\.(opf|ncx|xhtml|css|png|jpe?g|svg|gif|woff2?|ttf|otf))$")


def test_a_moved_checkout_builds_an_edit_cleanly(project, tmp_path):
    """Build, move and rename the checkout, edit a translation, build: the edit is everywhere."""
    first = run_build(project, project / "build", "--langs", "nl")
    assert first.returncode == 0, first.stdout + first.stderr
    (tmp_path / "elsewhere").mkdir()
    moved = project.rename(tmp_path / "elsewhere" / "handbook-renamed")
    path, paragraph = find_entry(moved, r"^[A-Z][^`*:]{60,}\.$")
    docname = path.relative_to(moved / "locale" / "nl" / "LC_MESSAGES").with_suffix("").as_posix()
    set_translation(path, paragraph.msgid, "Na de verhuizing staat deze zin meteen overal.")
    second = run_build(moved, moved / "build", "--langs", "nl")
    assert second.returncode == 0, second.stdout + second.stderr
    site = moved / "build" / "site"
    assert "Na de verhuizing staat deze zin meteen overal." in site_text(site, f"nl/{docname}.html")
    assert "Na de verhuizing staat deze zin meteen overal." in epub_text(site, "nl")
    with zipfile.ZipFile(site / "downloads" / "handbook-nl.epub") as book:
        strays = [name for name in book.namelist() if not BOOK_FILE.match(name) or "/." in f"/{name}"]
    assert not strays, f"not book content, in the EPUB: {strays}"


def test_failed_build_leaves_the_previous_site_as_it_was(project, tmp_path):
    build_dir = tmp_path / "build"
    args = ("--langs", "nl", "fr", "--builders", "html")
    assert run_build(project, build_dir, *args).returncode == 0
    site = build_dir / "site"
    before = tree(site, with_times=True)

    # A bad French catalog, with Dutch fine: nothing of the new build is published.
    path, entry = find_entry(project, r":term:`", lang="fr")
    set_translation(path, entry.msgid, drop_term(entry.msgid))
    proc = run_build(project, build_dir, *args)
    assert proc.returncode == 1
    assert tree(site, with_times=True) == before
    set_translation(path, entry.msgid, entry.msgid)

    # A page that fails in Sphinx itself (a broken cross-reference) in every language.
    (project / "source" / "help.rst").write_text(
        (project / "source" / "help.rst").read_text(encoding="utf-8") + "\nSee :doc:`no-such-page`.\n",
        encoding="utf-8",
    )
    proc = run_build(project, build_dir, *args)
    assert proc.returncode == 1 and "no-such-page" in proc.stderr
    assert tree(site, with_times=True) == before
    assert not list(build_dir.glob("site.*")), "a staging folder was left behind"


# --- security and light pages ------------------------------------------------------------------

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def web_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def test_every_web_page_has_a_strict_content_security_policy(built_copy):
    from handbook_ext import downloads, csp

    site = built_copy[1] / "site"
    pages = web_pages(site)
    assert len(pages) > 60
    for page in pages:
        text = page.read_text(encoding="utf-8")
        policies = CSP_META.findall(text)
        assert len(policies) == 1, page
        policy = dict(part.strip().split(" ", 1) for part in policies[0].split(";"))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'", page
        assert "unsafe-inline" not in policies[0] and "unsafe-eval" not in policies[0], page
        # The policy comes before every script and style it governs.
        first_asset = min(i for i in (text.find("<script"), text.find("<style"), text.find("<link rel=\"stylesheet"))
                          if i >= 0)  # fmt: skip
        assert text.find("Content-Security-Policy") < first_asset, page
        # Each inline script and style is allowed by its hash, and nothing else inline.
        for script in csp.INLINE_SCRIPT.findall(text):
            assert csp.sha256(script) in policy["script-src"], page
        for style in csp.INLINE_STYLE.findall(text):
            assert csp.sha256(style) in policy["style-src"], page
        assert not re.search(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", text), f"inline event handler in {page}"
        assert "javascript:" not in text.lower(), page
    bundle = (site / "nl" / "_static" / "handbook-search.js").read_text(encoding="utf-8")
    start = bundle.index("// The interface strings")  # translations.js, in the search page's script
    translations = bundle[start : bundle.index("\n;", start)]
    assert "Object.assign(Documentation.TRANSLATIONS" in translations
    assert "Documentation.addTranslations(" not in translations and "new Function" not in translations


def test_external_links_open_without_opener_or_referrer(built_copy):
    site = built_copy[1] / "site"
    external = 0
    for page in web_pages(site):
        for tag in re.findall(r"<a\s[^>]*href=\"https?://[^>]*>", page.read_text(encoding="utf-8")):
            rel = re.search(r'rel="([^"]*)"', tag)
            assert rel and {"noopener", "noreferrer"} <= set(rel.group(1).split()), (page, tag)
            external += 1
    assert external > 10


def test_pages_ship_only_what_they_use(built_copy):
    """Each page's style is cut from the theme's sheets for that page (handbook_ext/first_view.py)."""
    site = built_copy[1] / "site"
    assert not list(site.rglob("*.map")), "source maps are shipped"
    for page in web_pages(site):
        text = page.read_text(encoding="utf-8")
        assert "sourceMappingURL" not in text
        if page.parent == site and page.name == "index.html":
            continue  # the language chooser
        critical = re.search(r"<style data-critical>(.*?)</style>", text, re.S).group(1)
        (href,) = re.findall(r'href="([^"]*_static/handbook-rest-[0-9a-f]+\.css)"', text)
        rest = (site / href.lstrip("/") if href.startswith("/") else page.parent / href).read_text(encoding="utf-8")
        for name in ("styles/furo.css", "sphinx-design.min.css", "pygments.css", "handbook.css"):
            assert name not in text, f"{page} links {name}: its rules belong inline or in the rest"
        if 'class="sd-' not in text and "class='sd-" not in text:
            assert ".sd-" not in critical + rest, f"{page} has sphinx-design's rules without using it"
        if "sd-tab-set" not in text:
            assert "design-tabs.js" not in text, page
        if 'class="highlight' not in text:
            assert not re.search(r"\.highlight(?![\w-])", critical + rest), f"{page} has Pygments' rules without code"
        assert ".handbook-exit-button{" in critical and ".mobile-header{" in critical, page
        assert ".sidebar-tree" not in critical and ".sidebar-tree" in rest, page
    for lang in ("nl", "fr", "en"):
        static = site / lang / "_static"
        assert not (static / "styles" / "furo.css").exists() and not (static / "scripts" / "furo.js").exists()
        assert not (static / "basic.css").exists() and not (static / "file.png").exists()
    # Every ?v= names the file's current content: no browser keeps a stale copy.
    from handbook_ext.assets import short_hash

    for page in ("index.html", "search.html"):
        text = (site / "nl" / page).read_text(encoding="utf-8")
        for name, version in re.findall(r"_static/([^\"'?#\s]+)\?v=([0-9a-f]+)", text):
            assert short_hash((site / "nl" / "_static" / name).read_bytes()) == version, name
    script = (site / "nl" / "_static" / "handbook.js").read_text(encoding="utf-8")
    for name, version in re.findall(r"(handbook-(?:scroll|highlight)\.js)\?v=([0-9a-f]+)", script):
        assert short_hash((site / "nl" / "_static" / name).read_bytes()) == version, name


def test_browser_reports_no_policy_violation_and_search_works(built_copy):
    """Every page in a real browser, served as on a static host: no console error, search finds."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from tools.bench import _Handler

    site = built_copy[1] / "site"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    errors = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--disable-gpu"],
            )  # fmt: skip
            page = browser.new_page()
            page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
            pages = [p for p in web_pages(site) if p.name != "404.html"]
            for path in pages:
                page.goto(base + path.relative_to(site).as_posix(), wait_until="load")
            # A search, then the result page with the search terms highlighted.
            page.goto(base + "nl/search.html?q=tienerpooier", wait_until="load")
            page.wait_for_selector("#search-results li", timeout=10000)
            assert page.locator("#search-results li").count() > 3
            page.locator("#search-results li a").first.click()
            page.wait_for_selector("article span.highlighted", state="attached", timeout=10000)
            assert page.url.startswith(base + "nl/") and "search.html" not in page.url
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert not errors, "\n".join(errors[:20])


def test_other_editions_show_a_new_translation_count(project, tmp_path):
    """Every edition's Translation status page counts every language: a count change rebuilds them all."""
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(re.sub(r'(fr = \{[^}]*status = )"published"', r'\1"draft"', text), encoding="utf-8")
    build_dir = tmp_path / "build"
    args = ("--langs", "en", "fr", "--builders", "html")
    assert run_build(project, build_dir, *args).returncode == 0
    page = build_dir / "site" / "en" / "about" / "translation-status.html"
    before = page.read_text(encoding="utf-8")
    path, entry = find_entry(project, r"\w{4}", lang="fr")
    set_translation(path, entry.msgid, entry.msgstr or entry.msgid, flags=["fuzzy"])  # a draft may have fuzzy
    proc = run_build(project, build_dir, *args)
    assert proc.returncode == 0, proc.stderr
    assert "html en: built" in proc.stdout or "html en: fresh build" in proc.stdout
    after = page.read_text(encoding="utf-8")
    assert after != before, "the English status page still shows the old French counts"


def build_for(project: Path, build_dir: Path, base_url: str) -> subprocess.CompletedProcess:
    return run_build(project, build_dir, "--langs", "nl", env={**os.environ, "HANDBOOK_BASE_URL": base_url})


def test_the_base_url_is_one_setting_and_a_change_rebuilds(project, tmp_path):
    """make BASE_URL=… (HANDBOOK_BASE_URL): canonical URLs, hreflang, sitemap and robots.txt follow it."""
    build_dir = tmp_path / "build"
    for base in ("https://first.example/handbook/", "https://second.example/"):
        proc = build_for(project, build_dir, base)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        site = build_dir / "site"
        page = site_text(site, "nl/help.html")
        assert f'<link rel="canonical" href="{base}nl/help.html"' in page, base
        assert f'hreflang="fr" href="{base}fr/help.html"' in page
        assert f"<loc>{base}nl/help.html</loc>" in site_text(site, "sitemap.xml")
        assert f"Sitemap: {base}sitemap.xml" in site_text(site, "robots.txt")
        assert "handbook-tienerpooiers.example" not in page


def test_a_base_url_that_is_no_address_stops_the_build(project, tmp_path):
    proc = build_for(project, tmp_path / "build", "handbook.example")
    assert proc.returncode != 0
    assert "HANDBOOK_BASE_URL='handbook.example' is not a site address" in proc.stdout + proc.stderr
