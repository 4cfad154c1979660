#!/usr/bin/env bash
# What the handbook needs from the system.
#   make (--build): the DejaVu fonts (EPUB cover, PDF editions), GNU gettext
#                   (msgfmt checks the catalogs before a build) and Pango with
#                   HarfBuzz's subsetter (WeasyPrint draws the PDF editions).
#   make test:      also Chromium (browser tests), hunspell with Belgian Dutch,
#                   Belgian French and English dictionaries (English: the
#                   spelling check's rule for names), a Java runtime (EPUBCheck)
#                   and nginx (deploy/nginx.conf is tested with a real server).
# On Debian/Ubuntu as root, install what is missing; elsewhere, say in one line
# what to install.
set -euo pipefail

missing=()
# The EPUB cover is drawn with DejaVu Sans (Pillow's own font lacks accents).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || missing+=(fonts-dejavu-core)
# The PDF editions' italics (the book's own titles are in italics).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf ] || missing+=(fonts-dejavu-extra)
# The build checks every catalog with msgfmt before it starts.
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
# WeasyPrint (the PDF editions) loads Pango and, to subset fonts quickly and the
# same way every time, HarfBuzz's subsetter.
libraries=$({ ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null || true)
grep -q 'libpango-1\.0\.so\.0 ' <<<"$libraries" || missing+=(libpango-1.0-0)
grep -q 'libpangoft2-1\.0\.so\.0 ' <<<"$libraries" || missing+=(libpangoft2-1.0-0)
grep -q 'libharfbuzz-subset\.so\.0 ' <<<"$libraries" || missing+=(libharfbuzz-subset0)
if [ "${1:-}" != "--build" ]; then
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v hunspell >/dev/null 2>&1 || missing+=(hunspell)
[ -f /usr/share/hunspell/nl_BE.dic ] || missing+=(hunspell-nl)
[ -f /usr/share/hunspell/fr_BE.dic ] || missing+=(hunspell-fr)
[ -f /usr/share/hunspell/en_US.dic ] || missing+=(hunspell-en-us)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "The handbook needs these system packages (Debian names): ${missing[*]} — install them and run make again." >&2
exit 1
