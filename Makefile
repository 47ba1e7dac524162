# The README's commands. Each installs what is missing (system packages, .venv, the package), then
# does its job; a second run installs nothing.
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.cabinet-installed

.PHONY: demo test bench system install clean

system:
	@bash installer/system-deps.sh

$(STAMP): pyproject.toml | system
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[backoffice,demo,scan,test]'
	@touch $@

# The translation catalogues, compiled into the package so that a wheel built afterwards ships them.
QM      = $(patsubst resources/translations/%.ts,desktop_app/translations/%.qm,$(wildcard resources/translations/*.ts))

desktop_app/translations/%.qm: resources/translations/%.ts $(STAMP)
	@mkdir -p $(@D)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# The style sheet (the sign-in screens' and the shell's), joined into the package for the same reason.
desktop_app/cabinet.qss: resources/style/cabinet.qss resources/style/shell.qss
	cat $^ > $@

install: system $(STAMP) $(QM) desktop_app/cabinet.qss

demo: install
	$(PY) -m desktop_app.demo

test: install
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

bench: install
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/bench -s -q

clean:
	rm -rf $(VENV) .demo .bench build dist *.egg-info $(QM) desktop_app/cabinet.qss
