# kg — two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg
STORE ?= build/store
ENCODER ?=

.PHONY: run test test-distributed test-integration setup model encoder gazetteer eval eval-dev eval-saudinewsnet eval-meetings eval-heldout eval-heldout2 eval-newspapers eval-newspapers-tune eval-select eval-asnd eval-sets bench bench-queries clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

run: setup
	$(KG) build data/articles --store $(STORE) --out build/graph.trig
	$(KG) query queries/visits.rq --store $(STORE)
	$(KG) query queries/met_with.rq --store $(STORE)
	$(KG) view --store $(STORE) --out build/explorer.html

test: setup
	$(VENV)/bin/pytest -q

# The Spark build on a local cluster of two workers must equal `kg build` (issue 7); CI runs it
# after `make test`. Needs Java 17 (the test skips without it) and the `spark` extra (pyspark).
test-distributed: setup
	$(PY) -m pip install --quiet -e '.[spark]'
	$(VENV)/bin/pytest -q -m integration tests/test_distributed.py

test-integration: setup
	bash scripts/install_virtuoso.sh
	$(PY) -m pip install --quiet torch==2.13.0 'spacy-transformers>=1.3,<1.5' -e '.[spark]'
	$(VENV)/bin/pytest -q -m integration

eval: setup
	$(KG) eval data/articles data/gold

# The sample gold and the tune and check splits of the news development gold, side by side
# (check is the honest estimate: nothing is tuned on it).
eval-dev: setup
	$(KG) eval --dev

# A second tune set: 27 Saudi newspaper articles of 2015 (data/gold/saudinewsnet_tune/README.md).
eval-saudinewsnet: setup
	$(PY) scripts/sample_saudinewsnet.py --out build/saudinewsnet_tune/articles
	$(KG) eval build/saudinewsnet_tune/articles data/gold/saudinewsnet_tune

# A third tune set, chosen for meetings: 36 articles (data/gold/meetings_tune/README.md).
eval-meetings: setup
	$(PY) scripts/sample_meetings.py --out build/meetings_tune/articles
	$(KG) eval build/meetings_tune/articles data/gold/meetings_tune

# A held-out set: 30 Saudi newspaper articles of 2015, scored, never studied
# (data/gold/saudinewsnet_heldout/README.md).
eval-heldout: setup
	$(PY) scripts/sample_heldout.py --out build/heldout/articles
	$(KG) eval build/heldout/articles data/gold/saudinewsnet_heldout

# A second held-out set: the 30 articles after the selection set, scored, never studied
# (data/gold/saudinewsnet_heldout2/README.md).
eval-heldout2: setup
	$(PY) scripts/sample_heldout.py --after 70 --n 30 --out build/heldout2/articles
	$(KG) eval build/heldout2/articles data/gold/saudinewsnet_heldout2

# A third held-out set, in another register: politics pages of Arab newspapers of 19 countries
# (2011-2013), one per story; scored, never studied (data/gold/newspapers_heldout/README.md)
eval-newspapers: setup
	$(PY) scripts/sample_newspapers.py --after 30 --n 30 --out build/newspapers_heldout/articles
	$(KG) eval build/newspapers_heldout/articles data/gold/newspapers_heldout

# A tune set in the same register: the 104 pages of the newspapers sampler that the held-out set
# does not hold (1-30 and 61-134), gold written blind; studied (data/gold/newspapers_tune/README.md)
eval-newspapers-tune: setup
	$(PY) scripts/sample_newspapers.py --n 30 --out build/newspapers_tune/articles
	$(PY) scripts/sample_newspapers.py --after 60 --n 74 --out build/newspapers_tune/articles
	$(KG) eval build/newspapers_tune/articles data/gold/newspapers_tune

# A selection set: the 40 articles after the held-out ones, for choosing between models
# (data/gold/saudinewsnet_select/README.md).
eval-select: setup
	$(PY) scripts/sample_heldout.py --after 30 --n 40 --out build/select/articles
	$(KG) eval build/select/articles data/gold/saudinewsnet_select

# Another register: news posts of Arab outlets on social media (about 2019); a tune set (posts 1-35,
# studied) and a held-out set (36-70, scored only) (data/gold/asnd_tune/README.md)
eval-asnd: setup
	$(PY) scripts/sample_asnd.py --after 0 --n 35 --out build/asnd_tune/articles
	$(PY) scripts/sample_asnd.py --after 35 --n 35 --out build/asnd_heldout/articles
	$(KG) eval build/asnd_tune/articles data/gold/asnd_tune
	$(KG) eval build/asnd_heldout/articles data/gold/asnd_heldout

# Every labelled set, one line each, JSON kept under build/eval/latest (scripts/eval_sets.py)
eval-sets: setup
	$(PY) scripts/eval_sets.py --out build/eval/latest

gazetteer: setup
	$(PY) scripts/build_gazetteer.py

model: setup
	$(PY) -m pip install --quiet -e '.[train]'
	$(PY) -m kg.nlp.training --out models/ner $(if $(ENCODER),--encoder $(ENCODER),)

encoder: setup
	$(PY) -m pip install --quiet -e '.[encoder]'
	$(PY) -m kg.nlp.encoder --out models/encoder
	$(PY) -m kg.nlp.training --encoder models/encoder --out models/ner-trf

bench: setup
	$(PY) bench/throughput.py $(if $(SIZES),--sizes $(SIZES),)

# Every query of queries/ through kg query and kg serve, and kg view, on ARTICLES SaudiNewsNet
# articles (default 1000; the store is built once into build/bench/).
bench-queries: setup
	$(PY) bench/queries.py $(if $(ARTICLES),--articles $(ARTICLES),)

clean:
	rm -rf build models/encoder
