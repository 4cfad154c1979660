"""How far each translation is: ``make stats``.

    python tools/po_stats.py nl fr

Per language and page: translated / fuzzy (needs review) / untranslated
messages, counted from locale/<lang>/LC_MESSAGES/<page>.po the same way the
handbook's *Translation status* page counts them (handbook_ext.translation_status).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook_ext import languages  # noqa: E402
from handbook_ext.translation_status import Counts, language_counts  # noqa: E402


def table(lang: str, per_page: dict[str, Counts]) -> list[str]:
    width = max([len("page"), len("all pages"), *(len(p) for p in per_page)])
    head = f"  {'page':<{width}}  {'translated':>10}  {'fuzzy':>5}  {'untranslated':>12}"
    lines = [head, "  " + "-" * (len(head) - 2)]
    for page, c in per_page.items():
        mark = "" if c.translated == c.total else "  <"
        lines.append(f"  {page:<{width}}  {c.translated:>10}  {c.fuzzy:>5}  {c.untranslated:>12}{mark}")
    total = sum(per_page.values(), Counts())
    lines.append("  " + "-" * (len(head) - 2))
    percent = 100 * total.translated // total.total if total.total else 100
    lines.append(f"  {'all pages':<{width}}  {total.translated:>10}  {total.fuzzy:>5}  "
                 f"{total.untranslated:>12}  ({percent}% translated)")  # fmt: skip
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("langs", nargs="*", help="language codes (default: every translation)")
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    args = parser.parse_args(argv)
    codes = args.langs or [lang.code for lang in languages.translations()]
    for code in codes:
        try:
            lang = languages.get(code)
            title = f"{code} ({lang.name}, {lang.status})"
        except SystemExit:
            title = code
        per_page = language_counts(args.locale_dir, code)
        print(title)
        if not per_page:
            print(f"  no PO files in {args.locale_dir / code / 'LC_MESSAGES'}: run 'make update-po'.")
        else:
            print("\n".join(table(code, per_page)))
        print()
    print("Fuzzy: the English changed, the old translation needs review. '<' marks unfinished pages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
