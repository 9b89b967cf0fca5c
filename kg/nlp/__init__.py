"""Stage 2, nlp: `Article` → `ArticleRecords` (entities with mentions and roles, events, dates).

Takes in one Article at a time; runs the shipped spaCy pipeline (`pipeline.py`: the trained NER,
gazetteer and name-consistency components), reads titles, places and dates with the lexicons in
`data/lexicon/` and `data/gazetteer/` (`lexicons.py`, `phrases.py`, `dates.py`), finds persons,
places and organisations (`mentions.py`) and events with their modality (`events.py`);
`extract.py` ties these into the records it hands on. Training recipes live here too
(`training.py`, `encoder.py`). Imports only `kg.read` and the bottom layer.
"""
