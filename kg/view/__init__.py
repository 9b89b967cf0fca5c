"""The explorer: the store → one self-contained HTML page (`kg view`).

Takes in the store and the SPARQL files of `queries/`; hands on a page whose data block holds
the queries' results and whose style and script (`explorer.css`, `explorer.js`, inlined into
`explorer.html` by `explorer.py`) draw the network, the timeline and the evidence. Reads the
store (`kg.store`), never writes it.
"""
