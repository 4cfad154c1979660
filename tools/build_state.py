"""What one output is made from, and whether it must be built again.

For each output (a builder and a language), build/state/<builder>-<lang>.json
records the inputs of its last successful build. Before the next build,
:func:`decide` compares them with the inputs now:

- "up to date": nothing changed, Sphinx is not even started;
- "incremental": pages, catalogs, translation counts or book sizes changed;
  Sphinx sees those changes itself (it tracks the pages and compiled catalogs
  by time, re-reads the status page on every run and rewrites the downloads
  page when a size changes);
- "fresh": something Sphinx does not track changed (conf.py, pyproject.toml,
  the extension's code, the interface catalog, templates and static files,
  a page or catalog added or removed, an installed package, the base URL or
  the build date), or a page changed without a newer modification time, which
  Sphinx would miss. The output is then built from scratch.
"""

from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

from handbook_ext import languages, translation_status

ROOT = Path(__file__).resolve().parent.parent
# The build's own code in tools/: a change in how the outputs are made rebuilds them.
BUILD_CODE = ("build_site.py", "build_state.py")
# Packages whose version changes the output; an upgrade rebuilds from scratch.
PACKAGES = ("sphinx", "docutils", "furo", "sphinx-design", "sphinx-basic-ng", "pygments", "jinja2", "babel",
            "weasyprint")  # fmt: skip


def _files(base: Path, pattern: str = "**/*") -> list[Path]:
    if not base.exists():
        return []
    return sorted(p for p in base.glob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tracked_files(lang: str) -> list[Path]:
    """The pages, and in a translated language its page catalogs: Sphinx follows their changes."""
    pages = [p for p in _files(ROOT / "source") if p.suffix == ".rst"]
    if not languages.get(lang).translated:
        return pages
    catalogs = _files(ROOT / "locale" / lang / "LC_MESSAGES", "**/*.po")
    return pages + [p for p in catalogs if p.name != languages.INTERFACE_CATALOG]


def untracked_digest(lang: str, tracked: list[Path]) -> str:
    """A hash of every input Sphinx does not follow: when it changes, the output is built from scratch."""
    digest = hashlib.sha256()
    lang_dir = ROOT / "locale" / lang / "LC_MESSAGES"
    for path in (
        [ROOT / "conf.py", ROOT / "pyproject.toml", lang_dir / languages.INTERFACE_CATALOG]
        + _files(ROOT / "handbook_ext", "**/*.py")
        + [ROOT / "tools" / name for name in BUILD_CODE]
        + _files(ROOT / "tools" / "pdf")  # the print editions: code and style sheets
        + [p for p in _files(ROOT / "source") if p.suffix != ".rst"]  # templates, static files
    ):
        digest.update(f"{path.relative_to(ROOT)}\0".encode())
        digest.update(_digest(path).encode() if path.is_file() else b"-")
    for path in tracked:  # which pages and catalogs exist: Sphinx does not notice a new catalog
        digest.update(f"{path.relative_to(ROOT)}\0".encode())
    for package in PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            pass
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    digest.update(f"base_url={languages.base_url()}".encode())  # from the environment too
    return digest.hexdigest()


def translation_counts() -> dict[str, list[int]]:
    """Every page catalog's counts, as the Translation status page (in every edition) shows them."""
    counts = {}
    for lang in languages.translations():
        for docname, path in translation_status.page_catalogs(ROOT / "locale", lang.code).items():
            try:
                found = translation_status.count(path)
            except (OSError, ValueError):
                found = None  # unreadable: the catalog check names the line
            counts[f"{lang.code}/{docname}"] = [found.translated, found.fuzzy, found.untranslated] if found else None
    return counts


def inputs(lang: str, counts: dict, book_sizes: dict[str, str] | None = None) -> dict:
    """Everything one output is made from; ``book_sizes`` for the web edition's downloads page."""
    tracked = tracked_files(lang)
    return {
        "untracked": untracked_digest(lang, tracked),
        "files": {str(p.relative_to(ROOT)): [p.stat().st_mtime_ns, _digest(p)] for p in tracked},
        "translation_counts": counts,
        "book_sizes": book_sizes or {},
    }


def state_file(build_dir: Path, builder: str, lang: str) -> Path:
    return build_dir / "state" / f"{builder}-{lang}.json"


def decide(build_dir: Path, builder: str, lang: str, now: dict, output: Path) -> str:
    """"up to date", "incremental" or "fresh" for one output (see the module's docstring)."""
    try:
        before = json.loads(state_file(build_dir, builder, lang).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "fresh"
    if not output.is_dir() or before.get("untracked") != now["untracked"]:
        return "fresh"
    if before == now:
        return "up to date"
    old_files = before.get("files", {})
    for name, (mtime, digest) in now["files"].items():
        old_mtime, old_digest = old_files.get(name, (0, ""))
        if digest != old_digest and mtime <= old_mtime:
            return "fresh"  # changed, but Sphinx would not see it by its time
    return "incremental"


def changed_catalogs(build_dir: Path, builder: str, lang: str, now: dict) -> list[Path]:
    """The page catalogs whose content changed since this output's last build."""
    try:
        before = json.loads(state_file(build_dir, builder, lang).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError):
        before = {}
    return [ROOT / name for name, (_, digest) in now["files"].items()
            if name.endswith(".po") and before.get(name, (0, ""))[1] != digest]  # fmt: skip


def forget(build_dir: Path, builder: str, lang: str) -> None:
    state_file(build_dir, builder, lang).unlink(missing_ok=True)


def remember(build_dir: Path, builder: str, lang: str, now: dict) -> None:
    path = state_file(build_dir, builder, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(now, sort_keys=True), encoding="utf-8")
