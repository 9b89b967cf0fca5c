"""Load the built store into a remote triple store (`kg load`).

Two standard protocols, so one code path serves Oxigraph, Virtuoso, Fuseki and GraphDB:

* SPARQL 1.1 Graph Store HTTP Protocol (GSP): one `PUT {graph_store}?graph=IRI` per named graph
  with the graph as N-Triples. PUT *replaces* the graph, so loading twice leaves the same triples
  (the article graphs are rebuilt wholesale by `kg build`; merging would keep stale facts).
* SPARQL 1.1 Update, when no graph store is given or found: `DROP SILENT GRAPH <g>` then
  `INSERT DATA { GRAPH <g> { … } }` in batches of `batch_triples`, so no single request grows
  past what servers accept (Virtuoso and GraphDB reject very large update bodies).

Both go through kg.sparql.SparqlClient (requests with urllib3's Retry: connection errors, 5xx and
429 are retried with backoff a bounded number of times). Quads are streamed from the pyoxigraph
store one graph at a time; the whole store is never turned into an rdflib graph. Failures become
a `RemoteError` whose message is one line naming the endpoint and the cause. The password is sent
to the server and nowhere else: it is never printed, logged or put into an error message.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from kg.io import atomic_write
from kg.paths import DEFAULT_STORE
from kg.rdf.writer import RESOLVED_GRAPH as _RESOLVED
from kg.sparql import AUTH_KINDS, SparqlClient, SparqlError, check_url, redact
from kg.store.export import open_store

__all__ = ["AUTH_KINDS", "GraphTarget", "LoadSummary", "RemoteError", "load_store", "redact", "update_batches",
           "graph_store_candidates", "graph_counts"]

#: (connect, read) seconds. Reads are long because a big PUT/INSERT may take a while to index.
TIMEOUT = (10.0, 600.0)
#: The cross-article graph: merged remotely, not replaced (merge_batches).
RESOLVED_GRAPH = str(_RESOLVED)


class RemoteError(Exception):
    """A load failed for a reason the user must fix; `str()` is one line naming endpoint and cause."""


@dataclass(frozen=True)
class GraphTarget:
    """One named graph to send: its IRI, how many triples, and the URL the request goes to."""

    graph: str
    triples: int
    url: str
    requests: int = 1
    merge: bool = False  # the cross-article graph: merged by subject, not replaced (see merge_batches)


@dataclass
class LoadSummary:
    """What a load sent (or, with `dry_run`, would send).

    `method` is "gsp" (Graph Store PUT) or "update" (SPARQL Update).
    """

    graphs: int
    triples: int
    method: str
    targets: list[GraphTarget] = field(default_factory=list)
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # sent by an earlier, unfinished load of the same store

    def describe(self) -> str:
        """A human-readable plan/report (no credentials: only URLs without user info)."""
        verb = "would send" if self.dry_run else "sent"
        name = {"gsp": "SPARQL 1.1 Graph Store PUT", "update": "SPARQL 1.1 Update (POST)"}
        lines = [
            f"{verb} {self.graphs} graph(s), {self.triples} triple(s) via {name.get(self.method, self.method)}"
        ]
        skipped = set(self.skipped)
        for t in self.targets:
            if t.graph in skipped:
                lines.append(f"  {t.graph}  {t.triples} triples: already sent by the unfinished load before")
            elif t.merge:
                lines.append(f"  {t.graph}  {t.triples} triples merged by subject in {t.requests} request(s)"
                             f" -> POST {t.url}")
            elif self.method == "gsp":
                lines.append(f"  {t.graph}  {t.triples} triples -> PUT {t.url}")
            else:
                lines.append(f"  {t.graph}  {t.triples} triples in {t.requests} request(s) -> POST {t.url}")
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)


# --- small helpers ------------------------------------------------------------------------------


def _progress_columns() -> tuple:
    """The progress bar of a load (one per call: rich columns keep per-bar state)."""
    return (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("triples"),
        TimeElapsedColumn(),
    )


def _check_url(url: str, what: str) -> None:
    try:
        check_url(url, what)
    except ValueError as exc:
        raise RemoteError(str(exc)) from None


def _load_error(exc: SparqlError, auth: str | None) -> RemoteError:
    """A failed request as the one line `kg load` prints: what failed, why, what to check."""
    detail = f": {one}" if (one := exc.cause.partition(": ")[2]) else ""
    if exc.status == 401:
        hint = "no credentials given (use --auth/--user/--password-env)" if not auth else (
            f"{auth} credentials rejected (check --user and the password variable)")
        return RemoteError(f"{exc.url}: HTTP 401 Unauthorized, {hint}")
    if exc.status == 403:
        return RemoteError(f"{exc.url}: HTTP 403 Forbidden, the user may not write there{detail}")
    if exc.status == 404:
        return RemoteError(f"{exc.url}: HTTP 404 Not Found, check the endpoint URL")
    if exc.status == 400:
        return RemoteError(f"{exc.url}: HTTP 400, the server rejected the request{detail}")
    if exc.transient:
        cause = f"HTTP {exc.status}{detail}" if exc.status else exc.cause
        tries = f" (after {exc.attempts} attempts)" if exc.attempts > 1 else ""
        return RemoteError(f"cannot load into {exc.url}: {cause}{tries}")
    return RemoteError(str(exc))


# --- the store side -----------------------------------------------------------------------------


def graph_counts(store: ox.Store) -> list[tuple[str, int]]:
    """(graph IRI, triple count) for every named graph, sorted by IRI for a stable load order."""
    rows = store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )
    counts = {}
    for row in rows:
        g = row["g"]
        if isinstance(g, ox.NamedNode):
            counts[g.value] = int(row["n"].value)
    for g in store.named_graphs():  # graphs declared but empty still get replaced (emptied)
        if isinstance(g, ox.NamedNode):
            counts.setdefault(g.value, 0)
    return sorted(counts.items())


_GRAPH = ox.Variable("g")
#: The triples of one graph with and without blank nodes, written by pyoxigraph as N-Triples
#: (whose lines are valid SPARQL triple patterns: same term syntax and escapes).
_PLAIN = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o FILTER(!isBlank(?s) && !isBlank(?o)) } }"
_WITH_BNODES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }"


def _ntriples(store: ox.Store, query: str, graph: str) -> list[str]:
    res = store.query(query, substitutions={_GRAPH: ox.NamedNode(graph)})
    return res.serialize(format=ox.RdfFormat.N_TRIPLES).decode("utf-8").splitlines()  # type: ignore[union-attr]


def update_batches(store: ox.Store, graph: str, batch_triples: int) -> Iterator[tuple[int, str]]:
    """Yield (triples in request, SPARQL Update text) for one graph of the store.

    The first request is `DROP SILENT GRAPH` plus the first INSERT so that servers which apply a
    request atomically never show the graph empty. Triples with blank nodes all go into one
    final request: a blank-node label only names the same node within one request, so splitting
    them across batches would break the structure. That request is `INSERT {…} WHERE {}` rather
    than INSERT DATA, because Virtuoso rejects blank nodes in INSERT DATA ("constant clause").
    """
    g = ox.NamedNode(graph)
    drop = f"DROP SILENT GRAPH {g}"
    first = True

    def request(lines: list[str], template: bool = False) -> str:
        nonlocal first
        data = "\n".join(lines)
        if template:
            body = f"INSERT {{ GRAPH {g} {{\n{data}\n}} }} WHERE {{}}"
        else:
            body = f"INSERT DATA {{ GRAPH {g} {{\n{data}\n}} }}"
        if first:
            first = False
            return f"{drop} ;\n{body}"
        return body

    plain = _ntriples(store, _PLAIN, graph)
    for i in range(0, len(plain), batch_triples):
        chunk = plain[i : i + batch_triples]
        yield len(chunk), request(chunk)
    del plain
    bnode_lines = _ntriples(store, _WITH_BNODES, graph)
    if bnode_lines:
        yield len(bnode_lines), request(bnode_lines, template=True)
    if first:  # the graph is empty here: still clear it remotely
        yield 0, drop


def merge_batches(store: ox.Store, graph: str, batch_triples: int) -> Iterator[tuple[int, str]]:
    """SPARQL Update requests that merge one graph into its remote namesake, subject by subject.

    For the cross-article graph (`_resolved`: report counts, outlet counts, inferred dates of
    fused events), which has one name in every store: replacing it would let a second corpus
    loaded into the same server wipe the first one's (issue 15.3). Each request deletes, in that
    remote graph, what is said about a set of this store's subjects and inserts what the store
    says about them, so a reload replaces this corpus's facts and keeps every other corpus's.
    An event that two corpora share gets the facts of the corpus loaded last. Idempotent, so a
    failed load can simply be run again.
    """
    g = ox.NamedNode(graph)
    by_subject: dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]] = {}
    for q in store.quads_for_pattern(None, None, None, g):
        by_subject.setdefault(q.subject, []).append(ox.Triple(q.subject, q.predicate, q.object))

    def request(subjects: list, triples: list[ox.Triple]) -> str:
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        named = " ".join(str(s) for s in subjects if isinstance(s, ox.NamedNode))
        insert = (f"INSERT {{ GRAPH {g} {{\n{data}}} }} WHERE {{}}" if any(
            isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples)
            else f"INSERT DATA {{ GRAPH {g} {{\n{data}}} }}")
        if not named:
            return insert
        return (f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?s {{ {named} }} GRAPH {g} {{ ?s ?p ?o }} }} ;\n"
                + insert)

    subjects: list = []
    triples: list[ox.Triple] = []
    for subject in sorted(by_subject, key=str):
        subjects.append(subject)
        triples.extend(by_subject[subject])
        if len(triples) >= batch_triples:
            yield len(triples), request(subjects, triples)
            subjects, triples = [], []
    if triples:
        yield len(triples), request(subjects, triples)


class _Journal:
    """What an unfinished load of this store into this target has sent, so a rerun sends the rest.

    Kept in STORE/kg-load/<hash of the target>.json: each graph that went through, with a hash of
    its N-Triples. A rerun skips a graph whose content is unchanged and sends everything else; a
    load that completes removes the file, so the next full load sends every graph again. (A store
    that cannot be written to gets no journal: a rerun then sends everything, which is still
    correct, since each graph is replaced.)
    """

    def __init__(self, store_path: Path, target: str) -> None:
        self.path = Path(store_path) / "kg-load" / (hashlib.sha1(target.encode()).hexdigest()[:16] + ".json")
        self.target = target
        self.before: dict[str, str] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("target") == target:
                self.before = dict(data.get("sent", {}))
        except (OSError, ValueError, AttributeError):
            pass
        self.sent: dict[str, str] = {}
        self._saved = time.monotonic()

    def already(self, graph: str, digest: str) -> bool:
        if self.before.get(graph) == digest:
            self.sent[graph] = digest
            return True
        return False

    def record(self, graph: str, digest: str) -> None:
        self.sent[graph] = digest
        if time.monotonic() - self._saved > 2.0:  # a crash loses at most 2 s of records (resent)
            self.save([])

    def save(self, not_sent: list[str]) -> bool:
        try:
            atomic_write(self.path, json.dumps({"target": self.target, "sent": self.sent, "not_sent": not_sent},
                                               ensure_ascii=False, indent=1), fsync=False)
        except OSError:
            return False
        self._saved = time.monotonic()
        return True

    def finish(self) -> None:
        self.path.unlink(missing_ok=True)


def bnode_counts(store: ox.Store) -> dict[str, int]:
    """Triples with a blank node (subject or object) per named graph, for the request plan."""
    rows = store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }"
        " GROUP BY ?g"
    )
    return {row["g"].value: int(row["n"].value) for row in rows if isinstance(row["g"], ox.NamedNode)}


def _request_count(triples: int, bnodes: int, batch_triples: int) -> int:
    """How many update requests `update_batches` makes for a graph (for the plan)."""
    if triples == 0:
        return 1
    plain = triples - bnodes
    return -(-plain // batch_triples) + (1 if bnodes else 0)


# --- the remote side ----------------------------------------------------------------------------


def graph_store_candidates(endpoint: str, auth: str | None = None) -> list[str]:
    """Likely Graph Store URLs for a SPARQL endpoint URL, by the conventions of known servers.

    Oxigraph: /query|/update → /store; Fuseki: /ds/sparql|query|update → /ds/data;
    GraphDB: /repositories/R[/statements] → /repositories/R/rdf-graphs/service;
    Virtuoso: /sparql[-auth] → /sparql-graph-crud-auth (with auth) or /sparql-graph-crud.
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")

    def at(p: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, p, "", ""))

    out: list[str] = []
    m = re.fullmatch(r"(.*/repositories/[^/]+)(/statements)?", path)
    if m:
        out.append(at(m.group(1) + "/rdf-graphs/service"))
    head, _, last = path.rpartition("/")
    if last in ("sparql", "sparql-auth"):
        if head == "":
            out.append(at("/sparql-graph-crud-auth" if auth else "/sparql-graph-crud"))
        out.append(at(head + "/data"))
    elif last in ("query", "update"):
        out.append(at(head + "/store"))
        out.append(at(head + "/data"))
    seen: set[str] = set()
    return [u for u in out if not (u in seen or seen.add(u))]


