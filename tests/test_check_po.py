"""The translation gate (tools/check_po.py): each check fed a broken PO file.

Every fixture is written into a temporary locale/ folder; the checker runs with
that folder's parent as working directory, so findings read
``locale/<lang>/LC_MESSAGES/<page>.po:<line>: [check] "<English>": <advice>``.
Languages: nl and fr are published (pyproject.toml); "de" is not listed there,
so it is checked as a draft language.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conftest import po_header  # noqa: E402
from tools import check_po  # noqa: E402

TERMINOLOGY = textwrap.dedent(
    """\
    en,nl,fr,note,forbidden
    teen pimp,tienerpooier,proxénète d'ados|proxénète,Child Focus's words.,loverboy
    human trafficking,mensenhandel,traite des êtres humains,Not smuggling.,fr:trafic des êtres humains
    sexual exploitation of minors in prostitution,seksuele uitbuiting van minderjarigen,exploitation sexuelle de mineurs,,en:child prostitute|nl:kinderprostituee|fr:enfant prostitué
    youth care,jeugdhulp,aide à la jeunesse,,
    stoptienerpooiers.be,stoptienerpooiers.be,stopproxenetes-ados.be,Campaign sites.,
    """
)


def po_text(lang: str, entries: list[tuple[str, str]] | str) -> str:
    """A PO file: the header on lines 1-11, a blank line, then each entry (3 lines apart)."""
    if isinstance(entries, str):
        return po_header(lang) + "\n" + textwrap.dedent(entries)
    body = "".join(f"\nmsgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n" for msgid, msgstr in entries)
    return po_header(lang) + body


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A temporary project folder with locale/terminology.csv; the checker runs in it."""
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale" / "terminology.csv").write_text(TERMINOLOGY, encoding="utf-8")
    (tmp_path / "locale" / "wordlist.txt").write_text("# names\nChild Focus\nPayoke\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(project: Path, lang: str, page: str, entries) -> Path:
    path = project / "locale" / lang / "LC_MESSAGES" / f"{page}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(po_text(lang, entries), encoding="utf-8")
    return path


def run(path_or_paths, *options: str, capsys) -> tuple[int, list[str]]:
    paths = path_or_paths if isinstance(path_or_paths, list) else [path_or_paths]
    code = check_po.main([*options, *(str(p.relative_to(Path.cwd())) for p in paths)])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if line and not line.startswith("check-po:")]


# Line numbers: the header takes lines 1-11; entry n (from 0) has its msgid on line 13 + 3n.
def line(n: int) -> int:
    return 13 + 3 * n


# -- completeness ----------------------------------------------------------------------


def test_untranslated_entry_of_a_published_language(project, capsys):
    path = write(project, "fr", "help", [("Help", "Aide"), ("Call 116 000 if you are worried.", "")])
    code, out = run(path, "--only", "untranslated", capsys=capsys)
    assert code == 1
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{line(1)}: [untranslated] "Call 116 000 if you are worried.": '
        "translate this entry (published languages must be complete)."
    ]


def test_fuzzy_entry_of_a_published_language(project, capsys):
    path = write(project, "nl", "help", """\
        #, fuzzy
        #| msgid "Call Child Focus."
        msgid "Call Child Focus, day or night."
        msgstr "Bel Child Focus."
        """)  # fmt: skip
    code, out = run(path, "--only", "fuzzy,untranslated", capsys=capsys)
    assert code == 1
    assert out == [
        'locale/nl/LC_MESSAGES/help.po:15: [fuzzy] "Call Child Focus, day or night.": the English '
        "changed (or this is a suggestion): compare with the old English on the #| lines, fix the "
        "translation, then remove the fuzzy mark (in Poedit: untick “Needs work”)."
    ]


def test_a_draft_language_may_be_incomplete_but_its_translations_are_checked(project, capsys):
    path = write(project, "de", "help", """\
        msgid "Not yet."
        msgstr ""

        #, fuzzy
        msgid "Old."
        msgstr "Alt."

        msgid "Call 116 000."
        msgstr "Ruf 116 006 an."
        """)  # fmt: skip
    code, out = run(path, "--skip", "spelling", capsys=capsys)
    assert code == 1
    assert out == [
        'locale/de/LC_MESSAGES/help.po:20: [numbers] "Call 116 000.": the number 116 000 of the English '
        "is missing: copy numbers, phone numbers and dates exactly (only the spaces in them may differ).",
        'locale/de/LC_MESSAGES/help.po:20: [numbers] "Call 116 000.": the translation has the number '
        "116 006, which the English does not have: check it (write numbers the way the English does, "
        "in digits or in words).",
    ]


