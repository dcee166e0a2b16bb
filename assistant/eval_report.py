"""What ``assistant eval`` writes for people: ``report.md``, ``report.png`` and
the results table of the project README.

Everything here reads the ``results.json`` structure built by
``assistant.evaluate``; when a run covers both splits, dev and test are shown
side by side (parameters are chosen on dev; test is only reported).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SHAPE_ORDER = ["lookup", "definition", "enumeration", "list", "compare", "catalogue", "meta", "chat"]


def _f(x: Any) -> str:
    if x is None:
        return "-"
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def results_table(results: dict) -> str:
    cols = ["recall@1", "recall@3", "recall@5", "mrr", "ndcg@5", "span_hit@1"]
    lines = ["| config | " + " | ".join(cols) + " | abstain P/R/F1 | follow-up R@1 | p50 ms | p95 ms |"]
    lines.append("|" + "---|" * (len(cols) + 5))
    for name, r in results["configs"].items():
        o = r.get("overall", {})
        ab = o.get("abstention", {})
        conv = r.get("conversations", {})
        lat = o.get("latency_ms", {})
        lines.append(
            f"| {name} | "
            + " | ".join(_f(o.get(c, "")) for c in cols)
            + f" | {ab.get('precision', 0):.2f}/{ab.get('recall', 0):.2f}/{ab.get('f1', 0):.2f}"
            + f" | {_f(conv.get('followup_recall@1', ''))} | {lat.get('p50', 0):.0f} | {lat.get('p95', 0):.0f} |"
        )
    return "\n".join(lines)


def per_split(r: dict) -> dict[str, dict]:
    """{split: summary}: the run's splits, or the run itself under its one split."""
    if r.get("splits"):
        return r["splits"]
    return {r.get("split", "all"): r}


def shapes_in(splits: dict[str, dict]) -> list[str]:
    seen = {s for r in splits.values() for s in r.get("by_shape", {})}
    return [s for s in SHAPE_ORDER if s in seen] + sorted(seen - set(SHAPE_ORDER))


def shape_table(splits: dict[str, dict]) -> str:
    names = list(splits)
    cols = ["n", "item recall", "section coverage", "R@1", "shape match", "abstained"]
    keys = ["n", "item_recall", "section_coverage", "recall@1", "shape_match", "abstained"]
    head = "| shape | " + " | ".join(f"{c} ({s})" for s in names for c in cols) + " |"
    lines = [head, "|---|" + "---:|" * (len(cols) * len(names))]
    rows = [(s, {n: splits[n].get("by_shape", {}).get(s, {}) for n in names}) for s in shapes_in(splits)]
    rows.append(("**new shapes (with must_contain)**", {n: splits[n].get("new_shapes", {}) for n in names}))
    for label, by in rows:
        lines.append(f"| {label} | " + " | ".join(_f(by[n].get(k)) for n in names for k in keys) + " |")
    return "\n".join(lines)


def behaviour_rows(r: dict) -> list[tuple[str, Any]]:
    """Issue-11 metrics of one split: abstention over every negative, absent
    aspects, answerable abstained, follow-ups by kind."""
    ab = r.get("abstention_all", {})
    conv = r.get("conversations", {})
    rows: list[tuple[str, Any]] = [
        ("abstention precision (all negatives)", ab.get("precision")),
        ("abstention recall (all negatives)", ab.get("recall")),
        ("abstention F1 (all negatives)", ab.get("f1")),
        ("absent-aspect recall", ab.get("absent_aspect_recall")),
        ("answerable questions abstained", ab.get("answerable_abstained")),
        (
            "core: abstention P/R (as the gate)",
            f"{r.get('overall', {}).get('abstention', {}).get('precision', 0):.3f} / {r.get('overall', {}).get('abstention', {}).get('recall', 0):.3f}",
        ),
        (
            "core: recall@1 / span hit@1",
            f"{r.get('overall', {}).get('recall@1', 0):.3f} / {r.get('overall', {}).get('span_hit@1', 0):.3f}",
        ),
        ("follow-up accuracy (all turns after the first)", conv.get("followup_accuracy")),
        ("core: follow-up R@1 (as the gate)", conv.get("followup_recall@1")),
        ("answerable turns abstained", conv.get("answerable_turns_abstained")),
    ]
    for k, b in conv.get("followup_by_kind", {}).items():
        acc = b.get("accuracy")
        rows.append((f"follow-up accuracy, {k} turns", f"{acc:.3f} (n={b['n']})" if acc is not None else None))
    return rows


