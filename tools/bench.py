"""Benchmark: build speed for writers, page weight and Lighthouse scores for readers.

    python tools/bench.py                 # everything; writes BENCHMARKS.md
    python tools/bench.py --runs 1 --no-lighthouse --output /tmp/bench.md

Works on a copy of the project in a temporary folder (the incremental
measurement edits a Dutch translation there, never in locale/), on this
machine, and writes BENCHMARKS.md: the table, each budget and whether it is
met, and the command that made it. Exits 1 when a budget is missed.

- Clean build of every output (tools/build_site.py, what `make` runs),
  against the yardstick: the same six sphinx-build runs and three PDF runs, one after another.
- Incremental rebuild after changing one Dutch translation (what `make`
  runs), checked: the new text must be in the HTML page, the EPUB and the PDF.
- Per language, every page's first view: the HTML and every CSS, JS, font
  and image it loads, raw and gzipped (level 6, what web servers use);
  and its render-critical bytes: the HTML and every style sheet that blocks
  the first paint (a ``<link rel="stylesheet">`` in ``<head>`` whose media is
  not print only), gzipped; the search page and its index separately; each book's size (EPUB, PDF).
- Lighthouse (npm, package-lock.json; Chromium from CHROME_PATH or
  /usr/bin/chromium), mobile: the home page and two deep pages (the two
  heaviest pages in a chapter folder) per language, served gzipped from
  127.0.0.1 with the response headers of README.md.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402
from tools.build_site import source_date_epoch  # noqa: E402
from tools.project_copy import copy_project  # noqa: E402

GZIP_LEVEL = 6
# A first view that fits one round trip: a new connection's first flight is ten
# TCP segments, some 14 KB. Gzipped, per page.
BUDGET_CRITICAL = 14 * 1024  # the HTML and its render-blocking style sheets
BUDGET_CRITICAL_LONG = 18 * 1024  # the translators' pages, long and for translators
LONG_PAGES = ("about/translating.html", "about/translation-status.html")
BUDGET_PAGE_GZIP = 20 * 1024  # the whole first view: HTML, CSS, JS, fonts, images
BUDGET_SEARCH_GZIP = 24 * 1024  # the search page's first view, before its index
BUDGET_CLEAN_RATIO = 0.6
BUDGET_INCREMENTAL_RATIO = 0.2
BUDGET_PERFORMANCE = 0.98
SPHINX_BUILDERS = ("epub", "html")  # the PDFs are made from the EPUB builder's output
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The response headers README.md recommends; the bench's server sends them too. Each
# page's own policy (a meta element, with the hashes of its inline script and styles)
# still applies: a browser enforces both, so the header adds only what a meta element
# cannot say (frame-ancestors) and restricts nothing the page needs.
RESPONSE_HEADERS = {
    "Content-Security-Policy": "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
COMPRESSED_TYPES = (".html", ".css", ".js", ".svg", ".xml", ".txt", ".json")


# --- page weight -------------------------------------------------------------------------


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.blocking: list[str] = []  # style sheets in <head> that hold back the first paint
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").lower().split()
        if tag in ("head", "body"):
            self.in_head = tag == "head"
        if tag == "link" and values.get("href") and {"stylesheet", "icon", "preload", "modulepreload"} & set(rel):
            self.urls.append(values["href"])
            # In <body>, a style sheet holds back only what comes after it (nothing, at the end).
            if "stylesheet" in rel and "alternate" not in rel and self.in_head and not print_only(values.get("media")):
                self.blocking.append(values["href"])
        elif tag in ("script", "img", "source", "video", "audio", "iframe") and values.get("src"):
            self.urls.append(values["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def print_only(media: str | None) -> bool:
    """Whether a media attribute matches no screen at all ("print", "only print and (…)", "not all").

    Anything else counts as render-blocking: a sheet for (min-width: …) or
    (prefers-color-scheme: dark) blocks the first paint of some reader's page.
    """
    queries = [q.strip().lower() for q in (media or "").split(",")]
    return all(re.match(r"(only\s+)?print\b|not\s+all$", q) for q in queries) and any(queries)


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


@dataclass
class Weight:
    page: str
    raw: int
    gzip: int
    critical: int = 0  # gzipped: the HTML and its render-blocking style sheets
    files: list[str] = field(default_factory=list)

    @property
    def critical_budget(self) -> int:
        return BUDGET_CRITICAL_LONG if self.page.split("/", 1)[-1] in LONG_PAGES else BUDGET_CRITICAL


def local_file(site: Path, base: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    target = (site / parts.path.lstrip("/")) if parts.path.startswith("/") else base.parent / unquote(parts.path)
    return target.resolve()


def first_view(page: Path, site: Path, skip: tuple[str, ...] = ()) -> Weight:
    """The page and everything it loads (CSS, JS, fonts and images in CSS too)."""
    page, site = page.resolve(), site.resolve()
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    queue = [(page, url) for url in parser.urls]
    files, seen = [page], {page}
    blocking = {local_file(site, page, url) for url in parser.blocking}
    while queue:
        base, url = queue.pop(0)
        target = local_file(site, base, url)
        if target is None or target in seen or not target.is_file() or target.name in skip:
            continue
        seen.add(target)
        files.append(target)
        if target.suffix == ".css":
            css = target.read_text(encoding="utf-8", errors="replace")
            for match in re.finditer(r"""url\(\s*['"]?([^'")]+)""", css):
                if not match.group(1).startswith("data:"):
                    queue.append((target, match.group(1)))
            for match in re.finditer(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)""", css):
                queue.append((target, match.group(1)))
                if target in blocking:  # an imported sheet blocks as its importer does
                    blocking.add(local_file(site, target, match.group(1)))
    critical = [f for f in files if f == files[0] or f in blocking]
    return Weight(
        page=page.relative_to(site).as_posix(),
        raw=sum(f.stat().st_size for f in files),
        gzip=sum(gzipped_size(f.read_bytes()) for f in files),
        critical=sum(gzipped_size(f.read_bytes()) for f in critical),
        files=[f.relative_to(site).as_posix() for f in files],
    )


def content_pages(site: Path, lang: str) -> list[Path]:
    return sorted(p for p in (site / lang).rglob("*.html") if "_static" not in p.parts and p.name != "search.html")


# --- timing --------------------------------------------------------------------------------


def timed(command: list[str], cwd: Path, env: dict) -> float:
    start = time.monotonic()
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if proc.returncode:
        raise SystemExit(f"Benchmark command failed: {' '.join(command)}\n{proc.stdout}\n{proc.stderr}")
    return seconds


def clean_build(project: Path, env: dict, extra: list[str]) -> float:
    shutil.rmtree(project / "build", ignore_errors=True)
    for mo in (project / "locale").rglob("*.mo"):
        mo.unlink()  # a fresh clone has none
    return timed([sys.executable, "tools/build_site.py", *extra], project, env)


def yardstick(project: Path, env: dict, allow_incomplete: bool) -> float:
    """Every output, one command after another, each from scratch: sphinx-build for the
    HTML and the EPUB, then tools/pdf_editions.py for the PDFs from that EPUB."""
    out = project / "yardstick"
    shutil.rmtree(out, ignore_errors=True)
    for mo in (project / "locale").rglob("*.mo"):
        mo.unlink()
    total = 0.0
    for lang in languages.languages():
        for builder in SPHINX_BUILDERS:
            command = [
                sys.executable, "-m", "sphinx", "-b", builder, "-c", ".",
                "-d", str(out / "doctrees" / f"{builder}-{lang}"), "-D", f"language={lang}",
                "-W", "--keep-going", "-n", "-q", "source", str(out / builder / lang),
            ]  # fmt: skip
            if allow_incomplete:
                command[-2:-2] = ["-D", "handbook_allow_incomplete=1"]
            total += timed(command, project, env)
        pdfs = [sys.executable, "tools/pdf_editions.py", str(out / "epub" / lang), lang, str(out / "pdf" / lang)]
        total += timed(pdfs, project, env)
    shutil.rmtree(out, ignore_errors=True)
    return total


def edit_one_dutch_translation(project: Path, marker: str) -> tuple[str, str]:
    """Change one translated Dutch paragraph; returns (docname, new text)."""
    import polib

    lang_dir = project / "locale" / "nl" / "LC_MESSAGES"
    for path in sorted(lang_dir.rglob("*.po")):
        if path.name == "sphinx.po":
            continue
        po = polib.pofile(str(path))
        for entry in po:
            plain = re.fullmatch(r"[^`*:|_\[\]<>\\]{60,}\.", entry.msgstr or "")
            if entry.translated() and plain and "fuzzy" not in entry.flags:
                text = re.sub(r" \(bench \w+\)\.$", ".", entry.msgstr)[:-1] + f" (bench {marker})."
                entry.msgstr = text
                po.save(str(path))
                return path.relative_to(lang_dir).with_suffix("").as_posix(), text
    raise SystemExit("No translated Dutch paragraph to edit.")


def incremental_build(project: Path, env: dict, extra: list[str], marker: str) -> float:
    docname, text = edit_one_dutch_translation(project, marker)
    seconds = timed([sys.executable, "tools/build_site.py", *extra], project, env)
    site = project / "build" / "site"
    page = (site / "nl" / f"{docname}.html").read_text(encoding="utf-8")
    if f"(bench {marker})" not in page:
        raise SystemExit(f"Stale incremental build: nl/{docname}.html lacks the edited text {text!r}")
    (epub,) = (site / "downloads").glob("*-nl.epub")
    with zipfile.ZipFile(epub) as book:
        found = any(f"(bench {marker})" in book.read(n).decode("utf-8") for n in book.namelist()
                    if n.endswith(".xhtml"))  # fmt: skip
    if not found:
        raise SystemExit(f"Stale incremental build: the Dutch EPUB lacks the edited text {text!r}")
    from pypdf import PdfReader

    printed = " ".join(page.extract_text() for page in PdfReader(site / "downloads" / "handbook-nl.pdf").pages)
    if f"(bench {marker})" not in re.sub(r"\s+", " ", printed):
        raise SystemExit(f"Stale incremental build: the Dutch PDF lacks the edited text {text!r}")
    return seconds


# --- Lighthouse -----------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, with the recommended headers."""

    def end_headers(self) -> None:
        for name, value in RESPONSE_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.is_file()
            and path.suffix in COMPRESSED_TYPES
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            import io

            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, *args) -> None:
        pass


