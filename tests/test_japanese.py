"""Japanese normalisation and search tokens, with the real MeCab (fugashi +
unidic-lite) tagger."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant.japanese import (
    _TAGGER,
    TOKENIZER_VERSION,
    cached_search_tokens,
    clean_control,
    compact,
    is_mostly_english,
    normalize,
    normalize_text,
    search_tokens,
    tokenize,
)
from assistant.question_words import aspect_nouns, is_polar_question

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "jipdec-cloud-2019.md"

PARTICLES_AND_AUX = {
    "の",
    "は",
    "が",
    "を",
    "に",
    "で",
    "と",
    "て",
    "も",
    "か",
    "です",
    "ます",
    "について",
    "つく",
}


def texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


def assert_offsets(s: str) -> None:
    for t in tokenize(s):
        assert 0 <= t.start < t.end <= len(s), (s, t)
        assert s[t.start : t.end] == t.surface, (s, t)
        assert t.surface.strip() and t.text


def test_version_is_a_string():
    assert isinstance(TOKENIZER_VERSION, str) and TOKENIZER_VERSION


@pytest.mark.parametrize(
    "s", ["ＩＳＯ２７０１７", "iso27017", "ISO/IEC 27017", "ISO27017", "ＩＳＯ／ＩＥＣ　２７０１７"]
)
def test_iso_27017_variants_share_tokens(s):
    assert {"iso", "27017"} <= set(texts(s))
    assert_offsets(s)


def test_iso_iec_is_split_at_the_slash():
    assert texts("ISO/IEC 27017") == ["iso", "iec", "27017"]
    toks = tokenize("ＩＳＯ／ＩＥＣ　２７０１７の規格")
    assert [(t.text, t.surface) for t in toks] == [
        ("iso", "ＩＳＯ"),
        ("iec", "ＩＥＣ"),
        ("27017", "２７０１７"),
        ("規格", "規格"),
    ]


def test_c5_stays_whole():
    assert texts("C5") == ["c5"]
    assert texts("Ｃ５") == ["c5"]
    toks = texts("C5の監査基準")
    assert toks[0] == "c5" and "c" not in toks and "5" not in toks
    assert {"監査", "基準"} <= set(toks)
    assert "監査基準" in search_tokens("C5の監査基準")


def test_nist_sp_800_53():
    assert texts("NIST SP 800-53") == ["nist", "sp", "800-53"]
    assert texts("NIST SP800-53") == ["nist", "sp", "800-53"]
    assert texts("ＳＰ８００－５３") == ["sp", "800-53"]
    assert texts("ISO/IEC 27036-4") == ["iso", "iec", "27036-4"]


def test_soc2_plus_variant_stays_in_bounds():
    toks = tokenize("SOC2+")
    assert [t.text for t in toks] == ["soc2+", "soc2"]
    assert all((t.start, t.end, t.surface) == (0, 5, "SOC2+") for t in toks)


def test_katakana_words():
    assert texts("クラウドサービス") == ["クラウド", "サービス"]
    assert "クラウドサービス" in search_tokens("クラウドサービス")
    assert texts("サーベイランス") == ["サーベイランス"]


@pytest.mark.parametrize(
    "a,b",
    [
        ("サーバー", "サーバ"),
        ("プロバイダー", "プロバイダ"),
        ("クラウドサービスプロバイダー", "クラウドサービスプロバイダ"),
        ("セキュリティー", "セキュリティ"),
        ("ｻｰﾊﾞｰ", "サーバ"),  # half-width katakana with a separate ﾞ
        ("サーバ－", "サーバ"),  # a full-width hyphen used as the long vowel
        ("カ\u3099イド", "ガイド"),  # decomposed dakuten
    ],
)
def test_long_vowel_and_width_variants_match(a, b):
    assert texts(a) == texts(b)
    assert_offsets(a)


@pytest.mark.parametrize("s", ["800－53", "800‐53", "800-53", "800−53", "800–53", "８００－５３"])
def test_hyphen_variants(s):
    assert texts(s) == ["800-53"]
    assert_offsets(s)


def test_okurigana_variants_share_a_lemma():
    assert texts("取扱い") == texts("取り扱い")
    assert texts("取扱う") == texts("取り扱う")


@pytest.mark.parametrize(
    "s,expected",
    [
        ("ISOについて教えてください", ["iso"]),
        ("クラウドサービスとは何ですか", ["クラウド", "サービス"]),
        ("C5の監査基準は？", ["c5", "監査", "基準"]),
        ("クラウドにおける監査", ["クラウド", "監査"]),
        ("ISMSに関する規格", ["isms", "規格"]),
    ],
)
def test_particles_and_auxiliaries_dropped(s, expected):
    toks = texts(s)
    assert toks == expected
    assert not PARTICLES_AND_AUX & set(toks)


def test_inflected_words_give_their_lemma():
    assert "確認" in texts("確認された")
    assert texts("提供している")[0] == "提供"
    assert texts("定めた") == texts("定める")


def test_case_and_width_folding():
    assert texts("ISMS") == texts("isms") == texts("ＩＳＭＳ") == ["isms"]
    assert normalize_text("ＡＢＣ－１") == "abc-1"
    assert compact("ISMS との関連性") == compact("ISMSとの関連性") == "ismsとの関連性"


def test_accented_latin_words_stay_whole():
    assert texts("Bundesamt für Sicherheit") == ["bundesamt", "für", "sicherheit"]


@pytest.mark.parametrize(
    "s",
    [
        "ＩＳＯ／ＩＥＣ　２７０１７：２０１５（ＪＩＳ　Ｑ　２７０１７：２０１６）と整合がとられている。",
        "ｸﾗｳﾄﾞｻｰﾋﾞｽﾌﾟﾛﾊﾞｲﾀﾞｰ",
        "㈱アズジェント ①では ㍻30年",
        "SOC2、SOC2+ を参照。",
        "2.4.5 SOC2、SOC2+",
        "e\u0301te\u0301 Ａ\u0308",
    ],
)
def test_offsets_map_back_to_the_surface(s):
    assert_offsets(s)


def test_normalize_offsets():
    s = "ＩＳＯ　ｻｰﾊﾞｰ㈱"
    n = normalize(s)
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(s)
    assert list(n.offsets) == sorted(n.offsets)
    assert all(0 <= o < len(s) for o in n.offsets[:-1])
    assert n.text.startswith("iso サーバー")


def test_whole_report_tokens_map_back():
    text = CORPUS.read_text(encoding="utf-8")
    toks = tokenize(text)
    assert len(toks) > 5000
    for t in toks:
        assert text[t.start : t.end] == t.surface and t.start < t.end
    words = {t.text for t in toks}
    assert {"iso", "27017", "c5", "800-53", "soc2", "soc2+", "サーベイランス", "プロバイダ"} <= words


def test_cached_search_tokens():
    s = "ISO/IEC 27017 のクラウドサービス固有の管理策"
    assert cached_search_tokens(s) == tuple(search_tokens(s))


def test_tagger_per_thread():
    s = "クラウドサービスプロバイダの管理策を確認する。"
    expected = texts(s)
    results: list[list[str]] = []
    taggers = []

    def work():
        taggers.append(_TAGGER.get())
        results.append(texts(s))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [expected] * 4
    assert len({id(t) for t in taggers}) == 4


def test_helpers():
    assert is_mostly_english("What is C5?")
    assert not is_mostly_english("C5とは何ですか")
    assert not is_mostly_english("2019")
    assert clean_control("a\x00b\tc\nd\ud800") == "ab\tc\nd?"
    # invisible format characters: zero-width space/joiner, BOM, soft hyphen, bidi controls
    assert clean_control("監査\u200b基準\ufeff\u00ad\u202eC5\u202c\u2066x\u2069\u200d") == "監査基準C5x"
    assert tokenize("") == [] and search_tokens("   \n") == []


def test_stem_drops_okurigana_so_noun_and_verb_meet():
    from assistant.japanese import stem, stems

    assert stem("紐付け") == stem("紐付ける") == "紐付"
    assert stem("ベース") == "ベース" and stem("する") == "する"  # kana-only words stay whole
    assert stems("紐づけていたり") & stems("管理策との紐づけを示している")


@pytest.mark.parametrize(
    "q, polar",
    [
        ("データの暗号化まで義務づけられてる？", True),
        ("担当してもらう審査機関を自分で選べるの？", True),  # a favour inside, not at the end
        ("事前の登録は必要？", True),
        ("それは認証の代わりになるものなの？", True),  # the copula な is the predicate, not a particle
        ("何か制限はありますか。", True),  # 何か: "anything", closed by か
        ("具体的にどうすべきかまで書いてある？", True),  # an embedded question
        ("監査基準は？", False),  # a topic
        ("サービスはどんなカテゴリに分かれてるの？", False),  # "分かれ" holds no particle か
        ("要件はいくつある？", False),  # いくつ is 幾 + つ
        ("審査の手順を教えてください。", False),  # a request
        ("全部挙げてくれる？", False),
        ("箇条書きにしてもらえる？", False),
        ("評価の一部を省略してもらえる？", True),  # whether someone else does it, not a request
        ("運営団体が中身をチェックしてくれるの？", True),
        ("取消しの手続きも知りたいです。", False),  # a wish
        ("Is it mandatory?", False),  # English is read elsewhere
    ],
)
def test_a_yes_no_question_has_no_question_word_of_its_own_and_ends_on_a_predicate(q, polar):
    assert is_polar_question(q) is polar


def test_aspect_nouns_are_the_compounds_a_question_asks_about():
    nouns = [n for n, _, _ in aspect_nouns("データの暗号化まで義務づけられてる？")]
    assert nouns == ["データ", "暗号化", "義務"]
    # nouns of time and manner, numbers and lone affixes are left out
    assert [n for n, _, _ in aspect_nouns("申請するとき、3つの書類は最初に出す？")] == ["申請", "書類"]
