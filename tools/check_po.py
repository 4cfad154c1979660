"""Run the translation quality gate, the package tools/check_po/: ``make check-po``.

    python tools/check_po.py --help

Only a script: ``from tools import check_po`` imports the package (a package wins
over a module of the same name).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.check_po import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
