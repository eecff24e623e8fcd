"""Fetching a speech from a local HTTP server on 127.0.0.1: what is fetched, and what is refused."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from analysis.corpus.ingest import fetch, is_url
from analysis.corpus.ingest.fetch import USER_AGENT
from analysis.errors import CorpusError

PAGE = (Path(__file__).parent / "fixtures" / "ingest" / "harbour-speech.html").read_bytes()
SEEN: list[dict] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if not any(name in ("Content-Length", "X-No-Length") for name, _ in headers):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        SEEN.append({"path": self.path, **dict(self.headers)})
        routes = {
            "/speech": lambda: self._send(200, PAGE),
            "/moved": lambda: self._send(301, headers=[("Location", "/speech")]),
            "/loop": lambda: self._send(302, headers=[("Location", "/loop")]),
            "/to-ftp": lambda: self._send(302, headers=[("Location", "ftp://127.0.0.1/x")]),
            "/image": lambda: self._send(200, b"\x89PNG....", content_type="image/png"),
            "/huge-declared": lambda: self._send(
                200, b"x", headers=[("Content-Length", str(10**9))]
            ),
            # No Content-Length: the body ends when the connection closes (HTTP/1.0 style).
            "/huge": lambda: self._send(
                200, b"<html>" + b"a" * 300_000, headers=[("X-No-Length", "1")]
            ),
        }
        if self.path == "/slow":
            time.sleep(2)
            return self._send(200, PAGE)
        routes.get(self.path, lambda: self._send(404, b"not here"))()


@pytest.fixture(scope="module")
def server(monkeypatch_module=None):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_a_page_is_fetched_with_a_clear_user_agent_and_no_credentials(server):
    fetched = fetch(f"{server}/speech")
    assert fetched.data == PAGE
    assert fetched.content_type == "text/html"
    assert fetched.retrieved.endswith("Z")
    headers = SEEN[-1]
    assert headers["User-Agent"] == USER_AGENT
    assert "Authorization" not in headers and "Cookie" not in headers


def test_a_redirect_is_followed_and_recorded(server):
    fetched = fetch(f"{server}/moved")
    assert fetched.url.endswith("/moved") and fetched.final_url.endswith("/speech")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/loop", "redirects more than 5 times"),
        ("/to-ftp", "not http"),
        ("/image", "is 'image/png', not a web page, PDF or Word file"),
        ("/huge-declared", "over the limit"),
    ],
)
def test_what_is_refused_says_why(server, path, message):
    with pytest.raises(CorpusError, match=message):
        fetch(f"{server}{path}")


def test_a_body_over_the_size_cap_is_refused_while_reading(server):
    with pytest.raises(CorpusError, match="over the limit of 100,000 bytes"):
        fetch(f"{server}/huge", max_bytes=100_000)


def test_a_slow_server_times_out(server):
    with pytest.raises(CorpusError, match="could not be fetched"):
        fetch(f"{server}/slow", timeout=0.5)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http:// and https://"),
        ("ftp://example.org/speech", "only http:// and https://"),
        ("https://user:secret@example.org/speech", "credentials are never sent"),
    ],
)
def test_other_schemes_and_credentials_are_refused_before_any_connection(url, message):
    with pytest.raises(CorpusError, match=message):
        fetch(url)


def test_is_url():
    assert is_url("https://example.org") and is_url("http://127.0.0.1:8000/x")
    assert not is_url("speech.html") and not is_url(Path("https://x"))
