"""Cues in a question's words that more than one module reads.

Which named part of the report a question asks about (its introduction, its
conclusion, its statement of purpose, its cover, its contact details); whether
it asks what a thing is ("Xとは", "What is X?"), for the members of a thing
(its kinds, levels, parts), for where a thing is used, for every part of the
report, for either of two names; which of the catalogue's groups it means in
other words ("overseas" -> 海外); which two things a comparison describes
rather than names; and the kind nouns (制度, scheme) of the catalogue's entries.
``detect_shape`` reads them to choose an answer's shape; the composer, the
comparer, the front matter, the conversation and ``Assistant`` read them to
fill it. Each cue is a yes or no, or a small piece of the question, never a
shape. Like the shapes, these are general Japanese and English question
forms, not phrases of any eval set.
"""

from __future__ import annotations

import re
import unicodedata

from .bilingual import SCOPE_FIRST_EN, content_words_en
from .japanese import cached_search_tokens, compact, is_mostly_english
from .regions import country_named, regions_named

# the kind nouns of the catalogue's entries (制度, scheme …)
CATALOGUE_NOUN = re.compile(
    r"制度|規格|ガイドライン|ガイド|基準|認証|スキーム|枠組み|文書|scheme|standard|guideline|framework|certification|program",
    re.I,
)

# a part of the report named by what it is: asked about even when a scheme is named with it
# ("How does the conclusion rate ISO/IEC 27017?"); "the introduction of cloud services" is adoption
NAMES_INTRODUCTION = re.compile(
    r"はじめに|序文|まえがき|導入部分|\b(?:the|its|(?:report|document)['’]s)\s+(?:introduction|preface|foreword)\b(?!\s+of\b)"
    r"|\b(?:opening|introductory)\s+(?:section|chapter|remarks|pages|part|words)\b",
    re.I,
)
NAMES_CONCLUSION = re.compile(
    r"おわりに|結び(?=の|で|に|は|を|が|[」』\s?？]|$)|(?:本書|報告書|レポート|資料)の締め(?:くくり|括り)|締め(?:くくり|括り)の(?:章|節)|\b(?:the|its|(?:report|document)['’]s)\s+conclusions?\b|closing\s+(?:section|remarks|chapter|pages|part|words)|concluding\s+(?:section|remarks|chapter|pages|part|words)", re.I
)
# the statement of purpose and the cover named as parts of the report
NAMES_PURPOSE = re.compile(r"本書の(?:主旨|趣旨)|\bstatement\s+of\s+(?:the\s+)?purpose\b|\bpurpose\s+section\b", re.I)
NAMES_COVER = re.compile(
    r"表紙|\btitle\s+page\b|\bfront\s+cover\b|\b(?:the|its|(?:the\s+|this\s+)?report's)\s+cover\b(?!\s+(?:all|every|each|both|only|the|more|it|them)\b)", re.I
)
# the committee's roster at the back ("On the committee roster, who …", 「名簿で」): a part a
# conversation turns to (measured: read as a part everywhere, it made two absent details about
# the roster's members answers about the report)
NAMES_ROSTER = re.compile(r"名簿|委員一覧|\broster\b|\bcommittee\s+(?:list|membership)\b", re.I)
# every part of the report a question may name as such
NAMED_PARTS = (NAMES_INTRODUCTION, NAMES_CONCLUSION, NAMES_PURPOSE, NAMES_COVER)
# contact details: the report's own address block ("addresses risks" is no address)
ASKS_CONTACT = re.compile(
    r"連絡先|問い?合わせ先|電話番号|住所|ファックス|FAX|\b(?:phone|telephone|fax)\b|contact\s+(?:details|information|address)|(?:postal|mailing)\s+address",
    re.I,
)

