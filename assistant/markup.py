"""Markup-aware clean text: HTML and Markdown decoration removed from a
report fragment, with each clean character's offset in the source kept so a
quoted sentence can be highlighted exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_HEADING_MARK = re.compile(r"#{1,6}[ \t]+")
# An autolink <https://…> (its URL is text; also when the fragment ends
# before its ">"), or an HTML tag: on one line, holding no other "<" (so
# "a < b … >" stays text).
_TAG = re.compile(
    r"<(?P<url>https?://[^<>\s]+)(?:>|(?=\s|$))|<(/?)(?P<name>[a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])[^<>\n]*>"
)
_URL_TAIL = re.compile(r"https?://[^\s<>]+$")
_BLOCK_TAGS = {"li", "p", "br", "ul", "ol", "div", "tr", "td", "th", "table"}


@dataclass
class Span:
    """Clean text plus, for each character, its offset in the source file."""

    chars: list[str] = field(default_factory=list)
    offs: list[int] = field(default_factory=list)

    def add(self, ch: str, off: int) -> None:
        self.chars.append(ch)
        self.offs.append(off)

    def text(self) -> str:
        return "".join(self.chars)

    def __len__(self) -> int:
        return len(self.chars)

    def slice(self, i: int, j: int) -> Span:
        return Span(self.chars[i:j], self.offs[i:j])

    def extend(self, other: Span) -> None:
        self.chars.extend(other.chars)
        self.offs.extend(other.offs)

    def strip(self) -> Span:
        i, j = 0, len(self.chars)
        while i < j and self.chars[i].isspace():
            i += 1
        while j > i and self.chars[j - 1].isspace():
            j -= 1
        return self.slice(i, j)


def clean_markup(text: str, base: int = 0) -> Span:
    """Remove HTML and Markdown decoration, keeping an offset for each char.

    Block tags become line breaks (so list items stand on their own lines),
    a footnote mark such as ``<sup>※1</sup>`` is dropped inside a line and
    kept at the start of one (where it numbers the footnote), links keep
    their visible text, and heading marks (``## ``), bullets, ``**`` and
    ``\\*`` escapes are dropped. Runs of spaces collapse.
    """
    out = Span()
    i, n = 0, len(text)
    line_start = True
    while i < n:
        if text[i] == "#" and (i == 0 or text[i - 1] == "\n"):
            hm = _HEADING_MARK.match(text, i)
            if hm:
                i = hm.end()
                continue
        m = _TAG.match(text, i) if text[i] == "<" else None
        if m and m.group("name") and m.group("name").lower() == "sup" and not line_start:
            # An inline footnote mark: "ISAE 3000<sup>2</sup>" must not read "30002".
            close = text.find("</sup>", m.end())
            if close != -1 and close - m.end() <= 8:
                i = close + len("</sup>")
                continue
        if m:
            if m.group("url"):  # autolink <https://...>
                for k, ch in enumerate(m.group("url")):
                    out.add(ch, base + i + 1 + k)
                line_start = False
            elif m.group("name").lower() in _BLOCK_TAGS:
                if out.chars and out.chars[-1] != "\n":
                    out.add("\n", base + i)
                line_start = True
            i = m.end()
            continue
        ch = text[i]
        if ch == ">" and out.chars and _URL_TAIL.search("".join(out.chars[-300:])):
            i += 1  # the ">" closing an autolink whose "<" lies before this fragment
            continue
        if ch == "*" and text.startswith("**", i):
            i += 2
            continue
        if ch == "\\" and i + 1 < n and text[i + 1] in "*_#[]()<>`":
            out.add(text[i + 1], base + i + 1)
            i += 2
            line_start = False
            continue
        if ch in "\t\r":
            ch = " "
        if ch == "\n":
            if out.chars and out.chars[-1] == " ":
                out.chars.pop()
                out.offs.pop()
            if out.chars and out.chars[-1] != "\n":
                out.add("\n", base + i)
            line_start = True
            i += 1
            continue
        if line_start and ch in " \u3000":
            i += 1
            continue
        if line_start and ch in "•・●◦▪" and i + 1 < n and text[i + 1] in " \u3000\t":
            i += 2  # a bullet decoration, not content
            continue
        if ch == " " and out.chars and out.chars[-1] in " \n":
            i += 1
            continue
        out.add(ch, base + i)
        line_start = False
        i += 1
    return out.strip()


def strip_markup(text: str) -> str:
    """The clean text of a source fragment (what citations are compared to)."""
    return clean_markup(text).text()


def clean_title(text: str) -> str:
    """A heading's text without markup, footnote marks or repeated spaces."""
    text = re.sub(r"<sup>.*?</sup>", "", text)
    return re.sub(r"\s+", " ", strip_markup(text)).strip()
