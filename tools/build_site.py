"""Build the handbook's editions and assemble them into one static site.

    python tools/build_site.py                    # all languages, HTML + EPUB, into build/site/
    python tools/build_site.py --langs nl --builders html --no-site
    python tools/build_site.py --allow-incomplete # local preview while a translation is unfinished

One straight flow; each language runs in its own process, the languages in
parallel:

1. validate: the language's catalogs are checked (tools/validate.py); bad
   input stops the build before anything is built or published;
2. compile: changed catalogs are compiled to .mo (the only files the build
   writes into locale/);
3. build: the books first (Sphinx's EPUB builder, then the PDF book and
   signals sheet from its output, tools/pdf/), then, once every language's
   books exist, the web edition (Sphinx's HTML builder), which shows the
   books' sizes. Both Sphinx builders share one environment
   (build/doctrees/<lang>): the pages are read once. Every build is strict
   (-W --keep-going -n);
4. stage: the editions and books are copied into build/site.new/ with the
   site's own files (tools/assemble.py);
5. swap: the new site replaces the old one, only when every output succeeded.

Incremental builds are never stale (tools/build_state.py decides, per output,
between "up to date", "incremental" and "fresh"; handbook_ext/freshness.py
makes each builder write what another builder re-read). A failed build drops
the saved environment, so the next build reports the same warnings again.

Output is reproducible: dates come from the last commit (SOURCE_DATE_EPOCH)
and hashing is seeded (PYTHONHASHSEED=0).
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":
    # Reproducible set and dict order in every process; before the heavy imports.
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

import argparse  # noqa: E402
import io  # noqa: E402
import multiprocessing  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handbook_ext import downloads, languages  # noqa: E402
from tools import assemble, build_state, validate  # noqa: E402

BUILDERS = ("html", "epub", "pdf")  # "pdf": the print editions, made from the EPUB builder's output


@dataclass
class Result:
    lang: str
    builder: str
    returncode: int
    output: str
    seconds: float
    status: str = ""  # "built", "fresh build", "up to date", "invalid catalogs"


def source_date_epoch() -> str:
    """The last commit's time, so that two builds of one commit are identical."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out = ""
    return out or "1767225600"  # 2026-01-01, outside a git checkout


def output_dir(build_dir: Path, builder: str, lang: str) -> Path:
    return build_dir / builder / lang


def doctree_dir(build_dir: Path, lang: str) -> Path:
    return build_dir / "doctrees" / lang


# --- 1 and 2: validate and compile ------------------------------------------------------


def check_catalogs(build_dir: Path, lang: str, allow_incomplete: bool) -> str:
    """The problems in one language's catalogs, as a report; empty when there are none."""
    problems = validate.validate(
        [lang], allow_incomplete=allow_incomplete, cache_file=build_dir / "state" / f"validate-{lang}.json"
    )
    return validate.report(problems) if problems else ""


