"""The chat UI (Gradio 6) and its API endpoints.

``build_app(assistant)`` returns the ``gr.Blocks``; ``serve(...)`` loads the
model and index once, builds the app and serves it on 127.0.0.1 (optional
basic auth from ``ASSISTANT_AUTH_USER`` / ``ASSISTANT_AUTH_PASSWORD``).

Page: a chat whose answers quote the report with clickable citation badges,
and beside it three tabs: 出典 (the cited passages of the latest answer, the
quote highlighted), 本文 (a section viewer) and 目次 (the report's outline).
Everything user- or corpus-supplied is escaped in ``ui/render.py``.

API (``gradio_client``):
  * ``/ask``   (question, history) -> answer JSON, stateless: history is a list
    (or JSON string) of previous answer objects, ``{"question": ...}`` dicts
    or bare question strings.
  * ``/chat``  (question) -> answer JSON; the conversation is kept per client
    session (``gr.State``), so follow-ups resolve and clients never mix.
  * ``/reset`` () -> ``{"ok": true}``: start a new conversation in this session.
Both return the answer as JSON *text* — exactly what ``assistant ask --json``
prints (``json.loads`` gives ``Answer.to_json()``). Not a dict, because
gradio_client mistakes any dict with a string ``"path"`` key (every citation
has one) for a file to download. Example::

    from gradio_client import Client
    c = Client("http://127.0.0.1:7860/")
    a = json.loads(c.predict("C5の監査基準は？", [], api_name="/ask"))
    b = json.loads(c.predict("その有効期間は？", [a], api_name="/ask"))
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

import gradio as gr
import uvicorn

from assistant.core import Assistant
from assistant.errors import AssistantError
from assistant.export import conversation_markdown
from assistant.question_input import QuestionError
from assistant.types import Answer

from . import catalogue_view, render
from .api import HISTORY_TURNS, HistoryError, answer_json, api_app, parse_history
from .page_js import BRIDGE_JS, DOWNLOAD_JS, SCROLL_TO_VIEWER_JS, TICK_JS

HERE = Path(__file__).resolve().parent
CSS_PATH = HERE / "style.css"

#: how many turns a session keeps (older ones drop off the chat)
MAX_TURNS = 100

EXAMPLES = [
    "C5の監査基準は？",
    "Which standard does IRAP reference?",
    "FedRAMPの基準は何をベースにしている？",
    "SOC2とSOC2+の違いは？",
]
#: one click shows a follow-up: the second question is resolved from the first
FOLLOWUP_DEMO = ("CSマークの種類は？", "その有効期間は？")

FONT_STACK = [
    "Noto Sans CJK JP",
    "Noto Sans JP",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "Yu Gothic UI",
    "Meiryo",
    "system-ui",
    "sans-serif",
]
MONO_STACK = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Noto Sans Mono CJK JP", "monospace"]

HEAD = """
<meta name="description" content="JIPDEC「クラウドサービスに関連する国内外の制度・ガイドラインの紹介」(2019) に、報告書の文そのものを出典付きで引用して答えるアシスタント">
<script>document.documentElement.lang = 'ja';</script>
"""

HEADER_HTML = """
<header class="app-header">
  <div class="app-title">クラウド制度・ガイドライン 検索アシスタント</div>
  <div class="app-sub">JIPDEC「クラウドサービスに関連する国内外の制度・ガイドラインの紹介」(2019) の本文から、
  該当する文をそのまま引用して答えます。各文の <span class="cite demo">［節番号］</span> をクリックすると原文を確認できます。
  記載がない質問には「この報告書には記載がありません」と答えます。</div>