# "Xとは", "What is X?": a question about what a thing is
_DEFINITION_JA = re.compile(r"^(?P<x>.+?)\s*(?:とは(?:何|なに|なん)(?:のこと)?|について(?:教えて|知りたい|説明して)(?:ください|下さい)?|の概要を教えて(?:ください)?|とは(?:そもそも|一体|いったい|簡単に(?:言うと|いうと)?|ざっくり(?:言うと|いうと)?)?(?:どういう|どんな|何の|なんの)?(?:もの|規格|制度|こと|枠組み|仕組み|ガイドライン|文書)?|って、?(?:そもそも|一体|いったい|要するに|つまり|簡単に(?:言うと|いうと)?|ざっくり(?:言うと|いうと)?)?、?(?:何|なに|なん)(?:のこと|の略)?|ってどんな(?:もの|制度|規格)|って(?:何|なに|なん)の略で、?(?:どういう|どんな|どのような)(?:もの|組織|団体|機関)|(?:とは|って)、?(?:具体的に(?:は)?|簡単に(?:は)?|要するに|(?:一言|ひとこと)で(?:いうと|言うと)?)?、?(?:どういう|どんな|どのような)(?:もの|規格|制度|組織|団体|機関|情報|意味|概念|仕組み|こと|文書|者|人)(?:のこと)?(?:を(?:指す|指して(?:いる|る)?|意味する|意味して(?:いる|る)?)(?:の)?)?|は(?:どんな|どういう)(?:もの|規格|制度|ガイドライン|枠組み|仕組み|文書|認証|報告書)|は何(?:ですか|でしょう)?|はなに|とはなん|(?:とは|って)(?:何|なに|なん)を(?:指して|指す|意味して|意味する)(?:いる|います|いるの|の)?)"
                            r"群?(?:なの|なん)?(?:ですか|でしょうか|か|\s)*[？?。]*"
                            # (a request for brevity after it: 「…とは何か、ひとことで説明して」)
                            r"(?:、?\s*(?:ひとこと|一言|簡単|手短|端的|短く)(?:に|で)?(?:説明|教えて|まとめ|言う|いう)\S{0,8}?[。？?]*"
                            # (or to define it, by the report: 「…とは何か、本書の説明に沿って定義してください」)
                            r"|(?:、|を)\s*[^。？?、]{0,24}?(?:定義|説明)(?:して|を)(?:ください|下さい)?[。？?]*)?"
                            # (and what to cover, said after it: 「…定義して。何の規格で、…まで含めて。」)
                            # (「…まで含めて」, or the sub-questions it should answer: 「誰が作るのか、…を含むのかまで。」)
                            r"(?:\s*[^。？?]{0,80}?(?:(?:まで|も)?含め(?:て|た)(?:ください|下さい)?|か(?:まで|も))[。？?]*)?$")
_DEFINITION_EN = re.compile(
    # ("what is meant by X", "what is the definition of X", "explain what X is": below;
    # "In a sentence, what is C5?", "Briefly, …": a request for brevity may come first)
    r"^(?:(?:in\s+(?:a|one)\s+(?:sentence|word|line)|briefly|in\s+short|simply\s+put)\s*,\s*)?"
    # ("What is certified under X", "What is required by Y": a passive question about X, not "what X is")
    r"(?:what\s+(?:exactly\s+)?is(?!\s+meant\b)(?!\s+(?:the\s+|a\s+)?definition\s+of\b)(?!\s+[a-z]+ed\s+(?:under|by|in|for|with|on|at|to|from|as)\b)"
    r"|what's|what\s+are(?!\s+[a-z]+ed\s+(?:under|by|in|for|with|on|at|to|from|as)\b)|define|explain(?!\s+what\b)|tell\s+me\s+about|describe)\s+(?:the\s+|a\s+|an\s+)?(?P<x>.+?)[?.!]*$"
    r"|^how\s+(?:does|do)\s+(?:the\s+)?(?:report|document)\s+define\s+(?:the\s+|a\s+|an\s+)?(?P<d>.+?)[?.!]*$"
    r"|^(?:what\s+is|give(?:\s+me)?)\s+(?:the\s+|a\s+)?definition\s+of\s+(?:the\s+|a\s+|an\s+)?(?P<e>.+?)[?.!]*$"
    r"|^what\s+(?:exactly\s+)?does\s+(?:the\s+)?(?P<f>[^,?]+?)\s+refer\s+to[?.!]*$"
    r"|^explain\s+what\s+(?:the\s+|a\s+|an\s+)?(?P<g>.+?)\s+(?:is|are|means)[?.!]*$"
    r"|^what\s+does\s+(?:the\s+)?(?P<y>.+?)\s+(?:stand\s+for|mean)(?:,?\s+and\s+what\s+is\s+it)?[?.!]*$"
    # "Spell out ASD, the organisation that runs IRAP": an acronym's expansion is what it is called
    r"|^(?:please\s+)?spell\s+out\s+(?:the\s+)?(?:acronym\s+|abbreviation\s+)?(?P<s>[A-Z][A-Z0-9/-]{1,9})(?=[\s,.?!]|$).*$"
    # "In the note on US healthcare rules, what is meant by a business associate (BA)?"
    r"|^" + SCOPE_FIRST_EN + r"what\s+is\s+meant\s+by\s+(?:the\s+|a\s+|an\s+)?(?P<v>.+?)[?.!]*$"
    # ("In JASA's audit, what exactly does the term 'X' refer to?": a phrase of place may come first)
    r"|^" + SCOPE_FIRST_EN + r"what\s+(?:exactly\s+)?(?:does|do)\s+(?:the\s+)?(?:terms?|phrase|word|expression)\s+(?P<w>.+?)\s+(?:stand\s+for|mean|refer\s+to|denote)[?.!]*$"
    r"|^what\s+does\s+the\s+(?:report|document|paper)\s+mean\s+by\s+(?:the\s+|a\s+|an\s+)?(?P<z>[^,?]+?)[?.!]*$"
    # "What does the CSF mean by a risk-based approach — what gets compared with what?"
    r"|^what\s+does\s+(?:the\s+)?[^,?]{2,40}?\s+mean\s+by\s+(?:the\s+|a\s+|an\s+)?(?P<u>[^,?—–]+?)\s*(?:[—–]\s.*)?[?.!]*$",
    re.I,
)

