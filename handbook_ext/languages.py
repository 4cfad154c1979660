"""The handbook's settings, read from ``[tool.handbook]`` in pyproject.toml.

Sphinx (conf.py), the build script, the translation tools and the tests all
read the language list and the site's address from this one place.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LANGUAGE = "en"
# Each language's Sphinx/Furo interface strings (locale/<lang>/LC_MESSAGES/sphinx.po):
# kept by hand, not a page.
INTERFACE_CATALOG = "sphinx.po"
# Set by `make BASE_URL=https://…/` (or in the environment) to publish at that address.
BASE_URL_VARIABLE = "HANDBOOK_BASE_URL"


def default_locale(code: str) -> str:
    """A language line without ``locale``: its Belgian variant (the handbook is for Belgium)."""
    return f"{code}_BE"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's own name: Nederlands, Français, English
    status: str  # "source", "published" or "draft"
    title: str  # the handbook's title in that language
    # The regional variant (og:locale, Babel, hunspell): "nl_BE", "en_GB";
    # "<code>_BE" when pyproject.toml leaves it out.
    locale: str = ""

    def __post_init__(self) -> None:
        if not self.locale:
            object.__setattr__(self, "locale", default_locale(self.code))

    @property
    def published(self) -> bool:
        return self.status in ("source", "published")

    @property
    def translated(self) -> bool:
        return self.code != SOURCE_LANGUAGE


@cache
def settings() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["handbook"]


@cache
def languages() -> dict[str, Language]:
    return {code: Language(code=code, **fields) for code, fields in settings()["languages"].items()}


def base_url() -> str:
    """The address the site is published at, ending in "/"; canonical URLs, hreflang and the sitemap use it.

    HANDBOOK_BASE_URL (``make BASE_URL=…``) when set, else ``base-url`` in
    pyproject.toml's ``[tool.handbook]``.
    """
    url = os.environ.get(BASE_URL_VARIABLE) or settings()["base-url"]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SystemExit(f"{BASE_URL_VARIABLE}={url!r} is not a site address: give one like https://example.org/handbook/")
    return url.rstrip("/") + "/"


def translations() -> list[Language]:
    """Every language but the English source."""
    return [lang for lang in languages().values() if lang.translated]


def locale(code: str) -> str:
    """The language's regional variant ("nl_BE"), for og:locale, Babel and hunspell.

    A code pyproject.toml does not list gets the same default as a line without
    ``locale`` (:func:`default_locale`).
    """
    lang = languages().get(code)
    return lang.locale if lang else default_locale(code)


def get(code: str) -> Language:
    try:
        return languages()[code]
    except KeyError:
        known = ", ".join(languages())
        raise SystemExit(
            f"Unknown language {code!r}: pyproject.toml [tool.handbook.languages] lists {known}."
        ) from None
