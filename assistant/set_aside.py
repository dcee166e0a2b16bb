"""What a question sets aside: 「医療分野を除く」, "apart from low start-up costs".

The words of such a clause are not what the question asks for: a sweep leaves its sections
out, and an answer type named there ("costs") is not the type asked for ("which burden").
"""

from __future__ import annotations

import re

# the words before 以外 / を除く / 「は除いて」, the words after "except" / "leave out"
_SET_ASIDE_JA = re.compile(r"([^、。,;:：]*?)(?:以外|を?除(?:く|き|いた|いて)|を?省(?:く|いて)|を?(?:含め|入れ)(?:ないで|ず))")
_SET_ASIDE_EN = re.compile(
    r"\b(?:except(?:\s+for)?|apart\s+from|other\s+than|outside|besides|excluding|(?:leave|leaving|left)\s+out"
    r"|omit(?:ting)?|ignor(?:e|ing)|not\s+counting|but\s+not)\b([^,.;:?!]*)",
    re.I,
)


def set_aside(question: str) -> tuple[str, str]:
    """The question without what it sets aside, and what it sets aside ("" for nothing)."""
    clauses = []
    for pattern in (_SET_ASIDE_JA, _SET_ASIDE_EN):
        for m in pattern.finditer(question):
            # (「国内の項目のうち医療分野を除く」: what stands before のうち is kept)
            clause = re.split(r"のうち|の中で|の中から", m.group(1))[-1]
            if clause.strip():
                clauses.append(clause)
    kept = question
    for clause in clauses:
        kept = kept.replace(clause, " ", 1)
    return kept, " ".join(clauses)