</header>
"""

CHAT_PLACEHOLDER = (
    "<div class='chat-empty'><strong>報告書について質問してください</strong><br>"
    "例: 「CSマークの種類は？」のあとに「その有効期間は？」と続けて聞けます。英語の質問にも答えます。</div>"
)


# ---------------------------------------------------------------- helpers


def _int_or_none(value: Any) -> int | None:
    """A number the page sent (a passage id, a quote's start), or None."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def theme() -> gr.themes.Theme:
    # system fonts only: the default theme pulls Google Fonts, which an offline
    # deployment cannot reach, and it has no Japanese glyphs anyway
    return gr.themes.Default(
        primary_hue="blue",
        neutral_hue="slate",
        font=FONT_STACK,
        font_mono=MONO_STACK,
    ).set(body_text_size="15px")


def launch_kwargs() -> dict[str, Any]:
    """Look of the page: Gradio 6 takes theme / css / head in ``launch()``.
    Use with ``build_app(a).launch(**launch_kwargs())`` when not calling ``serve``."""
    return {
        "theme": theme(),
        "css_paths": [CSS_PATH],
        "head": HEAD,
    }


def auth_from_env() -> tuple[str, str] | None:
    user = os.environ.get("ASSISTANT_AUTH_USER", "")
    password = os.environ.get("ASSISTANT_AUTH_PASSWORD", "")
    if user and password:
        return (user, password)
    return None


def _cites_for(turns: list[Answer], passage_id: int | None):
    """Citations to highlight in the viewer: those of the answer the clicked
    badge belongs to, else those of the latest answer."""
    if passage_id is not None:
        for a in reversed(turns):
            cites = render.answer_cites(a)
            if any(c.passage_id == passage_id for c in cites):
                return cites
    return render.answer_cites(turns[-1]) if turns else ()


# ---------------------------------------------------------------- the app


def build_app(assistant: Assistant) -> gr.Blocks:
    sections = assistant.sections
    toc_html = render.toc(assistant.outline())
    records = assistant.catalogue()
    record_ids = {r.section_id for r in records}

    def ask_turn(question: str, turns: list[Answer]) -> list[Answer]:
        ans = assistant.ask(question, history=turns[-HISTORY_TURNS:])
        return (turns + [ans])[-MAX_TURNS:]

    def page_update(turns: list[Answer]):
        latest = turns[-1] if turns else None
        return (
            render.chat_messages(turns, sections),
            turns,
            render.sources_panel(latest, assistant),
            gr.Tabs(selected="sources"),
            conversation_markdown(turns),
        )

    def on_submit(question: str, turns: list[Answer] | None):
        """Step 1 (unqueued, instant): move the question out of the textbox and
        show it with a pending reply, so what the user types next is never
        wiped by the answer arriving. Empty input does nothing."""
        q = " ".join((question or "").split())
        if not q:
            return gr.skip(), "", gr.skip()
        msgs = render.chat_messages(list(turns or []), sections)
        msgs.append({"role": "user", "content": render.user_message(q[:2000])})
        msgs.append({"role": "assistant", "content": render.PENDING})
        return "", question, msgs

    def on_ask(pending: str, turns: list[Answer] | None):
        """Step 2 (queued): answer the question step 1 took from the textbox."""
        if not (pending or "").strip():
            return (gr.skip(),) * 5
        turns = list(turns or [])
        try:
            turns = ask_turn(pending, turns)
        except QuestionError:  # e.g. only control characters
            return (render.chat_messages(turns, sections),) + (gr.skip(),) * 4
        return page_update(turns)

    def on_example(text: str):
        def fn(turns: list[Answer] | None):
            return page_update(ask_turn(text, list(turns or [])))

        return fn

    def on_followup_demo(turns: list[Answer] | None):
        turns = list(turns or [])
        for q in FOLLOWUP_DEMO:
            turns = ask_turn(q, turns)
        return page_update(turns)

    def on_open(turns: list[Answer] | None, evt: gr.EventData):
        data = evt._data if isinstance(getattr(evt, "_data", None), dict) else {}
        sid = str(data.get("section") or "")
        if sid not in sections:
            return gr.skip(), gr.skip()
        pid, start = _int_or_none(data.get("passage")), _int_or_none(data.get("cite"))
        turns = list(turns or [])
        viewer = render.section_viewer(sid, assistant, _cites_for(turns, pid), pid, start)
        return viewer, gr.Tabs(selected="viewer")

    def on_new_chat():
        return [], [], render.SOURCES_EMPTY, render.VIEWER_EMPTY, gr.Tabs(selected="sources"), ""

    def on_filter(group: str, query: str, ticked: list[str] | None):
        return catalogue_view.table(records, group, query, ticked or [])

    def on_tick(evt: gr.EventData):
        # the page sends the whole ticked list (not a toggle), so two quick
        # ticks cannot race each other through the session state
        data = evt._data if isinstance(getattr(evt, "_data", None), dict) else {}
        chosen = catalogue_view.chosen(data.get("ticks"), record_ids)
        return catalogue_view.compare(records, chosen), chosen

    # ------------------------------------------------------------ API functions

    def api_ask(question: str, history: list | str | None = None) -> str:
        """Answer a question about the report (stateless).

        `history`: the previous answers of this conversation, oldest first — a
        list of answer objects (or the JSON texts this endpoint returned), or
        [{"question": ...}], or that list as a JSON string. Returns the answer
        as JSON text, exactly what `assistant ask --json` prints."""
        try:
            hist = parse_history(history)
        except HistoryError as e:
            raise gr.Error(str(e)) from None
        try:
            return answer_json(assistant.ask(question, history=hist[-HISTORY_TURNS:]))
        except QuestionError:
            raise gr.Error("質問が空です。報告書について質問を入力してください。") from None

    def api_chat(question: str, turns: list[Answer] | None):
        """Answer a question in this client's conversation (kept per session,
        so a follow-up resolves against this client's earlier questions only).
        Returns the answer as JSON text, as `assistant ask --json` prints it."""
        turns = list(turns or [])
        try:
            turns = ask_turn(question, turns)
        except QuestionError:
            raise gr.Error("質問が空です。報告書について質問を入力してください。") from None
        return answer_json(turns[-1]), turns

    def api_reset():
        """Start a new conversation in this session."""
        return json.dumps({"ok": True}), []

    # ------------------------------------------------------------ layout

    with gr.Blocks(title="クラウド制度・ガイドライン 検索アシスタント", analytics_enabled=False) as demo:
        turns = gr.State([])  # this browser session's answers (list[Answer]), never shared
        gr.HTML(HEADER_HTML, elem_id="app-header", js_on_load=None)
        with gr.Row(elem_id="main-row", equal_height=False):
            with gr.Column(scale=3, min_width=0, elem_id="chat-col"):
                with gr.Row(elem_id="chat-toolbar"):
                    gr.HTML('<div class="chat-label">会話</div>', js_on_load=None, elem_id="chat-label")
                    export_btn = gr.Button("Markdownで保存", size="sm", variant="secondary", elem_id="export-md")
                    new_chat = gr.Button("新しい会話", size="sm", variant="secondary", elem_id="new-chat")
                chatbot = gr.Chatbot(
                    value=[],
                    elem_id="chat",
                    show_label=False,
                    height="62vh",
                    min_height=320,
                    sanitize_html=True,
                    render_markdown=True,
                    latex_delimiters=[],
                    feedback_options=None,
                    buttons=[],
                    group_consecutive_messages=False,
                    placeholder=CHAT_PLACEHOLDER,
                    autoscroll=True,
                )
                question = gr.Textbox(
                    show_label=False,
                    placeholder="報告書について質問（日本語・English）",
                    lines=1,
                    max_lines=4,
                    elem_id="question",
                    submit_btn="送信",
                    autofocus=True,
                )
                with gr.Row(elem_id="examples-row"):
                    gr.HTML('<span class="ex-label">質問の例</span>', js_on_load=None, elem_id="ex-label")
                    ex_buttons = [
                        (gr.Button(t, size="sm", variant="secondary", elem_classes=["ex-btn"]), t)
                        for t in EXAMPLES
                    ]
                    followup_btn = gr.Button(
                        f"続けて質問する例: {FOLLOWUP_DEMO[0]} → {FOLLOWUP_DEMO[1]}",
                        size="sm",
                        variant="secondary",
                        elem_classes=["ex-btn", "ex-followup"],
                        elem_id="followup-demo",
                    )
            with gr.Column(scale=2, min_width=0, elem_id="side-col"):
                with gr.Tabs(selected="sources", elem_id="side-tabs") as tabs:
                    with gr.Tab("出典", id="sources", elem_id="tab-sources"):
                        sources = gr.HTML(render.SOURCES_EMPTY, elem_id="sources", js_on_load=None)
                    with gr.Tab("本文", id="viewer", elem_id="tab-viewer"):
                        viewer = gr.HTML(render.VIEWER_EMPTY, elem_id="viewer", js_on_load=None)
                    with gr.Tab("目次", id="toc", elem_id="tab-toc"):
                        gr.HTML(toc_html, elem_id="toc", js_on_load=None)
                    with gr.Tab("制度一覧", id="catalogue", elem_id="tab-catalogue"):
                        with gr.Row(elem_id="cat-filters"):
                            cat_group = gr.Radio(
                                [catalogue_view.ALL_GROUPS, *catalogue_view.groups(records)],
                                value=catalogue_view.ALL_GROUPS,
                                show_label=False,
                                container=False,
                                elem_id="cat-group",
                            )
                            cat_query = gr.Textbox(
                                show_label=False,
                                container=False,
                                placeholder="名称で絞り込み（日本語・English）",
                                elem_id="cat-query",
                            )
                        cat_compare = gr.HTML(catalogue_view.COMPARE_EMPTY, elem_id="cat-compare", js_on_load=None)
                        cat_table = gr.HTML(catalogue_view.table(records), elem_id="cat-table", js_on_load=None)
        gr.HTML(
            '<footer class="app-foot">回答は報告書本文の抜粋です（2019年時点の内容）。'
            "原文の確認には各出典の「節の全文を読む」をご利用ください。"
            "出典: JIPDEC「クラウドサービスに関連する国内外の制度・ガイドラインの紹介」</footer>",
            js_on_load=None,
        )
        bridge = gr.HTML("", visible="hidden", elem_id="click-bridge", js_on_load=BRIDGE_JS)
        tick_bridge = gr.HTML("", visible="hidden", elem_id="tick-bridge", js_on_load=TICK_JS)
        ticked = gr.State([])  # the 制度一覧 rows ticked for comparison, oldest first
        # the conversation as Markdown, for the download button (hidden, not a State: its JS reads it)
        export_md = gr.Textbox("", visible="hidden", elem_id="export-text")

        # hidden components that only carry the /chat and /reset API endpoints
        # the question between "submitted" and "answered" (a component, not a
        # State, so step 2 receives it with its request)
        pending = gr.Textbox(visible=False, elem_id="pending-question")
        api_question = gr.Textbox(visible=False)
        api_answer = gr.Textbox(visible=False)
        api_chat_btn = gr.Button(visible=False)
        api_reset_btn = gr.Button(visible=False)

        # ------------------------------------------------------------ events
        page_outputs = [chatbot, turns, sources, tabs, export_md]
        private = {"api_visibility": "private"}
        question.submit(
            on_submit,
            [question, turns],
            [question, pending, chatbot],
            queue=False,
            show_progress="hidden",
            **private,
        ).then(on_ask, [pending, turns], page_outputs, show_progress="hidden", **private)
        for btn, text in ex_buttons:
            btn.click(on_example(text), [turns], page_outputs, show_progress="hidden", **private)
        followup_btn.click(on_followup_demo, [turns], page_outputs, show_progress="hidden", **private)
        reset_outputs = [chatbot, turns, sources, viewer, tabs, export_md]
        new_chat.click(on_new_chat, None, reset_outputs, show_progress="hidden", **private)
        # the chatbot's own trash icon starts a new conversation too (not just a blank chat)
        chatbot.clear(on_new_chat, None, reset_outputs, show_progress="hidden", **private)
        bridge.click(on_open, [turns], [viewer, tabs], show_progress="hidden", **private).then(
            None, None, None, js=SCROLL_TO_VIEWER_JS, **private
        )

        export_btn.click(None, [export_md], None, js=DOWNLOAD_JS, **private)
        filter_inputs = [cat_group, cat_query, ticked]
        cat_group.change(on_filter, filter_inputs, [cat_table], queue=False, show_progress="hidden", **private)
        cat_query.change(
            on_filter, filter_inputs, [cat_table], queue=False, show_progress="hidden", trigger_mode="always_last", **private
        )
        tick_bridge.click(
            # one at a time, in order: each event carries the whole list, so the last one wins
            on_tick, None, [cat_compare, ticked], show_progress="hidden", trigger_mode="multiple",
            concurrency_limit=1, concurrency_id="ticks", **private
        )

        gr.api(api_ask, api_name="ask")
        api_chat_btn.click(api_chat, [api_question, turns], [api_answer, turns], api_name="chat")
        api_reset_btn.click(api_reset, None, [api_answer, turns], api_name="reset")
    return demo


# ---------------------------------------------------------------- serving


def _one_blas_thread_per_request() -> None:
    """The server runs several asks at once on few cores: BLAS threads inside
    each query encode then fight each other. Measured on 2 cores, 4 concurrent
    NumPy encodes: 17 queries/s with OpenBLAS's 2 threads, 38 with 1."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency, but only an optimisation
        return
    threadpool_limits(limits=1, user_api="blas")
    torch = sys.modules.get("torch")  # loaded only for a model the NumPy engine does not run
    if torch is not None:
        torch.set_num_threads(1)


def serve(
    host: str = "127.0.0.1",
    port: int = 7860,
    index_dir: str | Path | None = None,
    model: str | None = None,
    corpus: list[str] | None = None,
) -> None:
    """Load the model and index once, then serve the UI until interrupted."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    print("assistant: loading model and index…", file=sys.stderr, flush=True)
    assistant = Assistant.load(index_dir=index_dir, model=model, corpus=corpus)
    _one_blas_thread_per_request()  # after load: an index (re)build wants every core
    assistant.ask(EXAMPLES[0])  # warm up (tokeniser, model, caches) before the first request
    demo = build_app(assistant)
    demo.queue(default_concurrency_limit=4, max_size=64)
    auth = auth_from_env()
    # the JSON API is a FastAPI app of its own and the page is mounted into it,
    # so both share one host, port and process (and the API its own OpenAPI)
    app = api_app(assistant, auth)
    gr.mount_gradio_app(
        app,
        demo,
        path="/",
        server_name=host,
        server_port=port,
        auth=auth,
        auth_message="利用者名とパスワードを入力してください" if auth else None,
        ssr_mode=False,
        footer_links=["api"],
        run_history=False,
        enable_monitoring=False,
        mcp_server=False,
        **launch_kwargs(),
    )
    # bind first: a busy port is one clear error, not a uvicorn traceback
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise AssistantError(f"cannot serve on {host}:{port}: {e}") from None
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, ws_max_size=16 * 1024 * 1024))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise AssistantError(f"cannot serve on {host}:{port}: the server stopped while starting")
        time.sleep(0.05)
    print(f"Serving on http://{host}:{port}" + (" (basic auth on)" if auth else ""), flush=True)
    try:
        while thread.is_alive():
            thread.join(0.5)
    except KeyboardInterrupt:
        server.should_exit = True
        thread.join(10)
