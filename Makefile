# Quick start: `make demo` then `make test`. Everything installs into .venv from PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint templates images clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本（当前 " + sys.version.split()[0] + "）")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/zerentian check examples
	$(BIN)/zerentian site --out site
	$(BIN)/zerentian pack examples --out out
	$(BIN)/zerentian templates --out out/空白文书
	@echo
	@echo "演示完成，请打开："
	@echo "  知识网站：site/index.html（双击即可，离线可用）"
	@echo "  示例文书：out/ 下每个单位一个文件夹（Word、Excel、日历）"
	@echo "  空白文书：out/空白文书/ 下每个层级一个文件夹"

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

# Rebuild templates/*.docx from code (after changing generator/render/templates.py).
templates: $(STAMP)
	$(BIN)/python -c "from generator.pack import rebuild_templates; rebuild_templates()"

# Page images of the example township's documents for the README (LibreOffice, pdftoppm -r 60): images/*.png
images: $(STAMP)
	$(BIN)/python tools/page_images.py

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks tools

clean:
	rm -rf $(VENV) site out build .pytest_cache