# -- the file itself -------------------------------------------------------------------


def test_msgfmt_syntax_errors(project, capsys):
    path = write(project, "fr", "help", """\
        msgid "Help"
        msgstr "Aide"

        msgid "Help"
        msgstr "Aide"

        msgid "Police"
        msgstr "Police
        """)  # fmt: skip
    code, out = run(path, capsys=capsys)
    assert code == 1
    assert out == [
        'locale/fr/LC_MESSAGES/help.po:16: [msgfmt] "Help": msgfmt --check says: duplicate message '
        "definition (first defined at line 14); fix this line.",
        'locale/fr/LC_MESSAGES/help.po:21: [msgfmt] "Police": msgfmt --check says: end-of-line within '
        "string; fix this line.",
    ]


def test_header_fields(project, capsys):
    path = project / "locale" / "nl" / "LC_MESSAGES" / "help.po"
    path.parent.mkdir(parents=True)
    path.write_text(textwrap.dedent("""\
        #, fuzzy
        msgid ""
        msgstr ""
        "Language: fr\\n"
        "Content-Type: text/plain; charset=ISO-8859-1\\n"

        msgid "Help"
        msgstr "Hulp"
        """), encoding="utf-8")  # fmt: skip
    code, out = run(path, "--only", "header", capsys=capsys)
    assert code == 1
    assert out == [
        "locale/nl/LC_MESSAGES/help.po:1: [header] the header has no valid Plural-Forms line; use "
        "“Plural-Forms: nplurals=2; plural=(n != 1);”.",
        "locale/nl/LC_MESSAGES/help.po:1: [header] the header is marked fuzzy, so its charset is "
        'ignored: remove the “#, fuzzy” line above msgid "".',
        "locale/nl/LC_MESSAGES/help.po:1: [header] the header says Content-Type: text/plain; "
        "charset=ISO-8859-1; it must be “Content-Type: text/plain; charset=UTF-8”.",
        "locale/nl/LC_MESSAGES/help.po:1: [header] the header says Language: fr; it must be "
        "“Language: nl” (the file is in locale/nl/).",
    ]


# -- markup ----------------------------------------------------------------------------


def test_external_link_that_lost_a_backtick(project, capsys):
    english = "Read `their page <https://childfocus.be/>`__ now."
    path = write(project, "fr", "help", [(english, "Lis leur page <https://childfocus.be/>`__ maintenant.")])
    code, out = run(path, "--only", "markup", capsys=capsys)
    assert code == 1
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [markup] "Read `their page <https://childfocus.be…": '
        "the link to https://childfocus.be/ lost its markup (a backtick or the underscores): write it "
        "as `your words <https://childfocus.be/>`__, or it shows as plain text with the address printed."
    ]


def test_external_link_whose_address_changed(project, capsys):
    path = write(project, "nl", "help", [("Call `116 000 <tel:116000>`__.", "Bel `116 000 <tel:116006>`__.")])
    code, out = run(path, "--only", "markup", capsys=capsys)
    assert out == [
        f'locale/nl/LC_MESSAGES/help.po:{line(0)}: [markup] "Call `116 000 <tel:116000>`__.": the link to '
        "tel:116000 is missing or its address changed: write `your words <tel:116000>`__ with the same address.",
        f'locale/nl/LC_MESSAGES/help.po:{line(0)}: [markup] "Call `116 000 <tel:116000>`__.": the '
        "translation has a link to tel:116006 that the English does not have.",
    ]
    assert code == 1


def test_term_target_dropped_or_translated(project, capsys):
    path = write(project, "nl", "help", [
        ("A :term:`teen pimp` lies.", "Een :term:`tienerpooier` liegt."),
        ("A :term:`teen pimp` lies again.", "Een :term:`tienerpooier <Teen Pimp>` liegt weer."),  # case is free
    ])  # fmt: skip
    code, out = run(path, "--only", "markup", capsys=capsys)
    assert code == 1
    assert out == [
        f'locale/nl/LC_MESSAGES/help.po:{line(0)}: [markup] "A :term:`teen pimp` lies.": the :term: '
        "reference to “teen pimp” is missing or changed (the translation points to tienerpooier): keep "
        "the English target after the <, e.g. :term:`your words <teen pimp>`."
    ]


