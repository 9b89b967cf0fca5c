"""The one client for remote SPARQL servers: the SPARQL 1.1 Protocol and Graph Store Protocol over
`requests`, with retries by `urllib3.util.Retry`.

Used by `kg load` (kg.store.remote) and online linking (kg.link.wikidata). Why not SPARQLWrapper:
around it the project had grown a private-method override (its query-type sniffing cost 0.4 s per
1 MB update), error bodies recovered from exception text, a probe for the Digest realm it needs
up front, and two hand-written retry loops with Retry-After parsing. `requests` already sent the
Graph Store PUTs; a `Retry` mounted on its session does the rest:

* retries on connection errors and on 429, 500, 502, 503, 504, for every method (each request
  the project sends is idempotent: a PUT, a DROP+INSERT, a DELETE+INSERT, a query), waiting
  0 s, then `backoff` × 2, × 4, × 8 … (urllib3's schedule), or as long as `Retry-After` says on
  429 and 503 (seconds or an HTTP date);
* Basic, Digest (requests answers the server's challenge, whatever its realm) and Bearer auth;
* errors as `SparqlError`: one line, the URL without `user:password@`, the HTTP status or the
  operating system's reason ("Connection refused"), and how many attempts were made.

Credentials inside a URL are refused (`check_url`): requests would send them on some paths and
not others, and they would end up in shell history and in `ps`.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from requests.auth import HTTPBasicAuth, HTTPDigestAuth
from urllib3.util import Retry

AUTH_KINDS = ("basic", "digest", "bearer")
#: Statuses worth trying again: the server is busy or restarting, not refusing the request.
TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})
SPARQL_JSON = "application/sparql-results+json"


class SparqlError(Exception):
    """A request failed; `str()` is one line: the URL (no credentials) and the cause.

    `status` is the last HTTP status (None when no answer came), `cause` the reason alone,
    `attempts` how many requests were sent, `transient` whether retrying could have helped.
    """

    def __init__(self, url: str, cause: str, *, status: int | None = None, attempts: int = 1,
                 body: str = "") -> None:
        self.url, self.cause, self.status, self.attempts, self.body = redact(url), cause, status, attempts, body
        self.transient = status is None or status in TRANSIENT_STATUS
        tries = f" (after {attempts} attempts)" if attempts > 1 else ""
        super().__init__(f"{self.url}: {cause}{tries}")


def redact(url: str) -> str:
    """The URL without `user:password@`, for messages and logs."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def check_url(url: str, what: str = "endpoint") -> None:
    """ValueError (one line, no secret) unless `url` is an http(s) URL without credentials."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{what} is not an http(s) URL: {redact(url)!r}")
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            f"{what} URL {redact(url)} holds a user name or password: give them with "
            "--auth, --user and --password-env instead (a URL ends up in shell history and logs)"
        )


def one_line(text: str, limit: int = 200) -> str:
    """An error body (often an HTML page) collapsed to one short line."""
    m = re.search(r"<xmp>(.*?)</xmp>", text, flags=re.S | re.I)  # Virtuoso puts the reason here
    if m:
        text = m.group(1)
    if re.search(r"<(html|body|!doctype|h1|p)\b", text, flags=re.I):  # strip tags only from HTML:
        text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)  # plain text
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))  # may quote <IRIs>
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def connection_cause(exc: BaseException) -> str:
    """The operating system's reason behind a connection error ("Connection refused", …)."""
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


