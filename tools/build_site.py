"""Build the handbook's editions and assemble them into one static site.

    python tools/build_site.py                    # all languages, HTML + EPUB, into build/site/
    python tools/build_site.py --langs nl --builders html --no-site

Each language is built in its own process (HTML, then EPUB), the languages in
parallel. Every build is strict (-W --keep-going -n). Each builder and language
has its own doctree folder, outside the output folder: a shared one makes the
EPUB build after an HTML build ship stale text, and one inside the output gets
packed into the EPUB.

The site is assembled in a staging folder next to the old one and swapped in
only when every output succeeded, so a failed build never leaves a half-updated
site behind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402
from tools import chooser  # noqa: E402

BUILDERS = ("html", "epub")


@dataclass
class Result:
    lang: str
    builder: str
    returncode: int
    output: str
    seconds: float


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


def sphinx_command(build_dir: Path, builder: str, lang: str, extra: list[str]) -> list[str]:
    return [
        sys.executable, "-m", "sphinx",
        "-b", builder,
        "-c", str(ROOT),
        "-d", str(build_dir / "doctrees" / f"{builder}-{lang}"),
        "-D", f"language={lang}",
        "-W", "--keep-going", "-n", "-q",
        *extra,
        str(ROOT / "source"),
        str(output_dir(build_dir, builder, lang)),
    ]  # fmt: skip


def build_language(build_dir: Path, lang: str, builders: list[str], extra: list[str]) -> list[Result]:
    results = []
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(), "PYTHONHASHSEED": "0"}
    for builder in builders:
        start = time.monotonic()
        proc = subprocess.run(
            sphinx_command(build_dir, builder, lang, extra),
            cwd=ROOT, env=env, capture_output=True, text=True,
        )  # fmt: skip
        results.append(
            Result(lang, builder, proc.returncode, proc.stdout + proc.stderr, time.monotonic() - start)
        )
        if proc.returncode:
            break  # the EPUB would fail on the same warnings
    return results


def build(build_dir: Path, langs: list[str], builders: list[str], extra: list[str]) -> list[Result]:
    with ThreadPoolExecutor(max_workers=len(langs)) as pool:
        futures = [pool.submit(build_language, build_dir, lang, builders, extra) for lang in langs]
        return [result for future in futures for result in future.result()]


def epub_file(build_dir: Path, lang: str) -> Path:
    epubs = sorted(output_dir(build_dir, "epub", lang).glob("*.epub"))
    if len(epubs) != 1:
        raise SystemExit(f"Expected one EPUB in {output_dir(build_dir, 'epub', lang)}, found {len(epubs)}.")
    return epubs[0]


def assemble(build_dir: Path, site: Path, langs: list[str], builders: list[str]) -> None:
    staging = site.with_name(site.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    if "html" in builders:
        for lang in langs:
            shutil.copytree(output_dir(build_dir, "html", lang), staging / lang,
                            ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))  # fmt: skip
    if "epub" in builders:
        (staging / "downloads").mkdir()
        for lang in langs:
            epub = epub_file(build_dir, lang)
            shutil.copy2(epub, staging / "downloads" / epub.name)
    chooser.write(staging, [languages.get(code) for code in langs])
    # Swap: the old site stays whole until the new one is complete.
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
    parser.add_argument("-E", "--fresh", action="store_true", help="ignore saved environments")
    args = parser.parse_args(argv)

    for code in args.langs:
        languages.get(code)  # fails with a clear message on an unknown language
    build_dir = args.build_dir.resolve()
    site = (args.site or build_dir / "site").resolve()
    extra = ["-E"] if args.fresh else []

    start = time.monotonic()
    results = build(build_dir, args.langs, args.builders, extra)
    failed = [r for r in results if r.returncode]
    for r in results:
        status = "FAILED" if r.returncode else "ok"
        print(f"{r.builder:>4} {r.lang}: {status} ({r.seconds:.1f} s)")
    for r in failed:
        print(f"\n--- {r.builder} {r.lang} failed; Sphinx said:\n{r.output.strip()}", file=sys.stderr)
    if failed:
        print(f"\nBuild failed: {len(failed)} output(s) had warnings or errors; "
              f"{site} was left as it was.", file=sys.stderr)  # fmt: skip
        return 1
    if not args.no_site:
        assemble(build_dir, site, args.langs, args.builders)
        print(f"Site assembled in {site} ({time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