def test_doc_and_ref_targets(project, capsys):
    path = write(project, "fr", "help", [
        ("See :doc:`/help` and :ref:`the list <help-contacts>`.",
         "Voir :doc:`/aide` et :ref:`la liste <help-contacts>`."),
        ("See :ref:`help-contacts`.", "Voir la liste des contacts."),
    ])  # fmt: skip
    code, out = run(path, "--only", "markup", capsys=capsys)
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [markup] "See :doc:`/help` and :ref:`the list <he…": '
        "the :doc: reference to “/help” is missing or changed (the translation points to /aide): keep the "
        "English target after the <, e.g. :doc:`your words </help>`.",
        f'locale/fr/LC_MESSAGES/help.po:{line(1)}: [markup] "See :ref:`help-contacts`.": the :ref: '
        "reference to “help-contacts” is missing or changed: keep the English target after the <, "
        "e.g. :ref:`your words <help-contacts>`.",
    ]
    assert code == 1


def test_literals_emphasis_and_code_block_marker(project, capsys):
    path = write(project, "fr", "help", [
        ("Type ``make html`` and *look*.", "Tape ``make`` et regarde."),
        ("Run this::", "Lance ceci :"),
        ("This is **never** your fault.", "Ce n'est **jamais* ta faute."),
    ])  # fmt: skip
    code, out = run(path, "--only", "markup", capsys=capsys)
    assert code == 1
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [markup] "Type ``make html`` and *look*.": the English '
        "has 1 *emphasis*, the translation 0: put one single * on each side of the emphasised words.",
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [markup] "Type ``make html`` and *look*.": the literal '
        "``make html`` must be copied unchanged, with its double backticks.",
        f'locale/fr/LC_MESSAGES/help.po:{line(1)}: [markup] "Run this::": the English ends with :: (a code '
        "block follows): end the translation with :: too.",
        f'locale/fr/LC_MESSAGES/help.po:{line(2)}: [markup] "This is **never** your fault.": broken reST '
        "markup (Inline strong start-string without end-string.): every *, ` and | of the English needs "
        "its pair, and markup must start after a space or punctuation.",
        f'locale/fr/LC_MESSAGES/help.po:{line(2)}: [markup] "This is **never** your fault.": the English '
        "has 1 **strong** text, the translation 0: put ** on each side of the words.",
    ]


def test_good_markup_passes(project, capsys):
    path = write(project, "nl", "help", [
        ("Read `their page <https://childfocus.be/>`__ about :term:`teen pimps <teen pimp>`, "
         "see :doc:`/help` and type ``make html``. It is *never* your fault.",
         "Lees `hun pagina <https://childfocus.be/>`__ over :term:`tienerpooiers <teen pimp>`, "
         "zie :doc:`/help` en typ ``make html``. Het is *nooit* jouw schuld."),
    ])  # fmt: skip
    code, out = run(path, "--skip", "spelling", capsys=capsys)
    assert (code, out) == (0, [])


def test_sphinx_lint_only_reports_what_the_english_does_not_have(project, capsys):
    long_en = "A long paragraph that the PO file wraps over several lines. " * 4
    long_fr = "Un long paragraphe que le fichier PO répartit sur plusieurs lignes. " * 4
    path = write(project, "fr", "help", [
        (long_en, long_fr),
        ("The :term:`teen pimp`s of the English.", "Les :term:`proxénète <teen pimp>`s de l'anglais."),
        ("See :term:`teen pimp`.", "Voir :term:`proxénète <teen pimp>."),
    ])  # fmt: skip
    code, out = run(path, "--only", "lint", capsys=capsys)
    assert code == 1
    first = path.read_text(encoding="utf-8").splitlines().index('msgid "See :term:`teen pimp`."') + 1
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{first}: [lint] "See :term:`teen pimp`.": sphinx-lint '
        "missing-backtick-after-role: role missing closing backtick: ':term:`proxénète <teen pimp>.\\n'"
    ]


# -- numbers and addresses -------------------------------------------------------------


