"""The UI server's API through gradio_client, against the real server
(``assistant serve`` in a subprocess: real model, real index, no mocks).

Endpoints (see ui/app.py): ``/ask`` (stateless; history passed by the
client), ``/chat`` (conversation kept per client session), ``/reset``.
Both answer endpoints return the answer as JSON text — what
``assistant ask --json`` prints.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from ui import testserver as uiserver

pytestmark = pytest.mark.slow  # real model, CLI or server: left out of `make test-fast`

ANSWER_KEYS = {
    "question",
    "searched_query",
    "answer",
    "abstained",
    "shape",
    "citations",
    "ranked_sections",
    "related",
    "notices",
    "timings_ms",
}
XSS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"]


AUTH = uiserver.AUTH


@pytest.fixture(scope="module", autouse=True)
def auth_server():
    """A second server with basic auth on, spawned first so that it loads
    while the shared one does (the auth test waits for it)."""
    return uiserver.spawn_auth_server()


@pytest.fixture(scope="module", autouse=True)
def cli_answer():
    """``assistant ask --json`` for the same question, started in parallel too."""
    proc = subprocess.Popen(
        [str(uiserver.ASSISTANT_BIN), "ask", "--json", "C5の監査基準は？"],
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


@pytest.fixture(scope="module")
def client(server):
    return Client(server.url, verbose=False)


def ask(client: Client, question, history=None) -> dict:
    return json.loads(client.predict(question, history if history is not None else [], api_name="/ask"))


def chat(client: Client, question) -> dict:
    return json.loads(client.predict(question, api_name="/chat"))


def test_server_binds_localhost_and_prints_ready_line(server):
    assert server.url.startswith("http://127.0.0.1:")
    deadline = time.monotonic() + 10
    while "Serving on http://127.0.0.1:" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert f"Serving on http://127.0.0.1:{server.port}" in server.log()
    # the page itself is served, in Japanese
    with urllib.request.urlopen(server.url, timeout=10) as r:
        assert r.status == 200
        assert "クラウド制度・ガイドライン" in r.read().decode("utf-8")


def test_api_lists_only_the_public_endpoints(client):
    named = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert set(named) == {"/ask", "/chat", "/reset"}


def test_ask_c5_cites_2_3_4_and_isae_3000(client):
    t0 = time.perf_counter()
    a = ask(client, "C5の監査基準は？")
    elapsed = time.perf_counter() - t0
    assert set(a) == ANSWER_KEYS
    assert not a["abstained"]
    assert "2.3.4" in [c["section_id"] for c in a["citations"]]
    assert "ISAE 3000" in a["answer"]
    assert "［2.3.4" in a["answer"]
    for c in a["citations"]:
        assert c["text"] in a["answer"]
        assert {"section_id", "title", "path", "field", "text", "start", "end", "score", "page"} == set(c)
    assert [c["page"] for c in a["citations"] if c["section_id"] == "2.3.4"][0] > 0
    assert elapsed < 5, f"/ask took {elapsed:.2f} s"


def test_ask_returns_the_same_json_as_assistant_ask(client, cli_answer):
    """The API answers with exactly what ``assistant ask --json`` prints (timings aside)."""
    out, _ = cli_answer.communicate(timeout=uiserver.START_TIMEOUT)
    assert cli_answer.returncode == 0
    raw = client.predict("C5の監査基準は？", [], api_name="/ask")
    api, cli = json.loads(raw), json.loads(out)
    assert api.pop("timings_ms").keys() == cli.pop("timings_ms").keys()
    assert api == cli
    # same text layout too (indent 2, Japanese unescaped)
    assert raw.startswith('{\n  "question": "C5の監査基準は？",\n')


def test_followup_with_explicit_history_resolves(client):
    first = ask(client, "C5の監査基準は？")
    follow = ask(client, "その有効期間は？", [first])
    assert follow["question"] == "その有効期間は？"
    assert follow["searched_query"] != follow["question"]
    assert "C5" in follow["searched_query"]
    # the same with history as a JSON string, as bare {"question": ...} turns, as returned JSON text
    for hist in (
        json.dumps([first], ensure_ascii=False),
        [{"question": "C5の監査基準は？"}],
        [json.dumps(first, ensure_ascii=False)],
    ):
        again = ask(client, "その有効期間は？", hist)
        assert "C5" in again["searched_query"], hist
    # an entity swap: the new scheme replaces the old one
    swap = ask(client, "FedRAMPの場合は？", [first])
    assert "FedRAMP" in swap["searched_query"]


def test_bad_history_is_a_clear_error(client):
    with pytest.raises(AppError, match="history"):
        client.predict("その有効期間は？", "{not json", api_name="/ask")
    with pytest.raises(AppError, match="history"):
        client.predict("その有効期間は？", [1, 2], api_name="/ask")


def test_chat_session_follow_up_resolves_and_two_clients_do_not_mix(server):
    a = Client(server.url, verbose=False)
    b = Client(server.url, verbose=False)
    assert a.session_hash != b.session_hash
    a1 = chat(a, "C5の監査基準は？")
    b1 = chat(b, "FedRAMPの基準は何をベースにしている？")
    assert "2.3.4" in [c["section_id"] for c in a1["citations"]]
    assert "2.3.1" in b1["ranked_sections"]
    # both follow-ups at once (the server runs requests concurrently)
    with ThreadPoolExecutor(2) as ex:
        fa = ex.submit(chat, a, "その有効期間は？")
        fb = ex.submit(chat, b, "その有効期間は？")
        a2, b2 = fa.result(timeout=60), fb.result(timeout=60)
    assert a2["searched_query"] != a2["question"]
    assert "C5" in a2["searched_query"] and "FedRAMP" not in a2["searched_query"]
    assert "FedRAMP" in b2["searched_query"] and "C5" not in b2["searched_query"]
    # /reset starts a new conversation for that client only
    assert json.loads(a.predict(api_name="/reset")) == {"ok": True}
    a3 = chat(a, "その有効期間は？")
    assert "C5" not in a3["searched_query"]
    b3 = chat(b, "その対象は？")
    assert "FedRAMP" in b3["searched_query"]


@pytest.mark.parametrize("empty", ["", "   ", "\n\t"])
def test_empty_question_is_a_clear_error_not_a_crash(client, empty):
    with pytest.raises(AppError, match="質問が空"):
        client.predict(empty, [], api_name="/ask")
    with pytest.raises(AppError, match="質問が空"):
        client.predict(empty, api_name="/chat")
    # the server is fine afterwards
    assert "2.3.4" in ask(client, "C5の監査基準は？")["ranked_sections"]


@pytest.mark.parametrize("payload", XSS)
def test_xss_payload_comes_back_as_plain_text(client, payload):
    a = ask(client, payload)
    assert a["question"] == payload  # verbatim, not escaped, not stripped
    raw = client.predict(payload, [], api_name="/ask")
    assert payload in raw  # plain JSON text, no HTML entities
    assert "&lt;" not in raw


def test_overlong_question_is_truncated_with_a_notice(client):
    q = "C5の監査基準は？" + "あ" * 2500
    a = ask(client, q)
    assert len(a["question"]) == 2000
    assert a["notices"] and "2000" in a["notices"][0]


def test_basic_auth_from_environment(auth_server):
    srv = uiserver.wait_ready(auth_server)
    assert "Serving on http://127.0.0.1:" in srv.log() and "(basic auth on)" in srv.log()
    # without credentials: the login page only, and the API refuses
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(f"{srv.url}config", timeout=10)
    assert e.value.code == 401
    with pytest.raises(Exception):  # noqa: B017 - any refusal: the config is not served
        Client(srv.url, verbose=False)
    c = Client(srv.url, auth=(AUTH["ASSISTANT_AUTH_USER"], AUTH["ASSISTANT_AUTH_PASSWORD"]), verbose=False)
    a = json.loads(c.predict("C5の監査基準は？", [], api_name="/ask"))
    assert "2.3.4" in [x["section_id"] for x in a["citations"]]


def test_stateless_ask_and_session_chat_resolve_a_conversation_identically(server):
    """The conversation state is rebuilt from the history alone: /ask given the
    earlier answers and /chat keeping them resolve every turn the same way
    (continue without a pronoun, switch, return, an English follow-up)."""
    turns = [
        "ISO/IEC 20000-1 は何の規格？",
        "国内ではどのくらいの事業者が認証を取っているの？",
        "C5の監査基準は？",
        "さっきの規格の認証基準としての使われ方は？",
        "And how does it relate to ISO/IEC 27002?",
    ]
    session = Client(server.url, verbose=False)
    stateless = Client(server.url, verbose=False)
    history: list[dict] = []
    for q in turns:
        c = chat(session, q)
        a = ask(stateless, q, history)
        history.append(a)
        for key in ("searched_query", "ranked_sections", "resolution", "abstained", "answer"):
            assert c.get(key) == a.get(key), (q, key)
    assert "resolution" not in history[0]  # a first turn resolves nothing
    assert [h["resolution"]["kind"] for h in history[1:4]] == ["continue", "switch", "return"]
