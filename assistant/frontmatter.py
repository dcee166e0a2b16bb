"""Questions about the report itself: its title page (title, date, publisher),
and the front and back matter whose titles say what they hold (主旨 → purpose,
構成 → structure, おわりに → conclusion, 部会 → committee, はじめに → readers
and method). Never a scheme's section.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from .answer import Answerer
from .answer_type import asks_date
from .catalogue import CatalogueRecord
from .entities import REPORT_RESEARCH
from .japanese import compact
from .question_cues import (
    ASKS_CONTACT,
    NAMES_CONCLUSION,
    NAMES_COVER,
    NAMES_INTRODUCTION,
    NAMES_PURPOSE,
    STRUCTURE,
)
from .quoting import Shaped, compact_cached
from .retrieve import POINTED_PREFER, Retrieval
from .segment import TITLE_PAGE_ID, short_title
from .types import Citation
from .walk import Walker, asks_to_walk, converter_note

MIN_ROSTER_ROWS = 6  # a list of members, not a paragraph
MAX_ROSTER_ROWS = 25
META_SENTENCES = 3  # sentences of the leading section in an answer about the report
ROLE_BOOST = 1.1  # a front-matter section whose title names what is asked (目的 -> 1.1 本書の主旨)

MAX_CONTACT_LINES = 8  # an address block, not a page that happens to print a number
MAX_LIKE_SENTENCES = 2  # caveat or method sentences added to an answer about the report
# caveats: 注意書き, 網羅しているか, limitations — and the sentences that state them
_CAVEAT = re.compile(r"注意書き|注意点|留意|網羅|但し書き|ただし書き|限界|caveat|limitation|disclaimer|comprehensive|exhaustive", re.I)
_CAVEAT_SENTENCE = re.compile(r"留意されたい|注意されたい|網羅するものではない|限らない|保証するものではない")
_METHOD = re.compile(
    r"調査(?:方法|手法|の方法|の仕方)|(?:どうやって|どのように|どう)(?:調べ|調査)|(?:どんな|どの|どういう)方法で|調べ方|方法論|調査は(?:どう|どの)"
    r"|\bhow\s+(?:was|were|did)\b.{0,40}\b(?:research|carried\s+out|conducted|investigat|surveyed|compiled)|methodolog|research\s+method",
    re.I,
)
# a sentence about the report's research: 調査 and what it was based on
_METHOD_SENTENCE = re.compile(r"^(?=.*調査)(?=.*(?:基づ|文献|公開情報|ヒアリング|アンケート))", re.S)
_COMMITTEE = re.compile(
    r"委員|部会|主査|メンバー|オブザーバ|事務局|関わ|携わ|協力|レビュー|名簿"
    # ("hope to contribute to" is no contributor)
    r"|committee|\bmembers?\b|\broster\b|observers?|secretariat|review|contributors|who\s+contributed|involved|working\s+group",
    re.I,
)
_PURPOSE = re.compile(r"目的|主旨|趣旨|ねらい|狙い|何のため|目指|purpose|\baim|\bwhy\b|\bgoal|\bobjective|\bachieve|\bintend(?:s|ed)?\s+to\b|\bset\s+out\s+to", re.I)
# the sentence that states a purpose: "…を目的としている"
_PURPOSE_SENTENCE = re.compile(r"目的と(?:し|す)|ねらいと(?:し|す)|趣旨と(?:し|す)")
# acknowledgements close a report's last section; they answer only a question about them
_THANKS = re.compile(r"お礼|御礼|感謝|謝辞|謝意|thank|acknowledg|gratitude", re.I)
# what a question asks about a report -> the title of the section that holds it
_CONCLUSION_TITLE = re.compile(r"おわりに|まとめ|結論|結び|conclusion", re.I)
_INTRODUCTION_TITLE = re.compile(r"はじめに|序|introduction|preface", re.I)
# a part of the report named by what it is ("according to the introduction", 「おわりにでは」):
# that part, before any role the question's other words suggest ("why" -> purpose)
_PICTURE = re.compile(r"ロゴ|画像|イラスト|図柄|写真|見た目|デザイン|\blogo|\bimage|\bpicture|\bphoto|\blooks?\s+like|\bdesign", re.I)
# how a part opens: its first sentence
_OPENING = re.compile(r"冒頭|書き出し|書き起こ|始ま(?:る|って)|\bopens?\b|\bbegins?\b|\bstarts?\s+(?:with|by|off)\b|\bfirst\s+sentence\b", re.I)
_PURPOSE_TITLE = re.compile(r"主旨|趣旨|目的|purpose", re.I)
NAMED_PART = ((NAMES_INTRODUCTION, _INTRODUCTION_TITLE), (NAMES_CONCLUSION, _CONCLUSION_TITLE), (NAMES_PURPOSE, _PURPOSE_TITLE))
_PHONE = re.compile(r"(?:TEL|FAX|電話)\s*[:：]?\s*\(?\d{2,4}\)?\s*[-‐－]\s*\d{2,4}\s*[-‐－]\s*\d{3,4}", re.I)
_FRONT_MATTER = (
    # what is left for later is said at the end ("what JIPDEC intends to look into as future
    # work" asks the conclusion, though "intends to" reads like a purpose)
    (re.compile(r"future\s+(?:work|tasks|issues|plans)|今後の(?:課題|検討|予定|取り組み)", re.I), _CONCLUSION_TITLE),
    (_COMMITTEE, re.compile(r"部会|委員|committee|members", re.I)),
    (_PURPOSE, _PURPOSE_TITLE),
    (STRUCTURE, re.compile(r"構成|structure", re.I)),
    (re.compile(r"結論|まとめ(?![たてる])|総括|所見|今後の課題|提言|勧め|薦め|すすめ|推奨|おわりに|conclu|findings|recommend|suggest|advise|closing|final\s+(?:section|remarks)", re.I),
     _CONCLUSION_TITLE),
    (re.compile(
        r"読者|対象者|誰向け|誰に向け|誰のため|誰が(?:読|使|活用)|audience|intended|readers|who\s+(?:should|is\s+(?:it|this)\s+for)|for\s+whom"
        r"|寄与|期待|貢献|hope|contribute\s+to|(?:どんな|どのような|どういう)(?:人|方|立場)|読んで"
        # the introduction named as such
        r"|はじめに|序文|まえがき|introduction|preface|foreword"
        r"|調査|調べ|方法|method|" + REPORT_RESEARCH + r"|how\s+was|背景|経緯|きっかけ|background|context", re.I),
     _INTRODUCTION_TITLE),
)


class FrontMatter(Walker):
    """Answers from the title page and the sections that are not catalogue records."""

    def __init__(self, index, sections, answerer: Answerer, records: list[CatalogueRecord]):
        super().__init__(index, sections, answerer)
        self.record_ids = {r.section_id for r in records}

    def meta(self, r: Retrieval, question: str) -> Shaped | None:
        """Front and back matter: the title page, the introduction, purpose,
        structure, conclusion and the committee; never a scheme's section."""
        record_ids = self.record_ids
        # "reach the publisher by phone": the contact block, not the title page's publisher line
        # (「冒頭から末尾の問い合わせ先まで順にたどって」: the whole part, which ends on the contact)
        contact = [] if asks_to_walk(question) else self._contact_lines(question)
        if contact:
            return Shaped(contact, self.frame(question, [self.line(c) for c in contact]))
        # (「導入部分で名前が挙がっている制度」: a name asked of another part is not the title)
        # (「委員の名前は？」: a name asked of the committee is not the title either)
        role = self._front_matter_role(question)
        # a part the turn pins ("In the same section, …", 「1.2節では」) is where to answer from,
        # whatever part its words would point to (readers -> the introduction)
        pinned = {sid for sid, w in r.preferred.items() if w >= POINTED_PREFER and sid not in record_ids and sid in self.sections}
        if pinned:
            role = pinned
        other_part = any(ask.search(question) for ask, _ in NAMED_PART) or bool(role - {TITLE_PAGE_ID})
        title_page = [] if other_part else self._title_page_lines(question)
        if title_page:
            return Shaped(title_page, self.frame(question, [self.line(c) for c in title_page]))
        walked = self._walked_part(question, role)
        if walked:
            return Shaped(walked, self.frame(question, [self.line(c) for c in walked]))
        kept = [(sid, s) for sid, s in r.sections if sid not in record_ids]
        if role:
            # the question names what a front/back-matter section is for (目的, 構成, 結論, 委員…):
            # that section leads, but a better sentence elsewhere may still be chosen
            top = kept[0][1] if kept else 1.0
            kept = sorted(((sid, max(s, top) * ROLE_BOOST if sid in role else s) for sid, s in kept), key=lambda x: -x[1])
        if not kept:
            return None
        if role:
            # what the question asks for has a section of its own: answer from it
            kept = [(sid, sc) for sid, sc in kept if sid in role] or kept
        keep = {sid for sid, _ in kept}
        # the report's own prose about itself, not the cells of an overview figure
        hits = [h for h in r.hits if h.passage.section_id in keep and _prose(h.passage.field)]
        sub = replace(r, hits=hits, sections=kept, entity_sections={}, preferred={})
        # front and back matter are few: every one of them is a candidate, not only the top three
        wide = replace(self.answerer.config, sections_considered=len(kept))
        chosen = self.answerer.select(sub, wide)
        thanks_asked = bool(_THANKS.search(question) or _COMMITTEE.search(question))
        # "what does the logo look like": a picture's description is the only answer there is
        picture_asked = bool(_PICTURE.search(question))

        def usable(c) -> bool:
            return (picture_asked or not converter_note(c.text)) and (thanks_asked or not _THANKS.search(c.text))

        kept_c = [c for c in chosen if usable(c)]
        if not kept_c:
            # the best sentence was the thanks: the best one that is not
            kept_c = [c for c in self.answerer.candidates(sub, wide) if usable(c)][:1]
        if kept_c:
            # what a report says about itself runs over a few sentences of one section
            # (its readers, then its hopes for them): quote them from the same text, not the best one alone
            first = kept_c[0].passage
            # one more sentence for each further thing asked ("何のため？特にどの観点に？")
            budget = META_SENTENCES + asks(question) - 1
            for c in self.answerer.candidates(sub, wide):
                if len(kept_c) >= budget:
                    break
                same = (c.passage.section_id, c.passage.field) == (first.section_id, first.field)
                if same and usable(c) and all(c.start != x.start or c.passage.id != x.passage.id for x in kept_c):
                    kept_c.append(c)
        cites = [self.answerer.citation(c) for c in kept_c]
        # a sentence the next one goes on with (「…を挙げたい。特に…」) is quoted with it
        for i in range(len(cites) - 1, -1, -1):
            more = self.elaboration_after(cites[i])
            if more is not None and not _quoted_in(more, cites):
                cites.insert(i + 1, more)
        if role and _PURPOSE.search(question):
            # the purpose is the sentence that states it, wherever the question's other words point
            stated = self._sentences_like(_PURPOSE_SENTENCE, set(self.sections) - role)
            cites = [c for c in stated if not _quoted_in(c, cites)] + cites
        if STRUCTURE.search(question):
            # the sentence that walks through the chapters ("2.1、2.2、2.3 では…") is the structure
            walk = [c for c in self._outline_sentences(keep) if not _quoted_in(c, cites)]
            cites = walk + cites
        for sid in sorted(role):
            # a roster (a committee's members) is answered by its rows, not by one of them
            rows = self._roster(sid, question)
            if rows:
                cites = [c for c in cites if c.section_id != sid] + rows
            # a committee or appendix is named by a sentence elsewhere ("ISMS専門部会の委員…に")
            named = self._sentence_naming(compact(short_title(self.sections[sid].title)), exclude=record_ids | {sid})
            if named is not None and all(named.start != c.start for c in cites):
                cites.append(named)
        # what the report warns its readers of is said in sentences that tell them to mind it;
        # how the research was done, where it says what the research was based on — often
        # outside the section the question's other words point to (はじめに, 構成)
        for asked, said in ((_CAVEAT, _CAVEAT_SENTENCE), (_METHOD, _METHOD_SENTENCE)):
            if asked.search(question):
                cites += [c for c in self._sentences_like(said, record_ids) if not _quoted_in(c, cites)]
        cites += self._each_part(question, r, cites)
        if not cites:
            return None
        return Shaped(cites, self.frame(question, [self.line(c) for c in cites]))

    def _walked_part(self, question: str, role: set[str]) -> list[Citation]:
        """「「おわりに」を段落ごとに」: the one part of the report the question names (or whose
        role it asks), sentence by sentence in its own order, when it asks to be read through."""
        if not asks_to_walk(question):
            return []
        parts = (self.named_parts(question) or role) - {TITLE_PAGE_ID}
        if len(parts) != 1:
            return []
        (sid,) = parts
        # (running text only: a figure's cells are read off the figure)
        return self.walk(sid, _PROSE)

    def _each_part(self, question: str, r: Retrieval, cites: list[Citation]) -> list[Citation]:
        """「「はじめに」と「おわりに」は、それぞれ…」: each part the question names answers for
        itself, by its best sentence, or by its first when the question asks how it opens."""
        parts = [sid for sid in self.sections if sid in self.named_parts(question)]
        if len(parts) < 2:
            return []
        out: list[Citation] = []
        for sid in parts:
            if _OPENING.search(question):
                first = next(((p, a, b) for p in self.index.passages_of(sid) if _prose(p.field) for a, b in self.answerer.sentence_spans(p)), None)
                found = [c for c in ([self.cite_span(*first)] if first else []) if not _quoted_in(c, cites)]
            elif any(c.section_id == sid for c in cites + out):
                continue
            else:
                own = replace(r, hits=[h for h in r.hits if h.passage.section_id == sid], sections=[(sid, 1.0)], entity_sections={}, preferred={})
                found = [self.answerer.citation(c) for c in self.answerer.select(own)][:1]
            out += found
        return out

    def _sentences_like(self, pattern: re.Pattern, exclude: set[str]) -> list[Citation]:
        """The report's own prose sentences (outside the catalogue) that match ``pattern``."""
        return [
            self.cite_span(p, a, b)
            for sid in self.sections if sid not in exclude
            for p, _k, a, b in self.sentences_of(sid)
            if _prose(p.field) and pattern.search(p.text[a:b])
        ][:MAX_LIKE_SENTENCES]

    def _outline_sentences(self, sids: set[str]) -> list[Citation]:
        """Sentences of these sections that name two or more of the report's
        own chapter numbers: they describe how the report is organised."""
        numbers = {sid for sid in self.sections if re.fullmatch(r"\d+(?:\.\d+)*", sid)}
        numbers |= {".".join(n.split(".")[:k]) for n in numbers for k in range(1, n.count(".") + 1)}
        out = []
        for sid in sorted(sids):
            for p, _k, a, b in self.sentences_of(sid):
                if p.field != "本文":
                    continue  # a figure's note ("2.1.3～2.1.6参照") points, it does not describe
                found = {
                    m.group(1) or m.group(2)
                    for m in re.finditer(r"(?<![\d.])(\d+(?:\.\d+)+)(?![\d.])|第\s*(\d+)\s*章", p.text[a:b])
                }
                if len(found & numbers) >= 2:
                    out.append(self.cite_span(p, a, b))
        return out

    def _roster(self, sid: str, question: str) -> list[Citation]:
        """The rows of running text that is a list of short lines (a
        committee's members with their organisations), one citation each: the
        rows the question names (「主査」, a group heading such as 「オブザーバ」)
        when it names some, else all of them."""
        for p in self.index.passages_of(sid):
            if not _prose(p.field):
                continue
            lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", p.text)]
            if len(lines) < MIN_ROSTER_ROWS or any(b - a > 80 for a, b in lines):
                continue
            q = compact(question)
            texts = [p.text[a:b].strip() for a, b in lines]
            heading = [_group_heading(t) for t in texts]
            members = [i for i, h in enumerate(heading) if not h]
            headings = {t for t, h in zip(texts, heading) if h}
            # rows that share a word with the question (主査), else the groups it names (オブザーバ)
            words = {w for w in re.findall(r"[^\s【】()（）]{2,}", p.text) if compact(w) in q and w not in headings}
            # (or a run of the question's letters inside a row: 日本マイクロソフト in …株式会社)
            runs = set(re.findall(r"[一-龯ァ-ヺーA-Za-z]{4,}", q)) - {compact(h) for h in headings}
            chosen = [i for i in members if any(w in texts[i] for w in words) or any(run in compact(texts[i]) for run in runs)]
            # …and the groups it names (「主査は誰？オブザーバは？」: both), unless a row it names is
            # in that group (「デロイト…から出ている委員は？」: that 委員, not every one)
            group_of: dict[int, str | None] = {}
            group: str | None = None
            for i, t in enumerate(texts):
                group = t if heading[i] else group
                group_of[i] = group
            narrowed = {group_of[i] for i in chosen}
            for i in range(len(texts)):
                g = group_of[i]
                if g is not None and compact(g) in q and g not in narrowed and i not in chosen:
                    chosen.append(i)
            chosen.sort()
            if not chosen or len(chosen) == len(members):
                chosen = list(range(len(lines)))
            rows = [lines[i] for i in chosen]
            return [self.cite_span(p, a, b) for a, b in rows[:MAX_ROSTER_ROWS]]
        return []

    def _sentence_naming(self, key: str, exclude: set[str]) -> Citation | None:
        if len(key) < 3:
            return None
        for sid in self.sections:
            if sid in exclude:
                continue
            for p, _k, a, b in self.sentences_of(sid):
                if key in compact_cached(p.text[a:b]):
                    return self.cite_span(p, a, b)
        return None


    def about_report(self, question: str) -> bool:
        """Does the question ask what a front/back-matter section or the title
        page holds (結論, 目的, 構成, 委員, 発行者…)?"""
        return bool(self._front_matter_role(question) or self._title_page_lines(question))

    def named_parts(self, question: str) -> set[str]:
        """The report's own parts a question names as such: its cover, introduction,
        purpose or conclusion (by their section titles, whatever they are numbered)."""
        out = {TITLE_PAGE_ID} if NAMES_COVER.search(question) and TITLE_PAGE_ID in self.sections else set()
        for ask, title in NAMED_PART:
            if ask.search(question):
                out |= {sid for sid, sec in self.sections.items() if sid not in self.record_ids and title.search(sec.title)}
        return out

    def _front_matter_role(self, question: str) -> set[str]:
        """Sections whose title says they hold what the question asks about the report."""
        contact = self._contact_sections(question)
        if contact:
            return contact
        if NAMES_COVER.search(question) and TITLE_PAGE_ID in self.sections:
            return {TITLE_PAGE_ID}  # "the logo on the cover": the title page, whatever else is asked
        for ask, title in NAMED_PART + _FRONT_MATTER:
            if ask.search(question):
                hit = {sid for sid, sec in self.sections.items() if sid not in self.record_ids and title.search(sec.title)}
                if hit:
                    return hit
        return set()


    @functools.cached_property
    def _phone_passages(self) -> list:
        """The passages outside the catalogue that print a telephone number (found once)."""
        return [
            p for sid in self.sections if sid not in self.record_ids
            for p in self.index.passages_of(sid) if _PHONE.search(p.text)
        ]

    def _contact_passages(self, question: str) -> list:
        """The passages that print a telephone number, when the question asks for contact details."""
        return self._phone_passages if ASKS_CONTACT.search(question) else []

    def _contact_sections(self, question: str) -> set[str]:
        return {p.section_id for p in self._contact_passages(question)}

    def _contact_lines(self, question: str) -> list[Citation]:
        """Every line of a short contact block (address, name, telephone, URL), one citation each."""
        out = []
        for p in self._contact_passages(question):
            lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", p.text)]
            if len(lines) <= MAX_CONTACT_LINES:
                out += [self.cite_span(p, a, b) for a, b in lines]
        return out

    def _title_page_lines(self, question: str) -> list[Citation]:
        """The title page's lines the question asks for: title, date, publisher
        (any of them, in the page's order: "title, issuer and date please")."""
        ps = self.index.passages_of(TITLE_PAGE_ID) if TITLE_PAGE_ID in self.sections else []
        if not ps:
            return []
        p = ps[0]
        lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", p.text)]
        lines = [(a, b) for a, b in lines if not converter_note(p.text[a:b])]
        if not lines:
            return []
        wanted: set[tuple[int, int]] = set()
        if re.search(r"題名|タイトル|表題|名前|正式名|書名|\btitle\b|called|named", question, re.I):
            wanted.add(lines[0])
        if re.search(r"発行日|日付|年月日|\bdated?\b", question, re.I) or asks_date(question):
            wanted.update(next(((a, b) for a, b in lines if re.search(r"\d{4}\s*年|\d{4}-\d{2}", p.text[a:b])), lines[0]) for _ in (0,))
        if re.search(
            r"発行者|発行元|発行した|発行している|発行機関|発行団体|発行組織|発行主体|作成(?:者|団体|組織|元)|出版(?:者|元)|著者|(?:誰|だれ|どこ)が[^？?。、]{0,4}?(?:出した|出して|作った|まとめた|書いた|書い|作|出|まとめ|発行)"
            r"|(?:作った|出した|まとめた|発行した|書いた|作成した|執筆した)(?:のは|団体|組織|機関|ところ)(?:は)?(?:どこ|誰|だれ)?|作成主体|作成元|who\s+(?:wrote|authored|prepared|put\s+out|released|produced)|publisher|published\s+by|(?:which|what)\s+(?:organi[sz]ation|body|agency|institution|group)\s+(?:published|issued|wrote|produced|prepared|released|is\s+behind)|issu(?:ed|ing)\s+by|issuing|who\s+(?:published|issued)"
            # "who are the authors", not "what did the authors conclude"
            r"|\b(?:who|which)\b.{0,30}\bauthors?\b|\bauthors?\b\s*(?:of\b|[?？]|$)|\bauthored\b",
            question,
            re.I,
        ):
            wanted.add(lines[-1])
        return [self.cite_span(p, a, b) for a, b in lines if (a, b) in wanted]


def _quoted_in(c: Citation, cites: list[Citation]) -> bool:
    """Is this sentence already one of the answer's citations?"""
    return any(c.start == x.start and c.passage_id == x.passage_id for x in cites)


def asks(question: str) -> int:
    """How many things a question asks: its question marks, and clauses joined by
    "and"/、 that carry a question word ("Who is it for, and what does it give?")."""
    parts = [x for x in re.split(r"[？?]|、(?=[^、]*(?:何|どう|どの|誰|いつ))|,?\s+and\s+(?=what|how|who|when|why|which)", question) if x.strip()]
    return max(1, min(3, len(parts)))


def _group_heading(line: str) -> bool:
    """A roster's group heading is one short word on its own line (委員, オブザーバ)."""
    t = line.strip()
    return 0 < len(t) <= 10 and not re.search(r"\s", t)


# running text (本文), notes and titles, not the cells of a figure or table
_PROSE = re.compile(r"^(?:本文|注記)$|^表題")


def _prose(field: str) -> bool:
    return bool(_PROSE.search(field))