def discover_graph_store(client: SparqlClient, endpoint: str, auth: str | None) -> str | None:
    """The first candidate Graph Store URL that exists on the server, else None.

    "Exists" means HEAD does not answer 404/410: Virtuoso answers HEAD with 500/501 and a
    protected store with 401, and both still mean the path is a Graph Store.
    """
    for url in graph_store_candidates(endpoint, auth):
        status = client.probe(url, {"default": ""})
        if status is None:
            return None  # host unreachable: the load itself reports it with retries
        if status not in (404, 410):
            return url
    return None


# --- the entry point ----------------------------------------------------------------------------


def load_store(
    store_path: Path | str = DEFAULT_STORE,
    endpoint: str = "",
    graph_store: str | None = None,
    auth: str | None = None,
    user: str | None = None,
    password: str | None = None,
    dry_run: bool = False,
    batch_triples: int = 5000,
    progress: bool = True,
    *,
    discover: bool = True,
    retries: int = 4,
    backoff: float = 0.5,
    console: Console | None = None,
) -> LoadSummary:
    """Copy every named graph of the store at `store_path` to the remote store.

    `endpoint` is the SPARQL (update) endpoint. With `graph_store` (or, if `discover`, a Graph
    Store found next to the endpoint by `graph_store_candidates`) each graph is PUT as N-Triples;
    otherwise it is written with SPARQL Update. Either way a graph is replaced, never merged, so
    loading twice gives the same remote counts. `dry_run` opens the store and plans, but sends
    nothing (not even the discovery probe). Raises `RemoteError` (one-line message) on failure.
    """
    if not endpoint:
        raise RemoteError("no endpoint given (--endpoint URL)")
    _check_url(endpoint, "endpoint")
    if graph_store:
        _check_url(graph_store, "graph store")
    if auth is not None and auth not in AUTH_KINDS:
        raise RemoteError(f"unknown --auth {auth!r} (choose one of: {', '.join(AUTH_KINDS)})")
    if auth in ("basic", "digest") and (not user or password is None):
        raise RemoteError(f"--auth {auth} needs --user and a password (--password-env VAR)")
    if auth == "bearer" and not password:
        raise RemoteError("--auth bearer needs a token (--password-env VAR)")
    if batch_triples < 1:
        raise RemoteError(f"batch size must be at least 1, got {batch_triples}")

    store = open_store(store_path)
    # the cross-article graph last: its facts are about the events of the article graphs
    counts = sorted(graph_counts(store), key=lambda gn: gn[0] == RESOLVED_GRAPH)
    notes: list[str] = []
    # The default graph is the store's materialised union of the named graphs (kg.store.local): it is
    # not sent, since the remote store's own union default graph gives the same triples.
    total = sum(n for _, n in counts)

    client = SparqlClient(auth, user, password, user_agent="kg-load (https://w3id.org/kg-diplomacy)",
                          retries=retries, backoff=backoff, timeout=TIMEOUT)
    target = graph_store
    if not target and discover:
        if dry_run:
            cands = graph_store_candidates(endpoint, auth)
            if cands:
                notes.append(
                    "a real load first probes for a Graph Store at "
                    + ", ".join(redact(c) for c in cands)
                    + " and uses PUT there if one answers; this plan shows the SPARQL Update fallback"
                )
        else:
            target = discover_graph_store(client, endpoint, auth)
            if target:
                notes.append(f"graph store discovered at {redact(target)}")
    method = "gsp" if target else "update"

    merged = {RESOLVED_GRAPH}
    bnodes = bnode_counts(store)
    plan = []
    for g, n in counts:
        if g in merged:
            plan.append(GraphTarget(g, n, redact(endpoint), max(1, -(-n // batch_triples)), merge=True))
        elif method == "gsp":
            assert target is not None
            url = requests.Request("PUT", redact(target), params={"graph": g}).prepare().url or target
            plan.append(GraphTarget(g, n, url))
        else:
            plan.append(GraphTarget(g, n, redact(endpoint), _request_count(n, bnodes.get(g, 0), batch_triples)))
    summary = LoadSummary(len(counts), total, method, plan, dry_run, notes)
    if dry_run:
        return summary

    where = redact(target) if target else redact(endpoint)
    journal = _Journal(Path(store_path), where)
    con = console or Console(stderr=True)
    columns = _progress_columns()
    with Progress(*columns, console=con, disable=not progress, transient=False) as bar:
        task = bar.add_task(f"load -> {where}", total=total)
        try:
            for g, n in counts:
                body = store.dump(None, ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g)) or b""
                digest = hashlib.sha1(body).hexdigest()
                if journal.already(g, digest):
                    summary.skipped.append(g)
                    bar.advance(task, n)
                    continue
                if g in merged:
                    for k, text in merge_batches(store, g, batch_triples):
                        client.update(endpoint, text)
                        bar.advance(task, k)
                elif method == "gsp":
                    assert target is not None
                    client.put_graph(target, g, body)
                    bar.advance(task, n)
                else:
                    for k, text in update_batches(store, g, batch_triples):
                        client.update(endpoint, text)
                        bar.advance(task, k)
                journal.record(g, digest)
        except SparqlError as exc:
            not_sent = [g for g, _ in counts if g not in journal.sent]
            kept = journal.save(not_sent)
            err = _load_error(exc, auth)
            done = len(counts) - len(not_sent)
            rerun = (f"the same kg load sends the other {len(not_sent)} (list in {journal.path})" if kept
                     else "the same kg load sends all again")
            raise RemoteError(f"{err}; {done} of {len(counts)} graph(s) sent, not sent from <{not_sent[0]}> on;"
                              f" {rerun}") from None
    journal.finish()
    if summary.skipped:
        summary.notes.append(f"resumed an unfinished load: {len(summary.skipped)} graph(s) it had sent, unchanged"
                             " since, were not sent again")
    return summary

    con = console or Console(stderr=True)
    columns = _progress_columns()
    with Progress(*columns, console=con, disable=not progress, transient=False) as bar:
        where = redact(target) if target else redact(endpoint)
        task = bar.add_task(f"load -> {where}", total=total)
        try:
            if method == "gsp":
                assert target is not None
                for g, n in counts:
                    body = store.dump(None, ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g)) or b""
                    client.put_graph(target, g, body)
                    bar.advance(task, n)
            else:
                for g, _n in counts:
                    for k, text in update_batches(store, g, batch_triples):
                        client.update(endpoint, text)
                        bar.advance(task, k)
        except SparqlError as exc:
            raise _load_error(exc, auth) from None
    return summary
