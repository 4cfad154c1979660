"""A copy of the project to build or break in a temporary folder (tests, bench)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a build, a gettext run and the translation tools read.
COPIED = ["conf.py", "pyproject.toml", "source", "locale", "handbook_ext", "tools"]
# Generated files: a copy starts without them, as a fresh checkout does.
GENERATED = shutil.ignore_patterns("__pycache__", "*.mo", "orphaned")


def copy_project(dest: Path, source_root: Path = ROOT) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = source_root / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=GENERATED)
        else:
            shutil.copy2(source, dest / name)
    return dest
