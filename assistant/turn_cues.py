"""The words by which a turn says how it relates to the conversation.

A pronoun or an elliptic ending points back (その, "it", 「…の場合は？」); a verb of
going back returns (「さっきの…に戻って」, "back to"); a stated change of topic
(「話は変わって」, "Moving on") or a search over the whole report ("Cover the whole
report") leaves it. ``conversation`` weighs these cues with measured evidence;
here they are only read.
"""

from __future__ import annotations

import re

from .entities import READER_SELF, REPORT_VERBS
from .japanese import compact

# Words that point back at something said before, anywhere in the question
# ("政府機関はそれを使って…"), except "この報告書"-style references to the report
# itself, which are not about the previous turn.
ANAPHORA_JA = re.compile(r"(?:その|それ|これ|この|あの|同(?=[じ制規認機])|そこ|当該|こちら|そちら|上記|前者|後者)")
ANAPHORA_EN = re.compile(r"\b(it|its|it's|they|their|them|this|that|these|those|what about|how about|and for)\b", re.I)
ELLIPSIS_JA = re.compile(r"(の場合|だと|では|なら|について|も|には)[はって]?\s*[？?。]?$")
# the verb of going back (「最初の章」 alone is no return)
GOING_BACK = re.compile(
    r"話を戻(?:して|すと)?|(?:に|へ)(?:今一度|もう一度|再び|再度)?戻(?:って|ると|り|る|します)|\b(?:go(?:ing)?\s+|com(?:e|ing)\s+)?back\s+to\b|\bgo\s+back\b|\breturn(?:ing)?\s+to\b"
    # "Let's revisit …", "Picking up … again: …"
    r"|\brevisit(?:ing)?\b|\bpick(?:ing)?\s+up\b[^?:]{0,80}?\bagain\b"
    # "Coming round again to …", "Circling back to …"
    r"|\b(?:com(?:e|ing)|circl(?:e|ing)|swing(?:ing)?)\s+(?:a?round|back)\s+(?:again\s+)?to\b|\brewind(?:ing)?\s+to\b"
    # "Once more on the introduction: …"
    r"|\bonce\s+(?:more|again)\s+(?:on|about|to|with)\b"
    # "Back with the medical guidelines for one more point: …", "Back on FedRAMP: …"
    r"|^\s*back\s+(?:with|on)\b"
    # "One more point on the conclusion: …", 「おわりについてもう一点」
    r"|\bone\s+more\s+(?:point|thing|question|detail)\s+(?:on|about|regarding|concerning)\b|について(?:もう|あと)(?:一|ひと|1)(?:つ|点)"
    # "Let's pick the … standard back up", 「もう一度、本書の締めくくりについて。」
    r"|\bpick(?:ing)?\b[^?:]{0,80}?\bback\s+up\b|^\s*(?:もう一度|今一度|再び|再度)[、,][^。？?]{0,40}?(?:について|を取り上げ)",
    re.I,
)
# "最初の制度に戻って": the words that point back, and the verb of going back, are no
# words of the question's own
RETURN = re.compile(
    r"(?:さっき|先ほど|先程|前|最初|元|もと)の(?:制度|規格|ガイドライン|認証|文書|もの|話|やつ)?(?:に|へ)?(?:戻って|戻ると|戻り|戻る)?"
    r"|" + GOING_BACK.pattern + r"|\bearlier\b|\bprevious\b",
    re.I,
)
# 「話は変わって」, "Switching topics": the speaker says the topic changes, so a question that
# names nothing is asked afresh, not about the last topic
NEW_TOPIC = re.compile(
    r"(?:話|話題)(?:は|を|が)?(?:変わ|変え|かわ)(?:って|るけど|りますが|ますが|るが|ると|て)?|別の話(?:で|だけど|ですが)?"
    r"|別件(?:で|だけど|ですが|なんだけど|なんですが)?|\bmoving\s+on\b"
    # 「ところで、…」, "By the way, …": said at the start, a turn to something else
    r"|^\s*(?:ところで|さて)[、,]|^\s*(?:by\s+the\s+way|incidentally)\b"
    r"|\b(?:switching|changing)\s+(?:the\s+)?(?:topics?|subjects?)\b|\bon\s+(?:a\s+)?(?:different|another|separate)\s+(?:note|topic|subject)\b"
    r"|\b(?:new|different|unrelated|separate)\s+(?:topic|subject|question)\b"
    # "Unrelated: …", "Another question: …", 「別の質問だけど」
    r"|^\s*(?:unrelated|another\s+question|one\s+more\s+question|a\s+new\s+question)\s*[:,—–-]|別の質問|関係ない(?:けど|ですが|んだけど)"
    # 「ここで質問を変えます」「質問を切り替えて」「全然違う話ですが」
    # (「話を切り替えて」「話題を切り替えます」 too; 話を変えて is above)
    # (the verb's ending goes with it: 「質問を切り替えます。」)
    # (「質問の種類を変えます。」: what kind of question, changed; 「切り口を変えます」: the angle)
    r"|(?:ここ(?:で|から)、?)?(?:(?:質問(?:の(?:種類|内容|中身|方向|向き|角度|趣向))?|切り口|視点|観点)(?:を|は)?(?:変え|かえ|切り替え|切替え|切り換え)|(?:話題|話)(?:を|は)?(?:切り替え|切替え|切り換え))(?:ます|ましょう|まして|て)?(?:ね|が|けど)?[。、]?"
    r"|(?:全然|全く|まったく|ちょっと)?違う(?:話|質問|話題)"
    # "A different kind of question: …"
    r"|\b(?:a\s+)?(?:different|another|new)\s+(?:kind|sort|type)\s+of\s+question\b"
    # 「次は本文全体の話です。」: the next thing spoken of is announced
    # (only the cue goes: what is spoken of stays in the question)
    # (「次は言葉づかいの質問。」: a question of another kind announced the same way)
    r"|^\s*(?:次は|今度は|では次に)、?(?=[^。？?]{0,20}?の(?:話|質問)(?:です|をします|に移ります|に移って|ですが|だけど)?[。、])"
    # 「ここからは本書の文字づかいについて尋ねます。」: what the next questions are about, announced
    r"|^\s*(?:ここから(?:は)?|これから(?:は)?|今度は|次に)、?(?=[^。？?]{1,30}?について(?:尋ね|たずね|お?聞き|伺い|質問し|お?聞きし)(?:ます|たい)[。、])",
    re.I,
)
FIRST = re.compile(r"最初|一番目|初めの|はじめの|\bfirst\b|\boriginal\b", re.I)
# "…, such as FedRAMP", 「FedRAMPなどの…」: a name given as an example is no new subject
EXAMPLE_BEFORE = re.compile(r"(?:suchas|like|e\.?g\.?,?|including|forexample,?|forinstance,?|例えば|たとえば)$", re.I)
EXAMPLE_AFTER = re.compile(r"^(?:など|等|のような|みたいな|といった)")
# a turn that opens on the part it stays in: 「同じ名簿で、…」, "Same opening pages: …",
# "In the same closing section, …", "Still on the conclusion: …"
SAME_PLACE = re.compile(
    r"^\s*(?:同じ(?!よう)[一-龯ァ-ヺー]{1,6}(?:で|では|の中で|には|、)"
    r"|(?:(?:in|on|from|within)\s+)?the\s+same\s+[\w -]{2,30}?[,:]|same\s+[\w -]{2,30}?[,:]|still\s+(?:on|with)\s+the\b)",
    re.I,
)
# "それぞれの対象の違いは？" after two schemes: both of them, side by side
# ("違い" alone may be inside one topic: "レベルの違いは？")
BOTH = re.compile(r"それぞれ|両方|両者|双方|比較|比べ|\bcompare\b|\bboth\b|\beach\b|\bthe two\b", re.I)
# a yes/no question whether the topic names something: "Is X mentioned?", 「Xへの言及はある？」
ASKS_IF_MENTIONED = re.compile(
    r"^\s*(?:is|are|does|do)\b.*\b(?:mention(?:ed|s)?|referenc(?:ed|es?)|cit(?:ed|es?)|requir(?:ed|es?)|list(?:ed|s)?)\b"
    r"|(?:言及|参照|記載|明記|触れ)(?:されて|して)?(?:い)?(?:る|ます|は)(?:ある|あります)?(?:か|の)?\s*[？?]?$"
    r"|(?:への|に対する)(?:言及|参照)(?:は)?(?:ある|あります)(?:か|の)?\s*[？?]?$",
    re.I,
)
# "それを要件に含めている制度は？": the topic is a condition other sections meet
TOPIC_AS_CONDITION = re.compile(
    r"(?:それ|これ|その(?:規格|制度|基準|文書)|この(?:規格|制度|基準|文書)|同規格|同制度)(?:を|に|と)"
    r"|\b(?:reference|use|cite|require|mention|adopt)s?\s+(?:it|them)\b",
    re.I,
)
SELF_REFERENCE = READER_SELF
# the whole report searched: "Cover the whole report", 「報告書全体から」 (not the last topic's section;
# narrower than question_cues.asks_whole_report, which any "which sections" question meets)
WHOLE_REPORT_SCOPE = re.compile(
    r"\b(?:the\s+)?(?:whole|entire)\s+(?:report|document)\b|\b(?:throughout|anywhere\s+in|across)\s+the\s+(?:report|document)\b"
    r"|(?:報告書|本書|文書)(?:の)?全体|(?:報告書|本書)(?:の中)?から(?:全部|すべて|全て)",
    re.I,
)
# what kind of thing a description ends on, or a turn points back at ("the framework")
KIND_EN = (
    r"(?:program(?:me)?s?|schemes?|frameworks?|guidelines?|guidance|standards?|certifications?|marks?|directives?"
    r"|catalog(?:ue)?s?|rules|regime|regulations?|initiatives?|projects?|supplements?|guides?|publications?|series)"
)
_THE_KIND = re.compile(r"\bthe\s+" + KIND_EN + r"\b", re.I)
# "Which pillars is the framework built on, and which deliverable does the report point to for
# them?": the report as the one who says something of the topic it points back at, not what
# is asked about ("In the overview, which points does the report say …" is about the report)
_REPORT_SAYS = re.compile(
    r"\b(?:does|do|did)\s+the\s+(?:report|document)\s+(?:" + REPORT_VERBS + r"|point|call|refer|cite|note|use)\b", re.I
)


