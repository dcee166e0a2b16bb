"""The plain HTTP JSON API, mounted beside the page on the same server.

Gradio's own API needs its client library and a two-step event stream;
integrations (a chat bot, a spreadsheet, a script in another language) want
one request, one JSON answer. Routes (``api_app`` builds the FastAPI app the
Gradio page is then mounted into, so they share host, port and process):

  * ``POST /api/ask`` ``{"question": "...", "history": [...]}`` -> exactly the
    object ``assistant ask --json`` prints; 400 ``{"error": ...}`` for a bad
    body or an empty question, 413 for a body over ``MAX_BODY_BYTES`` or a
    question over ``MAX_QUESTION_CHARS``;
  * ``GET /api/catalogue`` -> the catalogue records;
  * ``GET /api/sections`` -> the outline; ``GET /api/sections/{id}`` -> one
    section with its passages (404 for an unknown id);
  * ``GET /openapi.json`` and ``GET /docs``: the OpenAPI description.

With ``ASSISTANT_AUTH_USER``/``ASSISTANT_AUTH_PASSWORD`` set, every one of
these routes wants HTTP basic auth with the same credentials as the page.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import secrets
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from assistant.core import MAX_HISTORY_TURNS, Assistant
from assistant.question_input import MAX_QUESTION_CHARS, QuestionError
from assistant.types import Answer

log = logging.getLogger(__name__)

#: how many earlier turns are passed to ``Assistant.ask`` to resolve a follow-up
#: (all it reads of them: one number, defined by the library)
HISTORY_TURNS = MAX_HISTORY_TURNS
#: how many turns the stateless ask endpoints accept in ``history``
MAX_API_HISTORY = 50
#: the largest request body: a question plus a history of MAX_API_HISTORY whole
#: answer objects as /api/ask returned them (~6 KB each) fits with room to spare
MAX_BODY_BYTES = 1_000_000


class HistoryError(ValueError):
    """``history`` is not a list of earlier turns."""


class BodyError(ValueError):
    """The request body cannot be read as an ask request."""


def parse_history(history: Any) -> list:
    """History for the stateless APIs: a list (or its JSON string) of answer
    objects, ``{"question": ...}`` dicts or question strings (the last
    ``MAX_API_HISTORY`` are kept)."""
    if history is None or history == "":
        return []
    if isinstance(history, str):
        try:
            history = json.loads(history)
        except json.JSONDecodeError as e:
            raise HistoryError(f"history は JSON のリストで渡してください ({e.msg})") from None
    if isinstance(history, dict):
        history = [history]
    if not isinstance(history, list):
        raise HistoryError("history は過去の回答 (JSON オブジェクト) のリストで渡してください")
    out = []
    for h in history[-MAX_API_HISTORY:]:
        if isinstance(h, str) and h.lstrip().startswith("{"):
            # an answer exactly as an ask endpoint returned it (JSON text)
            try:
                h = json.loads(h)
            except json.JSONDecodeError:
                pass
        if isinstance(h, str) or (isinstance(h, dict) and isinstance(h.get("question"), str)):
            out.append(h)
        else:
            raise HistoryError('history の各要素は {"question": ...} を含むオブジェクトか質問文の文字列です')
    return out


def answer_json(ans: Answer) -> str:
    """The answer as JSON text, byte for byte what ``assistant ask --json`` prints.

    Text rather than an object for the Gradio endpoints on purpose: each
    citation has a ``"path"`` key (``"2 › 2.3 › 2.3.4"``), and gradio_client
    takes any dict with a string ``path`` for a file to download
    (``utils.is_file_obj``) and fails with 403."""
    return json.dumps(ans.to_json(), ensure_ascii=False, indent=2)


def parse_ask_body(raw: bytes) -> tuple[str, list]:
    """``{"question": str, "history"?: list}`` -> (question, history)."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BodyError(f"body must be a JSON object ({type(e).__name__})") from None
    if not isinstance(body, dict):
        raise BodyError('body must be a JSON object {"question": "...", "history": [...]}')
    question = body.get("question")
    if not isinstance(question, str):
        raise BodyError('"question" must be a string')
    try:
        history = parse_history(body.get("history"))
    except HistoryError as e:
        raise BodyError(str(e)) from None
    return question, history


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class _Refused(Exception):
    def __init__(self, response: Response):
        self.response = response