# a number of things in English words ("the three documents"; digits are added where used)
COUNT_WORDS_EN = "two|three|four|five|six|seven|eight|nine|ten"

# the words that ask for the members of a thing: its kinds, levels, parts, all of them
ENUMERATE = re.compile(
    r"(?:どんな|どういう|どのような)(?:種類|段階|レベル|文書|分野|領域|項目|機能|部|パート|カテゴリ|区分|プロセス|管理プロセス|要素|構成要素|フェーズ|ステップ)|何種類|どういう種類|種類は|段階は|レベルは|構成|内訳|列挙|挙げて|全部|すべて|全て"
    # "…として挙げられている事業者は": a relative clause on the things listed, not "…挙げられている？"
    r"|(?:挙げられて|挙がって|明記されて)(?:いる|る)?[一-龯ァ-ヺ]|名前が(?:出て|挙が|明記)|どれとどれ"
    r"|\b(?:parts|levels|tiers|types|kinds|categories|members|components|domains|functions|pillars|areas)\s+of\b"
    r"|ランク|等級|グレード|区分|\bwhat\s+(?:[a-z-]+\s+){0,2}?(?:tiers|types|kinds|categories|domains|pillars|stages|steps|phases|grades|ranks|levels|parts|areas|functions)\b"
    r"|分け|分類|分かれ|カテゴリ|セット|柱|(?:分野|領域|項目|機能|種類|段階)(?:は|を|が)|\bpillars?\b|\bcategor|\bareas\b|\bwhat\s+(?:levels|parts|documents|areas|functions)\b"
    # "Which three frameworks…", "Spell out each item.", "Name them all.": a number of things, or
    # each of them, asked for by name
    r"|\b(?:which|what|(?:name|give|list)\s+(?:me\s+)?the)\s+(?:" + COUNT_WORDS_EN + r"|\d+)\s+[a-z-]+|\bspell\s+out\b(?!(?:\s+in\s+[a-z]+)?\s+(?:the\s+)?(?:abbreviation|acronym|initialism)\b)|\beach\s+(?:item|one)\b"
    r"|\b(?:name|list)\s+(?:them|each|every|all)\b|\bgive\s+(?:me\s+)?(?:every|all|each)\b"
    r"|(?:\d+|[一二三四五六七八九十])\s*(?:つ|個|種類|段階|分野|領域|部|項目|機能)の|"
    r"\bwhat\s+are\s+the\b|\bwhich\s+(?:levels|parts|fields|areas|domains|functions|documents|tiers|types|processes|components|elements|pillars|stages|steps|phases)\b|\blist\b|\bkinds\s+of\b|\btypes\s+of\b"
    # "what kind of systems was it aimed at?" asks for one kind; "kinds of" for several
    r"|(?<!what\s)(?<!which\s)\b(?:kind|type)\s+of\b"
    r"|(?:分野|領域|項目|種類|段階|レベル|文書|機能|要素|プロセス)には、?(?:具体的に(?:は)?|主に)?、?(?:どんな|どういう|どのような|何)"
    # "…is split into levels — what are they?", "Walk me through the documents that make up X"
    r"|\bwhat\s+are\s+they\b|\b(?:split|divided|grouped|broken\s+down)\s+into\b|\bwalk\s+me\s+through\b"
    # (but "How many organisations make up the consortium?" asks for a number)
    r"|^(?!.*\bhow\s+many\b).*?(?:\bmakes?\s+up\b|\bmade\s+up\s+of\b|\bconsists?\s+of\b|\bcomposed\s+of\b)"
    r"|(?:どのような|どんな|どういう)もの(?:が|を)(?:例示|挙げ|挙が|あり|ある)"
    # the steps of a process, in their order: 「流れを順番に並べて」, "in order, step by step"
    r"|順番に|順を追って|順に(?:並べ|挙げ|説明|教え)|\bin\s+(?:the\s+)?order\b(?!\s+to\b)|\bstep\s+by\s+step\b",
    re.I,
)

