"""Write one language's PDF editions from its EPUB builder output.

    python tools/pdf_editions.py build/epub/nl nl /tmp/out

The code is in tools/pdf/: the book (tools/pdf/book.py), the signals sheet
(tools/pdf/sheet.py) and their style sheets.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.pdf import EditionError, write_pdfs  # noqa: E402

__all__ = ["write_pdfs"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("epub_dir", type=Path, help="one language's EPUB builder output, e.g. build/epub/nl")
    parser.add_argument("lang", help="its language code, e.g. nl")
    parser.add_argument("target_dir", type=Path, help="where to write handbook-<lang>.pdf and signals-<lang>.pdf")
    args = parser.parse_args(argv)
    timings: dict[str, tuple[float, float]] = {}
    try:
        paths = write_pdfs(args.epub_dir, args.lang, args.target_dir, timings)
    except EditionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in paths:
        render, write = timings[path.name]
        print(f"{path}: {path.stat().st_size / 1024:.0f} KiB (render {render:.2f} s, write {write:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
