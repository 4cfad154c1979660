"""Build the handbook's editions and assemble them into one static site.

    python tools/build_site.py                    # all languages, HTML + EPUB, into build/site/
    python tools/build_site.py --langs nl --builders html --no-site
    python tools/build_site.py --allow-incomplete # local preview while a translation is unfinished

Each language is built in its own process, the languages in parallel. A
language's process first checks its catalogs (tools/validate.py: bad input
stops the build before anything is built or published), then runs the HTML
and the EPUB builder one after the other through Sphinx's API, sharing the
imports and the parsed environment (build/doctrees/<lang>). Every build is
strict (-W --keep-going -n).

Incremental builds are never stale:

- a language whose inputs are unchanged since its last successful build is
  not run at all (build/state/<builder>-<lang>.json records them);
- when an input Sphinx does not track changes (the extension's code, the
  interface catalog, a page or catalog added or removed, the installed
  packages), or a file changed without a newer modification time, that
  language is rebuilt from scratch with its old output removed;
- the EPUB builder also rewrites every page whose doctree is newer than its
  output (Sphinx only compares the .rst's time, which a translation edit
  does not change);
- a failed build drops the saved environment, so the next build re-reads
  everything and reports the same warnings again.

Output is reproducible: dates come from the last commit (SOURCE_DATE_EPOCH)
and hashing is seeded (PYTHONHASHSEED=0).

The site is assembled in a staging folder next to the old one and swapped in
only when every output succeeded, so a failed build leaves the previous site
exactly as it was.
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":
    # Reproducible set and dict order in every process; before the heavy imports.
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})

import argparse  # noqa: E402
import ctypes  # noqa: E402
import hashlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from importlib import metadata  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handbook_ext import csp, epub_downloads, languages, not_found, seo  # noqa: E402
from tools import chooser, validate  # noqa: E402

BUILDERS = ("html", "epub")
ENV_PICKLE = "environment.pickle"
# Packages whose version changes the output; an upgrade rebuilds from scratch.
PACKAGES = ("sphinx", "docutils", "furo", "sphinx-design", "sphinx-basic-ng", "pygments", "jinja2", "babel")


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


def state_file(build_dir: Path, builder: str, lang: str) -> Path:
    return build_dir / "state" / f"{builder}-{lang}.json"


# --- what a build depends on ---------------------------------------------------


def _files(base: Path, pattern: str = "**/*") -> list[Path]:
    if not base.exists():
        return []
    return sorted(p for p in base.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inputs(lang: str) -> dict:
    """Everything one language's outputs are made from.

    ``files``: the inputs Sphinx tracks itself (pages, page catalogs) with their
    modification time and hash; ``untracked``: a hash of everything else, whose
    change means a build from scratch.
    """
    tracked = [p for p in _files(ROOT / "source") if p.suffix == ".rst"]
    lang_dir = ROOT / "locale" / lang / "LC_MESSAGES"
    catalogs = [p for p in _files(lang_dir, "**/*.po") if p.name != languages.INTERFACE_CATALOG]
    tracked += catalogs if languages.get(lang).translated else []
    untracked = hashlib.sha256()
    for path in (
        [ROOT / "conf.py", ROOT / "pyproject.toml", lang_dir / languages.INTERFACE_CATALOG]
        + _files(ROOT / "handbook_ext", "**/*.py")
        + [ROOT / "tools" / "build_site.py"]
        + [p for p in _files(ROOT / "source") if p.suffix != ".rst"]  # templates, static files
    ):
        untracked.update(f"{path.relative_to(ROOT)}\0".encode())
        untracked.update(_digest(path).encode() if path.is_file() else b"-")
    for path in tracked:  # the set of pages and catalogs: an added one is not tracked by Sphinx
        untracked.update(f"{path.relative_to(ROOT)}\0".encode())
    for package in PACKAGES:
        try:
            untracked.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            pass
    untracked.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    untracked.update(f"base_url={languages.base_url()}".encode())  # from the environment too
    # Every edition's Translation status page shows every language's counts: a change
    # in another language's counts (not in its wording) changes this edition too.
    untracked.update(json.dumps(translation_counts(), sort_keys=True).encode())
    files = {
        str(p.relative_to(ROOT)): [p.stat().st_mtime_ns, _digest(p)] for p in tracked
    }
    return {"untracked": untracked.hexdigest(), "files": files}


_COUNTS_CACHE: dict[str, list[int]] = {}  # sha256 of a PO file → its translated, fuzzy, untranslated


def _counted(data: bytes) -> list[int]:
    import polib

    from handbook_ext import translation_status

    key = hashlib.sha256(data).hexdigest()
    if key not in _COUNTS_CACHE:
        try:
            found = translation_status.count_entries(polib.pofile(data.decode("utf-8", "replace")))
        except (OSError, ValueError):
            return [-1, -1, -1]  # unreadable: the catalog check names the line
        _COUNTS_CACHE[key] = [found.translated, found.fuzzy, found.untranslated]
    return _COUNTS_CACHE[key]


def translation_counts() -> dict[str, list[int]]:
    """Translated, fuzzy and untranslated entries of every page catalog, as the status page counts them."""
    from handbook_ext import translation_status

    counts = {}
    for lang in languages.translations():
        for docname, path in translation_status.page_catalogs(ROOT / "locale", lang.code).items():
            counts[f"{lang.code}/{docname}"] = _counted(path.read_bytes())
    return counts


def share_translation_counts(build_dir: Path) -> None:
    """Count each catalog once, by its content: the status page counts all of them in every build.

    Loads and saves the counts in build/state/po-counts.json, and lets the
    status page (handbook_ext.translation_status.count) use them: counting is a
    pure function of the file's bytes, so the result is the same, sooner.
    """
    from handbook_ext import translation_status

    path = build_dir / "state" / "po-counts.json"
    try:
        _COUNTS_CACHE.update(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass
    translation_counts()  # counts what changed
    keys = {
        hashlib.sha256(po.read_bytes()).hexdigest()
        for lang in languages.translations()
        for po in translation_status.page_catalogs(ROOT / "locale", lang.code).values()
    }
    keep = {key: _COUNTS_CACHE[key] for key in sorted(keys)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(keep, sort_keys=True), encoding="utf-8")
    original = translation_status.count
    if not getattr(original, "shared", False):

        def count(po_path: Path) -> translation_status.Counts:
            return translation_status.Counts(*_counted(Path(po_path).read_bytes()))

        count.shared = True
        translation_status.count = count


def plan(build_dir: Path, builder: str, lang: str, now: dict, fresh: bool) -> tuple[str, set[str]]:
    """'up to date', 'incremental' or 'fresh' for one output, and the inputs changed since its last build."""
    path = state_file(build_dir, builder, lang)
    if fresh or not path.is_file() or not output_dir(build_dir, builder, lang).is_dir():
        return "fresh", set(now["files"])
    try:
        before = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return "fresh", set(now["files"])
    changed = {name for name, (_, digest) in now["files"].items() if before["files"].get(name, [0, ""])[1] != digest}
    if before == now:
        return "up to date", changed
    if before.get("untracked") != now["untracked"]:
        return "fresh", changed
    for name in changed:
        if now["files"][name][0] <= before["files"][name][0]:
            return "fresh", changed  # changed, but Sphinx would not see it by its time
    return "incremental", changed


def compile_catalogs(po_paths: list[Path], lang: str) -> None:
    """Compile changed catalogs ourselves, as Sphinx would (fuzzy entries left out).

    Sphinx recompiles a .mo only when the .po is newer; an edit that kept an
    older time would be missed. The new .mo replaces the old in one step, so
    another build reading it at the same time never sees half a file.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in po_paths:
        mo_path = po_path.with_suffix(".mo")
        with open(po_path, encoding="utf-8") as po_file:
            catalog = read_po(po_file, lang)
        partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
        with open(partial, "wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        os.replace(partial, mo_path)


def catalogs_to_compile(lang: str, changed: set[str]) -> list[Path]:
    """The changed catalogs, and every catalog whose .mo is missing or older.

    Compiled here, before the HTML and EPUB processes start: left to Sphinx, both
    would write the same .mo at once in a fresh checkout, and one could read the
    other's half-written file (the Dutch interface then showed in English).
    """
    paths = {ROOT / name for name in changed if name.endswith(".po")}
    for po_path in (ROOT / "locale" / lang / "LC_MESSAGES").rglob("*.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.is_file() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            paths.add(po_path)
    return sorted(paths)


# --- one language, in its own process ------------------------------------------


def _include_newer_doctrees(builder) -> None:
    """Also rewrite pages whose doctree is newer than their output.

    The HTML builder (run first, sharing the environment) re-read them; the
    EPUB builder would otherwise compare only the .rst's time and skip them.
    """
    original = builder.get_outdated_docs

    def outdated():
        seen = set()
        result = original()
        if isinstance(result, str):
            yield from ()
            return
        for docname in result:
            seen.add(docname)
            yield docname
        for docname in sorted(builder.env.found_docs - seen):
            doctree = Path(builder.doctreedir, docname + ".doctree")
            target = Path(builder.get_output_path(docname))
            if not target.is_file() or (doctree.is_file() and doctree.stat().st_mtime_ns > target.stat().st_mtime_ns):
                yield docname

    builder.get_outdated_docs = outdated


def run_sphinx(build_dir: Path, builder: str, lang: str, fresh_env: bool, allow_incomplete: bool,
               after_read=None, wait_for_environment=None) -> tuple[int, str]:  # fmt: skip
    """One Sphinx build in this process.

    ``after_read()`` runs once the environment is saved. With
    ``wait_for_environment`` (a function that returns when the first builder
    has saved its environment, False if it failed), the application is set up
    first, and then builds from a private copy of that environment: it never
    reads or writes the doctrees the first builder is using.
    """
    from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    nocolor()
    warnings = io.StringIO()
    overrides = {"language": lang, "nitpicky": True}
    if allow_incomplete:
        overrides["handbook_allow_incomplete"] = True
    doctrees = doctree_dir(build_dir, lang)
    if wait_for_environment is not None:
        doctrees = doctrees.with_name(f"{lang}.{builder}")
    try:
        with patch_docutils(ROOT), docutils_namespace():
            app = Sphinx(
                ROOT / "source", ROOT, output_dir(build_dir, builder, lang), doctrees,
                builder, confoverrides=overrides, status=None, warning=warnings,
                freshenv=fresh_env, warningiserror=True,
            )  # fmt: skip
            if wait_for_environment is not None:
                if not wait_for_environment():
                    return 2, f"{builder} {lang} not built: the build it depends on failed."
                shutil.rmtree(doctrees, ignore_errors=True)
                shutil.copytree(doctree_dir(build_dir, lang), doctrees)  # keeps the times
                env = app._load_existing_env(doctrees / ENV_PICKLE_FILENAME)
                app.env = app.builder.env = env
                env._builder_cls = app.builder.__class__
            _include_newer_doctrees(app.builder)
            if after_read is not None:
                # Emitted after Sphinx saved the environment it has just read.
                app.connect("env-check-consistency", lambda app, env: after_read(), priority=999)
            app.build(force_all=False)
            if after_read is not None and app.statuscode == 0:
                after_read()  # if nothing was read (the saved environment was current), only now
            return app.statuscode, warnings.getvalue()
    except Exception:  # report it like a warning: the build failed, the site stays
        return 2, warnings.getvalue() + traceback.format_exc()


def docutils_registries() -> tuple[dict, dict]:
    from docutils.parsers.rst import directives, roles

    return dict(directives._directives), dict(roles._roles)


def restore_docutils(registries: tuple[dict, dict]) -> None:
    """Docutils as before any Sphinx application registered its directives, roles and nodes."""
    from docutils.parsers.rst import directives, roles
    from sphinx.util.docutils import additional_nodes, unregister_node

    directives._directives, roles._roles = dict(registries[0]), dict(registries[1])
    for node in list(additional_nodes):
        unregister_node(node)
        additional_nodes.discard(node)


class ForkedBuild:
    """A function run in a child process, its result read back through a pipe.

    The child starts from docutils as it was before the first application set
    it up, and closes ``close_in_child`` (the parent's ends of other pipes).
    """

    def __init__(self, function, close_in_child: tuple[int, ...] = ()) -> None:
        self.function = function
        self.close_in_child = close_in_child
        self.pid = 0
        self.reader = -1
        self.registries = docutils_registries()

    def start(self) -> None:
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, report through the pipe, never return
            result: tuple[int, str] = (2, "the forked build did not report")
            try:
                os.close(reader)
                for fd in self.close_in_child:
                    os.close(fd)
                restore_docutils(self.registries)
                result = self.function()
            except BaseException:  # noqa: BLE001  whatever happens, the parent must hear of it
                result = (2, traceback.format_exc())
            finally:
                try:
                    with os.fdopen(writer, "w", encoding="utf-8") as pipe:
                        json.dump(list(result), pipe)
                finally:
                    os._exit(0)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def result(self) -> tuple[int, str]:
        with os.fdopen(self.reader, encoding="utf-8") as pipe:
            data = pipe.read()
        os.waitpid(self.pid, 0)
        try:
            returncode, output = json.loads(data)
        except ValueError:
            return 2, f"the forked build ended without a result: {data[:500]!r}"
        return returncode, output


class Signal:
    """A one-shot signal from this process to a forked child: set, or closed unset."""

    def __init__(self) -> None:
        self.reader, self.writer = os.pipe()

    def set(self) -> None:
        if self.writer >= 0:
            os.write(self.writer, b"1")
            self.close()

    def close(self) -> None:
        if self.writer >= 0:
            os.close(self.writer)
            self.writer = -1

    def wait(self) -> bool:
        """In the child: True when set, False when the parent closed it unset."""
        with os.fdopen(self.reader, "rb") as pipe:
            return pipe.read(1) == b"1"


def check_catalogs(build_dir: Path, lang: str, allow_incomplete: bool) -> tuple[int, str]:
    problems = validate.validate(
        [lang], allow_incomplete=allow_incomplete, cache_file=build_dir / "state" / f"validate-{lang}.json"
    )
    return (1, validate.report(problems)) if problems else (0, "")


def preload_sphinx() -> None:
    """Import what a Sphinx application imports, while the catalogs are being checked."""
    from importlib import import_module

    import sphinx.application

    import handbook_ext

    names = [*sphinx.application.builtin_extensions, "furo", "sphinx_design",
             *(f"handbook_ext.{name}" for name in handbook_ext.FEATURES)]  # fmt: skip
    for name in names:
        try:
            import_module(name)
        except ImportError:
            pass  # Sphinx itself will say so


def build_language(build_dir: Path, lang: str, builders: list[str], fresh: bool, allow_incomplete: bool) -> list[Result]:
    start = time.monotonic()
    now = inputs(lang)
    plans, changed = {}, set()
    for builder in builders:
        plans[builder], changed_since = plan(build_dir, builder, lang, now, fresh)
        changed |= changed_since if plans[builder] != "up to date" else set()
    if any(plans[builder] != "up to date" for builder in builders):
        # Check the catalogs in a child process while this one imports Sphinx's modules.
        check = ForkedBuild(lambda: check_catalogs(build_dir, lang, allow_incomplete))
        check.start()
        preload_sphinx()
        returncode, report = check.result()
    else:
        returncode, report = check_catalogs(build_dir, lang, allow_incomplete)
    if returncode:
        return [Result(lang, "catalogs", 1, report, time.monotonic() - start, "invalid catalogs")]
    compile_catalogs(catalogs_to_compile(lang, changed), lang)
    to_build = [builder for builder in builders if plans[builder] != "up to date"]
    results = {b: Result(lang, b, 0, "", 0.0, "up to date") for b in builders if b not in to_build}
    for builder in to_build:
        state_file(build_dir, builder, lang).unlink(missing_ok=True)
        if plans[builder] == "fresh":
            shutil.rmtree(output_dir(build_dir, builder, lang), ignore_errors=True)
    status = {b: "fresh build" if plans[b] == "fresh" else "built" for b in to_build}

    first, second = (to_build + [None, None])[:2]
    if first is not None:
        start = time.monotonic()
        later = ready = None
        if second is not None:
            # The second builder (the EPUB) sets itself up in a child process now, and
            # builds from the first one's environment as soon as it is saved.
            ready = Signal()
            later = ForkedBuild(
                lambda: run_sphinx(build_dir, second, lang, False, allow_incomplete, wait_for_environment=ready.wait),
                close_in_child=(ready.writer,),
            )
            later.start()
            os.close(ready.reader)
        fresh_env = plans[first] == "fresh" or (second is not None and plans[second] == "fresh")
        try:
            returncode, output = run_sphinx(build_dir, first, lang, fresh_env, allow_incomplete,
                                            after_read=ready.set if ready else None)  # fmt: skip
        finally:
            if ready is not None:
                ready.close()  # unset if the first build failed before saving its environment
        results[first] = Result(lang, first, returncode, output, time.monotonic() - start, status[first])
        if later is not None:
            code, text = later.result()
            results[second] = Result(lang, second, code, text, time.monotonic() - start, status[second])
    for builder in to_build:
        result = results.get(builder)
        if result is None or result.returncode:
            # Re-read everything next time, so the same warnings show again.
            (doctree_dir(build_dir, lang) / ENV_PICKLE).unlink(missing_ok=True)
            continue
        path = state_file(build_dir, builder, lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(now, sort_keys=True), encoding="utf-8")
    return [results[b] for b in builders if b in results]


def build(build_dir: Path, langs: list[str], builders: list[str], fresh: bool = False,
          allow_incomplete: bool = False, on_language_done=None) -> list[Result]:  # fmt: skip
    """Every language in its own process; ``on_language_done(lang)`` as each one succeeds."""
    from concurrent.futures import as_completed

    import sphinx.application  # noqa: F401  imported once, before the fork, for every language
    import sphinx.builders.epub3  # noqa: F401
    import sphinx.builders.html  # noqa: F401

    share_translation_counts(build_dir)  # before the fork: every language inherits them
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(langs), mp_context=context) as pool:
        futures = {pool.submit(build_language, build_dir, lang, builders, fresh, allow_incomplete): lang
                   for lang in langs}  # fmt: skip
        by_language = {}
        for future in as_completed(futures):
            by_language[futures[future]] = future.result()
            if on_language_done and not any(r.returncode for r in by_language[futures[future]]):
                on_language_done(futures[future])
        return [result for lang in langs for result in by_language[lang]]


# --- the site --------------------------------------------------------------------


def epub_file(build_dir: Path, lang: str) -> Path:
    epubs = sorted(output_dir(build_dir, "epub", lang).glob("*.epub"))
    if len(epubs) != 1:
        raise SystemExit(f"Expected one EPUB in {output_dir(build_dir, 'epub', lang)}, found {len(epubs)}.")
    return epubs[0]


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, bytes(a), at_fdcwd, bytes(b), rename_exchange) == 0


