"""The build pipeline: six outputs, the right language everywhere, no English interface text."""

from __future__ import annotations

import re
import zipfile

import polib
import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, ROOT, TRANSLATED, html_pages


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def po_translations(lang: str) -> dict[str, str]:
    """msgid → msgstr over every page catalog of one language."""
    table = {}
    for po_path in (ROOT / "locale" / lang / "LC_MESSAGES").rglob("*.po"):
        if po_path.name == "sphinx.po":
            continue
        for entry in polib.pofile(str(po_path)).translated_entries():
            table[entry.msgid] = entry.msgstr
    return table


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("lang", LANGS)
def test_every_edition_exists(site, lang):
    assert (site / lang / "index.html").is_file()
    assert (site / lang / "search.html").is_file()
    epubs = [p.name for p in (site / "downloads").glob("*.epub")]
    assert [name for name in epubs if f"-{lang}." in name], epubs
    with zipfile.ZipFile(next((site / "downloads").glob(f"*-{lang}.epub"))) as epub:
        assert epub.testzip() is None
        assert epub.read("mimetype") == b"application/epub+zip"


def test_language_chooser_links_every_edition(site):
    page = soup(site / "index.html")
    links = {a["hreflang"]: a for a in page.select("a[hreflang]")}
    assert set(links) == set(LANGS)
    for lang, link in links.items():
        assert (site / link["href"]).is_file(), link["href"]  # relative: works from file://
    assert "Nederlands" in links["nl"].text and "Français" in links["fr"].text
    assert {a["href"] for a in page.select('a[href^="tel:"]')} == {"tel:116000", "tel:112"}


@pytest.mark.parametrize("lang", LANGS)
def test_html_lang_on_every_page(site, lang):
    pages = html_pages(site, lang)
    assert len(pages) > 10
    for page in pages:
        assert soup(page).html["lang"] == lang, page


@pytest.mark.parametrize(
    "selector",
    [
        "article p",  # paragraphs
        ".sd-card-title",  # sphinx-design card titles
        ".sd-tab-set > label",  # tab labels
        "details.sd-dropdown summary",  # dropdown titles
        "dl.glossary dt",  # glossary terms
    ],
)
@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_constructs_show_up(site, lang, selector):
    """Each kind of element shows the PO file's translation, not the English."""
    translations = po_translations(lang)

    def visible(message: str) -> str:
        return normalise(re.sub(r"[`*]|:\w+:|<[^>]*>", "", message))

    english = {visible(msgid) for msgid in translations}
    # Text a translator deliberately kept as is (a name, a French word in a table).
    kept = {visible(msgstr) for msgid, msgstr in translations.items() if visible(msgstr) == visible(msgid)}
    # Translations that differ from their English: seeing one proves the construct is translated.
    changed = {visible(msgstr) for msgid, msgstr in translations.items() if visible(msgstr) != visible(msgid)}
    found = shown_translated = 0
    for page in html_pages(site, lang):
        for element in soup(page).select(selector):
            for anchor in element.select("a.headerlink"):
                anchor.decompose()
            text = normalise(element.get_text())
            if len(text) < 4:
                continue
            found += 1
            assert text not in english or text in kept, (
                f"{page.relative_to(site)}: {selector} shows English: {text!r}"
            )
            shown_translated += text in changed
    assert found, f"no {selector!r} in the {lang} edition"
    assert shown_translated, f"no {selector!r} of the {lang} edition shows a translation from its PO files"


@pytest.mark.parametrize("lang", LANGS)
def test_term_references_resolve(site, lang):
    glossary = soup(site / lang / "glossary.html")
    anchors = {dt.get("id") for dt in glossary.select("dl.glossary dt")}
    references = 0
    for page in html_pages(site, lang):
        for term in soup(page).select("a.reference.internal:has(.std-term)"):
            path, _, anchor = term["href"].partition("#")
            on_glossary = path.endswith("glossary.html") or (path == "" and page.name == "glossary.html")
            assert on_glossary and anchor in anchors, (page, term)
            references += 1
    assert references > 20