def asks_of_report(question: str) -> bool:
    """Is the report itself (or the whole of it) what the turn asks about?"""
    rest = _REPORT_SAYS.sub(" ", question) if _THE_KIND.search(question) else question
    return bool(SELF_REFERENCE.search(rest) or WHOLE_REPORT_SCOPE.search(rest))


SHORT_FOLLOWUP = 14  # compact characters: "有効期間は？" is a follow-up, a full question is not


def topic_is_condition(question: str) -> bool:
    """Does a follow-up ask for the sections that relate to the topic, rather than about it?"""
    return bool(TOPIC_AS_CONDITION.search(question))


def points_back(question: str) -> bool:
    """The question refers to what was said before (a pronoun, or an
    elliptic ending such as 「…の場合は？」, or it is too short to stand alone)."""
    if SELF_REFERENCE.search(question):
        return False
    c = compact(question)
    if ANAPHORA_JA.search(question) or ANAPHORA_EN.search(question):
        return True
    return bool(ELLIPSIS_JA.search(c)) and len(c) <= SHORT_FOLLOWUP + 4


def has_pronoun(question: str) -> bool:
    """A pronoun (その, "it") that points at the last topic, not at the report itself."""
    return not SELF_REFERENCE.search(question) and bool(ANAPHORA_JA.search(question) or ANAPHORA_EN.search(question))


