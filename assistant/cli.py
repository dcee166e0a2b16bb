"""The ``assistant`` command: a thin shell over the library.

Subcommands: ``sections``, ``catalogue``, ``index build|info``, ``ask``, ``serve``, ``eval``,
``model``. Every failure the user can cause ends in one clear line on stderr
and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_USAGE = 2
EXIT_ERROR = 1


def _err(msg: str) -> None:
    print(f"assistant: {msg}", file=sys.stderr)


def _corpus_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--corpus",
        action="append",
        metavar="PATH",
        help="report file(s) in Markdown; repeat for several (default: corpus/*.md)",
    )


def _corpus(args) -> list[Path]:
    from .paths import default_corpus

    return [Path(p) for p in args.corpus] if args.corpus else default_corpus()


# ---------------------------------------------------------------- sections


def cmd_sections(args) -> int:
    from .segment import load_corpus

    docs = load_corpus(_corpus(args))
    rows = []
    for d in docs:
        counts: dict[str, tuple[int, int]] = {}
        for p in d.passages:
            n, c = counts.get(p.section_id, (0, 0))
            counts[p.section_id] = (n + 1, c + len(p.text))
        for s in d.sections:
            n, c = counts.get(s.id, (0, 0))
            rows.append(
                {
                    "id": s.id,
                    "title": s.title,
                    "path": list(s.path),
                    "page": s.page,
                    "passages": n,
                    "chars": c,
                    "doc": d.doc,
                }
            )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    w = max(len(r["id"]) for r in rows)
    for r in rows:
        page = "" if r["page"] is None else f"p.{r['page']}"
        depth = len(r["path"]) - 1
        print(
            f"{r['id']:<{w}}  {'  ' * depth}{r['title']}  "
            f"[{' › '.join(r['path'])}] {page} {r['passages']} passages, {r['chars']} chars"
        )
    return 0


def cmd_catalogue(args) -> int:
    from .catalogue import build_catalogue
    from .japanese import compact
    from .segment import load_corpus

    records = []
    for d in load_corpus(_corpus(args)):
        by_section: dict[str, list] = {}
        for p in d.passages:
            by_section.setdefault(p.section_id, []).append(p)
        records += build_catalogue(d.sections, lambda sid, m=by_section: m.get(sid, []))
    if args.group:
        g = compact(args.group)
        records = [r for r in records if g in (compact(r.group_id), compact(r.group))]
        if not records:
            _err(f"--group {args.group}: no such group (see 'assistant catalogue' for the groups)")
            return EXIT_USAGE
    if args.json:
        for r in records:
            print(json.dumps(r.to_json(), ensure_ascii=False))
        return 0
    w = max((len(r.section_id) for r in records), default=0)
    for r in records:
        place = f" ({r.country})" if r.country else ""
        issuer = f" — {r.issuers_text()}" if r.issuer else ""
        print(f"{r.section_id:<{w}}  [{r.group}] {r.short_name}{place}{issuer}")
        if r.summary:
            print(f"{'':<{w}}  {r.summary.text}")
    print(f"\n{len(records)} records")
    return 0


# ---------------------------------------------------------------- index


def cmd_index_build(args) -> int:
    from .index import build_index, ensure_index

    out = Path(args.out) if args.out else None
    if args.if_stale:
        from .embed import Embedder

        # the embedder's weight fingerprint is part of what "stale" means
        embedder = Embedder(args.model)
        ensure_index(
            out, corpus=_corpus(args), model=args.model, faiss_kind=args.faiss, rebuild=True, embedder=embedder
        )
        return 0
    idx = build_index(_corpus(args), model=args.model, out=out, faiss_kind=args.faiss or "flat")
    m = idx.manifest
    print(
        f"built {idx.dir}: {len(idx.passages)} passages in {len(idx.sections)} sections, "
        f"{m.get('faiss')} index, model {m.get('model')}",
        file=sys.stderr,
    )
    return 0


def cmd_index_info(args) -> int:
    from .index import index_info, list_indexes, model_index_dir

    if not (args.index or args.model):  # every model's index, one line each
        rows = list_indexes()
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        elif not rows:
            print(f"no index built yet under {model_index_dir().parent}; run: assistant index build")
        for r in [] if args.json else rows:
            print(f"{r['dir']}  model {r['model']}  {r['counts'].get('passages', '?')} passages  {r['status']}")
        return 0
    info = index_info(Path(args.index) if args.index else model_index_dir(args.model), model=args.model)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return 0
    for k, v in info.items():
        if isinstance(v, (dict, list)):
            v = json.dumps(v, ensure_ascii=False, default=str)
        print(f"{k}: {v}")
    return 0


# ---------------------------------------------------------------- ask


def cmd_ask(args) -> int:
    from .core import Assistant
    from .question_input import QuestionError, clean_question

    history = None
    if args.history:
        try:
            history = json.loads(Path(args.history).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            _err(f"--history {args.history}: cannot read a JSON list of turns ({type(e).__name__})")
            return EXIT_USAGE
        if not isinstance(history, list):
            _err(f"--history {args.history}: expected a JSON list of turns")
            return EXIT_USAGE
    question = args.question if args.question != "-" else sys.stdin.read()
    try:
        clean_question(question)  # an empty question is refused before the model loads
    except QuestionError as e:
        _err(str(e))
        return EXIT_USAGE
    assistant = Assistant.load(index_dir=args.index, model=args.model, corpus=args.corpus)
    try:
        ans = assistant.ask(question, history=history, k=args.k)
    except QuestionError as e:
        _err(str(e))
        return EXIT_USAGE
    if args.json or args.format == "json":
        print(json.dumps(ans.to_json(), ensure_ascii=False, indent=2))
        return 0
    if args.format == "markdown":
        from .export import answer_markdown

        print(answer_markdown(ans), end="")
        return 0
    for n in ans.notices:
        print(f"※ {n}", file=sys.stderr)
    if ans.searched_query != ans.question:
        print(f"検索: {ans.searched_query}")
    if ans.table is not None:
        head = ans.answer.split("\n")[0] if ans.abstained else ""
        if head:
            print(head)
        _print_table(ans.table)
    else:
        print(ans.answer)
    if ans.citations:
        print()
        for i, c in enumerate(ans.citations, 1):
            print(f"[{i}] {c.section_id} {c.title} › {c.field}  (score {c.score:.3f}, chars {c.start}-{c.end})")
    if ans.related:
        print("\n関連: " + ", ".join(ans.related))
    return 0


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_table(table) -> None:
    """A comparison as an aligned two-column table; each cell keeps its citation label."""
    def label(c) -> str:
        return f"［{c.section_id} › {c.field} · p.{c.page}］"

    rows = [[table.columns[0], table.columns[1] if len(table.columns) > 1 else ""]]
    for row in table.rows:
        cells = [cell.text + (label(cell.citation) if cell.citation else "") for cell in row]
        rows.append(cells)
        # a row's further sentences go on lines of their own under its cell
        for c in (m for cell in row for m in cell.more):
            rows.append(["", c.text + label(c)])
    w = max(_width(r[0]) for r in rows)
    for k, r in enumerate(rows):
        print(r[0] + " " * (w - _width(r[0])) + " │ " + " │ ".join(r[1:]))
        if k == 0:
            print("─" * w + "─┼─" + "─" * min(60, max(_width(x[1]) for x in rows)))


# ---------------------------------------------------------------- serve / eval / model


def cmd_serve(args) -> int:
    from ui.app import serve

    serve(host=args.host, port=args.port, index_dir=args.index, model=args.model, corpus=args.corpus)
    return 0


def cmd_eval(args) -> int:
    from .evaluate import main as eval_main

    return eval_main(args)


def cmd_model(args) -> int:
    from .embed import materialize

    path = materialize(force=args.force)
    print(path)
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="assistant",
        description="Cited answers from a Japanese report (default: JIPDEC クラウドサービス制度・ガイドライン 2019).",
    )
    ap.add_argument(
        "-v", "--verbose", action="store_true", help="also show debug messages, each with its module's name"
    )
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("sections", help="print the report's outline")
    _corpus_arg(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=cmd_sections)

    c = sub.add_parser("catalogue", help="the schemes/standards the report describes, one record each")
    _corpus_arg(c)
    c.add_argument("--group", help="only this group: its id (2.3) or label (諸外国)")
    c.add_argument("--json", action="store_true", help="one JSON object per record")
    c.set_defaults(func=cmd_catalogue)

    pi = sub.add_parser("index", help="build or describe the search index")
    isub = pi.add_subparsers(dest="index_command", metavar="ACTION")
    b = isub.add_parser("build", help="segment, embed and index the corpus")
    _corpus_arg(b)
    b.add_argument("--model", help="sentence-transformers model id or directory (default: bundled e5-small)")
    b.add_argument("--out", help="index directory (default: the model's own, index/default for the default model)")
    b.add_argument(
        "--faiss", choices=["flat", "hnsw"], default=None, help="dense index type (default: flat, or keep the existing kind)"
    )
    b.add_argument("--if-stale", action="store_true", help="only build when missing or out of date")
    b.set_defaults(func=cmd_index_build)
    i = isub.add_parser("info", help="list the indexes, or show what one was built from")
    i.add_argument("--index", help="describe this index directory")
    i.add_argument("--model", help="describe this model's index")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=cmd_index_info)
    pi.set_defaults(func=lambda a: (pi.print_help(), EXIT_USAGE)[1])

    a = sub.add_parser("ask", help="answer one question with citations")
    a.add_argument("question", help="the question (use - to read it from stdin)")
    a.add_argument("--json", action="store_true", help="print the stable JSON object")
    a.add_argument("--format", choices=["text", "json", "markdown"], default="text", help="output format (default text)")
    a.add_argument("--k", type=int, default=5, help="how many sections to rank (default 5)")
    a.add_argument("--history", help="JSON file: earlier turns [{question, searched_query?}, …]")
    a.add_argument("--index", help="index directory")
    a.add_argument("--model", help="embedding model id or directory")
    _corpus_arg(a)
    a.set_defaults(func=cmd_ask)

    s = sub.add_parser("serve", help="serve the chat UI")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=7860)
    s.add_argument("--index", help="index directory")
    s.add_argument("--model", help="embedding model id or directory")
    _corpus_arg(s)
    s.set_defaults(func=cmd_serve)

    e = sub.add_parser("eval", help="batch evaluation of retrieval and answers")
    e.add_argument("--questions", help="questions JSONL (default: eval/questions.jsonl)")
    e.add_argument("--conversations", help="conversations JSONL (default: eval/conversations.jsonl)")
    e.add_argument("--split", choices=["dev", "test", "all"], default="all")
    e.add_argument("--config", default="full", help="keyword|dense|hybrid|full|all")
    e.add_argument("--out", default="eval/runs/latest", help="output directory")
    e.add_argument("--index", help="index directory")
    e.add_argument("--model", help="embedding model id or directory")
    _corpus_arg(e)
    e.set_defaults(func=cmd_eval)

    m = sub.add_parser("model", help="materialise the bundled embedding model into the cache")
    m.add_argument("--force", action="store_true", help="rebuild even if present")
    m.set_defaults(func=cmd_model)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help()
        return EXIT_USAGE
    from .errors import AssistantError
    from .logs import stderr_handler

    stderr_handler(verbose=args.verbose)

    try:
        return int(args.func(args) or 0)
    except AssistantError as e:
        _err(str(e))
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0


def run() -> None:
    """The ``assistant`` command: ``main`` then a hard exit. Tearing the
    interpreter down (freeing the index, the model's memory map, every module)
    took ~0.5 s of a ~3 s ``assistant ask``, and nothing is left to clean up:
    files are closed and locks released by then. ``main`` itself returns
    normally, for callers in the same process (tests)."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
