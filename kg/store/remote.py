"""Load the built store into a remote triple store (`kg load`).

Two standard protocols, so one code path serves Oxigraph, Virtuoso, Fuseki and GraphDB:

* SPARQL 1.1 Graph Store HTTP Protocol (GSP): one `PUT {graph_store}?graph=IRI` per named graph
  with the graph as N-Triples. PUT *replaces* the graph, so loading twice leaves the same triples
  (the article graphs are rebuilt wholesale by `kg build`; merging would keep stale facts).
* SPARQL 1.1 Update through SPARQLWrapper, when no graph store is given or found:
  `DROP SILENT GRAPH <g>` then `INSERT DATA { GRAPH <g> { … } }` in batches of `batch_triples`,
  so no single request grows past what servers accept (Virtuoso and GraphDB reject very large
  update bodies).

Quads are streamed from the pyoxigraph store one graph at a time; the whole store is never turned
into an rdflib graph. Transient failures (5xx, 429, dropped connections) are retried with
exponential backoff a bounded number of times; everything else becomes a `RemoteError` whose
message is one line naming the endpoint and the cause. The password is sent to the server and
nowhere else: it is never printed, logged or put into an error message.
"""

from __future__ import annotations

import html
import re
import time
import urllib.error
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests
from requests.auth import HTTPBasicAuth, HTTPDigestAuth
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from SPARQLWrapper import BASIC, DIGEST, POST, POSTDIRECTLY, SPARQLWrapper
from SPARQLWrapper.Wrapper import DROP, INSERT
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from kg.store.export import open_store
from kg.paths import DEFAULT_STORE

AUTH_KINDS = ("basic", "digest", "bearer")
#: (connect, read) seconds. Reads are long because a big PUT/INSERT may take a while to index.
TIMEOUT = (10.0, 600.0)
NTRIPLES = "application/n-triples"
#: Statuses worth trying again: the server is busy or restarting, not refusing the request.
TRANSIENT_STATUS = {429, 500, 502, 503, 504}

T = TypeVar("T")


class RemoteError(Exception):
    """A load failed for a reason the user must fix; `str()` is one line naming endpoint and cause."""


class _Transient(Exception):
    """Internal: a failure worth retrying; `cause` is the one-line reason reported if retries run out."""

    def __init__(self, cause: str) -> None:
        super().__init__(cause)
        self.cause = cause


@dataclass(frozen=True)
class GraphTarget:
    """One named graph to send: its IRI, how many triples, and the URL the request goes to."""

    graph: str
    triples: int
    url: str
    requests: int = 1


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

    def describe(self) -> str:
        """A human-readable plan/report (no credentials: only URLs without user info)."""
        verb = "would send" if self.dry_run else "sent"
        name = {"gsp": "SPARQL 1.1 Graph Store PUT", "update": "SPARQL 1.1 Update (POST)"}
        lines = [
            f"{verb} {self.graphs} graph(s), {self.triples} triple(s) via {name.get(self.method, self.method)}"
        ]
        for t in self.targets:
            if self.method == "gsp":
                lines.append(f"  {t.graph}  {t.triples} triples -> PUT {t.url}")
            else:
                lines.append(f"  {t.graph}  {t.triples} triples in {t.requests} request(s) -> POST {t.url}")
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)


# --- small helpers ------------------------------------------------------------------------------


