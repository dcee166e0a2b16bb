"""Answers shaped like the question (real model, real index): definitions,
enumerations, lists across sections, comparisons, the catalogue, the report
itself, small talk — every line still the report's own text, cited."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from assistant.across import LIST_SENTENCES
from assistant.catalogue import match_group
from assistant.japanese import compact
from assistant.shape import detect_shape


def _quoted(ans) -> str:
    return compact(ans.answer + " ".join(c.text for c in ans.citations))


@pytest.mark.parametrize(
    "question, shape",
    [
        ("C5の監査基準は？", "lookup"),
        ("What is C5?", "definition"),
        ("ISO/IEC 27036-4とは", "definition"),
        ("統一基準群を構成している文書を教えてください", "enumeration"),
        ("Which levels does MTCS have?", "enumeration"),
        ("ISO/IEC 27001を参照している制度は？", "list"),
        ("Which schemes reference ISO/IEC 27018?", "list"),
        ("G-CloudとFedRAMPの対象の違いは？", "compare"),
        ("Compare FedRAMP and C5 on who they target", "compare"),
        ("欧州の制度を一覧で", "catalogue"),
        ("How many schemes does the report cover?", "catalogue"),
        ("この報告書の正式な題名は？", "meta"),
        ("Who published this report?", "meta"),
        ("What is the title of the report?", "meta"),
        # another document's title is asked of the section that names it
        ("In the medical guidelines entry, what is the full title of the METI reference guideline?", "lookup"),
        ("こんにちは", "chat"),
        ("thank you!", "chat"),
        ("C5とはそもそもどういう制度ですか", "definition"),
        # the report named as where to look, and what to cover said after the request
        ("本書の記述に沿って、C5とはどんな制度かを定義して。何を目的に、誰が作ったかまで含めて。", "definition"),
        ("国の機関がつくったガイドラインはどれ？", "catalogue"),  # an issuer kind with a plain verb
        ("国内でCSマークを取得している企業は全部でいくつ？", "lookup"),  # counts companies, not schemes
        ("委託先の選定でISO 27001は挙げられている？", "lookup"),  # a yes/no question, not a list
        ("MTCSってざっくり言うと何？", "definition"),
        ("Who assesses providers under IRAP and MTCS, respectively?", "compare"),
        # "NIS Directive" is the initials of the 名称 row's English name plus its last word
        ("Compare the NIS Directive and G-Cloud on their scope", "compare"),
        # a bare standard number names the standard
        ("27017と27018の違いは？", "compare"),
        # several names can be the condition of a list that opens on the kind it wants
        ("Which of the schemes are based on ISO/IEC 27001 or ISAE 3000?", "list"),
        ("Which parts of the report discuss supply chains?", "list"),
        ("経済産業省が関係している項目はどこ？", "list"),
        ("データの暗号化について書かれている制度・ガイドラインは？", "list"),
        # how the report was made, and its chapters, are about the report itself
        ("どうやって調査したの？", "meta"),
        ("What was the research method?", "meta"),
        ("What does chapter 2 cover?", "meta"),
        # asking whether any exist, or where, is asking which
        ("ISO/IEC 27017を参照しているものはありますか？", "list"),
        ("Are there any schemes that use ISAE 3000?", "list"),
        ("Where does the report mention HIPAA?", "list"),
        ("NISTのフレームワークを推奨しているところは？", "list"),
        ("ISO/IEC 27002と関係があるガイドラインは", "list"),
        ("CSマークに有効期間はありますか？", "lookup"),  # a yes/no about one scheme
        # levels as a condition on schemes, not the members of one scheme
        ("Which schemes have three levels?", "list"),
        ("3段階のレベルがある制度は？", "list"),
        # what a term means, asked in other words
        ("3PAOって何のこと？", "definition"),
        ("JABとはどういう組織？", "definition"),
        ("ISMS-ACってどんな団体？", "definition"),
        ("What does 3PAO stand for?", "definition"),
        ("What is the target of C5?", "lookup"),  # an aspect of a scheme, not a term
        ("CSA STAR認証とECE StarAuditとで、ISMSの位置づけはどう違う？", "compare"),
        ("ISO/IEC 27036 シリーズには他にどんなパートがある？", "enumeration"),
        ("段階が分かれている規格って、どれとどれ？", "list"),
        # several kinds of thing asked for at once
        ("個人情報の保護を求めている制度・ガイドラインを教えてください", "list"),
        ("この報告書のどこでPCI DSSが出てくる？", "list"),  # where, not the report itself
        # a group by its quoted label, each of its members, or its stated number
        ("「国内」として挙げられている制度を全部", "catalogue"),
        ("国際的な制度それぞれの運営主体は？", "catalogue"),
        ("諸外国の制度6件について発行者を整理して", "catalogue"),
        ("米国の研究所の枠組みにある5つの機能は？", "enumeration"),  # members of one thing
        # what the report concludes, and its caveats
        ("この報告書の結論は？", "meta"),
        ("何が分かったとまとめている？", "meta"),
        ("What are the findings of this JIPDEC report?", "meta"),
        ("What does the SOC report contain?", "lookup"),  # "the SOC report" is SOC's, not this one
        # a yes or no question may open with a phrase of scope: not the catalogue of Japan's schemes
        ("Under Japan's unified government standards, is a ministry required to encrypt its data?", "lookup"),
        # 「って、要するに何のこと？」 asks what a term means
        ("FedRAMPの説明にある「3PAO」って、要するに何のこと？", "definition"),
        # a phrase of scope before the question sets no condition on other sections
        ("In the HIPAA reference note of the healthcare guidelines section, what programme was introduced?", "lookup"),
        # 「報告書のどの部分」 asks which parts of the report: every one that fits
        ("Society 5.0 という言葉が出てくるのは報告書のどの部分？", "list"),
        # a group's heading in quotes names the group; 「何が入って」 asks what it holds
        ("「クラウドに関連する規格・ガイド等」には何が入っていますか", "catalogue"),
        # a number of things by name, or each of them spelled out: the members of one thing
        ("Which two routes does CSA STAR level 2 offer?", "enumeration"),
        # a yes or no about things counted asks whether, not which
        ("MTCSの3つのレベルは、ISO/IEC 27001認証の代わりになるものなの？", "lookup"),
        # a definition in kana (ひとことで) or of a term with the asker's acronym beside it
        ("「CSマーク」って、ひとことで言うとどんな制度？", "definition"),
        ("トラストサービス規準（TSC）とは、どのようなものですか。", "definition"),
        ("What must a G-Cloud supplier submit when it applies? Spell out each item.", "enumeration"),
        # one kind asked for is a lookup; kinds, or the elements a thing is made of, are members
        ("What kind of organisation runs the CS mark?", "lookup"),
        ("What kinds of operators does the NIS Directive cover?", "enumeration"),
        ("ISO/IEC 27017は具体的にどんな要素から成る？全部教えて。", "enumeration"),
        # two names of one scheme (its issuer and its title) are no comparison because of "each"
        ("Which documents did BSI base C5 on? Give each one.", "enumeration"),
        # a part of the report named as such is asked about, a scheme named with it or not
        ("How does the conclusion describe ISO/IEC 27001?", "meta"),
        ("おわりにではISO/IEC 20000をどう扱っている？", "meta"),
        ("この報告書が勧めている規格はどれ？", "meta"),
        ("JIPDECの電話番号は？", "meta"),
        # the parts of the report are what is asked for, whatever they name (companies)
        ("Which parts of the report name private companies, such as audit firms? List each part.", "list"),
        # a request for brevity after "Xとは何か", or "the way the report does", still asks what X is
        ("SOC2とは何か、ひとことで説明して。", "definition"),
        ("Define FedRAMP the way the report does.", "definition"),
        # "what three X" asks for the members as "which three X" does; "which entries" for sections
        ("What two weaknesses does the SOC2+ passage name?", "enumeration"),
        ("Which chapter-2 entries mention supply chains?", "list"),
        # a choice among the members of a thing that is no scheme (留意点) is made in one section
        ("本書の主旨の節では、クラウド利用時の留意点のうち、どれに重点を置くとしている？", "lookup"),
        # ...and among schemes it is a list
        ("第2章で紹介されている制度・ガイドラインのうち、経済産業省の文書に触れているのはどれ？", "list"),
        # "for each scheme in chapter 2 that …" asks for the schemes that meet a condition
        ("For each scheme in chapter 2 that gives providers a mark to display, what is the mark called?", "list"),
        ("For each standard that the SOC2 section names, what does it cover?", "list"),
        # the other ways people ask what a thing is: its definition, its meaning, in a word
        ("JABの定義は？", "definition"),
        ("JABの意味を教えて", "definition"),
        ("FedRAMPについて簡単に説明して", "definition"),
        ("What is meant by JAB?", "definition"),
        ("What is the definition of a 3PAO?", "definition"),
        ("Briefly, what is FedRAMP?", "definition"),
        ("According to the report, what is JAB?", "definition"),
        # a scheme under which something holds is what is asked about, not a condition on others
        ("C5では、クラウド事業者がどんな文書を用意するのか挙げてください", "enumeration"),
        ("Under the NIS Directive, list the duties a cloud provider takes on.", "enumeration"),
        # a term in quotes is a term, a name inside it or not; 「Xを…定義して」 asks what X is
        ("「FedRAMP Security Controls Baseline」とは何？", "definition"),
        ("「適用対象主体（CE）」を本書の記述に沿って定義して", "definition"),
        # the sub-questions it should answer may follow (「…のかまで。」, "…: who, what, how")
        ("C5とは何か、本書の説明に沿って定義してください。誰が作り、何を求め、どの規格を参照するのかまで。", "definition"),
        ("Define the FedRAMP Security Controls Baseline as the FedRAMP entry presents it: who sets it and how many levels it has.", "definition"),
        # (a word of a name, "List", asks for no list; 「と定義している」 asks what a text defines, not to define)
        ("Define the Certified Cloud Services List as the IRAP entry presents it.", "definition"),
        # "as the entry uses it" says where, like "as the entry presents it"; what to cover may
        # come before 「定義してください」 (「…とは何を指し、…どうなるのか、定義して」)
        ("Define continuous auditing as the CSA STAR entry uses it.", "definition"),
        # where a word stands is a list of places, whatever group or language the question names
        # ("a standard's Japanese title" is no Japanese scheme; "the standards in 2.4" no catalogue)
        ("Which sections contain the word 情報技術, whether inside a standard's Japanese title or elsewhere?", "list"),
        ("List every section whose text contains the English word Security, the standards in 2.4 aside.", "list"),
        ("C5の項でいう「基本基準」とは何を指し、誰が満たすものなのか、定義してください。", "definition"),
        ("Define a digital service provider as the NIS entry uses the term: which services count.", "definition"),
        # a name as the headline is what is asked about, not a condition on other sections
        ("C5: besides the guidelines covered in this report, which other sources does the report say the catalogue includes?", "lookup"),
        # "What is certified under X" asks something of X in the passive, not what X is
        ("What is certified under the CS mark, and by whom is it audited?", "lookup"),
        ("What is SOC2?", "definition"),
        ("FedRAMPでいう「3PAO」とは何か、誰がどの規格に従って認定するのか、FedRAMPの審査で何を評価するのか、その結果を誰に渡すのかを含めて定義してください。", "definition"),
        # one member chosen among a counted few is a lookup; the members themselves an enumeration
        ("CSA STARの3つのレベルのうち、自己評価にあたるのはどれ？", "lookup"),
        ("Of the three STAR levels, which one is the self-assessment?", "lookup"),
        ("CSA STARの3つのレベルを全部挙げて", "enumeration"),
        # places listed, each with its own, are a catalogue's scope; set side by side, a comparison
        ("Catalogue every organisation from Singapore or Australia, with the part each plays.", "catalogue"),
        ("英国とドイツの制度を比べて", "compare"),
        # …whichever noun the choice names ("which level is", "which standard has")
        ("Of the six domains of the StarAudit catalogue, which domain is about data centres?", "lookup"),
        # spelling out an abbreviation asks for one name, not for members
        ("Spell out in English the abbreviation JAB used in the FedRAMP entry.", "lookup"),
        ("Spell out each of the three STAR levels.", "enumeration"),
    ],
)
def test_shape_detection_japanese_and_english(assistant, question, shape):
    assert detect_shape(question, assistant.entities, assistant.group_labels).kind == shape


def test_enumeration_quotes_the_items_not_only_the_announcement(assistant):
    ans = assistant.ask("統一基準群を構成している文書を教えてください")
    assert ans.shape == "enumeration" and not ans.abstained
    text = _quoted(ans)
    for item in ("統一規範", "運用等に関する指針", "統一基準（平成30年度版）", "対策基準策定のためのガイドライン"):
        assert compact(item) in text, item
    assert not ans.citations[-1].text.endswith("構成される。")  # never ends on the promise


def test_enumeration_with_a_count_stops_at_the_count(assistant):
    ans = assistant.ask("What levels does the CSA STAR program have?")
    levels = [c.text for c in ans.citations if "レベル" in c.text and c.text.startswith("◇")]
    assert len(levels) == 3 and "連続監視" in levels[-1]


def test_list_across_sections_by_identifier(assistant):
    ans = assistant.ask("ISO/IEC 27017を参照している制度は？")
    assert ans.shape == "list"
    cited = list(dict.fromkeys(c.section_id for c in ans.citations))
    assert len(cited) >= 6
    assert {"2.1.1", "2.1.2", "2.2.1", "2.3.4"} <= set(cited)
    # one line per section, then at most one more sentence of it
    lines = [ln for ln in ans.answer.splitlines() if ln.startswith("- ")]
    assert len(lines) == len(cited)
    assert all(n <= LIST_SENTENCES for n in Counter(c.section_id for c in ans.citations).values())
    assert "2.4.1" not in cited  # the standard's own section does not "reference" it
    for c in ans.citations:
        assert "270" in c.text  # each line is the sentence that shows it
    order = [s.id for s in assistant.outline()]
    assert cited == sorted(cited, key=order.index)  # in the report's order


def test_compare_table_one_row_per_entity_cited_from_its_own_section(assistant):
    ans = assistant.ask("G-CloudとFedRAMPの対象の違いは？")
    assert ans.shape == "compare" and ans.table is not None
    rows = ans.table.rows
    assert len(rows) == 2
    own = {"G-Cloud": "2.3.2", "FedRAMP": "2.3.1"}
    for row in rows:
        name, cell = row[0].text, row[1]
        sid = next(v for k, v in own.items() if k in name)
        assert cell.citation is not None and cell.citation.section_id == sid
        assert cell.citation.field.startswith("対象")
    assert not ans.answer.startswith("From the report")  # Japanese question, Japanese framing
    obj = ans.to_json()
    assert obj["table"]["rows"][0][1]["citation"]["section_id"] in ("2.3.1", "2.3.2")


def test_compare_marks_an_aspect_a_section_lacks(assistant):
    ans = assistant.ask("CSマークとC5の有効期間の違いは？")
    assert ans.shape == "compare" and ans.table is not None and not ans.abstained
    cells = {r[0].text: r[1] for r in ans.table.rows}
    cs = next(c for k, c in cells.items() if "CS" in k)
    c5 = next(c for k, c in cells.items() if "C5" in k)
    assert cs.citation is not None and "3 年 6 か月" in cs.text
    assert c5.absent and c5.text == "記載なし" and c5.citation is None
    # neither section says it: the answer is "not stated", not a neighbouring sentence
    none = assistant.ask("C5とISO/IEC 27036-4の有効期間の違いは？")
    assert none.abstained and none.citations == ()
    assert all(r[1].absent for r in none.table.rows)


def test_catalogue_by_region_is_cited_record_by_record(assistant):
    ans = assistant.ask("欧州の制度を一覧で")
    assert ans.shape == "catalogue" and not ans.abstained
    assert list(dict.fromkeys(c.section_id for c in ans.citations)) == ["2.2.2", "2.2.3", "2.3.2", "2.3.3", "2.3.4"]
    assert "5件" in ans.answer
    asia = assistant.ask("アジア太平洋地域の制度は？")
    assert not asia.abstained and {c.section_id for c in asia.citations} == {"2.3.5", "2.3.6"}


def test_catalogue_over_several_regions_counts_each(assistant):
    ans = assistant.ask("欧州とアジアの制度は？")
    assert ans.shape == "catalogue" and not ans.abstained
    assert "欧州 5件、アジア太平洋 2件" in ans.answer
    assert list(dict.fromkeys(c.section_id for c in ans.citations)) == ["2.2.2", "2.2.3", "2.3.2", "2.3.3", "2.3.4", "2.3.5", "2.3.6"]
    en = assistant.ask("Which international and foreign schemes come from the Americas, and which from Asia-Pacific?")
    assert en.shape == "catalogue" and {c.section_id for c in en.citations} == {"2.2.1", "2.3.1", "2.3.5", "2.3.6"}


def test_regions_and_groups_named_are_all_read():
    from assistant.question_cues import group_words
    from assistant.regions import regions_named

    assert regions_named("how many are European, and how many from the Americas or Asia-Pacific?") == ["欧州", "米州", "アジア太平洋"]
    assert regions_named("アジアと欧州") == ["アジア太平洋", "欧州"]
    assert "国際" in group_words("international and foreign schemes") and "諸外国" in group_words("international and foreign schemes")


def test_catalogue_count_is_computed_from_the_records(assistant):
    ans = assistant.ask("いくつの制度が紹介されている？")
    n = len(assistant.catalogue())
    assert f"{n}件" in ans.answer and len({c.section_id for c in ans.citations}) == n
    # one line per record, its formal name under it where the heading does not say it
    assert sum(1 for ln in ans.answer.splitlines() if ln.startswith("- ")) == n


def test_meta_questions_cite_the_title_page(assistant):
    ans = assistant.ask("この報告書の正式な題名は？")
    assert ans.shape == "meta" and ans.citations[0].section_id == "表紙"
    assert "国内外の制度・ガイドラインの紹介" in ans.citations[0].text
    date = assistant.ask("この報告書の発行日は？")
    assert "2019年5月22日" in date.answer
    who = assistant.ask("Who published this report?")
    assert "日本情報経済社会推進協会" in who.answer and "logo" not in who.answer


def test_meta_asking_several_title_page_facts_gets_each(assistant):
    ans = assistant.ask("For the bibliography: the report's title, its publisher and the date?")
    assert [c.section_id for c in ans.citations] == ["表紙"] * 3
    assert "2019年5月22日" in ans.answer and "一般財団法人日本情報経済社会推進協会" in ans.answer


def test_meta_committee_roster_is_listed_row_by_row(assistant):
    ans = assistant.ask("報告書をまとめた部会のメンバーは？")
    rows = [c.text for c in ans.citations if c.section_id == "ISMS専門部会"]
    assert len(rows) >= 7 and any("株式会社日立製作所" in t for t in rows)
    chair = assistant.ask("部会の主査を務めたのは？")
    assert [c.text for c in chair.citations if c.section_id == "ISMS専門部会"] == ["【主査】 駒瀬 彰彦 株式会社アズジェント"]


def test_contact_details_quote_the_address_block_not_the_title_page(assistant):
    for q in ("What is the publisher's phone number and postal address?", "問い合わせ先の住所とFAXは？"):
        ans = assistant.ask(q)
        assert ans.shape == "meta" and not ans.abstained, ans.answer
        assert ans.citations and {c.section_id for c in ans.citations} == {"ISMS専門部会"}
        assert "03-5860-7561" in ans.answer and "〒106-0032" in ans.answer
        assert "株式会社アズジェント" not in ans.answer  # the roster is not the contact block


def test_a_named_part_of_the_report_leads_over_the_role_other_words_suggest(assistant):
    # "why" reads like the purpose (1.1); "the introduction" names はじめに
    ans = assistant.ask("According to the introduction, why are some users reluctant to adopt a foreign provider's cloud?")
    assert ans.ranked_sections[0] == "はじめに" and ans.citations[0].section_id == "はじめに"
    assert "二の足を踏む" in ans.answer
    # a scheme named beside the conclusion does not take the question away from it
    rated = assistant.ask("In its conclusion, what role does the report give ISO/IEC 27001 and its related standards?")
    assert rated.shape == "meta" and rated.ranked_sections[0] == "おわりに"
    assert "共通基盤" in rated.answer


def test_what_the_report_recommends_is_its_conclusion(assistant):
    ans = assistant.ask("継続性の確保について、本書はどの規格を参考にするよう推奨している？")
    assert ans.shape == "meta" and ans.ranked_sections[0] == "おわりに"
    assert "ISO 22301" in ans.answer


def test_meta_structure_quotes_prose_not_figure_cells(assistant):
    ans = assistant.ask("この報告書はどういう構成になっている？")
    assert ans.citations and all(c.field == "本文" for c in ans.citations)
    assert any("2.1、2.2、2.3" in c.text for c in ans.citations)


def test_definition_gives_what_it_is_not_only_the_name_row(assistant):
    ans = assistant.ask("What is C5?")
    assert ans.shape == "definition"
    fields = [c.field for c in ans.citations]
    assert any(f.startswith("名称") for f in fields) and "概要・特徴" in fields
    assert "セキュリティ要求事項" in ans.answer
    iso = assistant.ask("ISO/IEC 27036-4とは")
    assert "ISO/IEC 27036 は、組織が製品やサービスを外部から調達する" in iso.answer
    assert "他のシリーズは以下の通り" not in iso.answer


def test_a_term_of_an_entry_is_defined_by_the_sentences_that_use_it_not_its_link(assistant):
    # "X : https://…" points to X; the entry's sentences that use X say what it is for
    ans = assistant.ask("What is the Cloud Security Principle, as the G-Cloud entry describes it?")
    assert ans.shape == "definition"
    assert "https://" not in ans.citations[0].text
    assert {c.field for c in ans.citations if "https://" not in c.text} >= {"概要・特徴", "ISMSとの関連性"}


def test_chat_replies_without_citations_or_abstention(assistant):
    ans = assistant.ask("こんにちは")
    assert ans.shape == "chat" and not ans.abstained
    assert ans.citations == () and ans.related == ()
    assert "例" in ans.answer


@pytest.mark.slow  # the CLI loads the model
def test_cli_json_has_shape_and_table():
    p = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", "--json", "G-CloudとFedRAMPの対象の違いは？"],
        capture_output=True, text=True, timeout=300,
    )
    assert p.returncode == 0, p.stderr
    obj = json.loads(p.stdout)
    assert obj["shape"] == "compare" and len(obj["table"]["rows"]) == 2


def test_compare_two_parts_of_one_section(assistant):
    ans = assistant.ask("SOC2とSOC2+の違いは？")
    assert ans.shape == "compare" and ans.table is not None
    assert [r[0].text for r in ans.table.rows] == ["SOC2", "SOC2+"]
    assert [r[1].citation.field for r in ans.table.rows] == ["SOC2", "SOC2+"]


@pytest.mark.parametrize(
    "question, sections",
    [
        ("List the European schemes.", {"2.2.2", "2.2.3", "2.3.2", "2.3.3", "2.3.4"}),
        ("What schemes from Asia does the report cover?", {"2.3.5", "2.3.6"}),
        # SOC2 and the NIST documents have no 名称 row: their issuer (米国公認会計士協会,
        # 米国国立標準技術研究所) is the first organisation their text names after a country
        ("Which US schemes are described?", {"2.2.1", "2.3.1", "2.4.5", "2.4.6"}),
        ("EU域内の制度はどれ？", {"2.2.3", "2.3.3"}),
        # an English group word after a Latin word, and a country's adjective
        ("List the Japanese guidelines", {"2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5", "2.1.6"}),
        ("Which German schemes are described?", {"2.3.4"}),
    ],
)
def test_catalogue_by_place_in_english_and_japanese(assistant, question, sections):
    ans = assistant.ask(question)
    assert ans.shape == "catalogue" and not ans.abstained
    assert {c.section_id for c in ans.citations} == sections


def test_list_scoped_by_group_and_condition(assistant):
    ans = assistant.ask("海外の制度のうち、ISO/IEC 27001に言及しているものをリストアップして")
    assert ans.shape == "list"
    cited = {c.section_id for c in ans.citations}
    assert cited and all(s.startswith(("2.2.", "2.3.")) for s in cited)
    assert all("27001" in c.text for c in ans.citations)


def test_a_list_of_one_section_is_still_a_list(assistant):
    ans = assistant.ask("PCI DSSに触れているのはどこ？")
    assert ans.shape == "list" and [c.section_id for c in ans.citations] == ["2.1.6"]
    assert "PCI DSS" in ans.citations[0].text


def test_list_line_is_the_sentence_closest_to_the_condition(assistant):
    # every CSA STAR sentence names CSA; the one that shows the condition names CCM
    ans = assistant.ask("CSAのCloud Controls Matrixを使っている制度はどれ？")
    assert ans.shape == "list"
    first = {}
    for c in ans.citations:
        first.setdefault(c.section_id, c.text)  # the line's own sentence, before any second one
    assert {"2.2.1", "2.3.4"} <= set(first)
    assert "CCM" in first["2.2.1"]


def test_compare_aspect_in_other_words_is_not_marked_absent(assistant):
    # 狙い is nowhere in either section, yet each says what it is for: no 「記載なし」
    ans = assistant.ask("ISO/IEC 27017とISO/IEC 27018の狙いの違いは？")
    assert ans.shape == "compare" and not ans.abstained
    assert [r[1].absent for r in ans.table.rows] == [False, False]
    # each row quotes its own section only, in the order the question names them
    assert list(dict.fromkeys(c.section_id for c in ans.citations)) == ["2.4.1", "2.4.2"]
    for row in ans.table.rows:
        sid = row[1].citation.section_id
        assert all(m.section_id == sid for m in row[1].more)


@pytest.mark.parametrize(
    "question, gloss",
    [
        ("JABとは？", "Joint Authorization Board"),  # (X : expansion) inside a sentence
        ("What is 3PAO?", "Third-Party Assessment Organization"),  # である X (expansion)
        ("CUIって何？", "以下 CUI という"),  # the report's own abbreviation
        # the expansion asked for, with an article: where the report glosses the term
        ("What is a third-party assessment organization?", "3PAO (Third-Party Assessment Organization)"),
        ("What is the Joint Authorization Board?", "JAB : Joint Authorization Board"),
    ],
)
def test_definition_of_a_term_quotes_where_the_report_glosses_it(assistant, question, gloss):
    # a term used inside a section (FedRAMP's JAB) is defined, not the section's scheme
    ans = assistant.ask(question)
    assert ans.shape == "definition" and not ans.abstained
    assert gloss in ans.citations[0].text


def test_holds_list_reads_inline_enumerations():
    from assistant.listing import holds_list

    assert holds_list("対策を「組織・運用」と「物理的・技術的対策」に分類している。")
    assert holds_list("モバイル・クラウド・アプリケーション・インサイダー脅威等に関する管理策。")
    assert not holds_list("「組織・運用」に関する対策をまとめている。")
    assert not holds_list("ISO/IEC 27017 と ISO/IEC 27018 を参照している。")
    # bare nouns in a row, not clauses joined by 、
    assert holds_list("対象は、病院、診療所、薬局に分けられる。")
    assert not holds_list("規格を参照し、要件を定め、監査を行う。")


def test_an_inline_enumeration_answers_a_members_question(assistant):
    ans = assistant.ask("G-Cloudで調達できるサービスの分類を全部教えて")
    assert ans.shape == "enumeration" and not ans.abstained
    shown = _quoted(ans)
    assert all(compact(x) in shown for x in ("クラウドホスティング", "クラウドソフトウェア", "クラウドサポート"))


def test_who_and_when_of_the_report_are_both_answered(assistant):
    ans = assistant.ask("報告書はどこがいつまとめたの？")
    assert ans.shape == "meta"
    shown = _quoted(ans)
    assert "2019年5月22日" in shown and "日本情報経済社会推進協会" in shown


def test_sibling_headings_are_named_by_what_sets_them_apart(assistant):
    # 医療分野のガイドライン / 金融分野のガイドライン share their head: 医療分野 names one
    ans = assistant.ask("医療分野と金融分野では、ガイドラインの対象はどう違う？")
    assert ans.shape == "compare"
    assert [row[1].citation.section_id for row in ans.table.rows] == ["2.1.5", "2.1.6"]


def test_conclusion_does_not_quote_the_acknowledgements(assistant):
    for q in ("この報告書の結論は？", "What does the report conclude?"):
        ans = assistant.ask(q)
        assert ans.citations and ans.citations[0].section_id == "おわりに"
        assert "お礼" not in ans.answer
    thanks = assistant.ask("この報告書は誰に謝辞を述べている？")
    assert "お礼" in thanks.answer


@pytest.mark.parametrize(
    "q, part",
    [
        ("「おわりに」を段落ごとに要約して。", "おわりに"),
        ("Take me through the introduction paragraph by paragraph.", "はじめに"),
    ],
)
def test_a_part_read_through_in_order_quotes_every_paragraph_in_order(assistant, q, part):
    ans = assistant.ask(q)
    prose = [p for p in assistant.index.passages_of(part) if p.field == "本文"]
    # every paragraph is quoted, in the report's order
    starts = [next(i for i, c in enumerate(ans.citations) if c.passage_id == p.id) for p in prose]
    assert starts == sorted(starts) and {c.section_id for c in ans.citations} == {part}, ans.answer


def test_a_sentence_the_next_one_goes_on_with_is_quoted_with_it(assistant):
    # "今後の課題としては…を挙げたい。" is finished by 「特に…責任分界点を明確に…」, in the next passage
    ans = assistant.ask("本書の今後の課題として挙げられていることは？")
    assert ans.citations[0].section_id == "おわりに" and "責任分界点" in ans.answer, ans.answer


def test_what_a_scheme_is_made_of_is_no_catalogue_of_its_country(assistant):
    ans = assistant.ask("Which documents make up Japan's unified government security standards?")
    assert ans.shape != "catalogue" and "2.1.3" in {c.section_id for c in ans.citations}, ans.answer


@pytest.mark.parametrize("question", ["MTCSの認証機関として名前が出ているのは？", "C5の監査で参照先として挙げられている規格は？"])
def test_things_named_inside_one_scheme_are_an_enumeration(assistant, question):
    # read as a list first, the answer is one section: the members of what it names
    ans = assistant.ask(question)
    assert ans.shape == "enumeration" and len({c.section_id for c in ans.citations}) == 1


def test_list_of_where_a_set_section_is_used_cites_the_other_sections(assistant):
    # 2.4.6 is itself a set of NIST documents; "where do they appear" wants the others
    ans = assistant.ask("NISTの文書が登場する制度を挙げて")
    assert ans.shape == "list"
    assert {"2.3.1", "2.3.3", "2.4.5"} <= {c.section_id for c in ans.citations}


def test_a_foreign_countrys_domestic_standards_are_not_the_home_group(assistant):
    # ドイツ国内 is Germany's; the report's 国内 group (2.1) is not asked for
    assert match_group(assistant.catalogue(), "ドイツ国内の規格") == []
    assert match_group(assistant.catalogue(), "国内の制度")



def test_english_members_question_finds_the_japanese_counted_list(assistant):
    # "parts" is what 「4 パートで構成」 counts: that sentence, not the 5-分野 one
    ans = assistant.ask("Which parts is a SOC2 report composed of?")
    assert ans.shape == "enumeration" and not ans.abstained
    assert "4 パートで構成" in ans.citations[0].text


def test_a_middle_dot_list_may_hold_spaces_and_brackets():
    from assistant.listing import holds_list

    assert holds_list("モバイル・クラウド・（情報システムの）回復性・APT 攻撃等に関する管理策カタログである。")
    assert not holds_list("セキュリティ・運用等の品質確保に必要な要求事項を規定している。")


def test_a_list_of_either_of_two_identifiers_takes_the_sections_of_both(assistant):
    ans = assistant.ask("ISAE 3000またはAICPAに触れている節はどれ？")
    assert ans.shape == "list"
    cited = {c.section_id for c in ans.citations}
    assert {"2.3.4", "2.4.5"} <= cited  # C5 (ISAE 3000) and SOC2 (AICPA)


def test_how_the_report_was_researched_is_answered_from_its_introduction(assistant):
    ans = assistant.ask("どうやって調査したの？")
    assert ans.shape == "meta" and ans.citations[0].section_id == "はじめに"
    assert "文献調査" in ans.answer


@pytest.mark.parametrize("q", ["SOC2とSOC2+の違いは？", "What's the difference between SOC2 and SOC2+?"])
def test_two_parts_of_one_section_compare_row_by_row_in_both_languages(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "compare" and ans.table is not None
    assert [r[0].text for r in ans.table.rows] == ["SOC2", "SOC2+"]
    assert [r[1].citation.field for r in ans.table.rows] == ["SOC2", "SOC2+"]



@pytest.mark.parametrize(
    "q, section",
    [("金融機関向けのガイドラインは誰が作った？", "2.1.6"), ("Who issues MTCS?", "2.3.6")],
)
def test_who_made_it_leads_with_the_name_row_that_names_the_issuer(assistant, q, section):
    ans = assistant.ask(q)
    first = ans.citations[0]
    assert first.section_id == section and first.field.startswith("名称")


def test_schemes_with_a_number_of_levels_are_listed(assistant):
    ans = assistant.ask("3段階のレベルがある制度は？")
    assert ans.shape == "list"
    assert {"2.3.1", "2.3.6"} <= {c.section_id for c in ans.citations}  # FedRAMP, MTCS



@pytest.mark.parametrize("q", ["Who should use this report?", "この報告書は誰が読むべき？"])
def test_who_the_report_is_for_quotes_its_readers(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "meta" and "実務者" in ans.answer


@pytest.mark.parametrize(
    "q, section",
    [
        ("報告書を作ったのはどこ？", "表紙"),
        ("報告書のまとめには何が書いてある？", "おわりに"),
        ("この報告書が書かれた背景は？", "はじめに"),  # background: the introduction
    ],
)
def test_a_question_that_opens_on_the_report_is_about_the_report(assistant, q, section):
    ans = assistant.ask(q)
    assert ans.shape == "meta" and ans.citations[0].section_id == section


def test_after_a_scheme_the_bare_word_report_is_that_schemes_report(assistant):
    # SOC2's own 報告書: a follow-up stays with it
    first = assistant.ask("SOC2とは？")
    ans = assistant.ask("報告書はいくつのパートに分かれる？", history=[first])
    assert ans.citations[0].section_id == "2.4.5"


def test_a_comparison_of_two_fields_quotes_both_cells_per_row(assistant):
    ans = assistant.ask("CSマークとISMSクラウドセキュリティ認証の運営団体と対象の違いは？")
    assert ans.shape == "compare" and ans.table is not None
    for row in ans.table.rows:
        fields = {c.field for c in (row[1].citation, *row[1].more)}
        assert any(f.startswith("名称") for f in fields) and any(f.startswith("対象") for f in fields), fields


def test_a_comparison_that_also_asks_for_levels_brings_them(assistant):
    ans = assistant.ask("CSA STARとMTCSを比べて、レベルの分け方とISMSとの関連性は？")
    shown = _quoted(ans)
    assert all(compact(x) in shown for x in ("自己評価", "連続監視", "3 段階のレベル"))


def test_an_english_members_question_finds_the_list_by_its_japanese_word(assistant):
    # "categories" is 分類 in the report: the inline list that says so, not another list
    ans = assistant.ask("Under the UK's G-Cloud framework, what categories of services can be bought?")
    assert "クラウドホスティング" in _quoted(ans)


@pytest.mark.parametrize(
    "q, section",
    [
        ("この報告書は何のために作られた？", "1.1"),  # purpose, asked without 目的
        ("What does the report hope to contribute to?", "はじめに"),  # not the contributors' roster
        ("Who contributed to this report?", "ISMS専門部会"),
        ("この報告書を書いたのは誰？", "表紙"),
        ("この報告書はどのような人に読んでほしいと言っている？", "はじめに"),
        ("報告書によると今後の課題は何？", "おわりに"),
        ("What does the introduction say about cloud adoption in Japan?", "はじめに"),
    ],
)
def test_what_the_report_is_for_and_who_made_it(assistant, q, section):
    ans = assistant.ask(q)
    assert ans.shape == "meta" and ans.citations[0].section_id == section


def test_a_term_is_defined_where_the_report_glosses_it(assistant):
    # the term, not where the question says it occurs, nor the gloss the asker added
    ans = assistant.ask("NIST SP 800-171で出てくるCUIって、どういう情報のこと？")
    assert ans.shape == "definition"
    assert compact("機密と指定されていないが管理対象となる重要情報") in _quoted(ans)


def test_processes_a_standard_defines_are_listed(assistant):
    ans = assistant.ask("ISO/IEC 20000-1はどういう管理プロセスを定めている？")
    assert ans.shape == "enumeration"
    assert all(compact(x) in _quoted(ans) for x in ("供給者管理", "インシデント管理", "可用性管理"))


def test_a_list_is_not_made_from_one_common_word(assistant):
    # "参照すべき" holds 参照, a word half the report uses: the list comes from meaning instead
    ans = assistant.ask("病院のカルテをクラウドで扱うときに参照すべきガイドラインを挙げて")
    assert "2.1.5" in {c.section_id for c in ans.citations}


def test_a_country_two_schemes_share_is_read_by_the_question_s_other_words(assistant):
    # 米国 is CSA STAR's seat and FedRAMP's government: 連邦政府 points to FedRAMP
    ans = assistant.ask("米国の連邦政府の制度とシンガポールの制度のレベル分けを比べて")
    assert ans.shape == "compare"
    assert [row[1].citation.section_id for row in ans.table.rows] == ["2.3.1", "2.3.6"]
    quoted = [c.text for c in ans.citations]
    assert len(quoted) == len(set(quoted))  # a list's items are not quoted twice


def test_a_compare_row_does_not_quote_a_bracketed_title(assistant):
    ans = assistant.ask("ISO/IEC 27017と27018の違いを、どんな事業者向けかという観点で比べて")
    assert ans.shape == "compare"
    texts = [c.text for row in ans.table.rows for c in (row[1].citation, *row[1].more) if c is not None]
    assert not any(t.strip().startswith("(") and t.strip().endswith(")") for t in texts)
    assert compact("パブリッククラウドサービスプロバイダに対して") in _quoted(ans)


def test_a_count_in_one_counter_is_answered_in_another(assistant):
    # 何段階のレベル is answered by "3つのレベル"
    ans = assistant.ask("CSA STARのレベルは何段階？")
    assert not ans.abstained and ans.citations[0].section_id == "2.2.1"


def test_a_standard_s_parts_listed_in_the_report_are_not_a_question_about_the_report(assistant):
    ans = assistant.ask("Which other parts of ISO/IEC 27036 are mentioned in this report?")
    assert ans.shape != "meta"
    assert compact("Common requirements") in _quoted(ans)


def test_a_group_sorted_by_who_runs_it_is_the_catalogue(assistant):
    ans = assistant.ask("海外の制度を運営主体ごとに整理すると？")
    assert ans.shape == "catalogue"
    assert {"2.3.1", "2.3.4", "2.3.6"} <= {c.section_id for c in ans.citations}


def test_a_ministry_listed_among_several_issuers_counts_as_government(assistant):
    ans = assistant.ask("国内のガイドラインのうち、国の行政機関が作成したものは？")
    assert ans.shape == "catalogue" and "2.1.5" in {c.section_id for c in ans.citations}
    assert "厚生労働省" in ans.answer


@pytest.mark.parametrize(
    "q, shape",
    [
        ("欧州の制度としてはどんなものが取り上げられている？", "catalogue"),
        ("アジア太平洋の制度は何が載ってる？", "catalogue"),
        ("Which audit schemes have three levels?", "list"),
        ("ISO/IEC 27018に言及している制度を洗い出して", "list"),
        ("プライバシーマークに触れている国内の制度はどれ？", "list"),
        ("CSA STARのレベルにはどんなものがある？", "enumeration"),
        ("Which steps does the StarAudit process have?", "enumeration"),
        ("「統一基準群」って、どの文書で構成されてるの？全部教えて", "enumeration"),
        ("Who released this overview, and when is it dated?", "meta"),
        ("どんな方法で調べた資料なの？", "meta"),
    ],
)
def test_more_ways_of_asking_for_a_shape(assistant, q, shape):
    assert detect_shape(q, assistant.entities, assistant.group_labels).kind == shape


def test_an_english_definition_drops_where_the_term_is_used(assistant):
    ans = assistant.ask("What is JAB, as used in the FedRAMP entry?")
    assert ans.shape == "definition" and "Joint Authorization Board" in ans.answer


def test_a_roster_question_naming_a_role_and_a_group_gets_both(assistant):
    ans = assistant.ask("ISMS専門部会の主査とオブザーバを教えて")
    assert ans.shape == "meta"
    assert "駒瀬" in ans.answer and "経済産業省" in ans.answer


def test_a_committee_member_asked_by_company_is_that_row_not_the_title(assistant):
    # 「名前」 of a member is no title of the report; 委員 narrows to the member named, not all of them
    ans = assistant.ask("日本マイクロソフトから出ている委員の名前は？")
    assert ans.ranked_sections[0] == "ISMS専門部会", ans.answer
    assert "河野" in ans.answer and "駒瀬" not in ans.answer
    assert "国内外の制度・ガイドラインの紹介" in assistant.ask("この報告書の名前は？").answer


def test_where_a_standard_shows_up_is_a_list(assistant):
    ans = assistant.ask("Where does NIST SP 800-53 appear in other schemes?")
    assert ans.shape == "list" and {"2.3.1", "2.4.5"} <= {c.section_id for c in ans.citations}


def test_a_two_part_question_about_the_report_gets_a_sentence_more(assistant):
    one = assistant.ask("この報告書の目的は？")
    two = assistant.ask("この報告書の目的は？どこに重点を置いている？")
    assert len(two.citations) > len(one.citations)


@pytest.mark.parametrize(
    "q, group",
    [("2.4ではどんなものを紹介している？", "2.4"), ("Which schemes are in 2.3?", "2.3")],
)
def test_a_group_named_by_its_number_is_the_catalogue(assistant, q, group):
    ans = assistant.ask(q)
    cited = {c.section_id for c in ans.citations}
    assert ans.shape == "catalogue" and {f"{group}.1", f"{group}.6"} <= cited
    assert all(sid.startswith(group + ".") for sid in cited)


@pytest.mark.parametrize("q", ["本書は誰に向けて書かれている？", "Who is the intended audience of this report?"])
def test_the_audience_is_asked_in_other_words(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "meta" and ans.citations[0].section_id == "はじめに"


def test_a_figure_named_in_english_is_no_unknown_name(assistant):
    ans = assistant.ask("What does Figure 1-1 show?")
    assert not ans.abstained and ans.citations[0].section_id == "1.2"


@pytest.mark.parametrize(
    "q", ["この資料を作った団体はどこ？", "本資料の作成主体は？", "Which organisation published this report?"]
)
def test_who_made_the_report_is_the_title_page(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "meta" and [c.section_id for c in ans.citations] == ["表紙"]


def test_a_word_the_report_does_not_use_for_its_own_part_is_no_unknown_word(assistant):
    ans = assistant.ask("本書の想定読者")
    assert not ans.abstained and ans.citations[0].section_id == "はじめに"
    assert assistant.ask("本書のGDPRに関する結論は？").abstained  # a name it never mentions still is


@pytest.mark.parametrize(
    "q, shape, items",
    [
        # "how many groups, and their names": the parts, not an abstention for want of a number of グループ
        ("FISCの基準って対策基準がいくつのグループになってる？それぞれの名前も教えて", "enumeration",
         ("統制基準", "実務基準", "設備基準", "監査基準")),
        ("What control baseline levels does FedRAMP have?", "enumeration", ("FedRAMP Moderate",)),
        # "どういう…プロセス": the sentence listing 供給者管理、インシデント管理… 等のプロセス, below the margin
        ("IT サービスマネジメントの認証基準になる規格では、どのような管理プロセスが規定されている？", "enumeration",
         ("インシデント管理", "サービス継続管理")),
        # a text under numbered headings of its own is enumerated by them
        ("医療分野のガイドラインのISMSとの関連性は、どんな観点で分けて書かれている？", "enumeration",
         ("ISMS基準の活用", "ISMS認証の活用")),
        # 2.4.6 describes NIST's documents under headings of their own, then "次の文書も発行されている"
        ("NISTの文書は何が紹介されている？名前を全部", "enumeration",
         ("NIST SP 800-171", "サイバーセキュリティフレームワーク", "NIST SP 800-144", "NIST SP 800-146")),
        ("この報告書の発行団体と発行日は？", "meta", ("日本情報経済社会推進協会", "2019")),
        ("How was the research for this report conducted?", "meta", ("公開情報に基づいて調査",)),
        ("この報告書を使うときの留意点は？", "meta", ("網羅するものではない",)),
        # "…の基本的な要件 (基本言明要件)": the description before the bracket defines it
        ("「基本言明要件」とは何を意味していますか", "definition", ("情報セキュリティマネジメントの基本的な要件",)),
        # the gloss, then the sentence after it
        ("CUIって、要するにどういう情報ですか", "definition", ("Executive Order 13556", "電子ファイル・メール")),
        # "1 HORIZON 2020 : 複数のパートナーによる…": a numbered footnote glosses the term
        ("HORIZON 2020とは何ですか", "definition", ("研究・イノベーションプロジェクトを助成する",)),
        # the term in quotes after where it is used; "…を指すの" ends a definition too
        ("ECEの審査に出す「アセスメントレポート」とは、どういうものを指すの？", "definition",
         ("自己評価とその評価の根拠となるエビデンス",)),
        # quotes and a kind noun after the name: the name is the subject
        ("What's the 'SOC2+' report?", "definition", ("範囲拡張",)),
        # a name that stands for "the following guidelines" is defined by them
        ("医療の「3省3ガイドライン」とは何？", "definition", ("医療情報システムの安全管理に関するガイドライン", "医療情報を受託管理する")),
    ],
)
def test_a_shaped_answer_quotes_what_the_question_asks_for(assistant, q, shape, items):
    ans = assistant.ask(q)
    assert not ans.abstained and ans.shape == shape
    for x in items:
        assert compact(x) in _quoted(ans), x


def test_a_group_s_own_label_is_not_widened_by_a_synonym(assistant):
    # 諸外国 is 2.3's label; 外国 inside it is not "abroad" (国際 and 諸外国)
    ans = assistant.ask("諸外国の枠で紹介されている制度を全部")
    cited = {c.section_id for c in ans.citations}
    assert ans.shape == "catalogue" and {"2.3.1", "2.3.6"} <= cited and all(s.startswith("2.3.") for s in cited)


def test_a_country_s_organisations_are_not_the_state(assistant):
    # 米国の組織 names a country; 国の組織 alone would be the state
    ans = assistant.ask("米国の団体が策定した基準はどれ？")
    assert ans.shape == "catalogue" and {"2.2.1", "2.3.1", "2.4.5", "2.4.6"} <= {c.section_id for c in ans.citations}


@pytest.mark.parametrize(
    "q", ["How many companies have ISMS cloud security certification?", "How many providers held it when this report was written?"]
)
def test_an_english_count_of_organisations_is_neither_catalogue_nor_report(assistant, q):
    assert detect_shape(q, assistant.entities, assistant.group_labels).kind not in ("catalogue", "meta")


def test_what_the_authors_concluded_is_the_conclusion_not_the_title_page(assistant):
    ans = assistant.ask("What did the authors conclude overall?")
    assert ans.shape == "meta" and ans.citations[0].section_id == "おわりに"
    assert assistant.ask("Who are the authors of this report?").citations[0].section_id == "表紙"


@pytest.mark.parametrize("q", ["What does this report set out to do?", "本書が目指していることは？"])
def test_the_purpose_is_the_sentence_that_states_it(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape == "meta" and "有益な情報を提供することを目的" in _quoted(ans)


def test_the_report_s_own_section_named_by_its_title_is_about_the_report(assistant):
    # 「本書の構成」 is 1.2's title, an entity: still a question about the report
    ans = assistant.ask("本書の構成 章立て")
    assert ans.shape == "meta" and compact("2.4 ではクラウドに関連する国際規格等") in _quoted(ans)


@pytest.mark.parametrize(
    "q, sections, said",
    [
        # "US HIPAA": the place and the name, each a condition; HIPAA is in 2.1.5 and 2.4.5
        ("Which parts of the report mention the US HIPAA rules?", {"2.1.5", "2.4.5"}, "HIPAA"),
        # which entries of the report: a list, though no scheme noun is asked
        ("ENISAの名前が出てくるのはどの項目？", {"2.3.3", "2.4.1"}, "ENISA"),
        # a date in an era is the same date: 平成30年7月 is 2018年7月; "July 2018" too
        ("2018年7月に発行・改訂されたものはどれ？", {"2.1.4", "2.1.5"}, "平成30年7月"),
        ("Which guidelines came out in July 2018?", {"2.1.4", "2.1.5"}, "平成30年7月"),
    ],
)
def test_list_conditions_read_as_the_report_writes_them(assistant, q, sections, said):
    ans = assistant.ask(q)
    assert ans.shape == "list" and sections <= {c.section_id for c in ans.citations} and said in ans.answer, ans.answer


def test_era_years_and_english_dates_read_as_western_japanese_dates():
    from assistant.japanese import japanese_dates, western_years

    assert western_years("（平成30年7月）") == "（2018年7月）" and western_years("令和元年") == "2019年"
    assert japanese_dates("What came out in July 2018 or Sept. 2019?") == ["2018年7月", "2019年9月"]


@pytest.mark.parametrize("q", ["この報告書は世界中のクラウド関連の規格を全部網羅しているの？", "この報告書は海外の制度まで全部網羅してる？"])
def test_a_casual_yes_no_about_the_report_s_coverage_is_about_the_report(assistant, q):
    a = assistant.ask(q)
    assert a.shape == "meta"
    assert a.citations and a.citations[0].section_id == "1.2"
    assert "網羅するものではない" in a.answer


def test_a_date_is_a_condition_that_makes_a_list(assistant):
    ans = assistant.ask("国内のガイドラインのうち2018年7月に出たものは？")
    assert ans.shape == "list" and {"2.1.4", "2.1.5"} <= {c.section_id for c in ans.citations}


def test_which_sections_of_this_report_mention_x_is_a_list_not_a_question_about_the_report(assistant):
    ans = assistant.ask("HIPAAに言及しているのは本書のどの項目？")
    assert ans.shape == "list" and {"2.1.5", "2.4.5"} <= {c.section_id for c in ans.citations}


@pytest.mark.parametrize(
    "q", ["本書で取り上げられている規格・制度を、漏れなくリストにしてもらえますか", "Please list every framework included in this report"]
)
def test_everything_the_report_covers_is_the_whole_catalogue(assistant, q):
    # nothing but being in the report is asked of them (and a polite request is no yes/no question)
    ans = assistant.ask(q)
    assert ans.shape == "catalogue" and len({c.section_id for c in ans.citations}) == 21


def test_other_countries_are_the_country_schemes_not_the_international_ones(assistant):
    ans = assistant.ask("Which schemes of other countries does the report describe?")
    cited = {c.section_id for c in ans.citations}
    assert ans.shape == "catalogue" and cited == {"2.3.1", "2.3.2", "2.3.3", "2.3.4", "2.3.5", "2.3.6"}


def test_a_name_only_its_own_section_uses_is_who_made_the_condition_not_the_condition(assistant):
    # CSA (written in katakana) made the matrix; the sections that use the matrix are the answer
    ans = assistant.ask("クラウドセキュリティアライアンスが作った管理策マトリクスを参照している制度はどれ？")
    cited = {c.section_id for c in ans.citations}
    assert ans.shape == "list" and {"2.2.1", "2.3.4"} <= cited and len(cited) <= 4


@pytest.mark.parametrize(
    "q, subject",
    [
        # 「…のことを指しているの」: のこと and を指す together
        ("そもそも「CSマーク」ってどういう制度のことを指しているの？", "CSマーク"),
        # a phrase of place first, "the term", and the report's own word in brackets
        ("In the German catalogue, what exactly does the term 'basic criteria' (基本要求事項) refer to?", "基本要求事項"),
    ],
)
def test_more_ways_to_ask_what_a_term_means(assistant, q, subject):
    s = detect_shape(q, assistant.entities, assistant.group_labels)
    assert s.kind == "definition" and s.subject == subject, s


@pytest.mark.parametrize(
    "q, shape",
    [
        # a share is a value, not the sections that meet a condition
        ("管理策のうち、Tier3に該当するものは全体の何割くらい？", "lookup"),
        # a place that has one scheme, and a kind of scheme: that scheme, though the report is mentioned
        ("What validity period does the report give for Singapore's cloud standard?", "lookup"),
        # the parts of one thing, asked in more ways
        ("The German catalogue is split into several areas — what are they?", "enumeration"),
        ("Walk me through the documents that together form the MHLW/METI/MIC healthcare guidelines.", "enumeration"),
        ("Which documents make up NIST's cloud-related publications?", "enumeration"),
        ("How many documents make up the unified standards?", "lookup"),  # a number, not the parts
        ("FISCの安全対策基準の分野には、具体的にどんなものがある？", "enumeration"),
        ("CSA STARのレベルは何段階？名前も全部教えて", "enumeration"),
        ("MTCSは何段階？それぞれどんなレベル？", "enumeration"),  # the count and the members
        # what a term means, asked in more ways
        ("FedRAMPに出てくる3PAOってどういう組織のことを指してるの？", "definition"),
        ("What does JAB stand for, and what is it?", "definition"),
        ("In the FedRAMP section, what is meant by ATO?", "definition"),
    ],
)
def test_more_phrasings_of_each_shape(assistant, q, shape):
    assert detect_shape(q, assistant.entities, assistant.group_labels).kind == shape, q


def test_a_group_named_as_an_adjective_or_as_foreign_countries(assistant):
    from assistant.question_cues import group_words

    # 国際的な制度 is the group 国際; "foreign countries" are 諸外国, not the international group too
    for q, group in (("国際的な制度をすべて挙げて", "2.2"), ("Which schemes of individual foreign countries are covered?", "2.3")):
        assert {r.group_id for r in match_group(assistant.records, q, group_words(q))} == {group}, q


def test_future_work_is_asked_of_the_conclusion_though_worded_as_an_intention(assistant):
    ans = assistant.ask("What does this report say its authors intend to examine as future work?")
    assert ans.shape == "meta" and ans.citations[0].section_id == "おわりに", ans.answer


def test_the_two_sides_of_a_comparison_may_be_described_instead_of_named():
    from assistant.question_cues import compared_sides

    assert compared_sides("In the US federal cloud programme versus the Australian one, who signs off?") == (
        "the US federal cloud programme",
        "the Australian one",
    )
    assert compared_sides("シンガポールのクラウド規格と、米国のクラウド評価制度とで、レベルの分け方を比べて") == (
        "シンガポールのクラウド規格",
        "米国のクラウド評価制度",
    )
    # two aspects of one named scheme are no sides: no kind noun in 対象
    assert compared_sides("FedRAMPの運営団体と対象の違いは？") is None
    # a side may be a name (a standard's number, FedRAMP) beside a description
    assert compared_sides("ISO/IEC 27017 and the Singapore scheme both cover providers. Compare what each expects.") == (
        "ISO/IEC 27017",
        "the Singapore scheme",
    )
    assert compared_sides("Compare the Australian programme with FedRAMP: who assesses?") == ("the Australian programme", "FedRAMP")
    # the rest of a kind, or a list of three, is no side
    assert compared_sides("What is the mapping between C5 and other standards for?") is None
    assert compared_sides("Does it say how duties differ between IaaS, PaaS and SaaS?") is None


@pytest.mark.parametrize(
    "q, sections",
    [
        ("In the US federal cloud programme versus the Australian one, who approves a provider?", {"2.3.1", "2.3.5"}),
        ("ISMSのクラウド版の認証と、監査協会のクラウドのマーク制度って、有効期間はどう違う？", {"2.1.1", "2.1.2"}),
        ("ISO/IEC 27017 and the Singapore scheme both address cloud providers. Compare what each expects of them.", {"2.4.1", "2.3.6"}),
    ],
)
def test_a_comparison_of_two_described_schemes_has_a_row_for_each(assistant, q, sections):
    ans = assistant.ask(q)
    assert ans.shape == "compare" and not ans.abstained, ans.answer
    assert {c.section_id for c in ans.citations} >= sections and ans.table is not None


@pytest.mark.parametrize(
    "q, sections",
    [
        # the introduction and the conclusion are parts of the report too
        ("サイバー空間に触れているのは報告書のどの部分？全部挙げて。", {"はじめに", "おわりに"}),
        # an English word by the report's loanword for it: インシデント
        ("In which sections of the report do incidents come up? Give every one.", {"2.3.3", "2.3.6", "2.4.4"}),
        # the report's words the question gives, either of them
        ("Which parts of the report use the words サイバー空間 or 責任分界点? All of them.", {"はじめに", "おわりに"}),
    ],
)
def test_where_in_the_report_lists_every_part_that_says_it(assistant, q, sections):
    ans = assistant.ask(q)
    assert ans.shape == "list" and {c.section_id for c in ans.citations} == sections, ans.answer


def test_the_series_of_a_numbered_part_names_its_section(assistant):
    # 2.4.3 is ISO/IEC 27036-4 and says "ISO/IEC 27036 は 4 部構成": the series means it
    assert {m.alias.section_id for m in assistant.entities.find("ISO/IEC 27036 series")} == {"2.4.3"}
    ans = assistant.ask("ISO/IEC 27036の第1部の英語の題名は？")
    assert ans.ranked_sections[0] == "2.4.3" and "Overview and concepts" in ans.answer, ans.answer


@pytest.mark.parametrize(
    "q, section, said",
    [
        # the cover's only picture is described by the converter: that description answers
        ("表紙のロゴはどんなデザイン？", "表紙", "sans-serif"),
        ("What does the statement of purpose say the report sets out to provide?", "1.1", "目的"),
        # a name asked of the introduction is not the report's title
        ("はじめにで名前が挙がっている米国の評価制度は？", "はじめに", "FedRAMP"),
    ],
)
def test_a_part_of_the_report_named_answers(assistant, q, section, said):
    ans = assistant.ask(q)
    assert ans.shape == "meta" and ans.ranked_sections[0] == section and said in ans.answer, ans.answer


def test_each_name_written_out_in_full_is_its_name_row(assistant):
    ans = assistant.ask("Write IRAP, MTCS and NIS out in full, each of them.")
    assert ans.shape == "compare", ans.answer
    for said in ("Registered Assessors", "Multi-Tier Cloud Security", "Network and Information"):
        assert said in ans.answer, ans.answer
    # one line per name: the row that writes it out, nothing beside it
    assert len(ans.citations) == 3 and all(c.field.startswith("名称") for c in ans.citations)


@pytest.mark.parametrize(
    "q, kind",
    [
        # the term before a clause about it is what is defined
        ("Define the 基本言明要件 that the CS mark is built on.", "definition"),
        ("What is the 'CCSL' that ASD keeps?", "definition"),
        # 「何の略で、どういう…」 asks what a term is
        ("JIPDECって何の略で、どういう団体？", "definition"),
        # a plain noun before the clause is what the question wants the members of
        ("What are the levels that the FedRAMP baseline is split into?", "enumeration"),
    ],
)
def test_a_term_with_a_clause_about_it_is_defined(assistant, q, kind):
    assert detect_shape(q, assistant.entities, assistant.group_labels).kind == kind


def test_a_word_in_quotes_is_the_term_a_list_looks_for(assistant):
    # the question's other words (サービス, 評価) are no condition on where 「品質」 stands
    ans = assistant.ask("サービスや評価の「品質」に触れている箇所を、報告書全体からリストアップしてください。")
    assert ans.shape == "list"
    cited = {c.section_id for c in ans.citations}
    assert {"2.3.5", "2.4.4", "おわりに"} <= cited and "1.1" not in cited, ans.answer


@pytest.mark.parametrize(
    "q",
    [
        "図1-1で、C5の関連規格として挙がっているのは？",
        "本書の全体像を示した図で、MTCSの欄に載っている規格はどれ？",
    ],
)
def test_a_question_about_the_figure_is_answered_from_the_section_that_holds_it(assistant, q):
    ans = assistant.ask(q)
    assert not ans.abstained, ans.answer
    assert ans.ranked_sections[0] == "1.2"


def test_a_figure_set_aside_is_not_what_is_asked_about():
    from assistant.figures import Figure, pointed_figures

    figures = [Figure("1-1", "クラウドサービスに関連する制度・ガイドライン", "1.2")]
    assert pointed_figures("Apart from the overview figure, which sections mention SOC2?", figures) == []
    assert pointed_figures("図1-1以外で27018に触れている節は？", figures) == []
    assert pointed_figures("対策の底上げを図る仕組みは？", figures) == []
    assert pointed_figures("How do I figure out the scope?", figures) == []
    assert pointed_figures("同じ図で、米国の欄は？", figures) == figures


def test_a_figure_question_is_read_off_the_figure_s_cells(assistant):
    ans = assistant.ask("図1-1で、MTCSの関連規格として載っているのは？")
    assert {c.section_id for c in ans.citations} == {"1.2"}
    assert "ISO/IEC 27018" in ans.answer and "MTCS (シンガポール)" in ans.answer


def test_a_figure_question_naming_a_scheme_quotes_that_scheme_s_panel(assistant):
    ans = assistant.ask("図1-1で、IRAPの関連規格として挙がっているのは？")
    assert "IRAP (オーストラリア)" in ans.answer and "ISO/IEC 27005" in ans.answer
    # not every panel of the figure: the domestic panel's note says nothing of IRAP
    assert "2.1.3～2.1.6参照" not in ans.answer
    assert len(ans.citations) <= 4


def test_a_term_inside_a_scheme_is_defined_by_its_own_sentence_not_the_scheme_s_summary(assistant):
    # the subject is a term of FISC's section, not FISC: quote what the section says of it
    answer = assistant.ask("金融機関向けの安全対策基準にある「クラウド固有基準」って何？")
    assert answer.to_json()["shape"] == "definition"
    assert "クラウド固有基準が新設" in answer.answer.replace(" ", "")
    assert "公益財団法人金融情報システムセンター" not in answer.answer


def test_a_word_usage_list_covers_the_whole_report_not_only_the_schemes(assistant):
    # where a word is used: the introduction and the conclusion may use it as well as the entries
    answer = assistant.ask("「活用」という言葉が使われている節を全部教えて。")
    holders = [sid for sid in assistant.sections if "活用" in "".join(p.text for p in assistant.index.passages_of(sid))]
    assert answer.to_json()["shape"] == "list"
    assert {c.section_id for c in answer.citations} == set(holders)
    assert "はじめに" in holders and "おわりに" in holders


@pytest.mark.parametrize(
    "question",
    [
        "What was added for cloud in the latest edition of the Japanese banking-sector safety standards?",
        "The Japanese financial-sector security standards: who draws them up?",
    ],
)
def test_one_scheme_named_by_a_plural_is_asked_about_not_listed(assistant, question):
    # "the … standards" is FISC's name here, not "which Japanese standards": no catalogue
    answer = assistant.ask(question)
    assert answer.to_json()["shape"] != "catalogue"
    assert "2.1.6" in answer.ranked_sections[:2]


def test_which_of_a_plural_still_asks_for_the_catalogue(assistant):
    assert assistant.ask("Which of the Japanese schemes are certifications?").to_json()["shape"] == "catalogue"


def test_quoted_words_joined_by_ka_or_ya_list_the_sections_that_use_either(assistant):
    answer = assistant.ask("「サプライチェーン」や「委託先」という言葉が出てくる節を全部挙げて。")
    cited = {c.section_id for c in answer.citations}

    def holders(word):
        return {sid for sid in assistant.sections if word in "".join(p.text for p in assistant.index.passages_of(sid))}

    assert cited == holders("サプライチェーン") | holders("委託先")


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("What does the report say Rev.4 added?", "2.4.6"),
        ("本書で、府省庁の対策基準を決めている本部はどこ？", "2.1.3"),
    ],
)
def test_a_word_only_an_entry_uses_makes_a_question_about_that_entry_not_the_report(assistant, question, entry):
    # "according to the report" says where to look; Rev.4 or 戦略本部 says what is asked about
    answer = assistant.ask(question)
    assert answer.to_json()["shape"] != "meta" and answer.ranked_sections[0] == entry


def test_a_question_about_the_report_in_plain_words_stays_about_the_report(assistant):
    for question in ("What is the full title of this report?", "本書はどんな方法で調べてまとめたもの？"):
        assert assistant.ask(question).to_json()["shape"] == "meta"
    assert assistant.entry_terms.held_by("Which American scheme does the report single out?") == []


def test_a_question_that_opens_on_another_thing_asked_for_is_no_catalogue(assistant):
    # "Which organisation drew up …": an organisation is asked for; "the … standards for
    # Japanese banks" describe one scheme, not the Japanese ones
    answer = assistant.ask("Which organisation drew up the security standards for Japanese banks' computer systems?")
    assert answer.to_json()["shape"] != "catalogue" and answer.ranked_sections[0] == "2.1.6"
    assert assistant.ask("Which international schemes are covered?").to_json()["shape"] == "catalogue"


def test_the_only_scheme_of_a_place_is_asked_something_of_not_listed(assistant):
    # Singapore has one scheme here: 「…規格では、…文書は？」 asks MTCS for a document
    answer = assistant.ask("シンガポールのクラウド規格では、認証とは別にプロバイダが作る文書は？")
    assert answer.to_json()["shape"] != "catalogue" and "自己開示文書" in answer.answer
    assert answer.ranked_sections[0] == "2.3.6"
    # the place alone still asks for its schemes
    assert assistant.ask("シンガポールの制度は？").to_json()["shape"] == "catalogue"


@pytest.mark.parametrize(
    "q",
    [
        "FedRAMPとは何か、本書の説明に沿って定義してください。",
        "C5とは何か、説明してください。",
        # a kind of many (規格群), asked in the plain form (なのか)
        "統一基準群とはどういう文書群なのか、本書に沿って定義して。",
    ],
)
def test_what_is_x_with_a_request_to_define_it_is_a_definition(assistant, q):
    assert assistant.ask(q).shape == "definition"


def test_a_definition_asked_with_more_quotes_what_else_is_asked(assistant):
    ans = assistant.ask("ISMSクラウドセキュリティ認証とは何か、有効期間も含めて定義してください。")
    assert ans.shape == "definition" and ans.citations[0].section_id == "2.1.1"
    assert any("有効期間" in c.text for c in ans.citations)


def test_each_part_of_the_report_named_answers_for_itself(assistant):
    ans = assistant.ask("「本書の主旨」と「おわりに」では、それぞれ何が重要だと述べている？")
    cited = {c.section_id for c in ans.citations}
    assert ans.shape == "meta" and {"1.1", "おわりに"} <= cited


def test_how_a_part_opens_is_its_first_sentence(assistant):
    ans = assistant.ask("How do the introduction and the conclusion each open?")
    first = {sid: next(p for p in assistant.index.passages_of(sid) if p.field == "本文").text[:20] for sid in ("はじめに", "おわりに")}
    assert all(any(c.text.startswith(first[sid][:10]) for c in ans.citations) for sid in first)


def test_a_scheme_s_definition_goes_on_past_its_summary(assistant):
    # the name row and the one-line summary, then the section's best sentence for the question
    ans = assistant.ask("What is the CS mark?")
    assert ans.shape == "definition" and len(ans.citations) >= 3
    assert {c.section_id for c in ans.citations} == {"2.1.2"}


def test_a_scheme_is_defined_by_what_it_is_and_how_it_works(assistant):
    # the summary's first sentence says what MTCS is; the ones after it, its levels
    ans = assistant.ask("What is MTCS?")
    assert ans.shape == "definition" and {c.section_id for c in ans.citations} == {"2.3.6"}
    assert any("3 段階のレベル" in c.text for c in ans.citations), ans.answer


@pytest.mark.parametrize(
    "q",
    [
        "C5の監査はどう進むのか、本書の記述に沿って順番に並べて。",
        "Take me through how a FedRAMP authorisation proceeds, step by step.",
    ],
)
def test_the_steps_of_a_process_asked_in_their_order_are_an_enumeration(assistant, q):
    assert detect_shape(q, assistant.entities, assistant.group_labels).kind == "enumeration"


def test_in_order_to_is_a_purpose_not_an_order(assistant):
    q = "What must a provider do in order to be listed on G-Cloud?"
    assert detect_shape(q, assistant.entities, assistant.group_labels).kind != "enumeration"


@pytest.mark.parametrize(
    "q, meta",
    [
        ("What must a US provider acting as a business associate conclude before it starts?", False),
        ("What does the report conclude?", True),
        ("What do the authors conclude about ISO/IEC 27001?", True),
    ],
)
def test_concluding_an_agreement_is_no_question_about_the_report_s_conclusion(assistant, q, meta):
    assert (detect_shape(q, assistant.entities, assistant.group_labels).kind == "meta") is meta


@pytest.mark.parametrize("q", ["C5が参照している規格をすべて挙げて", "List all the standards that C5 references."])
def test_the_standards_a_section_names_are_each_quoted_from_that_section(assistant, q):
    ans = assistant.ask(q)
    assert {c.section_id for c in ans.citations} == {"2.3.4"}, ans.answer
    quoted = " ".join(c.text for c in ans.citations)
    assert "ISO/IEC 27001" in quoted and "ISO/IEC 27017" in quoted, ans.answer


def test_the_standards_of_a_part_named_come_from_that_part_only(assistant):
    # the NIST section holds many documents: the CSF's own references are asked for
    ans = assistant.ask("CSFの参照先として名前が出ている規格をすべて挙げて")
    assert ans.citations and all("CSF" in c.field for c in ans.citations), ans.answer
    assert "800-53" in ans.answer and "27001" in ans.answer


@pytest.mark.parametrize(
    "q",
    ["はじめにで、政府調達において注目されているとされるのはどの制度？", "In the introduction, which schemes are said to be drawing attention in government procurement?"],
)
def test_a_which_question_about_a_named_part_of_the_report_is_answered_there_not_swept(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape != "list", ans.answer
    assert ans.ranked_sections[0] == "はじめに", ans.ranked_sections
    assert any(c.section_id == "はじめに" and "FedRAMP" in c.text for c in ans.citations), ans.answer


@pytest.mark.parametrize(
    "q, section, first, last",
    [
        # from the endorsement of assessors to the agency's accreditation, in the report's order
        ("Walk me through the IRAP process step by step.", "2.3.5", "IRAP 審査員", "残存リスク"),
        ("FedRAMPの評価から承認までの流れを順番に教えて", "2.3.1", "3PAO", "FedRAMP High"),
    ],
)
def test_a_process_asked_step_by_step_is_told_in_the_report_s_order(assistant, q, section, first, last):
    ans = assistant.ask(q)
    assert ans.shape == "enumeration" and {c.section_id for c in ans.citations} == {section}, ans.answer
    assert len(ans.citations) >= 5, ans.answer
    order = [(c.passage_id, c.start) for c in ans.citations]
    assert order == sorted(order), ans.answer
    quoted = " ".join(c.text for c in ans.citations)
    assert first in quoted and last in quoted, ans.answer


def test_a_definition_goes_on_to_the_sentence_that_takes_the_term_up_again(assistant):
    # 「…FedRAMP Security Controls Baseline に規定されている。この Baseline は、…以下の 3 段階…」
    ans = assistant.ask("「FedRAMP Security Controls Baseline」とは何？")
    quoted = " ".join(c.text for c in ans.citations)
    assert ans.shape == "definition" and "この Baseline" in quoted and "FedRAMP High" in quoted, ans.answer


def test_one_thing_of_the_section_named_asked_like_a_list_is_a_lookup(assistant):
    # read like a list (which guideline … based on), but only the section named answers, with one thing
    ans = assistant.ask("CSマークの基本言明要件のもとになっている管理基準は、どのガイドラインに基づいていますか？")
    assert ans.shape == "lookup" and "情報セキュリティマネジメントガイドライン" in ans.answer, (ans.shape, ans.answer)


@pytest.mark.parametrize(
    "q, word",
    [
        ("MTCSの3つのレベルのうち、2番目のレベルは何？", "Tier"),
        ("Of the six domains of the StarAudit catalogue, what is the fourth one called?", "データセンター"),
    ],
)
def test_one_member_picked_by_its_place_is_a_lookup(assistant, q, word):
    ans = assistant.ask(q)
    assert ans.shape == "lookup" and word in ans.answer, (ans.shape, ans.answer)


def test_the_things_a_named_section_holds_asked_by_their_number_are_its_members(assistant):
    # not a sweep of every section that mentions NIST documents
    ans = assistant.ask("Name the three documents that the NIST entry describes.")
    assert ans.shape == "enumeration" and {c.section_id for c in ans.citations} == {"2.4.6"}, ans.answer
    for doc in ("800-53", "800-171", "CSF"):
        assert doc in ans.answer, ans.answer


@pytest.mark.parametrize("q", ["「トラストサービスの原則と規準」とは何か、定義してください。", "「約款による外部サービスの利用」とは何？"])
def test_a_term_in_quotes_is_defined_even_with_particles_inside(assistant, q):
    # the asker marks it as one term: its の and と do not make it a phrase of the question's own
    assert assistant.ask(q).shape == "definition"


@pytest.mark.parametrize(
    "q, item",
    [
        ("統一基準群の③と④は、それぞれ何年度版？", "③ 政府機関等の情報セキュリティ対策のための統一基準"),
        ("④のガイドラインと③の統一基準は、どちらも何年度版？", "③ 政府機関等の情報セキュリティ対策のための統一基準"),
    ],
)
def test_a_list_item_named_by_its_circled_number_is_quoted(assistant, q, item):
    ans = assistant.ask(q)
    assert any(c.text.startswith(item) for c in ans.citations), ans.answer


def test_an_answer_naming_an_item_by_its_number_quotes_the_item(assistant):
    # one of a counted few is asked for: a lookup, whose sentence names the document as ④
    ans = assistant.ask("統一基準群の4つの文書のうち、対策基準を作るときの考え方を解説しているのはどれ？")
    assert ans.shape == "lookup"
    assert ans.citations[0].text.startswith("④は")
    # the item ④ itself follows, so the answer says which document ④ is
    assert any(c.text.startswith("④ 政府機関等の対策基準策定のためのガイドライン") for c in ans.citations[1:])


def test_a_comparison_of_how_each_is_divided_quotes_the_sentence_that_divides(assistant):
    # 「…の 4 つの対策基準群に分類して」 answers how the FISC standards are divided
    ans = assistant.ask("Compare how the FISC standards and SOC2 each divide up their criteria.")
    assert ans.shape == "compare", ans.answer
    fisc = [c for c in ans.citations if c.section_id == "2.1.6"]
    assert fisc and "対策基準群" in fisc[0].text, ans.answer


def test_a_comparison_row_quotes_no_english_title_line_unless_names_are_compared(assistant):
    import re

    # "Part 3: Guidelines for …" titles a standard in a Japanese entry; it says nothing of what each gives
    ans = assistant.ask("ISO/IEC 27017 vs ISO/IEC 27036-4: what does each one offer, and to whom?")
    assert ans.shape == "compare", ans.answer
    assert all(re.search(r"[ぁ-ゖァ-ヺ一-龯]", c.text) for c in ans.citations), ans.answer
    # titles compared are answered by the titles
    ans = assistant.ask("Compare the titles of ISO/IEC 27017 and ISO/IEC 27018.")
    assert any(not re.search(r"[ぁ-ゖァ-ヺ一-龯]", c.text) for c in ans.citations), ans.answer
