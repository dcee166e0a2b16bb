"""What the assistant says when the report does not answer: the abstention,
a hint for a question with nothing to look up, and the nearest related text.
"""

from __future__ import annotations

ABSTAIN_JA = "この報告書には記載がありません。"
ABSTAIN_EN = "The report does not say."
_HINT_JA = "報告書の内容について、制度名や知りたいことを文章で質問してください。"
_HINT_EN = "Please ask about the report's content in words (a scheme and what you want to know)."


def no_content_text(english: bool) -> str:
    return f"{ABSTAIN_EN} {_HINT_EN}" if english else f"{ABSTAIN_JA}{_HINT_JA}"


def related_text(english: bool, name: str, quoted: list[str]) -> str:
    """The abstention, then what the report does say nearest (quoted and
    labelled by the caller), marked as related and not as the answer."""
    if not quoted:
        return ABSTAIN_EN if english else ABSTAIN_JA
    body = "\n".join(quoted)
    if english:
        return f"{ABSTAIN_EN} What it says about {name} (quoted in Japanese):\n{body}"
    return f"{ABSTAIN_JA}{name}については次の記載があります:\n{body}"
