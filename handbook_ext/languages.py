"""The handbook's languages, read from ``[tool.handbook.languages]`` in pyproject.toml.

Sphinx (conf.py), the build script and the translation tools all read the
language list from this one place.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's own name: Nederlands, Français, English
    status: str  # "source", "published" or "draft"
    title: str  # the handbook's title in that language

    @property
    def published(self) -> bool:
        return self.status in ("source", "published")

    @property
    def translated(self) -> bool:
        return self.code != SOURCE_LANGUAGE


@cache
def languages() -> dict[str, Language]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        table = tomllib.load(f)["tool"]["handbook"]["languages"]
    return {code: Language(code=code, **fields) for code, fields in table.items()}


def translations() -> list[Language]:
    """Every language but the English source."""
    return [lang for lang in languages().values() if lang.translated]


def get(code: str) -> Language:
    try:
        return languages()[code]
    except KeyError:
        known = ", ".join(languages())
        raise SystemExit(
            f"Unknown language {code!r}: pyproject.toml [tool.handbook.languages] lists {known}."
        ) from None