def lighthouse_scores(site: Path, pages: list[str]) -> dict[str, dict]:
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True)
    handler = partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    results = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for page in pages:
                url = f"http://127.0.0.1:{server.server_port}/{page}"
                report = Path(tmp) / "report.json"
                command = [
                    str(lighthouse), url, "--quiet", "--output=json", f"--output-path={report}",
                    "--only-categories=" + ",".join(CATEGORIES), "--form-factor=mobile",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                    "--disable-component-update --disable-sync",
                ]  # fmt: skip
                for _attempt in range(3):  # Chromium now and then fails to start: try again
                    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
                    if proc.returncode == 0:
                        break
                else:
                    raise SystemExit(f"Lighthouse failed on {url}:\n{proc.stderr[-3000:]}")
                data = json.loads(report.read_text(encoding="utf-8"))
                failed = [
                    audit["id"] for audit in data["audits"].values()
                    if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0
                ]  # fmt: skip
                results[page] = {
                    **{name: data["categories"][name]["score"] for name in CATEGORIES},
                    "fcp": data["audits"]["first-contentful-paint"]["numericValue"] / 1000,
                    "cls": data["audits"]["cumulative-layout-shift"]["numericValue"],
                    "failed": failed,
                }
    finally:
        server.shutdown()
        server.server_close()
    return results