# "構成" / "which levels" ask for the members of one thing, not for a set of sections
_ENUMERATE_ONLY = re.compile(
    r"構成|内訳|種類|区分|カテゴリ|段階|レベル|分野|領域|機能|プロセス|柱|要素|から(?:成|な)る|から成り立|elements|components|categories|levels|pillars|parts(?!\s+of\s+the\s+(?:report|document))|tiers|functions|domains|make\s+up|consists?\s+of|compris|composed",
    re.I,
)

# a word named as a word (「「領域」という語」, "the word 結果")
_A_WORD = re.compile(
    # (a character, an abbreviation or a turn of phrase is asked about as written too)
    r"(?:という|との)(?:言葉|語|単語|用語|表現|文言|文字|漢字|字句|字|略語|略称|言い回し|言い方|形|書き方|表記)"
    r"|(?:英単語|単語|英語|用語|言葉|語|漢字|文字|記号)の[「『]"
    # (a turn of phrase quoted with a wildcard is a form of words: 「〜よりも」, 「従来の〜とは異なる」)
    r"|[「『][^」』]{0,20}[〜～…][^」』]{0,20}[」』]"
    r"|\bthe\s+(?:exact\s+)?(?:(?:English|Japanese)\s+)?(?:word|term|phrase|expression|character|kanji)\b"
    # (an abbreviation used, not one asked to be spelled out: "what is the abbreviation PII spelled out as")
    r"|\b(?:uses?|using|used|contains?|containing|mentions?)\s+the\s+(?:abbreviation|acronym)\b"
    r"|\bthe\s+(?:abbreviation|acronym)\s+\S+\s+(?:appears?|is\s+used|occurs?)\b", re.I
)

# where a thing is used or named, as opposed to what it contains
_APPEARS = re.compile(r"登場|参照|引用|言及|触れ|出て|出てく|関係|関わ|基づ|ベース|mention|refer|cite|appear", re.I)
_WHOLE_REPORT = re.compile(
    r"箇所|(?:報告書|本書)(?:の)?(?:どこ|どの|中|全体)|(?:報告書|本書)から|どの(?:節|部分|パート|セクション)"
    r"|\bsections?\b|\bparts?\s+of\s+the\s+(?:report|document)|\bin\s+which\s+parts\b|\bwhere\s+(?:in|does|do)\s+(?:the|this)\s+report"
    r"|\bevery\s+place\b|[」』][^。？?]{0,20}(?<![一-龯])節(?:を|は|が|って)"
    # where a word is used: 「「基盤」という語が出てくる節」, "the exact term 国際規格" (any part may use it)
    r"|" + _A_WORD.pattern + r"|(?:言葉|語|単語|用語|表現|文言)(?:が|を)?(?:出て|使われ|使って|登場|含ま)",
    re.I,
)
_ONE_CHAPTER = re.compile(r"\bchapter[\s-]*\d|第?\s*\d\s*章", re.I)
# "ISAE 3000 or AICPA": the sections that use either name
# (「「外部委託」か「アウトソーシング」」, 「「継続性」や「事業継続」」: quoted terms joined by か or や)
_EITHER = re.compile(r"\bor\b|または|もしくは|あるいは|或いは|又は|いずれか|どちらか|[」』]\s*(?:か|や)\s*[「『]")


# English words for the group headings of a Japanese catalogue
_GROUP_WORDS = (
    (r"\binternational\b|\bglobal\b", "国際"),
    # ("in Japanese or in English", "the Japanese title": the language, not the home group)
    (r"\bdomestic\b|(?<!\bin\s)\bjapanese\b(?!\s+(?:or|and)\s+(?:in\s+)?english\b|\s+(?:title|name|word|term|text|translation|version|edition)s?\b)|\bin\s+japan\b|日本国内", "国内"),
    # abroad = every group that is not the home one
    # (諸外国 is a group's own label, not "abroad")
    (r"\bforeign\b(?![\s-]+countr)|\boverseas\b|\babroad\b|海外|(?<!諸)外国(?!人)", "国際、諸外国、海外"),
    # "other countries' schemes" are the schemes of countries (諸外国), not the international ones
    (r"\b(?:other|foreign|individual)[\s-]+countr", "諸外国"),
    (r"\bstandards?\s+and\s+guid", "規格・ガイド"),
)


def group_words(question: str) -> str:
    """The catalogue's own group words for what a question says in other words."""
    # "international and foreign schemes": every group named
    return "、".join(label for word, label in _GROUP_WORDS if re.search(word, question, re.I))


