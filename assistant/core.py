"""``Assistant``: the one API that the UI, the CLI and the eval runner call.

Load once (model, index, entity table), then ``ask`` many times. ``ask`` is
safe to call from several threads: it keeps no per-conversation state; the
caller passes the conversation's history.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path

from .abstain import AbstainConfig, Abstainer, asks_contents, says_any
from .abstain_text import no_content_text, related_text
from .answer import AnswerConfig, Answerer
from .answer_type import QUANTITIES, SUCCESSION, asks_founding_or_enactment, expected_type
from .bilingual import build_glossary
from .catalogue import CatalogueRecord, build_catalogue
from .compose import Composer, Shaped
from .conversation import Resolution, Turn, resolve, section_name
from .counted_members import asks_items_of_kind, asks_members_of_count
from .described import described_section
from .entities import build_entities, mentions_report, without_report_frame, without_report_source
from .entry_terms import EntryTerms
from .errors import AssistantError
from .expansions import asks_name_form
from .figures import pointed_figures
from .heading_lists import asks_of_headings
from .japanese import compact, is_mostly_english, katakana_runs, search_tokens
from .question_cues import (
    ASKS_CONTACT,
    STRUCTURE,
    asks_beyond_scope,
    asks_where_word,
    compared_sides,
    names_a_part,
    wants_members,
)
from .question_input import clean_question, turns_from_history
from .retrieve import CONFIGS, RetrievalConfig, Retriever
from .section_refs import asks_whole_section, referenced_sections, sections_holding_marks
from .sections_without import asks_sections_without
from .shape import Shape, compares, detect_shape
from .sweep import asked_kind, asks_which_sections, extreme_date
from .turn_cues import topic_is_condition
from .types import Answer, Passage, Section
from .walk import asks_to_walk

MAX_HISTORY_TURNS = 8
# a part of the report named by what it is (its introduction), times followup_boost: as a switch
PART_PREFER = 2.0
# shapes whose question need not name a section to be answerable
_SHAPES_WITHOUT_ENTITY = ("catalogue", "meta", "list")
# shapes whose answer is a set of sections chosen by rule, not by the ranking
_SET_SHAPES = ("catalogue", "list", "compare", "meta", "definition")


def _asks_one_detail(shape: Shape, q: str, r) -> bool:
    """Does the turn ask for one detail of one thing, which the report may not give (the
    answer-type check), rather than for a set of sections chosen by rule?"""
    if shape.kind not in _SET_SHAPES + ("list",):
        return True
    if shape.kind in ("enumeration", "list") and asks_items_of_kind(q) and len(set(r.entity_sections)) == 1:
        # 「具体的にどんな考慮事項が列挙されている？」 of one named thing, whose section may name the
        # kind and list none
        return True
    if shape.kind == "compare":
        # 「JAB経由とATO経由の比率は？」: two parts of one scheme
        return len(set(shape.entities)) == 1
    if shape.kind == "list":
        # "Name the 109 requirements of SP 800-171": the members of one count, which its section
        # may not name; "What penalties apply for violating X?": one named scheme's typed detail
        # (「いくつ紹介されてる？名前も全部」 is answered by listing them)
        return asks_members_of_count(q) or (len(set(r.entity_sections)) == 1 and expected_type(q) not in (None, "number", "count"))
    if shape.kind == "meta":
        # the front and back matter give dates, names and titles, and a roster is counted by
        # listing it; a quantity asked of them (「はじめにでは何パーセント増えたと？」) is checked
        # like any other detail, and so are a founding or a law's making, which the cover's date
        # is not, and a deputy, successor or new name, which a roster or a part names only in
        # words of its own (measured: checking every date and person abstained on the cover's
        # date and the committee's chair; every word type, on the report's parts about abroad)
        # (what an acronym stands for is checked wherever it is asked: the report spells out few;
        # so is a name's abbreviation, which a roster writes without)
        kind = expected_type(q)
        return (
            kind in QUANTITIES or kind in SUCCESSION or (kind == "date" and asks_founding_or_enactment(q))
            or asks_name_form(q)
        )
    # "What does OGCIO stand for?", "What is the maximum fine under X?" read as definitions
    # (and what a term is defined as, which the report may only name: 「「…」はどう定義されて」)
    return shape.kind == "definition" and bool(asks_name_form(q) or expected_type(q) is not None or asks_contents(q))


# a comparison the report makes, not one asked for: 「比較されることも多い」, "where is it compared"
_PASSIVE_COMPARED = re.compile(r"比較され\w*|\b(?:is|are|was|were|be|being|been)\s+(?:(?:it|they)\s+)?compared\b", re.I)


def _one_other(shaped: Shaped | None, q: str, res: Resolution) -> bool:
    """A follow-up whose topic is its condition (「それを要件に含めている認証制度は？」) is
    answered by the one other section that meets it: a list of one, not a lookup."""
    return shaped is not None and res.is_followup and topic_is_condition(q) and shaped.citations[0].section_id not in res.topic


def _own_names(shape: Shape) -> set[str]:
    """Sections the question names by their own name (heading or 名称), not by a term they use."""
    return {m.alias.section_id for m in shape.names if m.alias.kind in ("title", "name-title", "name")}


# a run of katakana long enough to be a name of several words
KATAKANA_NAME_CHARS = 6


class ConversationProbe:
    """The evidence ``conversation.resolve`` measures: a standalone search,
    and how well a section's sentences support it."""

    def __init__(self, retriever: Retriever, abstainer: Abstainer, english_report: bool, entries: frozenset[str] = frozenset()):
        self.retriever = retriever
        self.abstainer = abstainer
        self.english_report = english_report
        self.entries = entries  # the sections of the catalogue (a scheme each)

    def is_entry(self, section_id: str) -> bool:
        return section_id in self.entries

    def same_language(self, question: str) -> bool:
        return is_mostly_english(question) == self.english_report

    def search(self, query: str):
        return self.retriever.search(query)

    def support(self, section_id: str, retrieval) -> tuple[float, float]:
        return self.abstainer.support(section_id, retrieval)

    def words(self, text: str) -> list[str]:
        return self.retriever.glossary.bridge(text, search_tokens(text))

    def mentions(self, section_id: str, name: str) -> bool:
        words = set(search_tokens(name))
        return bool(words) and words <= self.abstainer.section_tokens(section_id)