def test_numbers_phone_numbers_and_dates(project, capsys):
    nbsp, nnbsp = "\u00a0", "\u202f"
    path = write(project, "fr", "help", [
        ("Call 116 000.", f"Appelle le 116{nbsp}000."),  # spacing may differ
        ("Call 116 000 now.", f"Appelle le 116{nnbsp}000 maintenant."),
        ("The circular of 23 December 2016.", "La circulaire du 23 décembre 2016."),
        ("Victims are 12 to 18 years old.", "Les victimes ont de douze à dix-huit ans."),
        ("Most victims are 14 to 16.", "La plupart des victimes ont 14 à 17 ans."),
        ("Art. 422bis and 417/25.", "Art. 422bis et 417/25."),
    ])  # fmt: skip
    code, out = run(path, "--only", "numbers", capsys=capsys)
    assert code == 1
    missing = ("of the English is missing: copy numbers, phone numbers and dates exactly (only the "
               "spaces in them may differ).")  # fmt: skip
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{line(3)}: [numbers] "Victims are 12 to 18 years old.": the number 12 {missing}',
        f'locale/fr/LC_MESSAGES/help.po:{line(3)}: [numbers] "Victims are 12 to 18 years old.": the number 18 {missing}',
        f'locale/fr/LC_MESSAGES/help.po:{line(4)}: [numbers] "Most victims are 14 to 16.": the number 16 {missing}',
        f'locale/fr/LC_MESSAGES/help.po:{line(4)}: [numbers] "Most victims are 14 to 16.": the translation has '
        "the number 17, which the English does not have: check it (write numbers the way the English does, "
        "in digits or in words).",
    ]


def test_urls_emails_and_localised_campaign_sites(project, capsys):
    path = write(project, "fr", "help", [
        ("Mail training@childfocus.org.", "Écris à training@childfocus.be."),
        ("See https://www.myria.be/en.", "Voir https://www.myria.be/fr."),
        ("Visit stoptienerpooiers.be.", "Visite stopproxenetes-ados.be."),  # listed in terminology.csv
        ("Visit stoptienerpooiers.be now.", "Visite stoptienerpooiers.be maintenant."),
    ])  # fmt: skip
    code, out = run(path, "--only", "links", capsys=capsys)
    assert code == 1
    copy = "copy web addresses, phone links and e-mail addresses exactly."
    extra = ("which the English does not have: check it (only addresses listed for your language in "
             "locale/terminology.csv may replace the English ones).")  # fmt: skip
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [links] "Mail training@childfocus.org.": the address '
        f"training@childfocus.org of the English is missing or changed: {copy}",
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [links] "Mail training@childfocus.org.": the translation '
        f"has the address training@childfocus.be, {extra}",
        f'locale/fr/LC_MESSAGES/help.po:{line(1)}: [links] "See https://www.myria.be/en.": the address '
        f"https://www.myria.be/en of the English is missing or changed: {copy}",
        f'locale/fr/LC_MESSAGES/help.po:{line(1)}: [links] "See https://www.myria.be/en.": the translation '
        f"has the address https://www.myria.be/fr, {extra}",
    ]


# -- terminology -----------------------------------------------------------------------


def test_terminology_and_forbidden_words(project, capsys):
    path = write(project, "nl", "help", [
        ("A teen pimp lies.", "Een loverboy liegt."),
        ("Teen pimps lie.", "Tienerpooiers liegen."),  # inflected: fine
        ("The older word loverboy is misleading.", "Het oudere woord loverboy is misleidend."),
        ("Never say child prostitute.", "Zeg nooit kinderprostituee."),  # the English names it
        ("It is sexual exploitation of minors in prostitution.", "Het is kinderprostituee-uitbuiting."),
        ("In youth care.", "In een jeugdhulpvoorziening."),  # a Dutch compound: fine
    ])  # fmt: skip
    code, out = run(path, "--only", "terminology,forbidden", capsys=capsys)
    assert code == 1
    assert out == [
        f'locale/nl/LC_MESSAGES/help.po:{line(0)}: [forbidden] "A teen pimp lies.": “loverboy” must not be '
        "used: write “tienerpooier” (locale/terminology.csv, line 2, says why).",
        f'locale/nl/LC_MESSAGES/help.po:{line(0)}: [terminology] "A teen pimp lies.": the English says '
        "“teen pimp”: use “tienerpooier” (or an inflected form; locale/terminology.csv, line 2).",
        f'locale/nl/LC_MESSAGES/help.po:{line(4)}: [forbidden] "It is sexual exploitation of minors in…": '
        "“kinderprostituee” must not be used: write “seksuele uitbuiting van minderjarigen” "
        "(locale/terminology.csv, line 4, says why).",
        f'locale/nl/LC_MESSAGES/help.po:{line(4)}: [terminology] "It is sexual exploitation of minors in…": '
        "the English says “sexual exploitation of minors in prostitution”: use “seksuele uitbuiting van "
        "minderjarigen” (or an inflected form; locale/terminology.csv, line 4).",
    ]