def lighthouse_pages(site: Path, lang: str) -> list[str]:
    deep = [p for p in content_pages(site, lang) if p.parent != site / lang]
    heaviest = sorted(deep, key=lambda p: (-first_view(p, site).gzip, p.as_posix()))[:2]
    return [f"{lang}/index.html"] + [p.relative_to(site).as_posix() for p in heaviest]


# --- the report --------------------------------------------------------------------------------


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    return "met" if ok else "**MISSED**"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--runs", type=int, default=3, help="timing runs; the best is reported")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--allow-incomplete", action="store_true",
                        help="build with unfinished translations (development only; noted in the report)")  # fmt: skip
    args = parser.parse_args(argv)
    command = "make bench" if not argv and os.environ.get("MAKELEVEL") else "python tools/bench.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    extra = ["--allow-incomplete"] if args.allow_incomplete else []
    # What `make` runs with: the Makefile exports these two.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": source_date_epoch()}

    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as tmp:
        project = copy_project(Path(tmp) / "project")
        cleans, sticks, incrementals = [], [], []
        for run in range(args.runs):
            print(f"run {run + 1}/{args.runs}: yardstick…", flush=True)
            sticks.append(yardstick(project, env, args.allow_incomplete))
            print(f"run {run + 1}/{args.runs}: clean build…", flush=True)
            cleans.append(clean_build(project, env, extra))
            print(f"run {run + 1}/{args.runs}: incremental build…", flush=True)
            incrementals.append(incremental_build(project, env, extra, f"{run}{random.randrange(10**6)}"))
        # Best of the runs: other work on the machine only ever adds time.
        clean, stick, incremental = (min(x) for x in (cleans, sticks, incrementals))
        print(f"clean {cleans}, yardstick {sticks}, incremental {incrementals}", flush=True)
        site = project / "build" / "site"

        weights: dict[str, list[Weight]] = {}
        searches: dict[str, tuple[Weight, int, int]] = {}
        epubs: dict[str, int] = {}
        for lang in languages.languages():
            weights[lang] = [first_view(p, site) for p in content_pages(site, lang)]
            search_page = first_view(site / lang / "search.html", site, skip=("searchindex.js",))
            index = (site / lang / "searchindex.js").read_bytes()
            searches[lang] = (search_page, len(index), gzipped_size(index))
            epubs[lang] = {book.name: book.stat().st_size for book in sorted((site / "downloads").glob(f"*-{lang}.*"))}
        scores = {}
        if not args.no_lighthouse:
            pages = [page for lang in languages.languages() for page in lighthouse_pages(site, lang)]
            print(f"Lighthouse: {len(pages)} pages…", flush=True)
            scores = lighthouse_scores(site, pages)

    report, ok = render(command, args, clean, stick, incremental, cleans, sticks, incrementals,
                        weights, searches, epubs, scores)  # fmt: skip
    args.output.write_text(report, encoding="utf-8")
    print(report)
    return 0 if ok else 1


