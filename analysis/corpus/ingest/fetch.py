"""Fetch one speech from the web, safely and politely; only ``add`` calls this, given a URL.

The rules follow what a careful crawler does (RFC 9110 for the semantics; the robots exclusion
protocol's spirit of identifying yourself): http and https only; a user agent that names the
project; a timeout on every socket operation and a deadline on the whole download; a cap on the
size of the body (checked against ``Content-Length`` first, then while reading); at most
:data:`MAX_REDIRECTS` redirects, each to http(s) again; no cookies, no credentials (a URL with a
user name or password is refused, and no authentication handler is installed); only the content
types a speech comes in. Every refusal is one line that says why.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from analysis.errors import CorpusError

__all__ = ["Fetched", "fetch", "is_url"]

TIMEOUT = 20.0  # seconds for each connect or read
DEADLINE = 60.0  # seconds for the whole download
MAX_BYTES = 20 * 1024 * 1024  # a speech, even as a PDF with pictures, is far smaller
MAX_REDIRECTS = 5
USER_AGENT = (
    "discourse-analysis/0.1 (python -m analysis add; fetches one page a user asked for, once)"
)
#: The media types a speech is published in; anything else (an image, a video, JSON) is refused.
CONTENT_TYPES = {
    "text/html": "a web page",
    "application/xhtml+xml": "a web page",
    "text/plain": "a plain-text file",
    "application/pdf": "a PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "a Word file",
}
_URL_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class Fetched:
    """The bytes of a fetched resource and where and when they came from."""

    url: str  # as asked for
    final_url: str  # after redirects
    data: bytes
    content_type: str
    retrieved: str  # UTC, ISO 8601, to the second


def is_url(value) -> bool:
    """True for a string that names a scheme (``https://...``), which ``add`` fetches.

    >>> is_url("https://example.org/speech"), is_url("speech.html")
    (True, False)
    """
    return isinstance(value, str) and _URL_RE.match(value) is not None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise CorpusError(
                f"redirects to {newurl!r}, which is not http(s): refused", path=req.full_url
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    # build_opener adds the default handlers except the ones replaced here; it installs no
    # cookie processor and no authentication handler, so nothing of the user's is ever sent.
    return urllib.request.build_opener(_Redirects())


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise CorpusError(
            f"only http:// and https:// addresses are fetched, not {parts.scheme}://", path=url
        )
    if not parts.hostname:
        raise CorpusError("has no host name", path=url)
    if parts.username or parts.password:
        raise CorpusError(
            "holds a user name or password: credentials are never sent; save the page from your "
            "browser and add the saved file",
            path=url,
        )


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetched:
    """Download one web page, PDF or Word file for ``add``.

    Parameters
    ----------
    url
        An ``http://`` or ``https://`` address without credentials.
    timeout
        Seconds allowed for each network operation; the whole download gets
        ``max(timeout, DEADLINE)``.
    max_bytes
        Largest body accepted.

    Returns
    -------
    Fetched
        The bytes, the final address after redirects, the content type and the retrieval time.

    Raises
    ------
    CorpusError
        For a URL that is not http(s) or holds credentials, a network failure or timeout, an HTTP
        error status, too many redirects, a body over ``max_bytes``, or a content type that is not
        a web page, PDF, Word or plain-text file; the message names the URL and the reason.
    """
    _check_url(url)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": ", ".join(CONTENT_TYPES) + ";q=0.9, */*;q=0.1",
        },
    )
    deadline = time.monotonic() + max(timeout, DEADLINE)
    try:
        with _opener().open(request, timeout=timeout) as response:
            final_url = response.geturl()
            content_type = response.headers.get_content_type()
            if content_type not in CONTENT_TYPES:
                raise CorpusError(
                    f"is {content_type!r}, not a web page, PDF or Word file: give the address "
                    "of the page or document that holds the speech",
                    path=url,
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise CorpusError(
                    f"is {int(declared):,} bytes, over the limit of {max_bytes:,}", path=url
                )
            chunks, size = [], 0
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > max_bytes:
                    raise CorpusError(f"is over the limit of {max_bytes:,} bytes", path=url)
                if time.monotonic() > deadline:
                    raise CorpusError(
                        f"took over {max(timeout, DEADLINE):.0f} s to download", path=url
                    )
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            reason = f"redirects more than {MAX_REDIRECTS} times (or in a loop)"
        else:
            reason = f"the server answered {error.code} {error.reason}"
        raise CorpusError(f"could not be fetched: {reason}", path=url) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise CorpusError(f"could not be fetched ({reason}): check the address", path=url) from None
    retrieved = datetime.now(UTC).replace(microsecond=0)
    return Fetched(
        url=url,
        final_url=final_url,
        data=b"".join(chunks),
        content_type=content_type,
        retrieved=retrieved.isoformat().replace("+00:00", "Z"),
    )