def test_french_forbidden_variant_and_inflected_term(project, capsys):
    path = write(project, "fr", "help", [
        ("Human trafficking is a crime.", "Le trafic des êtres humains est un crime."),
        ("Teen pimps lie.", "Les proxénètes d'ados mentent."),
        ("In youth care.", "Dans l'aide à la jeunesse."),
    ])  # fmt: skip
    code, out = run(path, "--only", "terminology,forbidden", capsys=capsys)
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [forbidden] "Human trafficking is a crime.": “trafic des '
        "êtres humains” must not be used: write “traite des êtres humains” (locale/terminology.csv, line 3, says why).",
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [terminology] "Human trafficking is a crime.": the English '
        "says “human trafficking”: use “traite des êtres humains” (or an inflected form; locale/terminology.csv, line 3).",
    ]
    assert code == 1


def test_the_real_terminology_file_is_valid():
    terms = check_po.load_terminology(ROOT / "locale" / "terminology.csv")
    assert len(terms) >= 18
    by_english = {t.forms["en"][0]: t for t in terms}
    assert by_english["teen pimp"].forms["nl"][0] == "tienerpooier"
    assert by_english["teen pimp"].forms["fr"][0] == "proxénète d'ados"
    assert "loverboy" in by_english["teen pimp"].forbidden["*"]
    assert "trafic des êtres humains" in by_english["human trafficking"].forbidden["fr"]
    for term in terms:
        assert term.forms.get("en"), f"line {term.line} has no English"
        for lang in ("nl", "fr"):
            assert term.forms.get(lang) or term.forbidden, f"line {term.line} has no {lang}"


# -- spelling and typography -----------------------------------------------------------


def test_spelling_with_word_lists_names_and_terms(project, capsys):
    (project / "locale" / "nl").mkdir()
    (project / "locale" / "nl" / "wordlist.txt").write_text("# reviewed\nsexting\n", encoding="utf-8")
    path = write(project, "nl", "help", [
        ("Payoke and Sürya help victims of teen pimps.", "Payoke en Sürya helpen slachtoffers van tienerpooiers."),
        ("Call Child Focus about sexting.", "Bel Child Focus over sexting."),
        ("Victims are often isolated.", "Slachtofers zijn vaak geïsoleerd."),
        ("This was not translated.", "This was not translated."),
        ("Art. 422bis", "Art. 422bis"),
    ])  # fmt: skip
    code, out = run(path, "--only", "spelling", capsys=capsys)
    assert code == 1
    advice = ": correct it, or, if it is right (a name, a term) and a reviewer agrees, add it to locale/nl/wordlist.txt."
    assert out == [
        f'locale/nl/LC_MESSAGES/help.po:{line(2)}: [spelling] "Victims are often isolated.": unknown word “Slachtofers”{advice}',
        f'locale/nl/LC_MESSAGES/help.po:{line(3)}: [spelling] "This was not translated.": unknown word “This”{advice}',
        f'locale/nl/LC_MESSAGES/help.po:{line(3)}: [spelling] "This was not translated.": unknown word “translated”{advice}',
    ]


def dictionaries_without(tmp_path: Path, left_out: str) -> list[Path]:
    """A hunspell folder with every installed dictionary but ``left_out`` (nl, fr, en)."""
    folder = tmp_path / "hunspell"
    folder.mkdir()
    for directory in check_po.spelling.DICTIONARY_DIRS:
        for dic in directory.glob("*.dic"):
            if dic.stem.split("_")[0] != left_out and not (folder / dic.name).exists():
                for suffix in (".dic", ".aff"):
                    (folder / dic.with_suffix(suffix).name).symlink_to(dic.with_suffix(suffix))
    return [folder]