class Assistant:
    def __init__(self, index, embedder, config: RetrievalConfig | None = None, answer_config=None):
        self.index = index
        self.embedder = embedder
        self.sections: dict[str, Section] = {s.id: s for s in index.sections}
        glossary = build_glossary(index.text_doc_freq, tuple(p.text for p in index.passages))
        self.entities = build_entities(index.sections, index.passages, glossary.english_name)
        self.retriever = Retriever(index, embedder, self.entities, config or CONFIGS["full"], glossary)
        self.answerer = Answerer(
            index, self.sections, index.text_doc_freq, index.n_docs, answer_config, self.entities
        )
        self.abstainer = Abstainer(index, self.sections, index.text_doc_freq, index.n_docs, self.entities, glossary)
        self.abstain_config = AbstainConfig()
        # whether a follow-up's words can be looked for in a section depends on the report's language
        english = is_mostly_english(" ".join(p.text for p in index.passages[:200]))
        self.records: list[CatalogueRecord] = build_catalogue(index.sections, index.passages_of)
        self.composer = Composer(index, self.sections, self.answerer, self.records, glossary)
        self.record_ids = {x.section_id for x in self.records}
        # each section's text as printed (a circled ④ survives here, not in the search tokens)
        self.raw_texts = {s.id: "\n".join(p.text for p in index.passages_of(s.id)) for s in index.sections}
        self.entry_terms = EntryTerms(self.sections, self.record_ids, self.abstainer.section_tokens, glossary)
        self.probe = ConversationProbe(self.retriever, self.abstainer, english, frozenset(self.record_ids))
        # the groups by label (国内) and by number (2.1): both name a group in a question
        self.group_labels = sorted({r.group for r in self.records}, key=len, reverse=True) + sorted({r.group_id for r in self.records})

    def _one_scheme(self, shape: Shape, question: str, res: Resolution, composer: Composer) -> str | None:
        """The one scheme a catalogue-like turn is about: the one it switches or returns to,
        else the only one its scope holds."""
        if res.kind in ("switch", "return") and len(res.topic) == 1 and res.topic[0] in self.record_ids:
            return res.topic[0]
        if res.kind == "continue":
            return None  # (measured: a continued topic's own title reads as the place; left as it was)
        records, _ = composer.lister.records_for(shape, question)
        return records[0].section_id if len(records) == 1 else None

    def _read(self, question: str) -> str:
        """A question (or a history turn) as the assistant reads it: without a "Does the report
        say …" frame, and an English name the report uses written in katakana with that name
        beside it (「クラウドセキュリティアライアンス（The Cloud Security Alliance）の…」), so that it
        names its section like the English spelling would."""
        question = without_report_frame(question)
        glossary = self.retriever.glossary
        for run in katakana_runs(question, KATAKANA_NAME_CHARS):
            if compact(run) in glossary.vocabulary or not (en := glossary.katakana_english(run)):
                continue
            if name := self.entities.english_name(en):
                question = question.replace(run, f"{run}（{name}）", 1)
        # ...and the name written out: "the Ministry of Internal Affairs and Communications" is 総務省
        for name, word in glossary.names_written_out(question):
            question = question.replace(name, f"{name}（{word}）", 1)
        # an English acronym of a name the report writes in Japanese: "MIC's guideline" is 総務省's
        for acronym in dict.fromkeys(re.findall(r"(?<![A-Za-z])[A-Z]{3,6}(?![A-Za-z（(])", question)):
            if word := glossary.word_for_acronym(acronym):
                question = re.sub(r"(?<![A-Za-z])" + acronym + r"(?![A-Za-z])", f"{acronym}（{word}）", question, count=1)
        return question

    @classmethod
    def load(
        cls,
        index_dir: str | Path | None = None,
        model: str | None = None,
        corpus: list[str] | None = None,
        rebuild: bool = True,
        config: RetrievalConfig | None = None,
        embedder=None,
    ) -> Assistant:
        """Load the model once and the index (built first if missing or stale)."""
        from .embed import Embedder
        from .index import ensure_index

        embedder = embedder or Embedder(model)
        index = ensure_index(
            Path(index_dir) if index_dir else None,
            corpus=[Path(c) for c in corpus] if corpus else None,
            model=model,
            rebuild=rebuild,
            embedder=embedder,
        )
        return cls(index, embedder, config)

    # ------------------------------------------------------------------ API

    def ask(
        self,
        question: str,
        history: list | None = None,
        k: int = 5,
        config: RetrievalConfig | str | None = None,
        answer_config: AnswerConfig | None = None,
    ) -> Answer:
        t0 = time.perf_counter()
        q, notices = clean_question(question)
        q = self._read(q)
        # topics older than a few turns are not returned to; resolving a long
        # bare-question history turn by turn would cost O(n^2) entity scans
        turns = turns_from_history(history)[-MAX_HISTORY_TURNS:]
        # a history given as bare questions is resolved turn by turn
        titles = {sid: sec.title for sid, sec in self.sections.items()}
        resolved: list[Turn] = []
        for t in turns:
            if not t.searched_query:
                t = replace(t, searched_query=resolve(self._read(t.question), resolved, self.entities, None, titles).searched_query)
            resolved.append(t)
        res = resolve(q, resolved, self.entities, self.probe if resolved else None, titles)
        read = res.question or q  # 「この報告書」 may be the topic's report, not this one
        retriever = self.retriever
        if config is not None:
            retriever = retriever.with_config(CONFIGS[config] if isinstance(config, str) else config)
        t1 = time.perf_counter()
        if res.retrieval is not None and retriever is self.retriever:
            r = res.retrieval  # measured while resolving: the same query, nothing preferred
        else:
            r = retriever.search(res.searched_query, prefer=res.prefer or None)
        # the figure a turn points at, read off the turn as asked (a follow-up's searched words may
        # have lost 「同じ図」); else a section it names by number (「2.3.5節には何が書いてある？」)
        # ("the column that refers to 2.1.3 to 2.1.6" is the figure's)
        figures_asked = pointed_figures(read, self.retriever.figures)
        pointed = [] if figures_asked else referenced_sections(read, self.retriever.numbered)
        parts = self.composer.front.named_parts(read) if not figures_asked and not pointed else set()
        if parts and r.sections and r.sections[0][0] not in parts:
            # 「はじめにでは…」, "Same opening pages: …": the part of the report named by what it is
            # is where to look, as a section named by its number is
            # (the same query again: its vectors are reused, not encoded a second time)
            prefer = {**(res.prefer or {}), **{sid: PART_PREFER for sid in parts}}
            r = retriever.search(res.searched_query, prefer=prefer, qvec=r.qvec, bridged_vec=r.bridged_vec)
        marked = sections_holding_marks(read, self.raw_texts) if not parts and not pointed and not figures_asked else set()
        if marked and r.sections and r.sections[0][0] not in marked:
            # "Among the four documents …, what is document ④ for?": the list that numbers it so
            prefer = {**(res.prefer or {}), **{sid: PART_PREFER for sid in marked}}
            r = retriever.search(res.searched_query, prefer=prefer, qvec=r.qvec, bridged_vec=r.bridged_vec)
        t2 = time.perf_counter()

        answerer = self.answerer
        composer = self.composer
        if answer_config is not None:
            answerer = Answerer(
                self.index, self.sections, answerer.doc_freq, answerer.n_docs, answer_config, self.entities
            )
            composer = Composer(self.index, self.sections, answerer, self.records, self.retriever.glossary)
        ranked = tuple(sid for sid, _ in r.sections[: max(1, k)])
        shape = detect_shape(
            res.searched_query if res.is_followup else q, self.entities, self.group_labels, asked=q, entry_terms=self.entry_terms.held_by
        )
        if shape.kind == "list" and res.kind in ("continue", "return") and not self.entities.find(q) and not topic_is_condition(q):
            # "最初の制度に戻って、ベースの規格は？": the topic is what is asked about, not a
            # condition on other sections (the searched words alone read like a list)
            shape = replace(shape, kind="enumeration" if wants_members(q) else "lookup")
        if shape.kind == "catalogue" and asks_beyond_scope(q) and (sid := self._one_scheme(shape, q, res, composer)):
            # "The safety standards for Japanese banks: what kind of entity…?", 「シンガポールのクラウド規格では…」:
            # the one scheme a turn moves to, or its place's only one, is asked something of
            shape = replace(shape, kind="enumeration" if wants_members(q) else "lookup", entities=(sid,))
            r = r.focused_on(sid)
        # (「…, according to the report」 says where to look, not that the turn is about the report)
        # (a report the turn was read as the topic's own, SOC2's 保証報告書, is not this one)
        speaks_of_report = res.question is None and mentions_report(without_report_source(read))
        if shape.kind == "meta" and res.kind in ("switch", "return", "continue") and set(res.topic) & self.record_ids and not speaks_of_report and not names_a_part(read):
            # "For the banking sector's standards, when was the latest edition published?": the turn
            # is on a scheme, and asks who published or dated it, not the report ("the published
            # mapping" of the scheme in hand is the scheme's)
            shape = replace(shape, kind="lookup")
        elif shape.kind == "meta" and not speaks_of_report and ranked and set(ranked[:3]) <= self.record_ids:
            # "Which office acts as secretariat to the cybersecurity strategy headquarters?": a word
            # of the report's own parts (secretariat), but only entries hold what is asked
            shape = replace(shape, kind="lookup")
        elif shape.kind in ("lookup", "enumeration") and shape.entities and not set(shape.entities) & self.record_ids and composer.about_report(read):
            # 「本書の構成」 names the report's own section by its title: a question about the report
            shape = replace(shape, kind="meta")
        elif res.kind == "continue" and shape.kind in ("lookup", "enumeration") and composer.about_report(read):
            # after a turn about the report itself (its purpose, structure…), 「結論は？」 or
            # 「誰が出したもの？」 asks for more of the report, not more of that section
            if not set(res.topic) & self.record_ids or speaks_of_report:
                shape = replace(shape, kind="meta")
        if shape.kind not in ("compare", "chat") and len(set(shape.entities)) < 2 and (sides := compared_sides(read)):
            # "the US federal cloud programme versus the Australian one": each side is the scheme
            # its description alone finds, when the two differ
            found = [described_section(side, self.probe) for side in sides]
            if all(sid is not None and self.probe.is_entry(sid) for sid in found) and found[0] != found[1]:
                shape = replace(shape, kind="compare", entities=(found[0], found[1]), names=())
        if shape.kind not in ("compare", "chat") and len(set(shape.entities)) < 2 and compares(read) and (
            pair := composer.standards_compared(read, self.entities)
        ):
            # two numbered standards set side by side, one of them without an entry of its own
            shape = replace(shape, kind="compare", entities=pair, names=())
        if shape.kind not in ("compare", "chat") and compares(_PASSIVE_COMPARED.sub(" ", read)):
            # "Compare how the introduction and the NIS entry deal with …": a part of the report
            # and an entry, side by side (not 「おわりにでは27017が…と比較されている」: what the part says);
            # "Compare the introduction with the conclusion", 「表紙の題名と本書の構成の節とを比べると」:
            # two parts of the report (a part named by its whole title too: 「ISMS 専門部会の顔ぶれ」)
            sides, entries = self._parts_named(read, parts, composer), self._entries_named(read)
            if len(sides) == 1 and len(entries) == 1:
                shape = replace(shape, kind="compare", entities=(sides[0], entries[0]), names=())
            elif len(sides) == 2 and not entries and not ASKS_CONTACT.search(read):
                # (the contact block is a part no title names: 「表紙、おわりにの署名、巻末の連絡先で」 is three)
                shape = replace(shape, kind="compare", entities=sides, names=())
        if len(pointed) == 1 and shape.kind in ("lookup", "meta", "enumeration", "definition"):
            # one section named by number answers from its own text (a meta question about it too)
            sid = pointed[0]
            r = r.focused_on(sid)
            if asks_whole_section(read) and sid in self.record_ids:
                shape = replace(shape, kind="definition", entities=(sid,), names=(), subject="")
            elif shape.kind == "meta":
                shape = replace(shape, kind="lookup")
        on_front_matter = res.kind == "continue" and bool(res.topic) and not set(res.topic) & self.record_ids
        table = None
        shaped: Shaped | None = None
        reason: str | None = None
        about: str | None = None
        related_cites: tuple = ()
        if shape.kind == "chat":
            shaped = Shaped([], self._chat_reply(q))
            abstain = False
        else:
            ev = self.abstainer.evidence(r)
            if res.description:
                # a description found its scheme: a place or word in it that the report never
                # uses (「霞が関の府省庁が守る基準」) describes, it does not name something unknown
                ev = replace(ev, unknown_names=tuple(n for n in ev.unknown_names if compact(n) not in compact(res.description)))
            # "list every date in the domestic entries": every value of a kind, where it stands
            # (things compared, "BSI in C5 and in MTCS: the same body?", are compared, not swept)
            swept = asked_kind(q) if shape.kind != "definition" and not (shape.kind == "compare" and compares(q)) else None
            # (the first or last date of the whole report: of a scheme named, its own sentences say)
            extreme = extreme_date(q) if not shape.entities else None
            has_entity = (
                bool(r.entity_sections) or bool(pointed) or shape.kind in _SHAPES_WITHOUT_ENTITY or swept is not None or extreme is not None
            )
            if answerer.config.abstain:
                reason = self.abstainer.reason(ev, has_entity, self.abstain_config)
                if shape.kind == "meta" and reason == "unknown_words" and (composer.about_report(read) or on_front_matter):
                    # a word for one of the report's own parts that it does not use itself (想定読者);
                    # or the conversation goes on about a front-matter section in other words
                    # (the detail asked of that part is still checked: 副主査 on the roster)
                    reason = None
                if reason is None and swept is None and _asks_one_detail(shape, q, r):
                    # (a section the turn has just left, preferred down, is not what it names)
                    named = set(r.entity_sections) | {sid for sid, w in res.prefer.items() if w > 0} | parts
                    # (which sentences could give the value is judged by the question as asked: measured,
                    # the bridged vector's pool lost absent aspects on three probe sets)
                    ra = replace(r, bridged_vec=None)
                    pool = [(c.passage.section_id, c.text, c.score - c.bonus, c.passage.field) for c in answerer.candidates(ra)]
                    # ("FedRAMPは？" after a turn on C5's validity asks FedRAMP's: a switch that asks
                    # nothing of its own is searched with the last turn's aspect, whose type it carries)
                    carried = res.kind == "switch" and expected_type(q) is None and expected_type(res.searched_query) is not None
                    about = self.abstainer.absent_aspect(res.searched_query if carried else q, ra, named, self.abstain_config, pool)
                    reason = "absent_aspect" if about else None
            elif ev.unknown_names:
                reason = "unknown_name"
            if shape.kind == "catalogue":
                # answered from the records: a region the report never spells out (アジア太平洋) is no unknown name
                reason = None
            if shape.kind not in ("definition", "compare") and asks_of_headings(q) and (by_headings := composer.by_headings(q)):
                # 「見出しに「本部」を含む節はどれ？」: a list by the sections' headings, not their text
                # (and no detail of a scheme: 「本部」の所在地 is in the heading asked about)
                shaped, reason = by_headings, None
                shape = replace(shape, kind="list") if shape.kind == "lookup" else shape
            abstain = reason is not None
            figures = figures_asked if not abstain else []
            if not abstain and shaped is None and (walked := composer.walk_through(shape, q)) is not None:
                # "walk through the EU-SEC entry in the order it gives it": the entry, read through
                # (a part holding a figure, read through, holds the figure's cells in their place)
                shaped, shape = walked, replace(shape, kind="enumeration")
            if figures and shaped is None and shape.kind not in ("compare", "definition") and r.sections and r.sections[0][0] in {f.section_id for f in figures}:
                # 「図1-1の国内の欄には…」: read off the figure's cells, whatever the shape (a list
                # from one figure is its members, as a list of one section is)
                shaped = composer.figure(figures, r, q)
                if shaped is not None and shape.kind == "list":
                    shape = replace(shape, kind="enumeration")
            if not abstain and shaped is None and swept is None and extreme is not None:
                # 「本書に出てくる年のうち、いちばん古いもの」: the sentence that gives that year
                shaped = composer.extreme_date(q, extreme)
                if shaped is not None:
                    shape = replace(shape, kind="meta")
            if not abstain and shaped is None and swept is not None:
                shaped = composer.sweep(shape, q, swept)
                if shaped is not None:
                    shape = replace(shape, kind="list" if asks_which_sections(q) else "catalogue")
            if not abstain and shaped is None:
                shaped = self._shaped(shape, r, q, answerer, composer)
                if (
                    shape.kind == "meta" and shaped is not None and asks_to_walk(q) and not STRUCTURE.search(q)
                    and len({c.section_id for c in shaped.citations}) == 1
                ):
                    # 「おわりにを段落ごとに」: one part of the report read through is an enumeration,
                    # as an entry read through is ("walk me through how the report is organised" asks
                    # about the report)
                    shape = replace(shape, kind="enumeration")
                few = shaped is None or len({c.section_id for c in shaped.citations}) <= 1
                # (the places a word stands, or the sections without a condition, are the answer,
                # one place or several)
                places = shaped is not None and (asks_where_word(q) or asks_sections_without(q))
                if shape.kind == "list" and few and not _one_other(shaped, q, res) and not places:
                    # a list of one section is answered like a lookup; when that section is the
                    # thing the question names, the question wanted its members
                    own = shaped is None or shaped.citations[0].section_id in _own_names(shape)
                    shaped = None
                    if own:
                        # ("Which ISO/IEC standard does the entry name among them?" asks one thing of it)
                        shape = replace(shape, kind="enumeration" if wants_members(q) else "lookup")
                        shaped = composer.parts_of(shape, r, q) if shape.kind == "enumeration" else None
        if shaped is None and not abstain:
            chosen = answerer.select(r)
            cites_l = [answerer.citation(c) for c in chosen]
            if shape.kind in ("enumeration", "list"):
                # a list question that names no condition often wants the members of one thing
                cites_l = composer.best_enumeration(cites_l, r)
            if shape.kind == "lookup":
                cites_l = composer.marked_items(q, composer.issuer_first(q, cites_l))
            cites_l = answerer.with_footnotes(composer.expand_list(cites_l), q)
            if cites_l:
                shaped = Shaped(cites_l, composer.frame(q, [composer.line(c) for c in cites_l]))
        if shaped is not None and shaped.table is not None and not shaped.citations:
            # a comparison on an aspect that none of its entities' sections mention
            abstain, reason = True, "absent_aspect"
            cites = ()
            table = shaped.table
            related = ranked[:3]
            text = answerer.abstention(q, []) + "\n" + shaped.text
        elif shaped is None or (not shaped.citations and shape.kind not in ("chat", "catalogue")):
            abstain = True
            reason = reason or "no_sentence"
            cites: tuple = ()
            related = ranked[:3]
            text, related_cites = self._abstention(q, r, reason, about, list(related))
        else:
            abstain = False
            cites = tuple(shaped.citations)
            table = shaped.table
            cited = {c.section_id for c in cites}
            related = tuple(s for s in ranked if s not in cited)[:3] if shape.kind != "chat" else ()
            text = shaped.text
            if shape.kind in _SET_SHAPES and cites:
                # the sections this answer is made of are what it ranks first
                own = list(dict.fromkeys(c.section_id for c in cites))
                if shape.kind in ("list", "catalogue"):
                    # a list or catalogue reads in the report's order, but what ranks first is what retrieval put first
                    order = {sid: i for i, (sid, _) in enumerate(r.sections)}
                    own.sort(key=lambda sid: order.get(sid, len(order)))
                ranked = tuple(own + [s for s in ranked if s not in own])
        t3 = time.perf_counter()
        return Answer(
            question=q,
            searched_query=res.searched_query,
            answer=text,
            abstained=abstain,
            citations=cites,
            ranked_sections=ranked,
            timings_ms={
                "resolve": (t1 - t0) * 1000,
                "retrieve": (t2 - t1) * 1000,
                "answer": (t3 - t2) * 1000,
                "total": (t3 - t0) * 1000,
            },
            notices=tuple(notices),
            related=tuple(related),
            shape=shape.kind,
            table=table,
            resolution=res.explain() if resolved else {},  # a first turn resolves nothing
            reason=reason if abstain else None,
            related_citations=related_cites,
        )

    def _abstention(self, q: str, r, reason: str, about: str | None, related: list[str]) -> tuple[str, tuple]:
        """The abstention's text and, for an absent aspect, the nearest text
        of the section asked about, quoted as related (not as the answer)."""
        english = is_mostly_english(q)
        if reason == "no_content":
            return no_content_text(english), ()
        if reason != "absent_aspect" or about is None:
            return self.answerer.abstention(q, related), ()
        aliases = self.abstainer.named_in(r.query, about)
        # a term the question names within the section ("SP 800-144" among NIST's documents):
        # the nearest text is what the report says of it, where it says anything
        terms = [a.name for a in aliases if a.kind == "term"]
        own = [c for c in self.answerer.candidates(r) if c.passage.section_id == about]
        if not own and r.hits_for(about):
            # the scheme named ranks below others for the question's words: its own best sentence
            own = self.answerer.candidates(replace(r, hits=r.hits_for(about), sections=[(about, 1.0)]))
        near = sorted(own, key=lambda c: not says_any(terms, c.passage.field, c.text))[:1]
        cites = tuple(self.answerer.citation(c) for c in near)
        name = aliases[0].name if aliases else section_name(about, self.entities)
        return related_text(english, name, [f"{c.text}{self.answerer.label(c)}" for c in cites]), cites

    def _shaped(self, shape: Shape, r, q: str, answerer: Answerer, composer: Composer) -> Shaped | None:
        """The answer for a non-lookup shape, or None to fall back to a lookup."""
        if shape.kind == "definition":
            return composer.definition(shape, r, q)
        if shape.kind == "list":
            # a follow-up's condition may be its topic (「それを要件に含めている制度は？」): the
            # resolved query names it, the question only points at it
            return composer.across(shape, r, r.query if r.query != q and topic_is_condition(q) else q)
        if shape.kind == "compare":
            return composer.compare(shape, r, q)
        if shape.kind == "catalogue":
            # "Catalogue every legal-person form (一般社団法人, 独立行政法人, …)": the report's words
            # given as examples are what is catalogued, wherever they stand
            if composer.catalogues_examples(q) and (found := composer.across(shape, r, q)):
                return found
            return composer.catalogue(shape, q)
        if shape.kind == "meta":
            return composer.meta(r, q)
        if shape.kind == "enumeration":
            return composer.parts_of(shape, r, q)
        return None

    def _parts_named(self, q: str, parts: set[str], composer: Composer) -> tuple[str, ...]:
        """The report's own parts a question names, by what they are (``parts``) or by their
        whole title (「本書の構成」), in the order the report has them."""
        named = parts | set(composer.titled_parts(q))
        return tuple(sid for sid in self.sections if sid in named)

    def _entries_named(self, q: str) -> list[str]:
        """The catalogue entries a question names (not places), in order."""
        found = [m.alias.section_id for m in self.entities.find(q) if m.alias.kind != "place"]
        return [sid for sid in dict.fromkeys(found) if sid in self.record_ids]

    def _chat_reply(self, q: str) -> str:
        """What the assistant does, with two example questions taken from this corpus."""
        title = self.sections[next(iter(self.sections))].title if self.sections else ""
        first = self.records[0].short_name if self.records else ""
        group = self.records[-1].group if self.records else ""
        if is_mostly_english(q):
            ex = [f"What is {first}?" if first else "What is this report about?", f"List the {group} schemes" if group else ""]
            return (
                f"I answer questions about the report 「{title}」 with its own sentences, each cited to its section. "
                "Try: " + " / ".join(e for e in ex if e)
            )
        ex = [f"「{first}とは？」" if first else "「この報告書の目的は？」", f"「{group}の制度を一覧で」" if group else ""]
        return f"この報告書（{title}）の内容について、本文の文を引用し節を示して答えます。例: " + " ".join(e for e in ex if e)

    # ------------------------------------------------------------------ reading

    def catalogue(self, group: str | None = None) -> list[CatalogueRecord]:
        """The report's schemes/standards, one record each, in report order;
        ``group`` filters by group id ("2.3") or label ("諸外国")."""
        if not group:
            return list(self.records)
        g = compact(group)
        return [r for r in self.records if g in (compact(r.group_id), compact(r.group))]

    def outline(self) -> list[Section]:
        return list(self.index.sections)

    def section(self, section_id: str) -> Section:
        try:
            return self.sections[section_id]
        except KeyError:
            raise AssistantError(f"no section {section_id!r} in this corpus") from None

    def section_passages(self, section_id: str) -> list[Passage]:
        self.section(section_id)
        return list(self.index.passages_of(section_id))