def render(command, args, clean, stick, incremental, cleans, sticks, incrementals,
           weights, searches, epubs, scores) -> tuple[str, bool]:  # fmt: skip
    """BENCHMARKS.md, and whether every budget is met."""
    lines = [
        "# Benchmarks",
        "",
        f"Made by `{command}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, on this machine: "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.machine()}."
        + (" **Built with --allow-incomplete (unfinished translations): not a release measurement.**"
           if args.allow_incomplete else ""),
        "Regenerate with `make bench` (it installs Lighthouse with `npm ci` from package-lock.json).",
        "",
    ]
    sections = [speed_section(args, clean, stick, incremental, cleans, sticks, incrementals),
                weight_section(weights, searches, epubs), lighthouse_section(scores)]  # fmt: skip
    for section, _ in sections:
        lines += section
    ok = all(met for _, met in sections)
    lines += ["", f"Every budget: {'met' if ok else '**not met**'}.", ""]
    return "\n".join(lines), ok


def speed_section(args, clean, stick, incremental, cleans, sticks, incrementals) -> tuple[list[str], bool]:
    ok = True
    lines = [
        "## Build speed (writers)",
        "",
        f"Best of {args.runs} runs, each: yardstick, clean build, incremental build (all runs, in seconds: "
        f"{', '.join(f'{s:.1f}' for s in cleans)} clean; "
        f"{', '.join(f'{s:.1f}' for s in sticks)} yardstick; {', '.join(f'{s:.1f}' for s in incrementals)} "
        "incremental).",
        "",
        "| What | Wall time | Ratio | Budget | |",
        "| --- | --- | --- | --- | --- |",
        f"| Yardstick: six `sphinx-build` runs and three PDF runs, one after another | {stick:.1f} s | 1.00 | | |",
    ]
    clean_ok = clean <= BUDGET_CLEAN_RATIO * stick
    incremental_ok = incremental <= BUDGET_INCREMENTAL_RATIO * clean
    ok &= clean_ok and incremental_ok
    lines += [
        f"| Clean build of every output (`make`) | {clean:.1f} s | {clean / stick:.2f} of the yardstick "
        f"| ≤ {BUDGET_CLEAN_RATIO} | {verdict(clean_ok)} |",
        f"| Incremental rebuild after one Dutch translation edit (`make`), new text verified in the HTML "
        f"page, the EPUB and the PDF | {incremental:.1f} s | {incremental / clean:.2f} of the clean build "
        f"| ≤ {BUDGET_INCREMENTAL_RATIO} | {verdict(incremental_ok)} |",
        "",
    ]
    return lines, ok