def test_spelling_without_an_english_dictionary_stops_and_names_the_package(project, capsys, monkeypatch):
    """The name rule needs hunspell-en-us: without it the check must stop, not report names as typos or pass."""
    monkeypatch.setattr(check_po.spelling, "DICTIONARY_DIRS", dictionaries_without(project, "en"))
    path = write(project, "nl", "help", [("Payoke and Sürya help victims.", "Payoke en Sürya helpen slachtoffers.")])
    code = check_po.main(["--only", "spelling", str(path.relative_to(project))])
    err = capsys.readouterr().err
    assert code == 2
    assert "hunspell-en-us" in err and "make system-deps" in err


def test_spelling_without_the_languages_dictionary_names_the_package(project, capsys, monkeypatch):
    monkeypatch.setattr(check_po.spelling, "DICTIONARY_DIRS", dictionaries_without(project, "fr"))
    path = write(project, "fr", "help", [("Victims are often isolated.", "Les victimes sont souvent isolées.")])
    code, out = run(path, "--only", "spelling", capsys=capsys)
    assert code == 1
    assert out == [
        "locale/fr/LC_MESSAGES/help.po:1: [spelling] no hunspell dictionary for 'fr' is installed: install one "
        "(Debian: hunspell-fr) so that spelling can be checked."
    ]


@pytest.mark.parametrize(("tool", "package"), [("hunspell", "hunspell"), ("msgfmt", "gettext")])
def test_a_missing_tool_stops_the_check_and_names_its_package(project, capsys, monkeypatch, tool, package):
    path = write(project, "nl", "help", [("Help", "Hulp")])
    real_which = check_po.driver.shutil.which
    monkeypatch.setattr(check_po.driver.shutil, "which", lambda name: None if name == tool else real_which(name))
    code = check_po.main([str(path.relative_to(project))])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err == [f"check-po: {tool} not found: install the Debian package {package} ('make system-deps' does it)."]


def test_the_test_machine_has_every_dictionary_the_checks_use():
    """A machine without one would check less: system_deps.sh must install them all."""
    for lang in ("nl", "fr", "en"):
        assert check_po.find_dictionary(lang), f"no hunspell dictionary for {lang}: tools/system_deps.sh must install it"
    assert check_po.find_dictionary("nl").endswith("nl_BE") and check_po.find_dictionary("fr").endswith("fr_BE")


def test_french_and_dutch_typography(project, capsys):
    nbsp, nnbsp = "\u00a0", "\u202f"
    fr = write(project, "fr", "help", [
        ("Help: call now!", "Aide : appelle maintenant !"),
        ("Are you worried?", "Tu t'inquiètes?"),
        ("Help: call us now!", f"Aide{nbsp}: appelle-nous maintenant{nnbsp}!"),
        ('The word "loverboy".', f"Le mot «{nbsp}loverboy{nbsp}»."),
        ("See :term:`teen pimp`: https://example.org at 10:30.",
         f"Voir :term:`proxénète <teen pimp>`{nbsp}: https://example.org à 10:30."),
    ])  # fmt: skip
    nl = write(project, "nl", "help", [("Help: call now!", "Hulp : bel nu!")])
    code, out = run([fr, nl], "--only", "typography", capsys=capsys)
    assert code == 1
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [typography] "Help: call now!": the space before “:” must be '
        "a no-break space (U+00A0, or the narrow U+202F), so that the sign never starts a line: type it in "
        "Poedit with Alt+0160 or Option+Space, or copy it from the guide.",
        f'locale/fr/LC_MESSAGES/help.po:{line(1)}: [typography] "Are you worried?": put a no-break space before '
        f"“?” (Belgian French typography: “mot{nbsp}?”, not “mot?”).",
        f'locale/nl/LC_MESSAGES/help.po:{line(0)}: [typography] "Help: call now!": no space before “:” in '
        "Dutch: “woord:”.",
    ]


# -- translate-toolkit -----------------------------------------------------------------


