"""The plain JSON API (``ui/api.py``: ``/api/ask``, ``/api/catalogue``,
``/api/sections[/{id}]``, ``/openapi.json``) with real HTTP requests to the
real server (``assistant serve`` in a subprocess: real model, real index)."""

from __future__ import annotations

import base64
import http.client
import json
import subprocess
import urllib.error
import urllib.request
from urllib.parse import quote, urlsplit

import pytest

from assistant.question_input import MAX_QUESTION_CHARS  # noqa: E402
from ui import testserver as uiserver
from ui.api import MAX_BODY_BYTES  # noqa: E402

pytestmark = pytest.mark.slow  # real model, CLI or server: left out of `make test-fast`

QUESTION = "C5の監査基準は？"


@pytest.fixture(scope="module", autouse=True)
def auth_server():
    return uiserver.spawn_auth_server()  # loads while the shared server does


@pytest.fixture(scope="module", autouse=True)
def cli_answer():
    """``assistant ask --json`` for QUESTION, started in parallel."""
    proc = subprocess.Popen(
        [str(uiserver.ASSISTANT_BIN), "ask", "--json", QUESTION],
        cwd=uiserver.ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    yield proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def server():
    return uiserver.shared_server()


def call(
    srv: uiserver.Server,
    path: str,
    body: bytes | dict | None = None,
    auth: tuple[str, str] | None = None,
    method: str | None = None,
) -> tuple[int, dict, bytes]:
    """(status, headers, raw body) of one HTTP request, errors included."""
    data = json.dumps(body, ensure_ascii=False).encode() if isinstance(body, dict) else body
    req = urllib.request.Request(srv.url.rstrip("/") + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if auth:
        req.add_header("Authorization", "Basic " + base64.b64encode(":".join(auth).encode()).decode())
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def ok_json(srv, path, body=None, auth=None):
    status, headers, raw = call(srv, path, body, auth)
    assert status == 200, raw[:300]
    assert headers["content-type"].startswith("application/json")
    return json.loads(raw)


def test_ask_returns_exactly_the_cli_json(server, cli_answer):
    out, _ = cli_answer.communicate(timeout=uiserver.START_TIMEOUT)
    assert cli_answer.returncode == 0
    status, headers, raw = call(server, "/api/ask", {"question": QUESTION, "history": []})
    assert status == 200 and headers["content-type"].startswith("application/json")
    api, cli = json.loads(raw), json.loads(out)
    assert api.pop("timings_ms").keys() == cli.pop("timings_ms").keys()
    assert api == cli
    assert "2.3.4" in [c["section_id"] for c in api["citations"]]
    assert all(isinstance(c["page"], int) for c in api["citations"] if c["section_id"] == "2.3.4")
    # the same text layout as the CLI (indent 2, Japanese unescaped)
    assert raw.decode("utf-8").startswith('{\n  "question": "C5の監査基準は？",\n')


def test_ask_follow_up_with_history(server):
    first = ok_json(server, "/api/ask", {"question": QUESTION})  # history is optional
    follow = ok_json(server, "/api/ask", {"question": "その有効期間は？", "history": [first]})
    assert "C5" in follow["searched_query"] and follow["question"] == "その有効期間は？"
    bare = ok_json(server, "/api/ask", {"question": "その有効期間は？", "history": [QUESTION]})
    assert "C5" in bare["searched_query"]


@pytest.mark.parametrize(
    "body, needle",
    [
        (b"{not json", "JSON"),
        (b"[1, 2]", "JSON object"),
        (b"\xff\xfe", "JSON"),
        (b"", "JSON"),
        ({"history": []}, "question"),
        ({"question": 42}, "question"),
        ({"question": QUESTION, "history": [1, 2]}, "history"),
        ({"question": QUESTION, "history": "{oops"}, "history"),
        ({"question": ""}, "empty"),
        ({"question": " \n\t "}, "empty"),
    ],
)
def test_ask_bad_body_is_400_with_an_error(server, body, needle):
    status, headers, raw = call(server, "/api/ask", body, method="POST")
    assert status == 400, raw[:300]
    err = json.loads(raw)
    assert set(err) == {"error"} and needle in err["error"]


def _raw_post(srv, headers: dict[str, str], chunks: list[bytes]) -> int:
    """POST /api/ask by hand; the server may answer 413 and close before the
    whole body is sent, which is the point, so a broken pipe is expected."""
    u = urlsplit(srv.url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    try:
        conn.putrequest("POST", "/api/ask")
        for k, v in {"Content-Type": "application/json", **headers}.items():
            conn.putheader(k, v)
        conn.endheaders()
        try:
            for c in chunks:
                conn.send(c)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return conn.getresponse().status
    finally:
        conn.close()


def test_ask_oversized_body_and_question_are_413(server):
    # a declared Content-Length over the limit is refused before the body is read
    assert _raw_post(server, {"Content-Length": str(MAX_BODY_BYTES + 1)}, []) == 413
    # no Content-Length (chunked): the body is still bounded while it is read
    chunk = b"x" * 65536
    n = MAX_BODY_BYTES // len(chunk) + 2
    framed = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * n + [b"0\r\n\r\n"]
    assert _raw_post(server, {"Transfer-Encoding": "chunked"}, [b'10\r\n{"question": "xx\r\n', *framed]) == 413
    # a question one character over the limit; one at the limit is answered
    status, _, raw = call(server, "/api/ask", {"question": "あ" * (MAX_QUESTION_CHARS + 1)})
    assert status == 413 and str(MAX_QUESTION_CHARS) in json.loads(raw)["error"]
    at_limit = QUESTION + "あ" * (MAX_QUESTION_CHARS - len(QUESTION))
    assert ok_json(server, "/api/ask", {"question": at_limit})["question"] == at_limit
    # the server is fine afterwards
    assert ok_json(server, "/api/ask", {"question": QUESTION})["citations"]


@pytest.mark.parametrize("payload", ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"])
def test_ask_xss_question_comes_back_verbatim(server, payload):
    status, _, raw = call(server, "/api/ask", {"question": payload})
    assert status == 200
    assert json.loads(raw)["question"] == payload
    assert "&lt;" not in raw.decode("utf-8")


def test_sections_outline_and_one_section(server):
    cli = json.loads(
        subprocess.run(
            [str(uiserver.ASSISTANT_BIN), "sections", "--json"], cwd=uiserver.ROOT, capture_output=True, check=True
        ).stdout
    )
    outline = ok_json(server, "/api/sections")
    assert [(s["id"], s["title"], s["page"], s["passages"]) for s in outline] == [
        (s["id"], s["title"], s["page"], s["passages"]) for s in cli
    ]
    c5 = ok_json(server, "/api/sections/2.3.4")
    assert c5["title"].startswith("2.3.4 ") and "C5" in c5["title"] and c5["page"] > 0
    assert c5["path"] == ["2", "2.3", "2.3.4"]
    fields = [p["field"] for p in c5["passages"]]
    assert "概要・特徴" in fields
    assert any("ISAE 3000" in p["text"] for p in c5["passages"])
    # an id with non-ASCII characters, URL-encoded
    jp = next(s["id"] for s in outline if not s["id"].isascii())
    assert ok_json(server, "/api/sections/" + quote(jp))["id"] == jp


@pytest.mark.parametrize("sid", ["9.9.9", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E"])
def test_unknown_section_is_404(server, sid):
    status, _, raw = call(server, "/api/sections/" + sid)
    assert status == 404 and "error" in json.loads(raw)


def test_catalogue_records_are_the_cli_catalogue(server):
    records = ok_json(server, "/api/catalogue")
    out = subprocess.run(
        [str(uiserver.ASSISTANT_BIN), "catalogue", "--json"], cwd=uiserver.ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert records == [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(records) >= 20
    ids = {s["id"] for s in ok_json(server, "/api/sections")}
    for r in records:
        assert r["section_id"] in ids
        for key in ("title", "short_name", "group", "summary", "page"):
            assert key in r


def test_openapi_describes_the_routes(server):
    spec = ok_json(server, "/openapi.json")
    assert {"/api/ask", "/api/catalogue", "/api/sections", "/api/sections/{section_id}"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/ask"]
    assert spec["paths"]["/api/ask"]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"][
        "question"
    ]["maxLength"] == MAX_QUESTION_CHARS


def test_api_wants_the_page_credentials_when_auth_is_set(auth_server):
    srv = uiserver.wait_ready(auth_server)
    good = (uiserver.AUTH["ASSISTANT_AUTH_USER"], uiserver.AUTH["ASSISTANT_AUTH_PASSWORD"])
    routes = [
        ("/api/ask", {"question": QUESTION}),
        ("/api/sections", None),
        ("/api/sections/2.3.4", None),
        ("/api/catalogue", None),
        ("/openapi.json", None),
    ]
    for path, body in routes:
        for auth in (None, (good[0], "wrong"), ("someone", good[1])):
            status, headers, raw = call(srv, path, body, auth)
            assert status == 401, (path, auth, raw[:200])
            assert headers.get("www-authenticate", "").lower().startswith("basic")
            assert "ISAE" not in raw.decode("utf-8", "replace")
        status, _, raw = call(srv, path, body, good)
        assert status == 200, (path, raw[:200])
    # a malformed Authorization header is refused too, not a crash
    req = urllib.request.Request(srv.url + "api/sections", headers={"Authorization": "Basic %%%"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert e.value.code == 401
    # and the unknown id is still a 404 behind auth
    assert call(srv, "/api/sections/9.9.9", None, good)[0] == 404