# …and the other ways people ask in Japanese what a thing is: its definition, its meaning, in a word
_DEFINITION_MORE_JA = re.compile(
    r"^(?P<x>.+?)\s*(?:の定義(?:は|を教えて(?:ください|下さい)?)?|はどう(?:いう風に|のように)?定義されて(?:いる|る|います)(?:の)?"
    r"|の意味(?:は|を教えて(?:ください|下さい)?)|(?:を|は)(?:一言|ひとこと|簡単に|手短に)で?(?:言うと|いうと|説明すると)(?:何|なに|どんなもの)?"
    r"|はどういうもの(?:か|です)?(?:を)?(?:説明して|教えて)(?:ください|下さい)?"
    r"|について、?(?:簡単に|手短に|ざっくり|一言で|ひとことで)(?:教えて|説明して)(?:ください|下さい)?"
    r"|とは(?:誰|だれ|何者)(?:のこと)?|(?:って|は)(?:何|なに|なん)の略"
    # 「「事業提携者（BA）」を、本書の記述に沿って定義して」
    # (what to cover may follow: 「…定義してください。誰が…のかまで。」)
    r"|を、?\s*[^。？?、]{0,24}?定義して(?:ください|下さい|ほしい|欲しい)?(?:[。．]\s*\S.*)?"
    # 「「X」とは何を指し、…どうなるのか、定義してください」: what to cover comes before the request
    r"|とは[^。？?]{2,80}?(?:、|て)\s*定義して(?:ください|下さい|ほしい|欲しい)?"
    # (or after the question, as a sentence of its own: 「…とは何を指し、…のですか？本書の記述に沿って定義してください。」)
    r"|とは[^。？?]{2,80}?[？?。]\s*[^。？?]{0,24}?定義して(?:ください|下さい|ほしい|欲しい)?)(?:ですか|でしょうか|か|\s)*[？?。]*$"
    r"|^(?:報告書|本書)では、?(?P<y>.+?)(?:を|は)どう定義して(?:いる|る|います)(?:の)?(?:か)?[？?。]*$"
)


def definition_form(question: str) -> re.Match[str] | None:
    """The "Xとは", "What is X?" form a question takes, if any: its one named group
    that matched is the thing asked about."""
    return (
        _DEFINITION_JA.match(question) or _DEFINITION_EN.match(question) or _DEFINITION_MORE_JA.match(question)
    )


def asks_what_it_is(question: str) -> bool:
    """"Xとは？", "What is X?": a question whole in itself, whatever came before."""
    q = question.strip()
    return bool(definition_form(q))


# the names of what is counted are asked for too: 「何種類？名前も」, "How many levels? Name them."
NAMES_TOO = re.compile(r"名前|名称|(?:全部|すべて|全て)(?:教え|挙げ|知り|お願い|列挙)|列挙|内訳|それぞれ(?:何|どんな|どういう|どの)|\bname\s+them\b|\blist\s+them\b|\bwhat\s+are\s+they\b", re.I)
_HOW_MANY_KINDS = re.compile(r"何種類|\bhow\s+many\s+(?:kinds|types|sorts|categories)\b", re.I)


def counts_kinds_by_name(question: str) -> bool:
    """「何種類の管理策を提供してる？種類の名前も」: the kinds, named, answer the count too."""
    return bool(_HOW_MANY_KINDS.search(question) and NAMES_TOO.search(question))


def asks_members(question: str) -> bool:
    """"レベル体系を比べて", "which levels": the members of a thing are the answer."""
    return bool(_ENUMERATE_ONLY.search(question))


def asks_where_used(question: str) -> bool:
    """"NISTの文書が登場するもの": the sections a thing appears in, not its parts."""
    return bool(_APPEARS.search(question))


def asks_whole_report(question: str) -> bool:
    """"報告書のどこに出てくる", "which parts of the report": every part of it may answer,
    the introduction and the conclusion too, not only the schemes' entries."""
    return bool(_WHOLE_REPORT.search(question)) and not _ONE_CHAPTER.search(question)


# the places a question asks for where a word stands
_PLACES = re.compile(r"節|項目|章|箇所|セクション|部分|パート|どこ|\bsections?\b|\bparts\b|\bplaces?\b|\bwhere\b", re.I)


def names_a_word(question: str) -> bool:
    """「「領域」という語」, "the word 結果": the question asks about a word as a word."""
    return bool(_A_WORD.search(question))


# "the English word Security", 「英単語の「Development」」: a word of the report's English text, as written
_ENGLISH_WORD = re.compile(r"\bEnglish\s+(?:word|term)\s+['\"‘“]?(?P<en>[A-Za-z][A-Za-z-]+)|英単語の?[「『](?P<ja>[A-Za-z][A-Za-z -]*)[」』]")