# Interface strings of Sphinx and Furo that must never show in nl or fr.
ENGLISH_INTERFACE = [
    "Skip to content", "Back to top", "On this page", "Made with", "Next", "Previous",
    "Toggle site navigation", "Toggle navigation", "Toggle table of contents", "Toggle Light", "Link to this",
    "Search", "Contents", "Copyright", "Home",
]  # fmt: skip


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_english_interface_text(site, lang):
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, ENGLISH_INTERFACE)) + r")\b")
    for page in html_pages(site, lang):
        document = soup(page)
        for element in document(["script", "style"]):
            element.decompose()
        texts = [document.get_text(" ")]
        for element in document.find_all(True):
            texts += [element.get(attr, "") for attr in ("aria-label", "title", "placeholder", "alt")]
        for text in texts:
            match = pattern.search(text)
            assert not match, f"{page.relative_to(site)} shows English {match.group(0)!r}"
    # translations.js ships inside the search page's script (handbook_ext/assets.py).
    catalog = (site / lang / "_static" / "handbook-search.js").read_text(encoding="utf-8")
    # The plural expression returns a number (Sphinx's nl catalog returned a boolean,
    # which broke the search summary), and the summary itself is translated.
    assert "Documentation.PLURAL_EXPR = (n) => (Number(" in catalog
    assert "Search finished" in catalog


# Terms of each built glossary, in the order a Dutch, French or English dictionary
# files them, written out and checked by hand (not computed): a number first;
# accents and capitals do not count (Écoute-Enfants among the E's, aide before
# Awel, Child Focus before CLB, procès-verbal before procureur); a shorter word
# before the longer one it starts (mineur, mineur étranger …). Code-point order
# gets these wrong (Écoute-Enfants last, Awel before aide, CLB before Child Focus).
DICTIONARY_ORDER = {
    "nl": ["1712", "Awel", "beroepsgeheim", "centre PMS", "centrum voor leerlingenbegeleiding", "Child Focus",
           "CLB", "Écoute-Enfants", "EPUB", "EVRAS", "gespecialiseerd onthaalcentrum", "privévenster",
           "proces-verbaal", "procureur des Konings", "Strafwetboek", "Sürya", "tienerpooier", "zorgleerkracht"],
    "fr": ["1712", "aide à la jeunesse", "approche multidisciplinaire", "Awel", "centre d’accueil spécialisé",
           "centre PMS", "centre PMS ou CLB", "Child Focus", "Code pénal", "Écoute-Enfants", "EPUB", "EVRAS",
           "exploitation sexuelle de mineurs dans la prostitution", "mineur", "mineur étranger non accompagné",
           "procès-verbal", "procureur du Roi", "proxénète d’ados", "Sürya", "traite des êtres humains"],
    "en": ["1712", "Awel", "care teacher", "centre PMS", "Child Focus", "CLB", "Criminal Code", "Écoute-Enfants",
           "EPUB", "Esperanto", "EVRAS", "Exit this page", "failure to help a person in danger", "Sürya",
           "teen pimp", "youth care"],
}  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_is_alphabetical_in_its_language(site, lang):
    terms = [dt.get_text().rstrip("#").strip() for dt in soup(site / lang / "glossary.html").select("dl.glossary dt")]
    assert len(terms) > 20
    expected = DICTIONARY_ORDER[lang]
    assert set(expected) <= set(terms), f"not in the glossary any more: {set(expected) - set(terms)}"
    assert [term for term in terms if term in expected] == expected


@pytest.mark.parametrize("lang", LANGS)
def test_apostrophes_are_not_turned_into_quotes(site, lang):
    """Smart quotes once turned French l'<term> into « l”aide »."""
    for page in html_pages(site, lang):
        text = soup(page).get_text()
        match = re.search(r"\w[”“‘]\w", text)
        assert not match, f"{page.relative_to(site)}: {text[match.start() - 20 : match.end() + 20]!r}"


@pytest.mark.parametrize(("args", "language"), [(["LANG=fr"], "fr"), ([], "nl")])
def test_make_reads_the_language_from_the_command_line_only(args, language):
    """The shell's LANG (a locale such as C.UTF-8) must not be taken for a book language."""
    import os
    import subprocess

    env = {**os.environ, "LANG": "C.UTF-8"}
    dry_run = subprocess.run(["make", "-n", "html", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert f"--langs {language} --builders html" in dry_run.stdout, dry_run.stdout + dry_run.stderr
