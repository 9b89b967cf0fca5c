"""Stage 4, link: the corpus `Resolution` → the same Resolution with Wikidata QIDs, countries and
positions filled in.

Takes in the resolved entities and the records that name them; hands on each entity's QID (or
none: linking abstains when unsure), with the method and evidence of the decision. `offline.py`
decides from the gazetteer shipped in `data/gazetteer/` (`kg.gazetteer`: places, verified
entities); `persons.py` links officeholders from the person gazetteer (`person_gazetteer.py`,
names matched by `names.py`) by name, office, country and date; `wikidata.py` asks a live SPARQL
endpoint (with a cache) with the same disambiguation and refreshes the gazetteers; `stage.py` runs
linking over a whole resolution. Imports `kg.resolve`, `kg.nlp`'s records and the bottom layer,
nothing later.
"""