def english_word_asked(question: str) -> str | None:
    """The English word a question asks about as written, when it says the word is English."""
    m = _ENGLISH_WORD.search(question)
    return (m.group("en") or m.group("ja")) if m else None


# 「クラウドという言葉」: the word before という言葉 (a quoted word is taken as quoted);
# "the character 等", "the word 国内": the report's own word after an English question's noun
_WORD_NAMED = re.compile(
    r"(?<![一-龯ァ-ヺーA-Za-z0-9])([一-龯ァ-ヺーA-Za-z0-9]{2,20}?)(?:という|との)(?:言葉|語|単語|用語|表現|文言)"
    r"|\bthe\s+(?:exact\s+)?(?:word|term|character|kanji)\s+['\"‘“「]?([一-龯ぁ-ゖァ-ヺー々]{1,20})(?![一-龯ぁ-ゖァ-ヺー々])",
    re.I,
)


def word_named(question: str) -> str | None:
    """「クラウドという言葉が出てこない箇所」 -> クラウド; "never use the character 等" -> 等."""
    m = _WORD_NAMED.search(question)
    return (m.group(1) or m.group(2)) if m else None


def asks_where_word(question: str) -> bool:
    """"Give every section in which the word 結果 appears", 「「領域」という語を含む節を全部挙げて、
    何の領域の話か」: the sections that use a word are the answer, whatever each says of it."""
    return bool(_A_WORD.search(question) and _PLACES.search(question))


def asks_either(question: str) -> bool:
    """"ISAE 3000 or AICPA", "AまたはB": either name is a condition."""
    return bool(_EITHER.search(question))


# 「6つの領域のうち、3番目の領域は」, "the third of its six domains": one member, picked by its place
_ONE_BY_PLACE = re.compile(
    r"(?:\d+|[一二三四五六七八九十])\s*番目|\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+(?:of|one)\b", re.I
)


def wants_members(question: str) -> bool:
    """"どんな種類", "which levels", 構成, 全部: the members of something are asked for."""
    return bool(ENUMERATE.search(question.lower())) and not _ONE_BY_PLACE.search(question)


# the two things a comparison sets side by side, when it describes them instead of naming them:
# "In the US federal cloud programme versus the Australian one, who …",
# 「ISMSのクラウド版の認証と、監査協会がやってるクラウドのマーク制度って、…どう違うの？」
_SIDES_EN = (
    re.compile(r"\bbetween\s+(?P<a>.+?)\s+and\s+(?P<b>.+?)(?=[,?:;]|\s+(?:in|on|regarding|when|as\s+to)\b|$)", re.I),
    re.compile(r"^(?:(?:in|for|with)\s+)?(?P<a>.+?)\s+(?:versus|vs\.?|compared\s+(?:to|with))\s+(?P<b>.+?)(?=[,?:;]|$)", re.I),
    re.compile(r"^how\s+(?:does|do|did)\s+(?P<a>.+?)\s+(?:differ|compare)\s+(?:from|with|to)\s+(?P<b>.+?)(?=[,?:;]|\s+(?:in|on|regarding|when)\b|$)", re.I),
    # "X and Y both speak to providers. Compare …", "Compare X with Y: …"
    re.compile(r"^(?P<a>[^,.?:;]+?)\s+and\s+(?P<b>[^,.?:;]+?)\s+(?:both|each)\b(?=.*\bcompar)", re.I),
    re.compile(r"^compare\s+(?P<a>[^,.?:;]+?)\s+(?:and|with|to)\s+(?P<b>[^,.?:;]+?)(?=[,?:;]|$)", re.I),
    # "Compare the role it plays in the medical entry's note with the role it plays in the SOC entry":
    # one thing in two entries, each side the entry it is in
    re.compile(
        r"\bcompar.*?\bin\s+the\s+(?P<a>[^,.?:;]+?\b(?:entry|section)(?:'s\s+[^,.?:;]+?)?)\s+(?:with|and|to|versus)\b"
        r".*?\bin\s+the\s+(?P<b>[^,.?:;]+?\b(?:entry|section))\b",
        re.I,
    ),
)
_SIDES_JA = re.compile(
    r"^(?P<a>[^、。？?「」]{3,40}?)と、?(?P<b>[^、。？?「」]{3,40})(?:って|では|で|の間で|を)、[^。？?]*?(?:違|比べ|比較|異な|差)"
)


_SIDE_NOUN = re.compile(
    CATALOGUE_NOUN.pattern + r"|catalog|programme|mark\b|directive|regime|マーク|指令|プログラム|カタログ|\bones?\b|のもの|のほう|\bentry\b|\bsection\b", re.I
)


