"""Stage 4, link: the corpus `Resolution` → the same Resolution with Wikidata QIDs, countries and
positions filled in.

Takes in the resolved entities and the records that name them; hands on each entity's QID (or
none: linking abstains when unsure), with the method and evidence of the decision. `offline.py`
decides from the gazetteer shipped in `data/gazetteer/` (`kg.gazetteer`), `wikidata.py` asks a
live SPARQL endpoint (with a cache) and refreshes the gazetteer, `stage.py` runs linking over a
whole resolution. Imports `kg.resolve`, `kg.nlp`'s records and the bottom layer, nothing later.
"""