def compile_catalogs(po_paths: list[Path], lang: str) -> None:
    """Compile catalogs as Sphinx would (fuzzy entries left out), whatever their times.

    Sphinx recompiles a .mo only when the .po is newer; an edit that kept an
    older time would be missed.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in po_paths:
        with open(po_path, encoding="utf-8") as po_file:
            catalog = read_po(po_file, lang)
        with open(po_path.with_suffix(".mo"), "wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)


def catalogs_to_compile(build_dir: Path, lang: str, now: dict, builders: list[str]) -> list[Path]:
    """Catalogs changed since an output's last build, and every one whose .mo is missing or older."""
    paths = {path for builder in builders for path in build_state.changed_catalogs(build_dir, builder, lang, now)}
    for po_path in (ROOT / "locale" / lang / "LC_MESSAGES").rglob("*.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.is_file() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            paths.add(po_path)
    return sorted(paths)


# --- 3: build ---------------------------------------------------------------------------


def run_sphinx(build_dir: Path, builder: str, lang: str, fresh: bool, allow_incomplete: bool) -> tuple[int, str]:
    """One Sphinx build in this process, through Sphinx's public API: status and warnings."""
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    nocolor()
    warnings = io.StringIO()
    overrides = {"language": lang, "nitpicky": True,
                 "handbook_books_dir": str(assemble.books_dir(build_dir))}  # fmt: skip
    if allow_incomplete:
        overrides["handbook_allow_incomplete"] = True
    try:
        with patch_docutils(ROOT), docutils_namespace():
            app = Sphinx(
                ROOT / "source", ROOT, output_dir(build_dir, builder, lang), doctree_dir(build_dir, lang),
                builder, confoverrides=overrides, status=None, warning=warnings,
                freshenv=fresh, warningiserror=True,
            )  # fmt: skip
            app.build(force_all=False)
            return app.statuscode, warnings.getvalue()
    except Exception:  # report it like a warning: the build failed, the site stays
        return 2, warnings.getvalue() + traceback.format_exc()


def book_sizes(build_dir: Path, lang: str) -> dict[str, str]:
    """Every book's size as the web edition of ``lang`` shows it: a change rewrites its downloads page."""
    return downloads.sizes_in(assemble.books_dir(build_dir), lang)


def build_output(build_dir: Path, builder: str, lang: str, now: dict, fresh: bool, allow_incomplete: bool,
                 environment_read: bool = False) -> Result:  # fmt: skip
    """One output, unless it is up to date; its state is saved only when it succeeded.

    ``environment_read``: a builder before this one read every changed page in
    this run, so even a fresh output reuses the environment (new pages are
    written all the same: the old output is gone).
    """
    start = time.monotonic()
    output = output_dir(build_dir, builder, lang)
    decision = "fresh" if fresh else build_state.decide(build_dir, builder, lang, now, output)
    if decision == "up to date":
        return Result(lang, builder, 0, "", 0.0, "up to date")
    build_state.forget(build_dir, builder, lang)
    if decision == "fresh":
        shutil.rmtree(output, ignore_errors=True)
    fresh_environment = decision == "fresh" and not environment_read
    returncode, warnings = run_sphinx(build_dir, builder, lang, fresh_environment, allow_incomplete)
    if returncode:
        # Re-read everything next time, so the same warnings show again.
        (doctree_dir(build_dir, lang) / "environment.pickle").unlink(missing_ok=True)
    else:
        build_state.remember(build_dir, builder, lang, now)
        if builder == "epub":
            book = output / f"{downloads.epub_name(lang)}"
            assemble.books_dir(build_dir).mkdir(parents=True, exist_ok=True)
            shutil.copy2(book, assemble.books_dir(build_dir) / book.name)
    status = "fresh build" if decision == "fresh" else "built"
    return Result(lang, builder, returncode, warnings, time.monotonic() - start, status)


def build_books(build_dir: Path, lang: str, builders: list[str], fresh: bool, allow_incomplete: bool) -> list[Result]:
    """Steps 1 to 3 for one language's books: validate, compile, then each book builder."""
    start = time.monotonic()
    report = check_catalogs(build_dir, lang, allow_incomplete)
    if report:
        return [Result(lang, "catalogs", 1, report, time.monotonic() - start, "invalid catalogs")]
    counts = build_state.translation_counts()
    now = build_state.inputs(lang, counts)
    compile_catalogs(catalogs_to_compile(build_dir, lang, now, builders), lang)
    if "epub" not in builders:
        return []
    results = [build_output(build_dir, "epub", lang, now, fresh, allow_incomplete)]
    if "pdf" in builders and not results[0].returncode:
        results.append(build_pdfs(build_dir, lang, epub_changed=results[0].status != "up to date"))
    return results


def build_pdfs(build_dir: Path, lang: str, epub_changed: bool) -> Result:
    """The PDF book and signals sheet, from the EPUB builder's output, whenever it changed."""
    from tools import pdf

    start = time.monotonic()
    books = assemble.books_dir(build_dir)
    targets = [books / pdf.book_name(lang), books / pdf.sheet_name(lang)]
    if not epub_changed and all(target.is_file() for target in targets):
        return Result(lang, "pdf", 0, "", 0.0, "up to date")
    for target in targets:
        target.unlink(missing_ok=True)  # never an old PDF beside a new EPUB
    try:
        pdf.write_pdfs(output_dir(build_dir, "epub", lang), lang, books)
    except pdf.EditionError as error:
        return Result(lang, "pdf", 1, str(error), time.monotonic() - start, "failed")
    return Result(lang, "pdf", 0, "", time.monotonic() - start, "built")


def build_web_edition(build_dir: Path, lang: str, fresh: bool, allow_incomplete: bool,
                      environment_read: bool) -> list[Result]:  # fmt: skip
    now = build_state.inputs(lang, build_state.translation_counts(), book_sizes(build_dir, lang))
    return [build_output(build_dir, "html", lang, now, fresh, allow_incomplete, environment_read)]


def language_process(connection, build_dir: Path, lang: str, builders: list[str], fresh: bool,
                     allow_incomplete: bool) -> None:  # fmt: skip
    """One language, in its own process: its books, then (when told to go on) its web edition.

    Sphinx keeps its interface translations per process, so a process builds one language only.
    """
    def crashed(builder: str) -> list[Result]:
        return [Result(lang, builder, 2, traceback.format_exc(), 0.0, "crashed")]

    try:
        books = build_books(build_dir, lang, builders, fresh, allow_incomplete)
    except BaseException:  # noqa: BLE001  whatever happens, the parent must hear of it
        books = crashed("books")
    connection.send(books)
    web = []
    if connection.recv() and "html" in builders:
        environment_read = any(result.status in ("built", "fresh build") for result in books)
        try:
            web = build_web_edition(build_dir, lang, fresh, allow_incomplete, environment_read)
        except BaseException:  # noqa: BLE001
            web = crashed("html")
    connection.send(web)
    connection.close()


def preload_sphinx() -> None:
    """Import what a Sphinx application imports once, before the fork, for every language."""
    from importlib import import_module

    import sphinx.application

    import handbook_ext

    names = [*sphinx.application.builtin_extensions, "sphinx.builders.epub3", "sphinx.builders.html",
             "furo", "sphinx_design", *(f"handbook_ext.{name}" for name in handbook_ext.FEATURES)]  # fmt: skip
    for name in names:
        try:
            import_module(name)
        except ImportError:
            pass  # Sphinx itself will say so


def build(build_dir: Path, langs: list[str], builders: list[str], fresh: bool = False,
          allow_incomplete: bool = False) -> list[Result]:  # fmt: skip
    """Every language's books, then every language's web edition; each language in its own process."""
    preload_sphinx()
    context = multiprocessing.get_context("fork")
    workers = {}
    for lang in langs:
        ours, theirs = context.Pipe()
        process = context.Process(target=language_process,
                                  args=(theirs, build_dir, lang, builders, fresh, allow_incomplete))  # fmt: skip
        process.start()
        theirs.close()
        workers[lang] = (process, ours)
    books = {lang: connection.recv() for lang, (_, connection) in workers.items()}
    go_on = not any(result.returncode for results in books.values() for result in results)
    for _, connection in workers.values():
        connection.send(go_on)
    web = {lang: connection.recv() for lang, (_, connection) in workers.items()}
    for process, connection in workers.values():
        connection.close()
        process.join()
    return [result for lang in langs for result in books[lang] + web[lang]]


# --- 4 and 5: stage and swap ------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", nargs="+", default=list(languages.languages()))
    parser.add_argument("--builders", nargs="+", choices=BUILDERS, default=list(BUILDERS),
                        help="pdf needs epub: the PDFs are made from the EPUB builder's output")  # fmt: skip
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build")
    parser.add_argument("--site", type=Path, help="assembled site (default: BUILD_DIR/site)")
    parser.add_argument("--no-site", action="store_true", help="build only; do not assemble the site")
    parser.add_argument("-E", "--fresh", action="store_true", help="ignore saved environments and outputs")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="accept fuzzy and untranslated text in published languages "
                             "(local previews only: make and the tests never use it)")  # fmt: skip
    args = parser.parse_args(argv)

    if "pdf" in args.builders and "epub" not in args.builders:
        parser.error("--builders pdf needs epub too: the PDFs are made from the EPUB builder's output")
    for code in args.langs:
        languages.get(code)  # fails with a clear message on an unknown language
    languages.base_url()  # fails with a clear message on a malformed address
    build_dir = args.build_dir.resolve()
    site = (args.site or build_dir / "site").resolve()
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()

    start = time.monotonic()
    results = build(build_dir, args.langs, args.builders, args.fresh, args.allow_incomplete)
    failed = [r for r in results if r.returncode]
    for r in results:
        print(f"{r.builder:>8} {r.lang}: {'FAILED' if r.returncode else r.status} ({r.seconds:.1f} s)")
    for r in failed:
        print(f"\n--- {r.builder} {r.lang} failed:\n{r.output.strip()}", file=sys.stderr)
    if failed:
        print(f"\nBuild failed: {len(failed)} output(s) had errors or warnings; "
              f"{site} was left as it was.", file=sys.stderr)  # fmt: skip
        return 1
    if args.allow_incomplete:
        print("Built with --allow-incomplete: unfinished translations show English. Not for publishing.")
    if not args.no_site:
        books = [name for lang in args.langs for name in downloads.book_names(lang)
                 if (assemble.books_dir(build_dir) / name).is_file() and Path(name).suffix[1:] in args.builders]  # fmt: skip
        staging = assemble.start(site)
        try:
            assemble.stage(build_dir, staging, args.langs, "html" in args.builders, books)
        except BaseException:
            assemble.discard(staging)
            raise
        assemble.swap(staging, site)
        print(f"Site assembled in {site} ({time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # skip tearing down every imported module: a tenth of a second, for nothing