# "the mapping between C5 and other standards": the rest of a kind is no one thing to set beside
# (nor is a list: "between IaaS, PaaS and SaaS")
_NO_SIDE = re.compile(r"(?:the\s+)?(?:other|others|another|any|all|every)\b|(?:他|その他|ほか)の", re.I)
_SIDE_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]*[A-Z0-9]\b|\d{4,}")


def compared_sides(question: str) -> tuple[str, str] | None:
    """The two descriptions a comparison sets side by side, each holding a kind noun
    (制度, programme, "the Australian one") or a name of its own (ISO/IEC 27018, FedRAMP), or None."""
    q = unicodedata.normalize("NFKC", question).strip()
    for pat in (_SIDES_JA, *_SIDES_EN):
        if m := pat.search(q):
            a, b = m.group("a").strip(), re.sub(r"と$", "", m.group("b").strip())
            if all(_SIDE_NOUN.search(x) or _SIDE_NAME.search(x) for x in (a, b)) and not any(_NO_SIDE.match(x) or "," in x for x in (a, b)):
                return a, b
    return None


def names_a_part(question: str) -> bool:
    """"According to the introduction", 「表紙のロゴ」: a part of the report named as such."""
    return any(p.search(question) for p in NAMED_PARTS)


# an English scheme named by a plural ("the banking-sector IT security standards") that the
# question asks something of: after "of", or as the headline before a colon
# ("which of the foreign schemes", "each of the …" ask for members of the plural)
_OF_PLURAL = re.compile(
    r"(?<!\bwhich\s)(?<!\beach\s)(?<!\bany\s)(?<!\ball\s)(?<!\bsome\s)(?<!\bnone\s)(?<!\bmany\s)(?<!\bone\s)"
    r"\bof\s+(?:the\s+)?(?:[\w'’-]+\s+){0,6}?(?:schemes|standards|guidelines|frameworks|certifications)\b",
    re.I,
)
# (a headline before a wh-question about it: "The safety standards for Japanese banks: what kind of …")
_HEADLINE = re.compile(r"^[^:?？]{3,100}:\s+(?=(?:what|which|who|when|where|how|why)\b(?!\s+of\b))", re.I)


_KIND_PLURALS = r"(?:schemes|standards|guidelines|frameworks|certifications|programs|programmes|documents)"
# a question that opens on what it asks for, a thing other than a scheme, and goes on with
# its verb: "Which organisation drew up the safety standards for …", "What year were …" (not
# "Which international schemes", "What kind of …", "Which one of …", "What is …")
_ASKS_OTHER = re.compile(
    r"^\s*(?:which|what)\s+(?!(?:of|kinds?|types?|sorts?|ones?|is|are|was|were|does|do|did|has|have|can|could|would|should|will)\b)"
    r"(?-i:[a-z][a-z-]*)(?<!s)\s+(?!" + _KIND_PLURALS + r"\b)"
    r"(?=(?:is|are|was|were|does|do|did|has|have|had|can|could|would|should|will|must|may"
    r"|drew|made|wrote|set|took|gave|led|ran|put|[a-z]+ed|[a-z]+[^s]s)\b)",
    re.I,
)


def asked_part(q: str) -> str:
    """The question without the plural names it only asks something of (English)."""
    if not is_mostly_english(q):
        return q
    if m := _ASKS_OTHER.match(q):
        return m.group(0)
    return _OF_PLURAL.sub(" ", _HEADLINE.sub("", q))


# being in the report, or being listed, asks nothing of a scheme: "Which German schemes are
# described?", 「ドイツの制度を全部挙げて」
_IN_REPORT = re.compile(
    r"紹介|取り上げる|掲載|載る|ある|記載|一覧|挙げる|全部|全て|すべて|教える|"
    r"described|covered|included|introduced|listed|featured|mentioned|presented|report|there|exist|list|names?|named|all"
    # (where a body is: "every body based in Singapore")
    r"|based|located|headquartered|拠点|本拠|所在",
    re.I,
)


def asks_beyond_scope(question: str) -> bool:
    """Does the turn ask more than which schemes a place or kind has? 「ドイツの制度では？」 and
    "What about Singapore?" ask only that; 「シンガポールの規格では、プロバイダが作る文書は？」
    asks something of the one scheme."""
    english = set(content_words_en(question))
    tokens = cached_search_tokens(question)
    words = [
        t
        for t in tokens
        # (the bodies of a place are its entries, by who runs each: "every organisation from Germany")
        if not CATALOGUE_NOUN.fullmatch(t.removesuffix("s")) and not ORGANISATIONS.fullmatch(t) and not _IN_REPORT.fullmatch(t) and country_named(t) is None
        and not regions_named(t) and (not t.isascii() or t in english)
        # (a compound's parts are no words of their own: 政府系 is one, not 政府 and 系 too)
        and not any(t != u and t in u for u in tokens)
    ]
    return len(words) >= 2


