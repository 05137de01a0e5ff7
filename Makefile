# Developer and CI entry points (CI: .ci/run -> make test).
# Pins live in versions.cfg only; pip gets them via a generated constraints file.
PYTHON      ?= python3.11
VENV        := .venv
STAMP       := $(VENV)/.installed
CONSTRAINTS := build/constraints.txt
BO_VENV     := .buildout-venv
CHROMIUM    := /usr/bin/chromium
PYTEST_ARGS ?=
# apt-get needs root: use sudo only when we are not root and it exists.
SUDO := $(if $(filter 0,$(shell id -u)),,$(shell command -v sudo))

.PHONY: install run zeo test clean buildout

install: $(STAMP)

$(VENV)/pyvenv.cfg:
	$(PYTHON) -m venv $(VENV)

# Re-runs skip pip unless setup.py or the pins changed.
$(STAMP): $(VENV)/pyvenv.cfg setup.py versions.cfg tools/constraints.py
	$(PYTHON) tools/constraints.py $(CONSTRAINTS)
	$(VENV)/bin/python -m pip install -q -c $(CONSTRAINTS) 'pip>=25' setuptools
	@# No build isolation: build rathaus with the pinned setuptools from the
	@# venv instead of fetching an unpinned one into a throwaway build env.
	$(VENV)/bin/python -m pip install -q -c $(CONSTRAINTS) --no-build-isolation -e '.[test]'
	touch $@

run: $(STAMP)
	mkdir -p var
	$(VENV)/bin/pserve etc/development.ini

# Production-style database server (etc/zeo.conf keeps its data in var/zeo/,
# which FileStorage does not create by itself).
zeo: $(STAMP)
	mkdir -p var/zeo
	$(VENV)/bin/runzeo -C etc/zeo.conf

# Browser tests drive Debian's chromium (playwright's own browser download
# is not reachable from here).
$(CHROMIUM):
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core

test: $(STAMP) $(CHROMIUM)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

$(BO_VENV)/.installed: versions.cfg tools/constraints.py
	$(PYTHON) -m venv $(BO_VENV)
	$(PYTHON) tools/constraints.py $(CONSTRAINTS)
	$(BO_VENV)/bin/python -m pip install -q -c $(CONSTRAINTS) 'pip>=25' zc.buildout
	touch $@

buildout: $(BO_VENV)/.installed
	$(BO_VENV)/bin/buildout

clean:
	rm -rf $(VENV) $(BO_VENV) build bin parts eggs develop-eggs .installed.cfg

# Benchmarks (issue 5, docs/benchmarks.md); never part of `make test`.
# make bench                          default scale: 50,000 Dokumente
# make bench BENCH_ARGS="--scale 1m"  1,000,000 Dokumente
# The portal measurement drives the server with wrk (Debian package).
BENCH_ARGS ?=
WRK := /usr/bin/wrk
.PHONY: bench
bench: $(STAMP) $(WRK)
	$(VENV)/bin/python -m bench $(BENCH_ARGS)

$(WRK):
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk
