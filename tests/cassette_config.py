"""One cassette configuration, shared by the tests and by ``fixtures/record.py``.

Request bodies are part of the match (compared as parsed JSON), so editing a
prompt, the schema or a sampling setting makes the old cassette miss and forces
a re-record. Secrets are scrubbed in both directions before anything is written.
"""

from __future__ import annotations

import json
from typing import Any

SECRET_HEADERS = {
    "authorization",
    "api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
    "proxy-authorization",
}


def _secret_header(name: str) -> bool:
    lowered = name.lower()
    return lowered in SECRET_HEADERS or lowered.startswith("x-")


def scrub_request(request: Any) -> Any:
    """Drop credentials and every ``x-*`` header (SDK/OS fingerprints) from a recorded request."""
    for name in list(request.headers):
        if _secret_header(name):
            del request.headers[name]
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Drop cookies, organisation ids and ``x-*`` headers from a recorded response."""
    headers = response.get("headers", {})
    for name in list(headers):
        if _secret_header(name):
            del headers[name]
    return response


def json_body_matcher(r1: Any, r2: Any) -> None:
    """Bodies match when they are the same JSON document (key order aside)."""

    def load(request: Any) -> Any:
        body = request.body or b""
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        try:
            return json.loads(body) if body else None
        except ValueError:
            return body

    if load(r1) != load(r2):
        raise AssertionError("request bodies differ: a prompt, schema or setting changed; re-record the cassette")


VCR_CONFIG: dict[str, Any] = {
    "match_on": ["method", "path", "json_body"],
    "before_record_request": scrub_request,
    "before_record_response": scrub_response,
    "decode_compressed_response": True,
}


def configure(vcr: Any) -> None:
    """Register the custom matcher on a ``vcr.VCR`` instance."""
    vcr.register_matcher("json_body", json_body_matcher)