# one member chosen among a counted few: 「MTCSの3段階のうち、最も高いのはどのTier」, "Of the two
# certifications at level 2, which one…"
_ONE_OF_COUNT = re.compile(
    r"(?:\d+|[一二三四五六七八九十])\s*(?:つ|段階|種類|個)?の?[^、。？?]{0,12}?(?:のうち|の中で)、?[^？?。]{0,40}?(?:何番目|どれ(?!くらい|ぐらい|ほど|だけ)|どの|いずれ)"
    r"|\b(?:of|among)\s+the\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+[\w-]+(?:\s+[\w-]+){0,6}?,?\s+which\s+(?:one|of\s+them|[\w-]+(?:\s+[\w-]+)?\s+(?:is|was|does|has)\b)",
    re.I,
)


def chooses_one_of_count(question: str) -> bool:
    """「3つのレベルのうち、第三者認証は何番目？」: one member chosen, not the members listed."""
    return bool(_ONE_OF_COUNT.search(question))


# asked outright to define a thing: "Define X", 「…を定義して(ください)」, not 「…と定義している」
# ("Based on the report, define …": after the frame that says where to look)
_DEFINE_ASKED = re.compile(r"(?:^|[,;:]\s*)\s*(?:please\s+)?define\b|\bgive\s+(?:me\s+)?(?:a|its|the)\s+definition\b|定義して(?!い)", re.I)


def asks_to_define(question: str) -> bool:
    """"Define X", 「…を定義してください」: asked outright for what a thing is."""
    return bool(_DEFINE_ASKED.search(question))


# how the report is organised: its chapters and what each holds
STRUCTURE = re.compile(r"構成|章立て|structure|organi[sz]ed|chapters", re.I)


# examples in brackets: 「（費用、有料、資金など）」
_EXAMPLES = re.compile(r"[（(]([^()（）]{2,60}?)(?:など|等|…)?[)）]")


def bracketed_examples(question: str) -> list[str]:
    """The Japanese words a question gives as examples in brackets, two or more
    (「（費用、有料、資金など）」); a bracketed remark (「（脚注は除きます）」) is none."""
    out: list[str] = []
    for m in _EXAMPLES.finditer(question):
        items = [w.strip() for w in re.split(r"[、,，/／]|\bor\b|または", m.group(1)) if w.strip()]
        # ("(no 国内, 国際, 外国 or similar compounds)", "(e.g. 国内, 国際)": English around the examples)
        items = [re.sub(r"^(?:no|e\.g\.|eg|such\s+as|like|including)\s+", "", w, flags=re.I) for w in items]
        items = [w for w in items if not re.fullmatch(r"(?:and\s+)?(?:similar|other|more|so\s+on|etc\.?)(?:\s+[a-z]+)?", w, re.I)]
        if len(items) >= 2 and all(2 <= len(compact(w)) <= 12 and not re.search(r"\d|[「」『』]", w) for w in items):
            out += items
    return out


def without_examples(question: str) -> str:
    """The question without the brackets that give examples of a word: 「（具体的に、
    国際的に など）」 names no group (国際) and sets no scope."""
    return _EXAMPLES.sub(lambda m: " " if bracketed_examples(m.group(0)) else m.group(0), question)


# organisations asked about: "every organisation from Australia or Singapore" is the catalogue's
# entries of those places, by who runs or issues each (and the bodies other entries name there)
ORGANISATIONS = re.compile(r"\borgani[sz]ations?\b|\bbod(?:y|ies)\b|組織|団体|機関(?!投資)", re.I)


# words for a publication, which a scheme has as much as the report
PUBLISHED = re.compile(r"\b(?:published|publisher|dated|issued)\b|発行(?:日|された|し)", re.I)
# the places that mention a thing: 「…に触れている箇所」, "the sections that mention …"
PLACES_MENTIONING = re.compile(
    r"(?:触れ|言及|出て(?:く|来)|登場|書かれ|記載)[^。？?]{0,8}?(?:箇所|節|セクション|部分|ところ)"
    r"|\b(?:sections?|parts?|places?|entries)\s+(?:of\s+the\s+(?:report|document)\s+)?(?:that|which|where)\s+(?:\w+\s+)?(?:mentions?|discuss(?:es)?|refers?|talks?|touch(?:es)?)\b",
    re.I,
)
