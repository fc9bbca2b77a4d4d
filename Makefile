# Two entry points, as the README says: `make demo` sets everything up and runs the main job
# on the sample minutes; `make test` sets everything up and runs lint and the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= data/store
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: setup demo test lint bench browser

setup: $(VENV)/.installed

# torch==2.13.0 is the CPU wheel on disk; naming it in the same pip command as
# sentence-transformers stops pip from resolving a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q torch==2.13.0 -e ".[test]"
	touch $@

demo: setup
	$(BIN)/minutes-kg ingest data/minutes --store $(STORE)
	$(BIN)/minutes-kg stats --store $(STORE)
	$(BIN)/minutes-kg ask "what did officers say about faith group engagement" --store $(STORE)
	$(BIN)/minutes-kg sparql @docs/queries/01-officer-commitments.rq --store $(STORE)
	$(BIN)/minutes-kg validate --store $(STORE)
	$(BIN)/minutes-kg graph --store $(STORE) --output $(STORE)/networks.graphml
	$(BIN)/minutes-kg export --store $(STORE) --format turtle --output $(STORE)/minutes.ttl
	$(BIN)/minutes-kg serve --store $(STORE)  # http://127.0.0.1:7860, until Ctrl-C

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Debian's chromium for the browser tests, where it is missing and apt-get may install it;
# elsewhere those tests skip with a reason (-rs prints it).
browser:
	@command -v chromium >/dev/null 2>&1 \
	  || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "chromium not installed: the browser tests will be skipped"

test: lint browser
	$(BIN)/python -m pytest -q -rs

bench: setup
	$(BIN)/python bench/parse_throughput.py
	$(BIN)/python bench/graph_store.py --meetings 28 1000 --rdflib-max 200
	$(BIN)/python bench/qa_eval.py
	$(BIN)/python bench/index_speed.py --sizes 1000 10000 100000 1000000
	$(BIN)/python bench/candidate_agreement.py
	$(BIN)/python bench/pdf_speed.py
	$(BIN)/python bench/folder_ingest.py --files 1000