def behaviour_table(splits: dict[str, dict]) -> str:
    names = list(splits)
    per = {n: behaviour_rows(splits[n]) for n in names}
    labels = list(dict.fromkeys(label for n in names for label, _ in per[n]))
    lines = ["| metric | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for label in labels:
        vals = [dict(per[n]).get(label) for n in names]
        lines.append(f"| {label} | " + " | ".join(_f(v) for v in vals) + " |")
    return "\n".join(lines)


def report_md(results: dict, misses: list, main: str) -> str:
    out = [
        "# Evaluation report",
        "",
        f"{results['questions']} questions, {results['conversations']} conversations.",
        "",
    ]
    out += ["## Configurations (core set)", "", results_table(results), ""]
    r = results["configs"][main]
    splits = per_split(r)
    out += [f"## Answers by expected shape ({main})", "", shape_table(splits), ""]
    out += [f"## Abstention and follow-ups ({main})", "", behaviour_table(splits), ""]
    out += [
        f"## By question type ({main}, all splits)",
        "",
        "| type | n | R@1 | R@3 | R@5 | MRR | span hit@1 | abstained |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t, b in r.get("by_type", {}).items():
        out.append(
            f"| {t} | {b['n']} | {_f(b.get('recall@1'))} | {_f(b.get('recall@3'))} | {_f(b.get('recall@5'))} | {_f(b.get('mrr'))} | {_f(b.get('span_hit@1'))} | {_f(b.get('abstained'))} |"
        )
    out += [
        "",
        f"## Worst misses ({main})",
        "",
        "| id | question | gold | returned | abstained |",
        "|---|---|---|---|---|",
    ]
    for q, p in misses:
        question = q.question.replace("|", "\\|")
        out.append(
            f"| {q.id} | {question} | {', '.join(q.gold) or '(none)'} | {', '.join(p['ranked_sections'][:3])} | {p['abstained']} |"
        )
    return "\n".join(out) + "\n"


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    configs = list(results["configs"])
    main = "full" if "full" in configs else configs[-1]
    splits = per_split(results["configs"][main])
    shapes = shapes_in(splits)
    fig, axes = plt.subplots(1, 3, figsize=(17, 4.5))
    types = sorted({t for r in results["configs"].values() for t in r.get("by_type", {}) if t != "negative"})
    width = 0.8 / max(1, len(configs))
    for i, name in enumerate(configs):
        bt = results["configs"][name].get("by_type", {})
        vals = [bt.get(t, {}).get("recall@1", 0.0) for t in types]
        axes[0].bar([x + i * width for x in range(len(types))], vals, width, label=name)
    axes[0].set_xticks([x + width * (len(configs) - 1) / 2 for x in range(len(types))], types, rotation=40)
    axes[0].set_title("Recall@1 by question type")
    axes[0].legend()
    width = 0.8 / max(1, len(splits))
    for ax, key, title in (
        (axes[1], "item_recall", "Item recall by shape"),
        (axes[2], "section_coverage", "Section coverage by shape"),
    ):
        for i, (name, r) in enumerate(splits.items()):
            vals = [r.get("by_shape", {}).get(s, {}).get(key) or 0.0 for s in shapes]
            ax.bar([x + i * width for x in range(len(shapes))], vals, width, label=name)
        ax.set_xticks([x + width * (len(splits) - 1) / 2 for x in range(len(shapes))], shapes, rotation=30)
        ax.set_title(f"{title} ({main})")
        ax.legend()
    for ax in axes:
        ax.set_ylim(0, 1)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def update_readme(run_dir: Path, readme: Path) -> None:
    """Replace the block between the eval markers with the run's table."""
    results = json.loads((run_dir / "results.json").read_text(encoding="utf-8"))
    start, end = "<!-- eval:start -->", "<!-- eval:end -->"
    text = readme.read_text(encoding="utf-8")
    if start not in text or end not in text:
        raise SystemExit(f"{readme}: no {start} … {end} block to update")
    table = results_table(results)
    head = text.split(start)[0]
    tail = text.split(end)[1]
    readme.write_text(f"{head}{start}\n{table}\n{end}{tail}", encoding="utf-8")