def is_followup(question: str, has_entity: bool) -> bool:
    """Without measured evidence: does the wording alone make it a follow-up?"""
    if SELF_REFERENCE.search(question):
        return False
    return points_back(question) or (len(compact(question)) <= SHORT_FOLLOWUP and not has_entity)


# a name as what another thing builds on or is tied to: "based on X", "tied to X", "the
# edition of X"; 「Xに基づく」, 「Xとの対応」 (read in the compact question, without spaces)
_OBJECT_BEFORE = re.compile(
    r"(?:(?:based|built|founded|drawn|modell?ed)on|(?:tied|linked|mapped|aligned|related|connected)(?:up)?to"
    r"|(?:edition|version|revision)of|derivedfrom)(?:the)?$"
)
_OBJECT_AFTER = re.compile(r"^(?:に基づ|をベース|をもと|に準拠|との対応|に対応|との関係|との関連|とのマッピング|との紐付|との紐づ)")


def named_as_object(cq: str, start: int, end: int) -> bool:
    """Is the name at ``cq[start:end]`` (``cq`` the compact question) what something else
    builds on or is tied to ("based on X", 「Xに基づく」), rather than what the turn is about?"""
    return bool(_OBJECT_BEFORE.search(cq[:start]) or _OBJECT_AFTER.match(cq[end:]))
