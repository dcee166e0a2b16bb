"""The catalogue: one record per scheme section, derived from the outline and
the table fields, every cell pointing back at the report's text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.catalogue import build_catalogue, group_label
from assistant.japanese import compact
from assistant.paths import PROJECT_ROOT
from assistant.segment import load_document, strip_markup

SYNTHETIC = PROJECT_ROOT / "tests" / "data" / "synthetic-report.md"


def test_one_record_per_scheme_section_with_group_and_issuer(assistant):
    records = assistant.catalogue()
    leaves = [s.id for s in assistant.outline() if len(s.path) == 3 and s.path[0] == "2"]
    assert [r.section_id for r in records] == leaves
    by_id = {r.section_id: r for r in records}
    assert {r.group for r in records} == {"国内", "国際", "諸外国", "規格・ガイド"}
    c5 = by_id["2.3.4"]
    assert c5.group == "諸外国" and c5.country == "ドイツ" and c5.region == "欧州"
    assert c5.issuer is not None and "BSI" in c5.issuer.text
    assert c5.target is not None and "クラウドサービスプロバイダ" in c5.target.text
    assert c5.summary is not None and c5.summary.text.startswith("クラウドサービスの情報セキュリティを評価する")
    assert by_id["2.3.5"].region == "アジア太平洋" and by_id["2.3.6"].region == "アジア太平洋"
    assert by_id["2.1.4"].issuer is not None and by_id["2.1.4"].issuer.text == "総務省"
    # a name row listing three ministries' guidelines (① 厚生労働省「…」…) has all three issuers
    assert by_id["2.1.5"].issuers_text() == "厚生労働省・総務省・経済産業省"
    # a standard described in prose: its English title is its name, its first Japanese sentence its summary
    iso = by_id["2.4.1"]
    assert iso.name is not None and iso.name.text.startswith("Information technology")
    assert iso.summary is not None and "ガイドライン規格である" in iso.summary.text
    assert iso.issuer is None  # the report names none: the field stays empty
    assert all(r.page is not None for r in records)


def test_every_cell_maps_back_to_the_corpus_text(assistant, corpus_text):
    n = 0
    for r in assistant.catalogue():
        for name, cell in [*r.cells().items(), *(("co_issuer", c) for c in r.co_issuers)]:
            quoted = strip_markup(corpus_text[cell.start : cell.end])
            assert compact(quoted) == compact(cell.text), (r.section_id, name)
            p = assistant.index.passages[cell.passage_id]
            assert p.section_id == r.section_id
            n += 1
    assert n >= 80


def test_group_filter_by_id_or_label(assistant):
    assert [r.section_id for r in assistant.catalogue("2.2")] == ["2.2.1", "2.2.2", "2.2.3"]
    assert [r.section_id for r in assistant.catalogue("国際")] == ["2.2.1", "2.2.2", "2.2.3"]


def test_group_labels_from_headings():
    assert group_label("2.1 国内の制度・ガイドライン等") == "国内"
    assert group_label("2.2 国際的な制度・ガイドライン等") == "国際"
    assert group_label("2.4 クラウドに関連する規格・ガイド等") == "規格・ガイド"


def test_synthetic_report_yields_its_own_catalogue():
    doc = load_document(SYNTHETIC)
    by_section: dict[str, list] = {}
    for p in doc.passages:
        by_section.setdefault(p.section_id, []).append(p)
    records = build_catalogue(doc.sections, lambda sid: by_section.get(sid, []))
    assert [r.section_id for r in records] == ["2.1.1", "2.1.2", "2.2.1", "2.2.2"]
    assert [r.group for r in records] == ["国内", "国内", "海外", "海外"]
    app = records[0]
    assert app.issuer is not None and app.issuer.text == "架空アプリ認証センター"
    assert app.target is not None and "スマートフォンアプリ" in app.target.text
    assert records[1].issuer is None and records[1].isms is not None
    assert records[2].issuer is not None and records[2].issuer.text == "架空国デジタル庁"


def test_cli_catalogue_json_and_group():
    p = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "catalogue", "--json", "--group", "諸外国"],
        capture_output=True, text=True, timeout=120,
    )
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["section_id"] for r in rows] == ["2.3.1", "2.3.2", "2.3.3", "2.3.4", "2.3.5", "2.3.6"]
    assert rows[3]["issuer"]["text"].startswith("ドイツ情報セキュリティ庁")
    bad = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "catalogue", "--group", "宇宙"], capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2 and "no such group" in bad.stderr


def test_a_group_label_inside_a_compound_is_not_the_group(assistant):
    from assistant.catalogue import match_group

    assert {r.group for r in match_group(assistant.records, "国内の制度は？")} == {"国内"}
    assert match_group(assistant.records, "JIS規格（国内規格化されたもの）に触れている節は？") == []
    # a group's number says which group, however its words translate ("foreign": 国際 and 諸外国)
    from assistant.question_cues import group_words

    q = "List the foreign schemes of section 2.2 with their operators."
    assert {r.group_id for r in match_group(assistant.records, q, group_words(q))} == {"2.2"}
    # "foreign-country", hyphenated or not, is the countries' group (諸外国), not the international one
    for q in ("List the foreign-country schemes.", "List the foreign country schemes."):
        assert {r.group_id for r in match_group(assistant.records, q, group_words(q))} == {"2.3"}, q
    # so a list by condition looks at every section, 2.4.2 (JIS X 9250) included
    ans = assistant.ask("JIS規格に触れている節はどこ？")
    assert "2.4.2" in {c.section_id for c in ans.citations}


def test_prose_standard_takes_its_issuer_and_country_from_its_opening_text(assistant):
    # 2.4.5 / 2.4.6 have no 名称 row; their text names the body that defines them
    recs = {r.section_id: r for r in assistant.catalogue()}
    assert recs["2.4.5"].issuer.text == "米国公認会計士協会" and recs["2.4.5"].country == "米国"
    assert recs["2.4.6"].country == "米国"
    # an ISO/IEC standard names no country-named body: it stays without one
    assert recs["2.4.1"].issuer is None and recs["2.4.1"].country is None


@pytest.mark.parametrize(
    "q, row",
    [
        ("国内の制度それぞれの対象は？一覧でお願いします", "対象"),
        ("What is the scope of each scheme from other countries? List them all.", "対象"),
        # no row asked for: each scheme's summary
        ("国内の制度を一覧で", "概要"),
        # the ISMS row, however the tie is worded
        ("For each scheme from other countries, how does it link to ISMS?", "ISMS"),
        ("諸外国の制度は、それぞれISMSとどうつながっている？", "ISMS"),
    ],
)
def test_a_catalogue_gives_each_scheme_the_row_the_question_asks_for(assistant, q, row):
    ans = assistant.ask(q)
    assert ans.shape == "catalogue" and not ans.abstained
    # (a record's formal name may follow its row, under 名称…)
    fields = [c.field for c in ans.citations if not c.field.startswith("名称")]
    assert len({c.section_id for c in ans.citations}) >= 6
    assert fields and all(f.startswith(row) for f in fields), fields


def test_a_meta_question_that_opens_with_when_is_no_question_about_the_date(assistant):
    # "When readers use …" opens a clause; it does not ask when the report was published
    ans = assistant.ask("When readers use this report, what are they asked to check for each scheme?")
    assert "表紙" not in {c.section_id for c in ans.citations}, ans.answer
    assert "表紙" in {c.section_id for c in assistant.ask("When was this report published?").citations}


def test_the_report_s_own_country_by_name_is_its_domestic_group(assistant):
    # 日本 names no record's country: the report's own country is its 国内 group
    ans = assistant.ask("日本の制度は全部で何件？")
    domestic = {r.section_id for r in assistant.catalogue() if r.group == "国内"}
    assert ans.shape == "catalogue" and {c.section_id for c in ans.citations} == domestic, ans.answer
    assert f"{len(domestic)}件" in ans.answer, ans.answer


def test_a_catalogue_ranks_first_the_scheme_its_words_point_to(assistant):
    ans = assistant.ask("日本の制度のうち、医療情報を扱うものを教えて")
    assert ans.shape == "catalogue" and ans.ranked_sections[0] == "2.1.5", ans.ranked_sections


@pytest.mark.parametrize(
    "q",
    [
        # 認証機関 are bodies, not schemes; 日本 opens the body's katakana name, it is no scope
        "日本マネジメントシステム認証機関協議会の会員になっている認証機関はいくつ？",
        "日本セキュリティ監査協会には、いくつの監査法人が加盟していますか？",
    ],
)
def test_counting_bodies_inside_a_named_body_is_no_catalogue(assistant, q):
    ans = assistant.ask(q)
    assert ans.shape != "catalogue", ans.answer


def test_organisations_of_a_country_are_its_entries_by_issuer(assistant):
    # "every organisation based in the United States": the US entries, each with who runs it
    a = assistant.ask("Catalogue every organisation based in the United States that the report names.")
    assert a.to_json()["shape"] == "catalogue"
    assert {c.section_id for c in a.citations} == {"2.2.1", "2.3.1", "2.4.5", "2.4.6"}
    assert "(米国)" in a.answer.splitlines()[0]  # the country as the report writes it


def test_several_countries_named_are_each_listed(assistant):
    a = assistant.ask("Catalogue every organisation from Australia or Singapore that the report names, with the role it plays.")
    assert a.to_json()["shape"] == "catalogue"
    assert {c.section_id for c in a.citations} == {"2.3.5", "2.3.6"}
    a = assistant.ask("ドイツと英国の制度を一覧で")
    assert {c.section_id for c in a.citations} == {"2.3.2", "2.3.4"}


def test_bodies_of_a_country_that_other_entries_name_are_listed_after_its_entries(assistant):
    # "PwC Germany" is one of the EU-SEC consortium: a German body, named in another entry
    a = assistant.ask("Catalogue every organisation from Germany or Australia that the report names.")
    sids = list(dict.fromkeys(c.section_id for c in a.citations))
    assert sids[:2] == ["2.3.4", "2.3.5"] and "2.2.3" in sids, a.answer
    assert "PwC Germany" in a.answer
    # the report's own country is its domestic group; its publisher named everywhere is no addition
    a = assistant.ask("日本の組織をすべて一覧にして")
    assert all(c.section_id.startswith("2.1.") for c in a.citations), a.answer


@pytest.mark.parametrize(
    "q, beyond",
    [
        # the bodies of a place, wherever based, ask only which entries it has
        ("List every body based in Singapore that the report names.", False),
        ("シンガポールの組織をすべて挙げて", False),
        # something asked of them goes beyond
        ("Which organisations in Singapore certify cloud providers?", True),
        ("シンガポールの規格では、プロバイダが作る文書は？", True),
    ],
)
def test_the_bodies_of_a_place_ask_nothing_beyond_its_entries(q, beyond):
    from assistant.question_cues import asks_beyond_scope

    assert asks_beyond_scope(q) is beyond


def test_the_bodies_of_a_country_with_one_entry_are_still_a_catalogue(assistant):
    a = assistant.ask("Catalogue every organisation from Germany that the report names.")
    assert a.to_json()["shape"] == "catalogue", a.answer
    assert "PwC Germany" in a.answer and "BSI" in a.answer
