# Two commands on a fresh machine: `make build` and `make test`. Each sets itself up on first use.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
# Test processes, one more than the cores (browser tests wait on pages and throttled networks meanwhile), each
# taking whole files in the order collected: browser tests last, the longest of them first (see
# tests/browser/conftest.py); xdist's own reorder by size would start a browser file before the build tests.
PYTEST_PARALLEL ?= -n $(shell echo $$(( $$(nproc) + 1 ))) --dist loadfile --no-loadscope-reorder
APT    := DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o=Dpkg::Use-Pty=0

.PHONY: build test check serve preview bench banner-cpu lighthouse lint clean system-fonts system-chromium system-java system-hugo system-libreoffice node-deps bench-node-deps

build: $(VENV)/.runtime system-fonts
	$(PY) build.py build

check: $(VENV)/.runtime
	$(PY) build.py check

serve: $(VENV)/.runtime system-fonts
	$(PY) build.py serve

# The review preview: drafts and submitted items marked, the review queue, WeChat copies; never writes output/.
preview: $(VENV)/.runtime system-fonts
	$(PY) build.py serve --preview

# SPEC 9 figures for 1,000, 10,000 and 30,000 synthetic articles beside Hugo's cold build of the same corpus
# (under .cache/bench/); not part of `make test`, which never needs Hugo. `make bench BENCH_ARGS=--sizes=1000,10000`.
bench: $(VENV)/.runtime system-fonts system-hugo
	$(PY) -m tests.bench $(BENCH_ARGS)
	$(MAKE) --no-print-directory banner-cpu lighthouse

# SPEC 15 figures, also run by `make bench`: the 飘窗's main-thread cost on a host page (none, one, both
# banners), and Lighthouse's four scores on every page type of the built sample site, phone and desktop.
# Both drive the system Chromium, headless; nothing is downloaded.
banner-cpu: $(VENV)/.test system-fonts system-chromium
	$(PY) -m tests.bench.banner_cpu

lighthouse: build bench-node-deps system-chromium
	CHROME_PATH=$$(command -v chromium) $(PY) -m tests.bench.lighthouse

test: $(VENV)/.test system-fonts system-chromium system-java system-libreoffice node-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict sitegen
	$(BIN)/pytest $(PYTEST_PARALLEL)

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The virtual environment is rebuilt whenever a requirements file changes.
$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# A CJK font for the text banners (飘窗) and for browser screenshots, from the system packages.
system-fonts:
	@if ! fc-list :lang=zh family 2>/dev/null | grep -q .; then \
	  echo "Installing fonts-noto-cjk (a CJK font for banners)"; \
	  $(APT) update && $(APT) install fontconfig fonts-noto-cjk; \
	fi

# Browser tests drive the system Chromium; never a browser downloaded by a test tool.
system-chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "Installing chromium from the system packages"; \
	  $(APT) update && $(APT) install chromium; \
	fi

# The report tests print every workbook through LibreOffice Calc (headless) to PDF, as the department's staff
# would; Carlito has Calibri's metrics (XlsxWriter's default font), so column widths print as in Excel.
system-libreoffice:
	@if ! command -v soffice >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q Carlito; then \
	  echo "Installing libreoffice-calc-nogui and fonts-crosextra-carlito from the system packages"; \
	  $(APT) update && $(APT) install --no-install-recommends libreoffice-calc-nogui fonts-crosextra-carlito; \
	fi

# Hugo for `make bench`: SPEC 9's time targets are ratios to its cold build of the same corpus.
system-hugo:
	@if ! command -v hugo >/dev/null 2>&1; then \
	  echo "Installing hugo from the system packages (make bench compares with it)"; \
	  $(APT) update && $(APT) install hugo; \
	fi

# The Nu HTML Checker (vnu.jar) of the tests runs on the system Java.
system-java:
	@if ! command -v java >/dev/null 2>&1; then \
	  echo "Installing default-jre-headless from the system packages (for the HTML checker)"; \
	  $(APT) update && $(APT) install default-jre-headless; \
	fi

# Checkers from npm, pinned in package-lock.json: axe-core and vnu-jar for the tests (node_modules/ is git-ignored).
# Reinstalled when the lock file is newer. --ignore-scripts: vnu-jar's install script would download a Java.
node-deps: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Installing npm from the system packages"; $(APT) update && $(APT) install npm; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# make bench's own npm tool, lighthouse, pinned in tests/bench/npm/: make test never installs it (200 packages).
# Its package.json pins two dependencies of @paulirish/trace_engine that ask for "latest", which npm ci would
# otherwise compare with the registry's newest release and refuse the lock.
bench-node-deps: tests/bench/npm/node_modules/.installed

tests/bench/npm/node_modules/.installed: tests/bench/npm/package.json tests/bench/npm/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Installing npm from the system packages"; $(APT) update && $(APT) install npm; }
	npm ci --prefix tests/bench/npm --no-audit --no-fund --ignore-scripts
	touch $@

clean:
	rm -rf output .cache .pytest_cache .ruff_cache
