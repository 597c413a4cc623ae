# Two commands: `make demo` and `make test`. Both create .venv when missing and install into it.
# `make demo` needs only Python 3.11+ and make; `make test` also needs Debian's chromium for the
# browser tests, LibreOffice (libreoffice-writer-nogui) to check report.docx and Java 17 or later
# (openjdk-17-jre-headless) for the Spark engine's tests, which `system-deps` finds or installs
# (tools/system-deps). The dev extra installs pyspark (the spark extra) into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup system-deps demo test lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[dev]'
	$(BIN)/python -m dpia.warm
	touch $(STAMP)

setup: $(STAMP)

# Chromium for tests/browser, LibreOffice for tests/test_report.py and Java for tests/spark: nothing
# when DPIA_CHROMIUM (DPIA_SOFFICE) or `chromium` (`soffice`) on PATH names one and JAVA_HOME's or
# PATH's `java` is 17 or later, else apt-get install what is missing (as root or through sudo),
# else one line saying what is missing.
system-deps:
	@tools/system-deps

demo: setup
	$(BIN)/dpia run --data data_samples --out out

lint: setup
	$(BIN)/ruff check src tests bench notebooks
	$(BIN)/ruff format --check src tests bench notebooks
	$(BIN)/mypy

# The browser tests use $DPIA_CHROMIUM, else the `chromium` on PATH; the Word check $DPIA_SOFFICE,
# else the `soffice` on PATH.
test: system-deps lint
	DPIA_CHROMIUM="$${DPIA_CHROMIUM:-$$(command -v chromium)}" \
	DPIA_SOFFICE="$${DPIA_SOFFICE:-$$(command -v soffice)}" $(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
