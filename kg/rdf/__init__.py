"""Stage 5, rdf: records + the linked `Resolution` → RDF graphs, validated.

Takes in each article's records and its slice of the resolution; hands on one rdflib named graph
per article (`writer.py`, the only module that builds IRIs and knows the ontology's terms) plus
the cross-article `_resolved` graph, and a SHACL report for each (`validate.py`, pyshacl against
`ontology/shapes.ttl`). Imports `kg.resolve`'s result, the records and the bottom layer.
"""