def test_pofilter_checks_and_brackets(project, capsys):
    path = write(project, "fr", "help", [
        ("Call the the police.", "Appelle la la police."),  # doubled in English too: still checked
        ("Call the police.", "Appelle la la police."),
        ("Are you worried?", "Vous vous inquiétez\u00a0?"),  # a right doubled word
        ("Are you afraid?", "Tu as peur."),
        ("Call Child Focus (free).", "Appelle Child Focus (gratuit."),
        ("Call  now.", "Appelle maintenant. "),
        ("Call 02 511 64 64.", "Appelle le 02 511 64 64."),  # the same doubled word as the English: right
    ])  # fmt: skip
    code, out = run(path, "--skip", "spelling,untranslated,fuzzy,msgfmt,header,lint", capsys=capsys)
    assert code == 1
    assert out == [
        f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [doublewords] "Call the the police.": pofilter doublewords: '
        "The word 'la' is repeated; compare with the English.",
        f'locale/fr/LC_MESSAGES/help.po:{line(1)}: [doublewords] "Call the police.": pofilter doublewords: '
        "The word 'la' is repeated; compare with the English.",
        f'locale/fr/LC_MESSAGES/help.po:{line(3)}: [endpunc] "Are you afraid?": pofilter endpunc: Different '
        "punctuation at the end; compare with the English.",
        f'locale/fr/LC_MESSAGES/help.po:{line(4)}: [brackets] "Call Child Focus (free).": the “(” has no '
        "partner: close every bracket you open.",
        f'locale/fr/LC_MESSAGES/help.po:{line(5)}: [doublespacing] "Call now.": pofilter doublespacing: '
        "Different use of double spaces; compare with the English.",
        f'locale/fr/LC_MESSAGES/help.po:{line(5)}: [endwhitespace] "Call now.": pofilter endwhitespace: '
        "Different whitespace at the end; compare with the English.",
    ]


@pytest.mark.parametrize("check, english, translation, message", [
    ("startwhitespace", "Help.", " Aide.", "Different whitespace at the start"),
    ("newlines", "Line one\nline two", "Ligne un ligne deux", "Different line endings"),
    ("tabs", "A\tB", "A B", "Different tabs"),
    ("printf", "%(count)s pages", "%(nombre)s pages", "Added printf variable: %(nombre)s"),
    ("pythonbraceformat", "{count} pages", "{nombre} pages", "Unknown named placeholders in translation: "
     "{nombre}, Named placeholders absent in translation: {count}"),
    ("purepunc", "—", "-", "Consider not translating punctuation"),
    ("escapes", "Use a \\ sign", "Utilise un signe", "Escapes in original ('\\') don't match escapes "
     "in translation ()"),
])  # fmt: skip
def test_other_pofilter_checks(project, capsys, check, english, translation, message):
    path = write(project, "fr", "help", [(english, translation)])
    code, out = run(path, "--only", check, capsys=capsys)
    assert code == 1
    shown = check_po.start_of(english)
    assert out == [f'locale/fr/LC_MESSAGES/help.po:{line(0)}: [{check}] "{shown}": pofilter {check}: '
                   f"{message}; compare with the English."]  # fmt: skip


def test_a_reviewed_exception_is_a_translator_comment(project, capsys):
    path = write(project, "nl", "help", """\
        # check-po: ignore numbers — "twee" reads better here; reviewed by An
        msgid "Call 2 people."
        msgstr "Bel twee mensen."

        # check-po: ignore untranslated
        msgid "Not translated."
        msgstr ""
        """)  # fmt: skip
    code, out = run(path, "--only", "numbers,untranslated", capsys=capsys)
    assert code == 1  # untranslated cannot be ignored
    assert out == [
        'locale/nl/LC_MESSAGES/help.po:18: [untranslated] "Not translated.": translate this entry '
        "(published languages must be complete)."
    ]


# -- the command line ------------------------------------------------------------------


def test_command_line_exit_status_and_language_filter(project):
    write(project, "nl", "help", [("Help", "")])
    write(project, "fr", "help", [("Help", "Aide")])
    files = ["locale/nl/LC_MESSAGES/help.po", "locale/fr/LC_MESSAGES/help.po"]
    script = str(ROOT / "tools" / "check_po.py")
    fr_only = subprocess.run([sys.executable, script, "--lang", "fr", *files], capture_output=True, text=True)
    assert fr_only.returncode == 0, fr_only.stdout + fr_only.stderr
    assert "1 file(s) checked, no problems" in fr_only.stdout
    both = subprocess.run([sys.executable, script, *files], capture_output=True, text=True)
    assert both.returncode == 1
    assert both.stdout.splitlines() == [
        'locale/nl/LC_MESSAGES/help.po:13: [untranslated] "Help": translate this entry (published '
        "languages must be complete)."
    ]
    assert "1 problem(s) in 1 file(s)" in both.stderr


def test_the_real_po_files_pass():
    """The gate on the real translations: fails until the translators have finished."""
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "check_po.py")], cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, f"make check-po found problems:\n{proc.stdout}{proc.stderr}"