def redact(url: str) -> str:
    """The URL without `user:password@` so it can appear in messages and logs."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def _check_url(url: str, what: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(f"{what} is not an http(s) URL: {redact(url)!r}")


def _one_line(text: str, limit: int = 200) -> str:
    """Collapse an error body (often an HTML page) to one short line."""
    m = re.search(r"<xmp>(.*?)</xmp>", text, flags=re.S | re.I)  # Virtuoso puts the reason here
    if m:
        text = m.group(1)
    if re.search(r"<(html|body|!doctype|h1|p)\b", text, flags=re.I):  # strip tags only from HTML:
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)  # plain text
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))  # may quote <IRIs>
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _connection_cause(exc: BaseException) -> str:
    """The OS-level reason behind a connection error ("Connection refused", "Name or service…")."""
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        e = stack.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, OSError) and e.strerror:
            return e.strerror
        reason = getattr(e, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)
        for nxt in (e.__cause__, e.__context__, *[a for a in e.args if isinstance(a, BaseException)]):
            if nxt is not None:
                stack.append(nxt)
    text = str(exc)
    m = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if m:
        return m.group(1).strip()
    if "timed out" in text.lower():
        return "connection timed out"
    return type(exc).__name__


def _retry(action: Callable[[], T], what: str, retries: int, backoff: float) -> T:
    """Run `action`, retrying `_Transient` failures with exponential backoff (bounded).

    Why bounded: an endpoint that is down should fail the command within seconds, not hang a
    build pipeline; a restarting server usually answers again within the backoff window.
    """
    attempt = 0
    while True:
        try:
            return action()
        except _Transient as e:
            if attempt >= retries:
                tries = f" (after {attempt + 1} attempts)" if attempt else ""
                raise RemoteError(f"{what}: {e.cause}{tries}") from None
            time.sleep(backoff * (2**attempt))
            attempt += 1


def _status_error(status: int, url: str, body: str, auth: str | None) -> Exception:
    """Map an HTTP status to a retryable `_Transient` or a fatal one-line `RemoteError`."""
    detail = f": {_one_line(body)}" if body.strip() else ""
    if status in TRANSIENT_STATUS:
        return _Transient(f"HTTP {status}{detail}")
    if status == 401:
        hint = "no credentials given (use --auth/--user/--password-env)" if not auth else (
            f"{auth} credentials rejected (check --user and the password variable)")
        return RemoteError(f"{redact(url)}: HTTP 401 Unauthorized, {hint}")
    if status == 403:
        return RemoteError(f"{redact(url)}: HTTP 403 Forbidden, the user may not write there{detail}")
    if status == 404:
        return RemoteError(f"{redact(url)}: HTTP 404 Not Found, check the endpoint URL")
    return RemoteError(f"{redact(url)}: HTTP {status}{detail}")


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


_BNODE_TOKEN = re.compile(r"_:[^\s\"]+")


def _has_bnode(line: str) -> bool:
    """Whether an N-Triples line has a blank node as subject or object.

    Predicates are always IRIs. A literal object's last space-separated token always contains
    its closing quote, so a last token of the form `_:label` can only be a blank node.
    """
    if line.startswith("_:"):
        return True
    last = line[:-2].rstrip().rpartition(" ")[2]  # drop the final " ."
    return _BNODE_TOKEN.fullmatch(last) is not None


def ntriples_lines(store: ox.Store, graph: str) -> list[str]:
    """One graph as N-Triples lines, serialized by pyoxigraph (Rust), one graph at a time.

    Why not format quads in Python: `str()` on each term is ~10x slower than pyoxigraph's own
    writer, and this runs over every triple of every load.
    """
    data = store.dump(None, ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)) or b""
    return data.decode("utf-8").splitlines()


def update_batches(store: ox.Store, graph: str, batch_triples: int) -> Iterator[tuple[int, str]]:
    """Yield (triples in request, SPARQL Update text) for one graph of the store.

    The first request is `DROP SILENT GRAPH` plus the first INSERT so that servers which apply a
    request atomically never show the graph empty. Triples with blank nodes all go into one
    final request: a blank-node label only names the same node within one request, so splitting
    them across batches would break the structure. That request is `INSERT {…} WHERE {}` rather
    than INSERT DATA, because Virtuoso rejects blank nodes in INSERT DATA ("constant clause").
    N-Triples lines are valid SPARQL triple patterns (same term syntax and escapes).
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

    lines = ntriples_lines(store, graph)
    plain = [ln for ln in lines if not _has_bnode(ln)]
    bnode_lines = [ln for ln in lines if _has_bnode(ln)] if len(plain) < len(lines) else []
    del lines
    for i in range(0, len(plain), batch_triples):
        chunk = plain[i : i + batch_triples]
        yield len(chunk), request(chunk)
    if bnode_lines:
        yield len(bnode_lines), request(bnode_lines, template=True)
    if first:  # the graph is empty here: still clear it remotely
        yield 0, drop


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


