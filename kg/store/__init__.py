"""Stage 6, store: RDF graphs → a SPARQL store, and the store → files and servers.

Takes in the N-Quads of each article graph; hands on an embedded Oxigraph store (`local.py`:
open, write a graph with the union default graph kept, query, validate what is stored) that
`kg query` reads, a remote SPARQL 1.1 endpoint (`remote.py`: `kg load`), a local Oxigraph server
over the store (`serve.py`: `kg serve`) and a TriG/N-Quads dump (`export.py`: `kg export`);
`state.py` is the store's lock (one build at a time, none while it is served) and the journal
that lets a build finish a killed one.
Imports `kg.rdf` and the bottom layer, nothing later.
"""
