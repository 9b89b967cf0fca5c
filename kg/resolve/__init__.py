"""Stage 3, resolve: every article's records → one `Resolution` for the corpus.

Takes in the `ArticleRecords` of all articles (compact copies, without bodies); hands on a
`Resolution` (`result.py`): for every (article, local id) the cross-article entity it is
(`entities.py`: one node per real person, place, organisation) and the cross-article event it is
(`events.py`: one event per real event, with its reports). `blocking.py` runs the same decisions
in near-linear time for large corpora and cuts the per-article slices the incremental build
hashes. Imports only `kg.nlp`'s records and the bottom layer.
"""