def basic_auth_check(credentials: tuple[str, str] | None):
    """A dependency: with credentials set, the request must carry them as
    HTTP basic auth (compared in constant time)."""

    def check(request: Request) -> None:
        if credentials is None:
            return
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        user = password = ""
        if scheme.lower() == "basic":
            try:
                user, _, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
            except (binascii.Error, UnicodeDecodeError):
                pass
        ok_user = secrets.compare_digest(user.encode(), credentials[0].encode())
        ok_password = secrets.compare_digest(password.encode(), credentials[1].encode())
        if not (ok_user and ok_password):
            raise _Refused(
                error(401, "authentication required", {"WWW-Authenticate": 'Basic realm="assistant"'})
            )

    return check


def section_json(assistant: Assistant, section_id: str, with_passages: bool) -> dict[str, Any]:
    s = assistant.sections[section_id]
    passages = assistant.section_passages(section_id)
    out: dict[str, Any] = {
        "id": s.id,
        "title": s.title,
        "path": list(s.path),
        "path_titles": list(s.path_titles),
        "page": s.page,
        "doc": s.doc,
        "passages": len(passages),
    }
    if with_passages:
        out["passages"] = [
            {"id": p.id, "field": p.field, "text": p.text, "start": p.start, "end": p.end} for p in passages
        ]
    return out


def api_app(assistant: Assistant, credentials: tuple[str, str] | None = None) -> FastAPI:
    """The FastAPI app holding the JSON API; mount the Gradio page into it."""
    guard = Depends(basic_auth_check(credentials))
    app = FastAPI(
        title="クラウド制度・ガイドライン 検索アシスタント API",
        summary="Cited answers from the report, as plain JSON.",
        version="1",
        docs_url=None,
        openapi_url=None,
        redoc_url=None,
    )

    @app.exception_handler(_Refused)
    async def refused(_request: Request, exc: _Refused) -> Response:
        return exc.response

    # the schema and its viewer at FastAPI's usual places, behind the same auth
    @app.get("/openapi.json", include_in_schema=False, dependencies=[guard])
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False, dependencies=[guard])
    def docs() -> Response:
        return get_swagger_ui_html(openapi_url="/openapi.json", title=app.title)

    @app.post(
        "/api/ask",
        dependencies=[guard],
        summary="Answer one question with citations",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["question"],
                            "properties": {
                                "question": {"type": "string", "maxLength": MAX_QUESTION_CHARS},
                                "history": {
                                    "type": "array",
                                    "description": "earlier answers of this conversation, oldest first "
                                    '(answer objects, {"question": ...} or question strings)',
                                    "maxItems": MAX_API_HISTORY,
                                },
                            },
                        },
                        "example": {"question": "C5の監査基準は？", "history": []},
                    }
                },
            },
            "responses": {
                "400": {"description": "bad body or empty question: {\"error\": ...}"},
                "413": {"description": f"body over {MAX_BODY_BYTES} bytes or question over {MAX_QUESTION_CHARS} characters"},
            },
        },
    )
    async def ask(request: Request) -> Response:
        """The answer object exactly as `assistant ask --json` prints it."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            return error(413, f"body over {MAX_BODY_BYTES} bytes")
        raw = bytearray()
        async for chunk in request.stream():  # a body without Content-Length is bounded too
            raw += chunk
            if len(raw) > MAX_BODY_BYTES:
                return error(413, f"body over {MAX_BODY_BYTES} bytes")
        try:
            question, history = parse_ask_body(bytes(raw))
        except BodyError as e:
            return error(400, str(e))
        if len(question) > MAX_QUESTION_CHARS:
            return error(413, f"question over {MAX_QUESTION_CHARS} characters")
        try:
            ans = await run_in_threadpool(assistant.ask, question, history[-HISTORY_TURNS:])
        except QuestionError:
            return error(400, "empty question: ask something about the report")
        return Response(answer_json(ans), media_type="application/json")

    @app.get("/api/catalogue", dependencies=[guard], summary="The catalogue of schemes")
    def catalogue() -> JSONResponse:
        """One record per scheme or guideline the report describes; name,
        issuer, target, summary and ISMS cells carry their source span."""
        return JSONResponse([r.to_json() for r in assistant.catalogue()])

    @app.get("/api/sections", dependencies=[guard], summary="The report's outline")
    def sections() -> JSONResponse:
        return JSONResponse([section_json(assistant, s.id, False) for s in assistant.outline()])

    @app.get("/api/sections/{section_id:path}", dependencies=[guard], summary="One section with its passages")
    def section(section_id: str) -> JSONResponse:
        if section_id not in assistant.sections:
            return error(404, f"no section {section_id!r} in this report")
        return JSONResponse(section_json(assistant, section_id, True))

    return app