def staging_dir(site: Path) -> Path:
    return site.with_name(site.name + ".new")


def stage_language(build_dir: Path, site: Path, lang: str, builders: list[str]) -> None:
    """Copy one language's outputs into the staging folder (while the others still build)."""
    staging = staging_dir(site)
    if "html" in builders:
        shutil.copytree(output_dir(build_dir, "html", lang), staging / lang,
                        ignore=shutil.ignore_patterns(".buildinfo", ".buildinfo.bak", ".doctrees"))  # fmt: skip
    if "epub" in builders:
        epub = epub_file(build_dir, lang)
        (staging / "downloads").mkdir(exist_ok=True)
        shutil.copy2(epub, staging / "downloads" / epub.name)
        from tools.pdf_editions import write_pdfs  # the PDF editions, made from the EPUB's XHTML

        write_pdfs(output_dir(build_dir, "epub", lang), lang, staging / "downloads", cache_dir=build_dir / "pdf" / lang)


def assemble(build_dir: Path, site: Path, langs: list[str], builders: list[str], staged: set[str] = frozenset()) -> None:
    staging = staging_dir(site)
    for lang in langs:
        if lang not in staged:
            stage_language(build_dir, site, lang, builders)
    if "epub" in builders:
        # The HTML was written before the EPUBs existed: fill in their sizes now.
        epub_downloads.fill_sizes(staging, langs)
    chooser.write(staging, [languages.get(code) for code in langs])
    if "html" in builders:
        seo.merge_sitemaps(staging)  # the root sitemap.xml and robots.txt
        not_found.copy_root_page(staging)  # the root 404.html
    for page in sorted(staging.glob("*.html")):  # the editions' pages have theirs already
        csp.secure_file(page)
    # Swap: the old site stays whole until the new one is complete.
    if site.exists() and exchange(staging, site):
        shutil.rmtree(staging)
        return
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--langs", nargs="+", default=list(languages.languages()))
    parser.add_argument("--builders", nargs="+", choices=BUILDERS, default=list(BUILDERS))
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build")
    parser.add_argument("--site", type=Path, help="assembled site (default: BUILD_DIR/site)")
    parser.add_argument("--no-site", action="store_true", help="build only; do not assemble the site")
    parser.add_argument("-E", "--fresh", action="store_true", help="ignore saved environments and outputs")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="accept fuzzy and untranslated text in published languages "
                             "(local previews only: make and the tests never use it)")  # fmt: skip
    args = parser.parse_args(argv)

    for code in args.langs:
        languages.get(code)  # fails with a clear message on an unknown language
    build_dir = args.build_dir.resolve()
    site = (args.site or build_dir / "site").resolve()
    builders = [b for b in BUILDERS if b in args.builders]  # HTML first: the EPUB reuses its environment
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()

    start = time.monotonic()
    staged: set[str] = set()
    staging = staging_dir(site)
    shutil.rmtree(staging, ignore_errors=True)

    def stage(lang: str) -> None:
        # The site is assembled as languages finish; it replaces the old one only at the end.
        if not args.no_site:
            staging.mkdir(parents=True, exist_ok=True)
            stage_language(build_dir, site, lang, builders)
            staged.add(lang)

    try:
        results = build(build_dir, args.langs, builders, args.fresh, args.allow_incomplete, on_language_done=stage)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    failed = [r for r in results if r.returncode]
    for r in results:
        status = "FAILED" if r.returncode else r.status
        print(f"{r.builder:>8} {r.lang}: {status} ({r.seconds:.1f} s)")
    for r in failed:
        print(f"\n--- {r.builder} {r.lang} failed:\n{r.output.strip()}", file=sys.stderr)
    if failed:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"\nBuild failed: {len(failed)} output(s) had errors or warnings; "
              f"{site} was left as it was.", file=sys.stderr)  # fmt: skip
        return 1
    if args.allow_incomplete:
        print("Built with --allow-incomplete: unfinished translations show English. Not for publishing.")
    if not args.no_site:
        staging.mkdir(parents=True, exist_ok=True)
        assemble(build_dir, site, args.langs, builders, staged)
        print(f"Site assembled in {site} ({time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)  # skip tearing down every imported module: a tenth of a second, for nothing