class _Http:
    """requests session plus the chosen authentication, used for GSP and for probing."""

    def __init__(self, auth: str | None, user: str | None, password: str | None) -> None:
        self.auth_kind = auth
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "kg-load (https://w3id.org/kg-diplomacy)"
        if auth == "basic":
            self.session.auth = HTTPBasicAuth(user or "", password or "")
        elif auth == "digest":
            self.session.auth = HTTPDigestAuth(user or "", password or "")
        elif auth == "bearer":
            self.session.headers["Authorization"] = f"Bearer {password}"

    def probe(self, url: str) -> int | None:
        """HTTP status of `HEAD url?default`, or None when the host cannot be reached."""
        try:
            r = self.session.head(url, params={"default": ""}, timeout=(5.0, 15.0),
                                  allow_redirects=True)
            return r.status_code
        except requests.RequestException:
            return None

    def put_graph(self, url: str, graph: str, body: bytes) -> None:
        try:
            r = self.session.put(
                url,
                params={"graph": graph},
                data=body,
                headers={"Content-Type": f"{NTRIPLES}; charset=utf-8"},
                timeout=TIMEOUT,
            )
        except (requests.ConnectionError, requests.Timeout) as e:
            raise _Transient(f"cannot connect ({_connection_cause(e)})") from None
        except requests.RequestException as e:
            raise RemoteError(f"{redact(url)}: {_one_line(str(e))}") from None
        if r.status_code >= 300:
            raise _status_error(r.status_code, url, r.text, self.auth_kind)

    def digest_realm(self, url: str) -> str | None:
        """The realm of a Digest challenge: SPARQLWrapper needs it up front, servers differ."""
        try:
            r = requests.get(url, timeout=(5.0, 15.0))
        except requests.RequestException:
            return None
        m = re.search(r'realm="([^"]*)"', r.headers.get("WWW-Authenticate", ""))
        return m.group(1) if m else None


def discover_graph_store(http: _Http, endpoint: str) -> str | None:
    """The first candidate Graph Store URL that exists on the server, else None.

    "Exists" means HEAD does not answer 404/410: Virtuoso answers HEAD with 500/501 and a
    protected store with 401, and both still mean the path is a Graph Store.
    """
    for url in graph_store_candidates(endpoint, http.auth_kind):
        status = http.probe(url)
        if status is None:
            return None  # host unreachable: the load itself reports it with retries
        if status not in (404, 410):
            return url
    return None


class _UpdateWrapper(SPARQLWrapper):
    """SPARQLWrapper that knows every request it sends is an update.

    SPARQLWrapper sniffs the query form with regexes over the whole text on every `setQuery`;
    on a 5000-triple batch (~1 MB) that costs ~0.4 s, about as long as the server takes to
    store it. Our texts start with DROP or INSERT by construction, so the form is known.
    """

    def _parseQueryType(self, query: str) -> str | None:  # noqa: N802 - SPARQLWrapper's name
        return DROP if query.startswith("DROP") else INSERT


def _sparqlwrapper(endpoint: str, auth: str | None, user: str | None, password: str | None,
                   realm: str | None) -> SPARQLWrapper:
    sw = _UpdateWrapper(endpoint, updateEndpoint=endpoint, agent="kg-load")
    sw.setMethod(POST)
    sw.setRequestMethod(POSTDIRECTLY)
    sw.setTimeout(int(TIMEOUT[1]))
    if auth in ("basic", "digest"):
        sw.setHTTPAuth(BASIC if auth == "basic" else DIGEST)
        sw.setCredentials(user, password, realm=realm or "SPARQL")
    elif auth == "bearer":
        sw.addCustomHttpHeader("Authorization", f"Bearer {password}")
    return sw


def _send_update(sw: SPARQLWrapper, text: str, endpoint: str, auth: str | None) -> None:
    """POST one update; translate SPARQLWrapper/urllib failures to _Transient or RemoteError."""
    sw.setQuery(text)
    try:
        result = sw.query()
        try:
            result.response.read()
        finally:
            result.response.close()
    except Unauthorized:
        raise _status_error(401, endpoint, "", auth) from None
    except EndPointNotFound:
        raise _status_error(404, endpoint, "", auth) from None
    except EndPointInternalError as e:
        raise _Transient(f"HTTP 500: {_one_line(_response_text(e))}") from None
    except QueryBadFormed as e:
        raise RemoteError(
            f"{redact(endpoint)}: HTTP 400, the server rejected the update: {_one_line(_response_text(e))}"
        ) from None
    except urllib.error.HTTPError as e:
        body = ""
        try:
            body = e.read().decode("utf-8", "replace")
        except Exception:  # noqa: BLE001 - a body is only a nicety for the message
            pass
        raise _status_error(e.code, endpoint, body, auth) from None
    except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
        raise _Transient(f"cannot connect ({_connection_cause(e)})") from None
    except SPARQLWrapperException as e:
        raise RemoteError(f"{redact(endpoint)}: {_one_line(str(e))}") from None


def _response_text(e: SPARQLWrapperException) -> str:
    text = str(e)
    _, _, resp = text.partition("Response:")
    resp = resp.strip()
    if resp.startswith(("b'", 'b"')):
        try:
            import ast

            resp = ast.literal_eval(resp).decode("utf-8", "replace")
        except (ValueError, SyntaxError):
            pass
    return resp or text


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
    counts = graph_counts(store)
    notes: list[str] = []
    # The default graph is the store's materialised union of the named graphs (kg.store.local): it is
    # not sent, since the remote store's own union default graph gives the same triples.
    total = sum(n for _, n in counts)

    http = _Http(auth, user, password)
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
            target = discover_graph_store(http, endpoint)
            if target:
                notes.append(f"graph store discovered at {redact(target)}")
    method = "gsp" if target else "update"

    if method == "gsp":
        assert target is not None
        plan = [
            GraphTarget(g, n, requests.Request("PUT", redact(target), params={"graph": g}).prepare().url or target)
            for g, n in counts
        ]
    else:
        bnodes = bnode_counts(store)
        plan = [
            GraphTarget(g, n, redact(endpoint), _request_count(n, bnodes.get(g, 0), batch_triples))
            for g, n in counts
        ]
    summary = LoadSummary(len(counts), total, method, plan, dry_run, notes)
    if dry_run:
        return summary

    con = console or Console(stderr=True)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("triples"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=con, disable=not progress, transient=False) as bar:
        where = redact(target) if target else redact(endpoint)
        task = bar.add_task(f"load -> {where}", total=total)
        if method == "gsp":
            assert target is not None
            what = f"cannot load into {redact(target)}"
            for g, n in counts:
                body = store.dump(None, ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(g)) or b""
                _retry(lambda g=g, body=body: http.put_graph(target, g, body), what, retries, backoff)
                bar.advance(task, n)
        else:
            realm = http.digest_realm(endpoint) if auth == "digest" else None
            sw = _sparqlwrapper(endpoint, auth, user, password, realm)
            what = f"cannot load into {redact(endpoint)}"
            for g, _n in counts:
                for k, text in update_batches(store, g, batch_triples):
                    _retry(lambda text=text: _send_update(sw, text, endpoint, auth), what, retries, backoff)
                    bar.advance(task, k)
    return summary