@dataclass
class SparqlClient:
    """HTTP to one server: SPARQL queries and updates, Graph Store PUTs, probes.

    `retries` is how many times a failed request is sent again (so `retries + 1` attempts);
    `timeout` is (connect, read) seconds. `requests_sent` counts every request that went out,
    retries included. One requests.Session per thread (a Session is not documented thread-safe).
    """

    auth: str | None = None
    user: str | None = None
    password: str | None = None
    user_agent: str = "kg (https://w3id.org/kg-diplomacy)"
    retries: int = 4
    backoff: float = 0.5
    timeout: tuple[float, float] = (10.0, 600.0)
    requests_sent: int = 0
    _local: threading.local = field(default_factory=threading.local, repr=False)
    _count_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        if self.auth is not None and self.auth not in AUTH_KINDS:
            raise ValueError(f"unknown auth {self.auth!r} (choose one of: {', '.join(AUTH_KINDS)})")

    # --- the session ------------------------------------------------------------------------

    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is not None:
            return s
        s = requests.Session()
        retry = Retry(
            total=self.retries, connect=self.retries, read=self.retries, status=self.retries, other=0,
            status_forcelist=TRANSIENT_STATUS, allowed_methods=None, backoff_factor=self.backoff,
            respect_retry_after_header=True, raise_on_status=False, raise_on_redirect=False,
        )
        adapter = HTTPAdapter(max_retries=retry)
        s.mount("http://", adapter)
        s.mount("https://", adapter)
        s.headers["User-Agent"] = self.user_agent
        if self.auth == "basic":
            s.auth = HTTPBasicAuth(self.user or "", self.password or "")
        elif self.auth == "digest":
            s.auth = HTTPDigestAuth(self.user or "", self.password or "")
        elif self.auth == "bearer":
            s.headers["Authorization"] = f"Bearer {self.password}"
        self._local.session = s
        return s

    def _count(self, n: int) -> None:
        with self._count_lock:
            self.requests_sent += n

    def request(self, method: str, url: str, *, ok: tuple[int, ...] = (), **kwargs) -> requests.Response:
        """Send with retries; return the response when its status is < 300 (or in `ok`), else raise
        SparqlError naming the status and a line of the body."""
        check_url(url)
        kwargs.setdefault("timeout", self.timeout)
        try:
            r = self._session().request(method, url, **kwargs)
        except requests.exceptions.RetryError as e:  # only with raise_on_status; kept for safety
            self._count(self.retries + 1)
            raise SparqlError(url, one_line(str(e)), attempts=self.retries + 1) from None
        except (requests.ConnectionError, requests.Timeout) as e:
            self._count(self.retries + 1)
            raise SparqlError(url, f"cannot connect ({connection_cause(e)})", attempts=self.retries + 1) from None
        except requests.RequestException as e:
            self._count(1)
            raise SparqlError(url, one_line(str(e))) from None
        attempts = 1 + len(getattr(getattr(r.raw, "retries", None), "history", ()) or ())
        attempts += sum(1 + len(getattr(getattr(h.raw, "retries", None), "history", ()) or ()) for h in r.history)
        self._count(attempts)
        if r.status_code < 300 or r.status_code in ok:
            return r
        body = r.text or ""
        reason = r.reason or ""
        detail = f": {one_line(body)}" if body.strip() else ""
        raise SparqlError(url, f"HTTP {r.status_code} {reason}".rstrip() + detail, status=r.status_code,
                          attempts=attempts, body=body)

    # --- the protocols ----------------------------------------------------------------------

    def select(self, endpoint: str, sparql: str) -> dict:
        """SPARQL JSON results of a SELECT or ASK query (HTTP GET, as caches and WDQS prefer)."""
        r = self.request("GET", endpoint, params={"query": sparql}, headers={"Accept": SPARQL_JSON})
        try:
            data = r.json()
        except ValueError:
            raise SparqlError(endpoint, "the answer is not SPARQL JSON results") from None
        if not isinstance(data, dict) or not ("results" in data or "boolean" in data):
            raise SparqlError(endpoint, "the answer is not SPARQL JSON results")
        return data

    def update(self, endpoint: str, text: str) -> None:
        """POST one SPARQL 1.1 Update request."""
        self.request("POST", endpoint, data=text.encode("utf-8"),
                     headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def put_graph(self, graph_store: str, graph: str, ntriples: bytes) -> None:
        """Graph Store Protocol PUT: replace the named graph `graph` with N-Triples."""
        self.request("PUT", graph_store, params={"graph": graph}, data=ntriples,
                     headers={"Content-Type": "application/n-triples; charset=utf-8"})

    def probe(self, url: str, params: dict | None = None) -> int | None:
        """HTTP status of one HEAD (no retries, short timeout), or None when nothing answers."""
        check_url(url)
        session = self._session()  # its auth and headers, but not its retries: Virtuoso answers 500
        try:
            r = requests.head(url, params=params, timeout=(5.0, 15.0), allow_redirects=True,
                              headers=dict(session.headers), auth=session.auth)
        except requests.RequestException:
            self._count(1)
            return None
        self._count(1)
        return r.status_code