def weight_section(weights, searches, epubs) -> tuple[list[str], bool]:
    ok = True
    lines = [
        "## Page weight (readers)",
        "",
        f"Every page, gzip level {GZIP_LEVEL}. **Render-critical**: the HTML plus every style sheet that "
        "blocks the first paint (a `<link rel=\"stylesheet\">` in `<head>` whose media is not print only); budget: at most "
        f"{kb(BUDGET_CRITICAL)} gzipped, what a new connection's first flight (ten TCP segments) carries, "
        f"{kb(BUDGET_CRITICAL_LONG)} for the translators' pages ({', '.join(LONG_PAGES)}). "
        "**First view**: the HTML plus every CSS, JS, font and image it loads; budget: at most "
        f"{kb(BUDGET_PAGE_GZIP)} gzipped.",
        "",
        "| Language | Pages | Render-critical median | Render-critical max (page) | Budget "
        "| First view raw median | First view raw max | First view median | First view max (page) | Budget |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    missed: list[str] = []
    for lang, items in weights.items():
        critical_max = max(items, key=lambda w: w.critical)
        over = [w for w in items if w.critical > w.critical_budget]
        heaviest = max(items, key=lambda w: w.gzip)
        too_heavy = [w for w in items if w.gzip > BUDGET_PAGE_GZIP]
        missed += [f"{w.page} render-critical {kb(w.critical)}" for w in over]
        missed += [f"{w.page} first view {kb(w.gzip)}" for w in too_heavy]
        ok &= not over and not too_heavy
        lines.append(
            f"| {lang} | {len(items)} | {kb(statistics.median(w.critical for w in items))} | "
            f"{kb(critical_max.critical)} ({critical_max.page}) | {verdict(not over)} | "
            f"{kb(statistics.median(w.raw for w in items))} | {kb(max(w.raw for w in items))} | "
            f"{kb(statistics.median(w.gzip for w in items))} | {kb(heaviest.gzip)} ({heaviest.page}) | "
            f"{verdict(not too_heavy)} |"
        )
    if missed:
        lines += ["", "Over budget: " + "; ".join(missed) + "."]
    lines += [
        "",
        "Search page (its first view without the index; budget: at most "
        f"{kb(BUDGET_SEARCH_GZIP)} gzipped) and the search index, loaded when searching:",
        "",
        "| Language | Search page render-critical | Search page raw | Search page gzip | Budget "
        "| Index raw | Index gzip |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for lang, (page, index_raw, index_gzip) in searches.items():
        within = page.gzip <= BUDGET_SEARCH_GZIP
        ok &= within
        lines.append(
            f"| {lang} | {kb(page.critical)} | {kb(page.raw)} | {kb(page.gzip)} | {verdict(within)} "
            f"| {kb(index_raw)} | {kb(index_gzip)} |"
        )
    lines += ["", "| Book | Size |", "| --- | --- |"]
    lines += [f"| {name} | {kb(size)} |" for books in epubs.values() for name, size in books.items()]
    return lines, ok


def lighthouse_section(scores) -> tuple[list[str], bool]:
    ok = True
    lines: list[str] = []
    if not scores:
        return lines, ok
    lines += [
        "",
        "## Lighthouse (mobile)",
        "",
        f"Lighthouse {lighthouse_version()}, mobile form factor with its default simulated throttling, "
        "served gzipped from 127.0.0.1 with the response headers of README.md. Budget: performance ≥ "
        f"{BUDGET_PERFORMANCE}; accessibility, best practices and SEO 1.00.",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO | First contentful paint "
        "| Cumulative layout shift | Budget |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page, result in scores.items():
        met = (result["performance"] >= BUDGET_PERFORMANCE
               and all(result[c] == 1 for c in CATEGORIES[1:]))  # fmt: skip
        ok &= met
        note = "" if met else f" (failed audits: {', '.join(result['failed']) or 'see the report'})"
        lines.append(
            f"| {page} | {result['performance']:.2f} | {result['accessibility']:.2f} | "
            f"{result['best-practices']:.2f} | {result['seo']:.2f} | {result['fcp']:.2f} s | {result['cls']:.3f} | "
            f"{verdict(met)}{note} |"
        )
    return lines, ok


def lighthouse_version() -> str:
    try:
        package = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())
        return package["version"]
    except (OSError, ValueError, KeyError):
        return "?"


if __name__ == "__main__":
    sys.exit(main())
