# motcua — the two commands of the README, and their parts. Every target is idempotent.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export DEBUG ?= 1
export MOTCUA_INSECURE_DEV_KEY ?= 1

.PHONY: run test setup venv demo lint schema schema-check browser messages clean constraints

## run: install, migrate, load reference + demo data, serve on http://127.0.0.1:8000, with the local
##      stand-ins of VNeID (sign-in, :8001), of the payment gateway (:8002) and of the National Public
##      Service Portal (:8003), and a Celery worker and beat on the embedded broker (kombu's filesystem
##      transport in var/broker: nothing to install), all stopped with the server
##      (DEBUG without OIDC_* / MOTCUA_VNPAY_* settings uses exactly these addresses).
##      Django's "development server, not for production" banner is left out: that is what `make run` is.
RUN_ENV = CELERY_BROKER_URL=filesystem://localhost/ MOTCUA_PORTAL_URL=http://$(HOST):8003
run: setup demo
	@echo "Stand-ins: VNeID http://127.0.0.1:8001, payment gateway http://127.0.0.1:8002, national portal http://127.0.0.1:8003"
	$(BIN)/motcua oidc-provider --port 8001 --site http://$(HOST):$(PORT) --site http://localhost:$(PORT) & oidc=$$!; \
	$(BIN)/motcua payments gateway-simulator --port 8002 \
	  --ipn-url http://$(HOST):$(PORT)/thanh-toan/ipn/vnpay/ & gateway=$$!; \
	$(BIN)/motcua portal simulator --port 8003 --log var/national-portal.jsonl & portal=$$!; \
	$(RUN_ENV) $(BIN)/celery -A motcua worker --pool=solo --without-mingle --without-gossip -l warning & worker=$$!; \
	$(RUN_ENV) $(BIN)/celery -A motcua beat -s var/celerybeat-schedule -l warning & beat=$$!; \
	trap 'kill $$oidc $$gateway $$portal $$worker $$beat 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) DJANGO_RUNSERVER_HIDE_WARNING=true $(BIN)/motcua runserver $(HOST):$(PORT)

## test: install (with test tools and the browser), run the whole suite
test: venv browser
	$(BIN)/pytest $(PYTEST_ARGS)

setup: venv
	$(BIN)/motcua migrate --no-input

demo: setup
	$(BIN)/motcua bootstrap

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

## browser: Debian's Chromium for the Playwright tests (no browser download: the network is closed),
##          Poppler and ZBar for the PDF form tests
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests." >&2; exit 1; fi; }
	@command -v pdftotext >/dev/null 2>&1 && command -v zbarimg >/dev/null 2>&1 && command -v file >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils zbar-tools file >/dev/null; \
	  else echo "Install poppler-utils, zbar-tools and file (the document and PDF form tests use them)." >&2; exit 1; fi; }

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

## schema: regenerate the committed OpenAPI schema; schema-check: fail when it is stale
schema: venv
	$(BIN)/motcua spectacular --file docs/openapi.yaml --validate --fail-on-warn

schema-check: venv
	$(BIN)/motcua spectacular --file $(VENV)/openapi.yaml --validate --fail-on-warn
	diff -u docs/openapi.yaml $(VENV)/openapi.yaml

messages: venv
	cd src/motcua && ../../$(BIN)/motcua makemessages -l en --no-obsolete && ../../$(BIN)/motcua compilemessages

clean:
	rm -rf $(VENV) var

## constraints: re-pin every dependency after changing pyproject.toml
constraints:
	rm -rf /tmp/motcua-pin && $(PYTHON) -m venv /tmp/motcua-pin
	/tmp/motcua-pin/bin/pip install --quiet -e ".[dev]"
	/tmp/motcua-pin/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt
