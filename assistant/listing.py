"""Enumerations: a sentence that announces a list (「以下の4つの文書から構成される。」,
"次の6つの領域", a trailing colon) is never the whole answer — its items follow,
up to the count it states, across passage breaks, nested markers and
sub-headings. And for a question that wants the members of something, the
sentence that announces or holds the list is preferred to a nearby one.
"""

from __future__ import annotations

import re
import unicodedata

from .answer import Candidate
from .japanese import compact
from .named_only import standard_numbers
from .question_words import japanese_counters
from .quoting import Quoter, bare_name
from .retrieve import Retrieval
from .types import Citation, Passage

MAX_ITEMS = 12

_ANNOUNCES = re.compile(
    r"(?:以下|次)の\s*(?:(?P<n>\d+|[一二三四五六七八九十]+)\s*(?:つ|個|種類|段階|部|分野|領域|文書|項目|点|機能|レベル|パート)?)?"
    r"|[:：]\s*$|as\s+follows|the\s+following"
)
_KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ITEM_MARK = re.compile(r"^\s*(?:[①-⑳]|[・•◇◆○●■□✓✔\-–*]|\(?\d{1,2}[).、．]?\s|Part\s*\d|[A-Za-z]\)|第\s*\d)")
_COUNTER = re.compile(r"(?:\d+|[一二三四五六七八九十])\s*(?:つの)?\s*(分野|種類|段階|領域|項目|機能|パート|部|文書|レベル|柱|基準群|カテゴリ)")


class ListReader(Quoter):
    """Reads the items that follow a sentence announcing them."""

    def expand_list(self, cites: list[Citation]) -> list[Citation]:
        """An answer never ends on a sentence that promises a list: the items follow it."""
        out: list[Citation] = []
        for c in cites:
            if any(c.start == o.start for o in out):
                continue
            out.append(c)
            items = self.items_after(c)
            if not items and (more := self.elaboration_after(c)) is not None:
                items = [more]
            out.extend(i for i in items if all(i.start != o.start for o in out))
        return out


    def items_after(self, c: Citation) -> list[Citation]:
        m = _ANNOUNCES.search(c.text)
        if not m or c.passage_id < 0:
            return []
        want = _count(m.group("n")) if m.group("n") else None
        p0 = self.index.passages[c.passage_id]
        # the items may run on into the next passage of the same section and field
        rest = [p for p in self.index.passages_of(p0.section_id) if p.id > p0.id]
        run = [p0] + [p for p in rest if p.field == p0.field][:2]
        items: list[Citation] = []
        top_mark: str | None = None
        count = 0
        after = p0.text.find(c.text) + len(c.text)
        for p in run:
            base = after if p is p0 else 0
            for line_m in re.finditer(r"[^\n]+", p.text[base:]):
                line = line_m.group(0).strip()
                if len(line) < 2:
                    continue
                a = base + line_m.start() + (len(line_m.group(0)) - len(line_m.group(0).lstrip()))
                b = a + len(line)
                mark = _ITEM_MARK.match(line)
                if line.endswith("。") and len(line) > 80 and not mark:
                    return items  # prose again: the list is over
                head = mark.group(0).strip()[:1] if mark else ""
                if top_mark is None:
                    top_mark = head
                if head == top_mark:
                    # only the list's own level counts toward "N つ"; sub-items ride along
                    n = max(1, len(re.findall(r"(?:^|、|\s)(?:\d{1,2}\s|[①-⑳])", line)))
                    if want and count >= want:
                        return items
                    count += n
                items.append(self.cite_span(p, a, b, c.score))
                if len(items) >= MAX_ITEMS:
                    return items
            if not want and items:
                break  # without a count, stop at the end of the passage that holds the list
        if not items and p0.text[after:].strip() == "":
            items = self.subheading_items(p0, rest)
        return items


    def subheading_items(self, p0: Passage, rest: list[Passage]) -> list[Citation]:
        """"次の文書が発行されている。" closing its paragraph, then one sub-heading per
        item: each sub-heading's first passage is an item, and a sub-part that
        announces a list of its own brings its items too."""
        items: list[Citation] = []
        seen: set[str] = set()
        for p in rest:
            if p.field == p0.field or p.field in seen or p.field in ("注記",):
                continue
            seen.add(p.field)
            spans = self.answerer.sentence_spans(p)
            if not spans:
                continue
            a, b = spans[0]
            first = self.cite_span(p, a, b)
            items.append(first)
            if _ANNOUNCES.search(first.text):
                items.extend(self.items_after(first))
            if len(items) >= MAX_ITEMS:
                break
        return items


    def best_enumeration(self, cites: list[Citation], r: Retrieval, margin: float = 0.6) -> list[Citation]:
        """For a question that wants the members of something: among the best
        sentences of the top section, one that announces or holds a list —
        preferably a list of what the question names (分野, levels, documents)."""
        cands = self.answerer.candidates(r)
        if not cands:
            return cites
        if r.sections and _ASKS_STANDARDS.search(r.query) and (named := self.standards_named(r.sections[0][0], r.query)):
            return named
        if _ASKS_STEPS.search(r.query) and cands[0].passage.section_id == (r.sections[0][0] if r.sections else None):
            return self.steps(cands[0].passage)
        home = cands[0].passage.section_id
        named = list(r.entity_sections)
        if len(named) == 1 and r.sections and r.sections[0][0] == named[0] != home and any(c.passage.section_id == named[0] for c in cands[:20]):
            # 「FISCの安全対策基準が…分類している対策基準群」: the members of the one scheme named
            # and ranked first, not a list of another section whose words are nearer
            home = named[0]
        top = next(c.score for c in cands if c.passage.section_id == home)
        # what the question asks the members of, in its own words: "どういう管理プロセス" -> プロセス
        asked = _asked_nouns(r.query)
        listy: list[Candidate] = []
        for cand in cands[:20]:
            if cand.passage.section_id != home:
                continue
            if not (_ANNOUNCES.search(cand.text) or holds_list(cand.text)):
                continue
            # below the margin only a list of the very thing asked for
            if cand.score >= margin * top or any(a in cand.text for a in asked):
                listy.append(cand)
        if _ASKS_PARTS.search(r.query):
            # a text organised under numbered headings of its own ("1) ISMS基準の活用" …
            # "2) ISMS認証の活用"): those headings are its parts, when no list is nearer the
            # question or the question names that text's field (「ISMSとの関連性は…どういう観点に」)
            q = compact(r.query)
            for cand in cands[:12]:
                if cand.passage.section_id != home:
                    continue
                heads = _numbered_heads(cand.passage)
                if len(heads) >= 2 and (not listy or compact(bare_name(cand.passage.field)) in q):
                    return [self.cite_span(cand.passage, a, b) for a, b in heads] + cites[:1]
        if not listy:
            return cites
        if home != cands[0].passage.section_id:
            cites = [c for c in cites if c.section_id == home]
        counters = japanese_counters(r.query) + asked
        q = compact(r.query) + "".join(counters)
        # a list of what the question names: by its counter ("3 つのレベル"), or for an English
        # question by the Japanese word for it in the sentence ("categories" -> "…に分類される";
        # one character is too little: 部 is in 内部統制)
        named = [c for c in listy if any(n in q for n in counter_nouns(c.text)) or any(len(w) >= 2 and w in c.text for w in counters)]
        # a section that is a set (2.4.6): the part the question names comes first
        part = [c for c in listy if len(k := bare_name(c.passage.field)) >= 3 and k in q]
        chosen = self.answerer.citation(([c for c in part if c in named] or part or named or listy)[0])
        return [chosen] + [c for c in cites if c.start != chosen.start][:1]


    def steps(self, best: Passage) -> list[Citation]:
        """"Walk through the IRAP route step by step", 「流れを順番に」: a process is told by the
        part of its section that the best sentence is in, every sentence of it in the report's
        order (the section's other parts, its name or scope, are no steps)."""
        out: list[Citation] = []
        for p in self.index.passages_of(best.section_id):
            if p.field != best.field:
                continue
            out.extend(self.cite_span(p, a, b) for a, b in self.answerer.sentence_spans(p))
        return out[:MAX_ITEMS]

    def standards_named(self, sid: str, question: str) -> list[Citation]:
        """「C5が参照している規格をすべて挙げて」: the sentences of the section that name the
        standards (by number), each standard once, in the report's order, but those the
        question names."""
        asked = set(standard_numbers(unicodedata.normalize("NFKC", question)))
        seen: set[str] = set()
        out: list[Citation] = []
        passages = self.index.passages_of(sid)
        # a part of the section the question names (the CSF in the NIST section) is where to look
        q = compact(question)
        passages = [p for p in passages if any(len(k) >= 3 and k in q for k in _field_names(p.field))] or passages
        for p in passages:
            for a, b in self.answerer.sentence_spans(p):
                new = [n for n in standard_numbers(p.text[a:b]) if n not in asked and n not in seen]
                if new and len(out) < MAX_ITEMS:
                    seen.update(new)
                    out.append(self.cite_span(p, a, b))
        return out


def _field_names(field: str) -> list[str]:
    """What a sub-heading calls its part, compact: its name and what it puts in brackets
    ("サイバーセキュリティフレームワーク（CSF）（ver.1.1）" -> the name, "csf")."""
    inner = [compact(x) for x in re.findall(r"[（(]([^（()）]+)[)）]", field)]
    return [bare_name(field)] + [x for x in inner if not x.startswith(("ver", "rev"))]


# a process asked for in order: 「流れを順番に」, 「手順を追って」, "step by step", "walk through"
_ASKS_STEPS = re.compile(
    r"流れ|順番に|順を追って|手順を追って|ステップごと|段階を追って|\bstep[\s-]+by[\s-]+step\b|\bwalk\s+(?:me\s+)?through\b|\bin\s+(?:what|which)\s+order\b",
    re.I,
)
# a list of standards asked for: 「…規格をすべて」, "Which standards does … mention?"
_ASKS_STANDARDS = re.compile(
    r"(?:どの|どんな|どういう|何の)規格|規格(?:・[^、。？?]{1,8})?(?:を|は)?、?(?:すべて|全て|全部|漏れなく|一覧|挙げ|列挙|何|どれ)"
    r"|\b(?:which|what|all|every|list)\s+(?:(?:the|of|other|\w+ing)\s+){0,2}standards?\b|\bstandards\b[^?]{0,40}\b(?:mention|name|cite|reference|refer)",
    re.I,
)
# how a text's own parts are asked for: 観点, 分類, どう分けて, 構成
_ASKS_PARTS = re.compile(r"観点|分け|分類|整理|構成|区分|項目|\bparts?\b|\bcategor|\baspects?\b|\bheadings?\b", re.I)


def _numbered_heads(p) -> list[tuple[int, int]]:
    """Short lines of a passage that number its parts ("1) X", "2) Y"), as spans."""
    out = []
    for m in re.finditer(r"[^\n]+", p.text):
        line = m.group(0)
        if re.match(r"\s*\d{1,2}[)）]\s*\S", line) and len(line.strip()) <= 30 and not re.search(r"[。、]", line):
            out.append((m.start(), m.end()))
    return out


def _asked_nouns(question: str) -> list[str]:
    """The noun a Japanese question asks the kinds of ("どういう管理プロセス"), with its
    head ("プロセス"): a list that names it is the one wanted."""
    m = re.search(r"(?:どんな|どういう|どのような|どの)([一-龯ァ-ヺー]{2,10})", question)
    if not m:
        return []
    noun = m.group(1)
    head = re.search(r"[ァ-ヺー]{3,}$|[一-龯]{2}$", noun)
    return list(dict.fromkeys([noun] + ([head.group(0)] if head else [])))


def announces(text: str) -> bool:
    """「…は以下の通り。」, "次の 3 つのレベル", a trailing colon: a list follows."""
    return bool(_ANNOUNCES.search(text))


def counter_nouns(text: str) -> set[str]:
    """What a sentence counts: "5 分野" -> {"分野"}; "4 つの対策基準群" -> {"基準群"}."""
    return {m.group(1) for m in _COUNTER.finditer(text)} | set(re.findall(r"(?:つの)(\w{2,4}?)(?:に|が|を|で|から)", text))


def holds_list(text: str) -> bool:
    """A sentence that is itself an enumeration: 「A」「B」「C」, 「A」と「B」,
    A、B、C、D…等の分野, or A・B・C・D等."""
    quoted = r"[「『][^」』]{1,30}[」』]"
    return (
        len(re.findall(quoted, text)) >= 3
        or bool(re.search(quoted + r"\s*(?:と|、|及び|および|や|又は|または)\s*" + quoted, text))
        or (text.count("、") >= 3 and bool(re.search(r"(?:\d+|[一二三四五六七八九十])\s*(?:つ|分野|種類|段階|領域|項目|機能)|等の|などの", text)))
        # items may hold a space or a bracket (APT 攻撃, （情報システムの）回復性)
        or bool(re.search(r"(?:[^・\n「」。、]{2,20}・){3,}[^・\n「」。、]{2,20}(?:等|など)", text))
        # three or more bare nouns in a row (no hiragana: not clauses joined by 、):
        # 「クラウドホスティング、クラウドソフトウェア、クラウドサポートに分類される」
        or bool(re.search(r"(?<![^、\sぁ-ゖ])(?:[^、。\sぁ-ゖ「」()（）]{2,20}、){2,}[^、。\sぁ-ゖ「」()（）]{2,20}(?:に|を|の|と|など|等|が)", text))
    )


def _count(n: str) -> int | None:
    if n.isdigit():
        return int(n)
    total = 0
    for ch in n:
        total = total * 10 if ch == "十" and total else total
        total += _KANJI_NUM.get(ch, 0) if ch != "十" else (10 if total == 0 else 0)
    return total or None
