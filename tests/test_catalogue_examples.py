"""A catalogue of things other than the schemes, named by examples the report uses
("every legal-person form (一般社団法人, 公益財団法人, …)"): where those words stand, in
the whole report. Real model, real index; the examples are our own."""

from __future__ import annotations

from assistant.japanese import compact


def _holding(assistant, *words: str) -> set[str]:
    parts = {sid for sid in assistant.sections if assistant.index.passages_of(sid) and not sid.isdigit()}
    text = {sid: compact("".join(p.text for p in assistant.index.passages_of(sid))) for sid in parts}
    return {sid for sid in parts if any(compact(w) in text[sid] for w in words)}


def test_an_english_catalogue_of_japanese_examples_lists_where_any_stands(assistant):
    ans = assistant.ask("Catalogue the Japanese foundations the report names (一般財団法人, 公益財団法人), with the organisations concerned.")
    assert ans.shape == "catalogue"
    listed = {c.section_id for c in ans.citations}
    # (「Japanese」 qualifies the foundations, not the schemes: the title page and the
    # financial entry hold them too)
    assert listed == _holding(assistant, "一般財団法人", "公益財団法人")
    assert {"表紙", "2.1.6"} <= listed


def test_a_word_named_with_its_compounds_as_examples_is_the_word(assistant):
    ans = assistant.ask("Which parts of the report contain the kanji 間 in any compound (期間, 民間 and so on)?")
    assert {c.section_id for c in ans.citations} == _holding(assistant, "間")


def test_examples_that_name_schemes_or_are_asked_of_each_are_no_words_to_look_for(assistant):
    composer = assistant.composer
    assert composer.catalogues_examples("Catalogue the foundations the report names (一般財団法人, 公益財団法人).")
    # the sector guidelines themselves (their entries' names), not where the words stand
    assert not composer.catalogues_examples("Catalogue the sector guidelines (医療分野, 金融分野).")
    # a kind asked of each entry: the catalogue's own rows
    assert not composer.catalogues_examples("国内の各項目は、それぞれどんな種類のもの（マーク、ガイドラインなど）として紹介されている？一覧にして。")
