"""The type of answer a question asks for, and whether a sentence gives it.

The classic expected-answer-type check of extractive QA, in Japanese and
English: "G-Cloudの登録事業者数は？" wants a count of organisations, "How long
is it valid?" a duration, "いつ発効した？" a date. A sentence gives the type
when it holds such a value ("有効期間は3年"); for a count, the number must
count the noun the question asks about ("3 段階" does not say how many
コントロール). Abstention (an aspect the report does not give) and sentence
selection (prefer the sentence that holds the value) both read it.
"""

from __future__ import annotations

import re
import unicodedata

from .date_answers import dates_what_is_asked, names_founding_or_enactment
from .japanese import MONTH_NAMES, compact
from .regions import country_named
from .set_aside import set_aside
from .word_types import ASKS as WORD_ASKS
from .word_types import COMMITTEE_WORD
from .word_types import GIVES as WORD_GIVES

# an office a person holds
_OFFICE = r"本部長|長官|委員長|議長|局長|部長|所長|理事長|会長|社長|室長|大臣|責任者|代表者|トップ|主査"
# a Japanese personal name as a roster writes it: family name, a space, given name
_NAME = r"(?<![一-龯ァ-ヺ])[一-龯]{1,4}[ 　]?[一-龯ぁ-ゖ]{1,4}(?![一-龯ァ-ヺ])"
# a city or a state named (サンフランシスコ市, カリフォルニア州; not the unions 欧州, 豪州)
_PLACE_JA = r"[一-龯ァ-ヺー]{1,8}(?<!欧)(?<!豪)(?:市|州)(?![場民長])"
# a union of countries names none of its members
_UNIONS = ("eu", "欧州連合", "europeanunion")

# holding, using or having registered a scheme: 取得した企業, "certified under"
_HOLD = r"取得|認証|採用|導入|利用|登録|保有"
_ASKS_HOLDERS = re.compile(
    _HOLD + r"|取って|持って|受けて|申請|応募|\bappl(?:y|ied|ication|icants?)\b|\bhold|\bcertified\b|\bobtain|\bregistered\b|\badopt|\bhave\s+(?:it|been)\b",
    re.I,
)


def asks_about_holders(question: str) -> bool:
    """Is the question about who holds, uses, applied for or registered a scheme?"""
    return bool(_ASKS_HOLDERS.search(question))


# telling or sending something to someone: what a recipient is asked or given with
_SENT_JA = r"(?:通知|報告|提出|届け?出|連絡|送付)"
# (not "addressed": "to whom is it addressed" asks a document's audience)
_SENDING_EN = r"\b(?:notif\w*|notices?|report(?:s|ed|ing)?|submit\w*|sent|send\w*|forward\w*|deliver\w*)\b"

# What a question asks for (Japanese and English), and what a sentence that
# gives it must contain. Checked in this order: "いつまで有効" is a duration.
_ASKS: dict[str, re.Pattern[str]] = {
    # the time a process takes is not the validity of its result: "有効期間は3年"
    # does not answer "審査にどのくらいかかる？"
    "elapsed": re.compile(
        r"(?:期間|時間|日数|どのくらい|どれくらい|何日|何か月|何ヶ月|何カ月|何週間)\S{0,4}(?:かか|掛か|要す|要し)|"
        r"(?:かか|掛か|要す|要し)\S{0,4}(?:期間|時間|日数)|所要|"
        # how long an audit runs: 「審査は何日間？」 (not 有効期間, what it is valid for)
        r"(?:審査|監査|評価|アセスメント|手続き?)\S{0,3}(?:何日|何週|何か月|何ヶ月|何カ月|日数|期間は|の期間)|"
        # ("how long does the certificate last" asks what it is valid for; an audit lasts as it runs)
        r"\bhow (?:long|many (?:days|weeks|months|years|hours))\b.*\b(?:take|takes|taking)\b|\bhow much time\b|"
        r"\bhow long\b.*\b(?:audits?|assessments?|reviews?|process|evaluations?|inspections?|visits?)\s+(?:last|lasts|run)\b",
        re.I,
    ),
    # a time of day: 「受付時間は？」, "During what hours …" (not 何時間, how many hours)
    "clock": re.compile(
        r"(?:受付|営業|窓口|業務|対応)時間|何時(?:から|まで|に)|\b(?:what|which)\s+hours\b|\b(?:opening|office|business)\s+hours\b"
        r"|\bwhat\s+time\s+(?:of\s+day|does|do|is|are)\b",
        re.I,
    ),
    "penalty": re.compile(r"罰則|罰金|制裁|処罰|処分|ペナルティ|\bpenalt|\bsanction|\bfines?\b|\bpunish", re.I),
    # what a person must hold or learn: 「審査員にはどんな資格や研修が？」 is answered by a
    # qualification or a course, not by "一定の要件を満たす" nor by the audit's own rules
    "qualification": re.compile(r"資格(?!要件)|研修|講習|トレーニング|\bqualifications\b|\btraining\b", re.I),
    # when a certificate or approval is taken away: only a sentence about revoking or suspending it
    "revocation": re.compile(r"取り?消(?:し|さ|す|され)|剥奪|停止|\brevok|\brevocation|\bsuspen(?:d|sion)|\bwithdraw", re.I),
    # where in a law: an article's number (第何条), not the law's own (平成26年法律第104号)
    "article": re.compile(r"第?何条|どの条(?:文|項)|\b(?:which|what)\s+article\b|\barticle\s+number\b", re.I),
    # how to reach someone: a phone number or an address, not a web page
    "contact": re.compile(
        r"電話番号|連絡先|問い?合わ?せ先|メールアドレス|住所|所在地|\bphone\b|\btelephone\b|\be-?mail\b|\bcontact\s+(?:details|information|address|number)|\bpostal\s+address",
        re.I,
    ),
    # where a document is found on the web: "At which web address…", 「どのURLで入手できる」
    "url": re.compile(
        r"(?<![A-Za-z])URL(?![A-Za-z])|\bweb\s*address|\bwebsite\s+address|\bdownload(?:ed)?\s+(?:from|at)\b|\bwhere\s+(?:can|could)\s+(?:\S+\s+){1,5}be\s+downloaded"
        r"|どこ(?:から|で)(?:ダウンロード|入手)|ダウンロード(?:先|できる場所)|(?:Web|ウェブ)\s*(?:ページの)?アドレス",
        re.I,
    ),
    # who is told or sent something (「誰に通知する？」, "To whom is the breach reported?"): a
    # sentence that names where it goes answers it, "データ漏えい時の通知" does not
    "recipient": re.compile(
        r"(?:誰|だれ|どなた|どこ|どの(?:機関|組織|当局|省庁|部署))(?:に|へ)(?:対して|対し)?\S{0,4}?(?:" + _SENT_JA + r"|送)"
        r"|" + _SENT_JA + r"先"
        # ("to whom does 27017 offer guidance" asks its audience: only with a word for telling or sending)
        r"|^(?=.*" + _SENDING_EN + r").*\bto\s+whom\b|\bwho\s+(?:must|should|has\s+to|needs?\s+to|is\s+to|gets\s+to)\s+be\s+(?:notified|informed|told|alerted)\b"
        r"|\b(?:notif(?:y|ied)|report(?:ed)?\s+to|submit(?:ted)?\s+to|sent\s+to|send\s+(?:it\s+|them\s+)?to|addressed\s+to)\s+(?:which|what|whom)\b"
        # "To which body must that document be submitted?"
        r"|\bto\s+(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:body|bodies|organi[sz]ations?|agenc(?:y|ies)|authorit(?:y|ies)|office|party|parties)\b"
        r"(?=.*" + _SENDING_EN + r")",
        re.I | re.S,
    ),
    # "料金の情報も出さないといけない？", "Is the tool free?": whether money is involved, not an amount
    "paid": re.compile(
        r"^(?=.*(?:費用(?!対効果)|料金|価格|有料|無料|手数料|\bfree\b|\bfees?\b|\bcharges?\b|\bprices?\b|\bpaid\b|\bcosts?\b(?![-\s]effective)))"
        r"(?!.*(?:いくら|幾ら|金額|相場|どのくらい|どれくらい|何円|\bhow\s+much\b|\bhow\s+expensive\b))"
        r"(?:(?!何|どの|どれ|いつ|どこ|誰|どう|どんな).)*(?:ない|必要|ある|あります|かかる|かかります|要る|いる|いけない|ですか|ますか|でしょうか|の|か)\s*[？?]\s*$"
        r"|^\s*(?:is|are|does|do|did|must|can|will|has|have|should)\b(?!.*\b(?:how|what|which)\b).*"
        r"(?:\bfree\b|\bfees?\b|\bcharges?\b|\bprices?\b|\bpaid\b|\bcosts?\b(?![-\s]effective)|\bpricing\b)",
        re.I | re.S,
    ),
    # (費用対効果, "cost-effective": how well money is spent, not an amount)
    "money": re.compile(
        r"費用(?!対効果)|料金|価格|値段|コスト|金額|罰金|制裁金|手数料|いくら|幾ら|予算|何[兆億万千]*円|何[兆億]|"
        # ("how much technical detail" asks an amount of detail, not of money)
        r"\bhow\s+much\b(?!\s+(?!(?:does|do|did|is|are|was|were|has|have|had|will|would|can|could|should|money|funding|it|they|this|that|a|an|the)\b)[a-z])"
        r"|\bmoney\b|\bcosts?\b(?![-\s]effective)|\bprices?\b|\bfees?\b|\bfines?\b|\bcharges?\b|\bbudget\b",
        re.I,
    ),
    # a number of people is not a number of organisations: "110 を超える…プロバイダ" says how many
    # hold a certification, not how many assessors it has
    "people": re.compile(
        r"何人|何名|人数|(?:審査員|監査人|評価者|職員|スタッフ|会員|委員)(?:の)?数|(?:登録|認定|評価|審査|参加)者(?:の)?数|"
        r"(?:\bhow many|(?<!\ba )\bnumber of) (?:\w+ ){0,2}(?:people|persons|assessors|auditors|staff|employees|experts)\b",
        re.I,
    ),
    # a number of countries is no number of organisations ("110 を超える…プロバイダ")
    "countries": re.compile(
        r"何か国|何カ国|何ヶ国|何ヵ国|国の数|国数|加盟国(?:の)?数|(?:\bhow many|(?<!\ba )\bnumber of) (?:\w+ ){0,2}(?:countries|nations|jurisdictions|member\s+states)\b", re.I
    ),
    "count": re.compile(
        r"何社|何件|何団体|何組織|"
        r"(?:企業|会社|事業者|組織|団体|供給者|機関|サービス|製品)(?:の)?数|社数|(?<![要条案物事用])件数|登録数|"
        # 「取得した組織はいくつ？」, 「どのくらいの事業者が…」
        r"(?:企業|会社|事業者|組織|団体|プロバイダ)(?:は|が)(?:全部で|合計で|今)?(?:いくつ|どのくらい|どれくらい|どれだけ)(?!の)|"
        r"(?:いくつ|どのくらい|どれくらい|どれだけ)の(?:企業|会社|事業者|組織|団体|プロバイダ)|"
        # 「認証を持っている組織は、合わせてどのくらいの数に」
        r"(?:企業|会社|事業者|組織|団体|プロバイダ)(?:は|が)[、,]?[^。？?]{0,8}?(?:どのくらい|どれくらい|どれだけ)の数|"
        r"\bhow many (?:\w+ ){0,2}(?:companies|organi[sz]ations|providers|firms|vendors|suppliers|businesses|"
        r"members|services)\b|"
        r"(?<!\ba )\bnumber of (?:\w+ ){0,2}(?:companies|organi[sz]ations|providers|firms|vendors|suppliers|businesses|"
        r"members|services)\b",
        re.I,
    ),
    # how often something recurs: "1 年毎のサーベイランス" answers it, "連続監視" does not
    "frequency": re.compile(
        r"頻度|間隔|何年ごと|何年毎|何か月ごと|何ヶ月ごと|何カ月ごと|(?:年|月)に?何回|"
        r"\bhow (?:often|frequently)\b|\bfrequency\b|\bintervals?\b|\btimes\s+(?:a|per|each)\s+(?:year|month|week|day)\b",
        re.I,
    ),
    "duration": re.compile(
        r"期間|何年間|何か月|何ヶ月|何カ月|(?<!月)何日|何時間|何週間|何分(?![野類析割])|日数|どのくらいかか|どれくらいかか|"
        r"\bhow long\b|\bvalidity\b|\bvalid for\b|\bduration\b|\bhow many (?:years|months|days|hours|weeks|minutes)\b|"
        r"\blength\b|\bperiod\b",
        re.I,
    ),
    # "いつまでに適用？" is answered by a date ("2018 年 5 月を期限として") or a period;
    # after "duration": "通知期限は何時間？" wants hours
    "deadline": re.compile(r"いつまで|期限|締め?切|\bby when\b|\buntil when\b|\bdeadline\b", re.I),
    # a date still to come: the report's past dates do not answer it
    "future": re.compile(
        r"(?:いつ|時期|何年|何月).{0,12}(?:予定|見込|見通し|予想)|(?:予定|見込|見通し).{0,6}(?:いつ|時期)|次(?:は|に)?いつ|次の\S{0,6}?(?:は|が)?いつ"
        # "改訂予定はある？": whether something is planned (asked, not "取り寄せる予定です。")
        r"|予定(?:は|が|って)?(?:ある|あります|なの)(?:か|の|でしょうか)?\s*[？?]|予定されて(?:いる|います|る)(?:か|の)?\s*[？?]"
        r"|\bwhen\s+will\b|\bwill\b[^?？]*\bwhen\b|\bwhen\s+(?:is|are)\b.{0,60}\b(?:expected|planned|scheduled|due)\b"
        # "When is the next revision …?"
        r"|\bwhen\b[^?？]*\bnext\s+(?:revision|edition|version|update|release)\b",
        re.I,
    ),
    # the body an organisation belongs to: 「NISTはどの省に属している？」, "Which department is GDS
    # part of?" — not which body runs a scheme, which the report names
    "parent": re.compile(
        r"^(?=.*(?:省|庁|官庁|部局|(?:どの|どこの)(?:機関|組織)|\bministry\b|\bdepartment\b|\bagency\b))"
        r"(?=.*(?:属して|属する|所属|傘下|配下|上部(?:組織|機関)|\bparent\b"
        # (the part asked about comes first: "…is GDS part of?", not "Which … is part of the consortium?")
        # ("…is the BSI part of, or answerable to?": the same asked twice)
        r"|\b(?:part\s+of|belongs?\s+to|answerable\s+to|housed\s+(?:in|within)|sits?\s+(?:in|within|under))\s*(?:[?？]|$|which\b|,\s*or\b)))",
        re.I | re.S,
    ),
    # the ministry or authority that oversees a body or a scheme (「FISCを所管する官庁は？」): a
    # government body answers it, a private operator does not
    "regulator": re.compile(
        r"(?:所管|監督|管轄)(?:・監督|・所管)?(?:し|する|して|している|してる)?\S{0,6}?(?:官庁|省庁|省|庁|当局|行政機関)(?:は|って|が|を)?(?:どこ|何|誰|[？?])"
        # (a ministry that oversees: "which ministry … does the observer come from" asks an affiliation)
        r"|(?:監督|所管)(?:官庁|省庁)|\b(?:which|what)\s+(?:government\s+)?(?:regulator|supervisory\s+authority)\b"
        r"|\b(?:which|what)\s+(?:[A-Z][a-z]+\s+)?(?:government\s+)?(?:ministry|department)\b(?=[^?]*\b(?:oversee|supervis|regulat|responsible\s+for|in\s+charge\s+of)\w*)"
        r"|\b(?:which|what)\s+(?:government\s+)?(?:agency|authority|body)\s+(?:oversees|supervises|regulates)\b"
        r"|\b(?:overseen|supervised|regulated)\s+by\s+(?:which|what)\s+(?:government\s+)?(?:ministry|department|agency|authority|regulator)\b",
        re.I,
    ),
    # a deputy's office (副主査, "vice-chair"): a roster that names only the chair does not say who
    "deputy": re.compile(r"副(?:主査|委員長|会長|部長|議長|代表|所長|理事長|座長)|\bvice[- ]?(?:chair\w*|president)\b|\bdeputy\b", re.I),
    # a person by office: who heads, chairs or signs ("誰が本部長", "Who is the director of…"); "who
    # runs / assesses it" asks for an organisation, which the report names
    "person": re.compile(
        # (「トップ（会長）は誰」: the office may be glossed in brackets)
        r"(?:" + _OFFICE + r")(?:[（(][^）)]{1,10}[）)])?(?:を務め\S{0,6}|に就\S{0,6})?(?:は|が|って)?"
        # (「…議長を務めているのは、どの機関の誰？」: whose person, asked with the person)
        r"(?:[、,]?(?:どの|どこの)[^、。？?]{1,8}?の)?(?:誰|だれ|どなた)|(?:誰|だれ|どなた)が(?:" + _OFFICE + r"|署名|サイン)"
        r"|(?:署名|サイン)(?:する|した|している|してる)?(?:のは|人は)(?:誰|だれ|どなた)"
        r"|\bwho\s+(?:is|was|are|were)\s+(?:the\s+)?(?:current\s+)?(?:executive\s+|managing\s+|general\s+)?(?:head|director|chair(?:man|woman|person)?|chief|president|ceo|secretary|minister|commissioner)\b"
        # the people who wrote a document (the report's own authors are its committee, named)
        r"|\bwho\s+(?:is|was|are|were)\s+the\s+(?:authors?|editors?)\b|(?:著者|執筆者|編者)(?:は|って)?(?:誰|だれ|どなた)"
        r"|\bwho\s+(?:heads|headed|chairs|chaired|directs|directed|signs|signed)\b(?!\s+off)"
        r"|\bname\s+of\s+the\s+(?:head|director|chair(?:man|person)?|chief|official|signatory|person)\b"
        # "Which US president signed it?", 「どの大統領が署名した？」: a person, whatever office they held
        r"|\bwhich\s+(?:(?:US|U\.S\.|American|British|German)\s+)?(?:president|prime\s+minister|minister|secretary|official|officer|individual|person)\b"
        r"|どの(?:大統領|首相|大臣|長官|人物)(?![令府官室])",
        re.I,
    ),
    # the number of a law, directive or recommendation (2016/1148, 第104号), not of a standard
    "identifier": re.compile(
        r"(?:法律|法令|指令|規則|勧告|条例|告示)(?:の)?(?:正式な)?番号|法律第?何号|何号"
        r"|\b(?:directive|regulation|recommendation|act|law)(?:['’]s)?\s+(?:official\s+)?(?:number|no\.?)\b"
        r"|\b(?:official|reference)\s+(?:number|no\.?)\b|\b(?:number|no\.?)\s+of\s+the\s+(?:directive|regulation|recommendation|act|law)\b"
        # (a ministry's notice or order is numbered as a law is: 「通知番号」, "official notice number")
        r"|(?:通知|通達|省令|政令)(?:の)?番号|\b(?:notice|notification|circular|ordinance|decree)\s+(?:number|no\.?)\b"
        # the number a grant, a registration or a certificate is filed under
        r"|(?:契約|登録|認証|認定|証明書|許可|プロジェクト)番号"
        r"|\b(?:agreement|grant|registration|certificate|certification|contract|licen[cs]e|project)\s+(?:numbers?|no\.?|ids?)\b",
        re.I,
    ),
    # which city: the report's 「本部：米国」 names a country, no city
    "city": re.compile(r"(?:どの|どこの|何という)(?:都市|街|市)|都市名|\b(?:which|what)\s+(?:[A-Z][a-z]+\s+)?city\b", re.I),
    # where an organisation is based: 「(本部：米国)」 says so, a name alone does not
    # (本部 as a word of its own: 「戦略本部はどの省庁に置かれている？」 asks about a body's place in
    # government; only asked where: "the Cybersecurity Strategic Headquarters" is a name, "a provider
    # headquartered outside Europe" a condition, "where is the list located" no body's seat)
    "headquarters": re.compile(
        r"(?<![一-龯])本部(?:は|って)?どこ|どこに本部|本拠|本社(?:は|が|って)?どこ|どこに本社|所在地(?:は|って)?どこ"
        r"|\bwhere\s+(?:is|are)\s+\S.{0,60}?\s+(?:headquartered|based(?!\s+on\b))\b|\bwhere\s+(?:is|are)\s+(?:its|their|the)\s+headquarters\b"
        r"|\bbased\s+in\s+which\b",
        re.I,
    ),
    # which companies / services by name: "BSI Group Singapore Pte Ltd" names one, "CSP" does not
    "company": re.compile(
        # (「監査法人の報告書」 names a topic; the firms are asked about only without の, and not
        # as the subject of what or how: 「監査法人は…について何を表明している？」)
        r"(?:どの|どこの)(?:企業|会社|ベンダー|サービス)|(?:監査法人|監査会社|監査事務所)(?!の)(?![はが][^？?。]*(?:何を|何と|どんな|どう|なぜ))|"
        r"\b(?:audit|auditing|accounting|cpa)\s+firms?\b|"
        # 「取得した日本企業は？」: the holders by name
        r"(?:" + _HOLD + r")(?:を)?(?:した|している|してる|済みの?|を?受けた|を?受けている|持っている|持ってる)[一-龯ァ-ヺ]{0,4}?(?:企業|会社|ベンダー)(?:は|を|って|名|の(?:名前|名称|具体例|例))|"
        r"(?:企業|会社|ベンダー)名|具体的な(?:企業|会社|ベンダー|サービス名|製品)|"
        r"(?:サービス|製品|企業)の(?:具体)?例|"
        # ("which kinds of companies", "which cloud services can it cover": kinds, the scope)
        # (the words between describe them, "which Japanese companies"; "which activities involving
        # cloud services" asks for activities)
        r"\bwhich\s+(?!(?:kinds?|types?|sorts?|aspects?)\b)(?:(?![a-z-]*(?:ing|ies)\b)[a-z-]+\s+){0,2}?(?:companies|vendors|firms|corporations|products|cloud\s+services)\b"
        r"(?![^?]*\b(?:cover|covers|covered|apply|applies|target|targets|in\s+scope)\b)|\bname\s+(?:some|the)\s+(?:companies|vendors|firms)\b|"
        # "which specific cloud providers", "named providers": names of companies, not a kind of them
        r"\b(?:specific|named|individual|actual)\s+(?:cloud\s+)?(?:service\s+)?(?:providers|companies|vendors|firms|csps)\b|"
        r"具体的な(?:事業者|プロバイダ|クラウド事業者|取得企業|認証取得企業)(?:名)?|事業者名|プロバイダ名|"
        r"\bexamples?\s+of\s+(?:companies|vendors|firms|products|(?:cloud\s+)?services)\b",
        re.I,
    ),
    # how to get it: the steps of applying or being certified, which a report may not describe
    "procedure": re.compile(
        r"(?:申請|取得|認証|審査|登録|応募)(?:の|する|までの)?(?:手順|手続き?|流れ|ステップ|プロセス)"
        r"|\b(?:steps|procedure|process)\s+(?:to|for|of)\s+(?:apply|applying|obtain|obtaining|get|getting|register|registering|certif)"
        r"|\bhow\s+(?:do|does|can|would)\s+(?:a|an|the|one|i|we|you)?\s*(?:[a-z-]+\s+){0,3}?(?:apply|register|get\s+certified)\b"
        r"|\bapplication\s+(?:process|procedure|steps)\b|\baudit\s+(?:procedure|steps)\b",
        re.I,
    ),
    # which country: 「どの加盟国に置く？」 is answered by a country's name, not by "EU 加盟国"
    "country": re.compile(
        r"(?:どの|どこの)(?:加盟)?国(?![々際])|\bwhich\s+(?:member\s+)?(?:state|country)\b|\bin\s+which\s+(?:member\s+)?(?:state|country)\b|\bwhat\s+country\b",
        re.I,
    ),
    # the language a document is written in
    # ("何を翻訳した規格？" asks for a standard, not a language)
    # ("in either language" names languages without asking which)
    "language": re.compile(
        r"何語|言語|(?:英|独|仏|中国)語(?:版|訳)|\b(?:what|which)\s+languages?\b|\blanguages?\b(?=[^?]*\b(?:written|published|issued|available|translated)\b)"
        r"|\b(?:english|german|french)\s+(?:version|edition|translation)s?\b|\btranslat(?:ed|ions?)\s+(?:into|in)\s+(?:english|german|french)\b",
        re.I,
    ),
    # a share: "何割", "what percentage" — "多数みられる" is not one
    "ratio": re.compile(
        r"割合|比率|何割|何パーセント|何%|シェア|(?:取得|普及|合格|採用|利用|導入|認証|登録)率|\bshare of\b|\bpercent|\bproportion\b|\bfraction\b|\bratio\b",
        re.I,
    ),
    # how many times something may happen (延長は何回まで): a count of times, not any number
    "times": re.compile(r"何回|何度(?!も|目)|回数|\bhow\s+many\s+times\b|(?<!\ba )\bnumber\s+of\s+times\b", re.I),
    # how many of anything (levels, sections, requirements): a small count
    "number": re.compile(
        r"いくつ(?!か)|幾つ(?!か)|何個|何項目|何種類|何段階|何分野|何領域|何群|何章|何つ|何点|何ポイント|"
        # "要件数", "管理策の数": a count of the parts of a thing, named by the thing
        r"(?:要件|項目|管理策|要求事項|コントロール|分野|領域|レベル|段階|セクション|章|文書|カテゴリー?)(?:の)?総?数(?![値字])|"
        # "a number of acronyms" is "several", not a question for one
        r"\bhow many\b|(?<!\ba )\bnumber of\b|"
        # "what score", as 何点: points are a number
        r"\bwhat\s+(?:minimum\s+|maximum\s+)?(?:score|points)\b|\b(?:minimum|maximum)\s+score\b",
        re.I,
    ),
    # "when" asks only as a question word ("When was…?", "…, and when did…"); "When EuroCloud
    # audits a service, what…" opens a clause
    "date": re.compile(
        r"いつ|何年に|何年の|何年版|何年(?:から|頃|ごろ|以降)|何年(?:です|でし|だっ)?(?:か)?\s*[？?]|何月|時期|発行日|日付|年月日|\bwhat year\b|\bwhich year\b|\bwhat date\b"
        # "which day, month and year", "which edition year"
        r"|\b(?:which|what)\s+(?:day|month)\b|\b(?:edition|publication|release)\s+year\b"
        r"|\bwhen\s+(?:was|were|is|are|did|does|do|will|has|have|had|can|could|should)\b|\bwhen\s*[?？]\s*$|\band\s+when\b",
        re.I,
    ),
    **WORD_ASKS,
}
# types of answer named by a word of their own (an appeal, a logo): the word said is no answer
# to a yes or no about something else
WORD_TYPES = ("qualification", "revocation", *WORD_ASKS)
# an ordinal (第三者: "third party") is not a quantity
_NUM = r"(?<![第\d])(?:\d[\d,.]*|[一二三四五六七八九十百千万]+)"
_COUNTER = r"(?:段階|種類|分野|領域|項目|群|階層|区分|つ|個)"
_GIVES: dict[str, re.Pattern[str]] = {
    **WORD_GIVES,
    "elapsed": re.compile(
        r"(?:\d+|[一二三四五六七八九十]+)\s*(?:年|か月|ヶ月|カ月|日|週間|時間)\S{0,6}(?:かか|掛か|要|以内)|"
        r"(?:所要|within|takes?)\D{0,20}\d",
        re.I,
    ),
    "clock": re.compile(r"(?<!\d)\d{1,2}\s*[:：]\s*\d{2}(?!\d)|(?<!\d)\d{1,2}\s*時(?!間|点)|午前|午後|(?<!\d)\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])", re.I),
    "penalty": re.compile(r"罰|制裁|処分|penalt|sanction|punish|fine[sd]?\b", re.I),
    "qualification": re.compile(r"資格|研修|講習|トレーニング|試験|qualif|training|exam", re.I),
    "revocation": re.compile(r"取り?消|剥奪|停止|失効|revok|revocation|suspen|withdraw", re.I),
    # a person is named: an office next to a name (「【主査】 駒瀬 彰彦」), a name with 氏 or 様, an
    # honorific before a name; an office alone names nobody (「…責任者を対象とした参考資料」), nor
    # does 様 in 様々
    "person": re.compile(
        r"(?:" + _OFFICE + r"|委員(?!会))[】:：]?\s*" + _NAME + r"|" + _NAME + r"\s*(?:氏|様(?!々)|さん|" + _OFFICE + r")(?![一-龯])"
        # (a name run together with 氏: 「駒瀬彰彦氏」; not 様, which closes 多様 and 仕様)
        r"|(?:(?<=の|、)|(?<![一-龯ァ-ヺ]))[一-龯]{1,8}(?:氏|さん)(?![一-龯])"
        r"|\b(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z]"
        r"|\b(?i:director|chair(?:man|woman|person)?|secretary|minister|commissioner|president|ceo)\b,?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b(?!\s+of\b)",
    ),
    # (the sentence places it in another body: "GSA 内に設置されている", "a part of")
    "parent": re.compile(r"内に設置|内の|に属|の下に|傘下|配下|所管|管轄|の一部|の一機関|\bpart\s+of\b|\bwithin\b|\bunder\s+the\b|\bhoused\b", re.I),
    # (省 and 庁 close a ministry's or an agency's name: 総務省, 情報通信メディア開発庁)
    "regulator": re.compile(r"[一-龯ァ-ヺ]{1,12}(?:省|庁)(?![略力エ])|当局|政府|内閣|\b(?:Ministry|Department|Agency|Authority|Government)\b"),
    "identifier": re.compile(r"(?<!\d)\d{4}/\d{2,5}(?!\d)|第\s*\d+\s*号|\b[A-Z]\.\d{3,5}\b|\bNo\.\s*\d+", re.I),
    "city": re.compile(_PLACE_JA + r"|\bcity\b|\bD\.C\.|ワシントン|\bWashington\b", re.I),
    # (「(本部：米国)」, 「本社所在地」; a body named 戦略本部 says nothing of where it sits)
    "headquarters": re.compile(r"本部\s*[：:]|本社|所在地|\bheadquartered\s+in\b|\bbased\s+in\b|" + _PLACE_JA, re.I),
    "article": re.compile(r"第\s*\d+\s*条|\bArticle\s+\d+|\bArt\.\s*\d+", re.I),
    "url": re.compile(r"https?://|\bwww\.", re.I),
    "contact": re.compile(r"(?<!\d)0\d{1,4}[-‐－(（]\d{1,4}[-‐－)）]\d{3,4}|\bTEL\b|電話|〒|[\w.+-]+@[\w-]+\.[\w.]+", re.I),
    # (a body it goes to: 「当局に報告」, "notify the competent authority")
    "recipient": re.compile(
        r"[一-龯ァ-ヺーA-Za-z)）]\s*(?:に|へ)\s*(?:対して|対し)?\s*" + _SENT_JA + r"|" + _SENT_JA + r"先"
        r"|\b(?:notif(?:y|ies|ied)|inform(?:s|ed)?|report(?:s|ed)?\s+to|submit(?:s|ted)?\s+to|sent\s+to|addressed\s+to)\s+(?:the\s+)?[A-Za-z]",
        re.I,
    ),
    # (費用対効果 is cost-effectiveness, not a cost)
    "paid": re.compile(r"有料|無料|料金|価格|手数料|費用(?!対効果)|\bfree\b|\bfees?\b|\bcharges?\b|\bprices?\b|\bcosts?\b(?!-effective)", re.I),
    "money": re.compile(
        rf"{_NUM}\s*(?:兆|億|万|千)?\s*(?:円|ドル|ユーロ|ポンド|dollars?|euros?|pounds?|yen)|[$€£¥]\s*\d", re.I
    ),
    "countries": re.compile(rf"{_NUM}\s*(?:か国|カ国|ヵ国|ヶ国)|\d+\s*(?:countries|nations|member\s+states)", re.I),
    "people": re.compile(rf"{_NUM}\s*(?:人|名)(?![称前])|\d+\s*(?:people|persons|assessors|auditors|staff|employees|experts)", re.I),
    "count": re.compile(
        rf"{_NUM}\s*(?:以上の|を超える|超の|余りの)?\s*(?:社|者|人|名|組織|団体|件|か国|カ国|ヵ国|ヶ国|企業|事業者|機関)"
        r"|を超える|大半|過半|半数|大多数|ほとんど|\d+\s*(?:companies|organi[sz]ations|providers|people)",
        re.I,
    ),
    # (an era's year is a date: "平成 28 年版" is no period, nor is the day of "5 月 22 日")
    "duration": re.compile(
        r"(?<!\d)(?<!平成)(?<!令和)(?<!昭和)(?<!平成 )(?<!令和 )(?<!昭和 )(?<!月)(?<!月 )(?:\d{1,3}|(?<![一-龯々])[一二三四五六七八九十]+)\s*"
        # (a name's last kanji before 日本: 「河野 省二 日本マイクロソフト」 is no two days)
        r"(?:年(?![版度])|か月|ヶ月|カ月|ヵ月|ケ月|箇月|日(?!本)|週間|時間)"
        # (minutes in digits only: 十分 is "enough")
        r"|(?<![\d.])\d{1,3}\s*分間?(?![野類析散離割])"
        r"|\d+\s*(?:years?|months?|days?|weeks?|hours?|minutes?)|毎年|年\s*\d+\s*回|年次",
        re.I,
    ),
    "frequency": re.compile(
        # (数年おき: "every few years" is how often too)
        r"毎年|毎月|毎週|毎日|年次|四半期|(?:\d+|[一二三四五六七八九十数]+)\s*(?:年|か月|ヶ月|カ月|ヵ月|週間?|日)\s*(?:毎|ごと|置き|おき)"
        r"|年\s*\d+\s*回|\d+\s*(?:年|か月|ヶ月|カ月)\s*に\s*\d+\s*回"
        r"|\b(?:annual(?:ly)?|yearly|monthly|quarterly|weekly|daily)\b|\bevery\s+(?:\d+\s+)?(?:years?|months?|weeks?|days?)\b|\bonce\s+a\b",
        re.I,
    ),
    # a plan, and one about a release: "発行を予定している", not "作業の軽減が見込まれる"
    "future": re.compile(
        r"^(?=.*(?:予定|見込|見通し|予想|今後|将来|までに|\bwill\b|\bexpected\b|\bplanned\b|\bscheduled\b))"
        r"(?=.*(?:発行|公開|公表|改訂|改定|策定|リリース|版|施行|発効|適用|移行|\brelease|\bpublish|\bversion|\brevision|\bedition|\bupdate))",
        re.I | re.S,
    ),
    "times": re.compile(
        r"(?:\d+|[一二三四五六七八九十数]+)\s*(?:回|度)(?![目版])|何度でも|無制限|\bonce\b|\btwice\b|\b(?:\d+|one|two|three|four|five|several|many)\s+times\b|\bunlimited\b",
        re.I,
    ),
    "number": re.compile(
        r"(?<![\d./:\-A-Za-z])\d{1,4}\s*(?:つ|の|個|項目|分野|種類|段階|件|領域|群|章|節|部|パート|カテゴリ|レベル|社|者|か国|カ国|点)"
        r"|(?<![第])[一二三四五六七八九十]+\s*(?:つ|種類|段階|分野|領域|群)",
    ),
    # a year, not the digits of a standard's number ("ISO/IEC 20000")
    "date": re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|平成|令和|昭和", re.I),
    "ratio": re.compile(r"\d+(?:\.\d+)?\s*(?:%|パーセント|割)|半数|大半|過半|大多数|ほとんど|\bhalf\b|\bmost\b", re.I),
    "company": re.compile(r"株式会社|有限会社|\b(?:Pte|Ltd|LTD|Inc|GmbH|Corporation|Corp|LLC|PLC|AG)\b\.?", re.I),
    "procedure": re.compile(r"申請|手順|手続|流れ|プロセス|ステップ|を経て|提出|\bprocess\b|\bsteps?\b|\bapply\b", re.I),
    "language": re.compile(r"[一-龯ァ-ヺ]{1,6}語(?:版|で|の|に|が)|English|German|Japanese|French|言語", re.I),
    "deputy": re.compile(r"副|\bvice\b|\bdeputy\b", re.I),
    # a standard named in a sentence that states something: Japanese prose, or English closing
    # with a full stop (not a title line, "Information technology – Security techniques – …",
    # nor one in brackets, 「(情報技術－セキュリティ技術－…の規範)」)
    "standard": re.compile(
        r"^(?![(（].*[)）]\s*$)(?=.*(?:[ぁ-ゖ]|\.\s*$))"
        r".*(?:ISO\s*/\s*IEC\s*\d|\bISO\s*\d{4,}|JIS\s*[A-Z]\s*\d|\bSP\s*800-|\bISAE\b|\bSSAE\b|PCI\s*DSS|\bCCM\b)",
        re.I | re.S,
    ),
}


# who stands in for whom, what followed or renamed what: facts of a body's or plan's
# succession, which a front-matter part (a roster, a cover) names only in their own words
SUCCESSION = ("deputy", "successor", "renamed")
# types of answer that are an amount, a share, a count, a length of time or a time of day
QUANTITIES = ("ratio", "money", "paid", "duration", "elapsed", "number", "times", "frequency", "count", "clock")


# the standard a scheme draws on ("Which standard does IRAP reference?"), not what a standard is
# (「何の規格？」): a preference for the sentence that names one, never a type whose absence is
# "not stated" (a scheme may draw on a standard named in words: クラウド情報セキュリティ管理基準)
_ASKS_STANDARD = re.compile(
    r"\bwhich\s+(?:[a-z-]+\s+)?standards?\s+(?:does|do|did|is|are|was|were)\b|どの(?:国際)?規格(?:を|に|が)"
    r"|(?:参照|準拠|採用|引用|利用)(?:している|する|される|されている|した)(?:国際)?規格",
    re.I,
)


def preferred_type(question: str) -> str | None:
    """The type of answer a question asks for, or prefers: ``expected_type``, else "standard"
    when it asks which standard something draws on."""
    return expected_type(question) or ("standard" if _ASKS_STANDARD.search(unicodedata.normalize("NFKC", question)) else None)


def expected_type(question: str) -> str | None:
    """The type of answer a question asks for, when it asks for one."""
    q = unicodedata.normalize("NFKC", question)
    # ("Apart from low start-up costs, which burden …" asks for no amount of money; "schemes
    # from outside Europe" still asks about schemes abroad)
    kept, aside = set_aside(q)
    for kind, pattern in _ASKS.items():
        if pattern.search(q) and (not aside or pattern.search(kept) or not pattern.search(aside)):
            return kind
    return None


# a second question joined to the first: "On what date did X come into force, and how long
# did the member states have …?", 「いつ発効したか、また加盟国の期限はいつか」
_SECOND_ASK = re.compile(
    r",?\s+and\s+(?=(?:how|what|when|where|which|who|whose|why|(?:in|on|by|for|from|within)\s+(?:what|which|how))\b)"
    r"|(?<=か)、(?:また|そして)?|、また(?:、)?",
    re.I,
)


def typed_asks(question: str) -> list[tuple[str, str]]:
    """Each question a question joins to another, with the type of answer it asks for, when
    it asks two or more that each ask for a type ([] otherwise)."""
    parts = [p for p in _SECOND_ASK.split(question) if p.strip()]
    typed = [(p, k) for p in parts if (k := expected_type(p)) is not None]
    return typed if len(parts) > 1 and len(typed) == len(parts) else []


def asks_date(question: str) -> bool:
    """Does the question ask when ("When was it published?", not "When readers use it, …")?"""
    return bool(_ASKS["date"].search(unicodedata.normalize("NFKC", question)))


def asks_founding_or_enactment(question: str) -> bool:
    """Does the question ask when something was founded or a law made ("When was JIPDEC
    founded?"), which only a sentence that says so dates?"""
    q = unicodedata.normalize("NFKC", question)
    return asks_date(q) and names_founding_or_enactment(q)


def type_cue(question: str) -> str | None:
    """The words that ask for a type of answer ("how many", "いつ"), as written."""
    q = unicodedata.normalize("NFKC", question)
    for pattern in _ASKS.values():
        if m := pattern.search(q):
            return m.group(0)
    return None


# a time a plan names: a year, an era, 年内, "next year", a month
_WHEN_GIVEN = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?!\d)|平成|令和|年内|年度内|来年|今年|本年|年末|年初|上半期|下半期|上期|下期|\d+\s*月"
    r"|\b(?:" + "|".join(m.capitalize() for m in MONTH_NAMES) + r"|next year|this year|Q[1-4])\b",
)


# a time counted in days, weeks or months is not a validity period nor a yearly cycle:
# "how many days to correct a nonconformity" is not answered by "認証は 3 年間有効で、毎年…"
_ASKS_VALIDITY = re.compile(r"有効|期限|使用許諾|更新|\b(?:valid|validity|expir\w*|renew\w*|last|lasts|stay|remain)\b", re.I)
_ASKS_SHORT = re.compile(r"何日|日数|何週|何時間|何か月|何ヶ月|何カ月|何分(?![野類析割])|\bhow many (?:days|weeks|hours|months|minutes)\b", re.I)
_VALIDITY_SAID = re.compile(
    r"(?:有効期間|有効期限|使用許諾期間)\S{0,8}?\d+\s*(?:年|か月|ヶ月|カ月)間?|\d+\s*(?:年|か月|ヶ月|カ月)間?\s*(?:有効|の有効)"
    r"|\b(?:valid|validity)\b\D{0,20}\d+\s*(?:years?|months?)|\d+\s*(?:years?|months?)\s+valid"
)
_ASSESSORS = re.compile(r"認証機関|審査機関|認定機関|評価機関|監査法人|\bcertification\s+bod|\bauditors?\b|\bassessors?\b|\b3PAO", re.I)
_REVISED = re.compile(r"改訂|改定|見直|\brevis", re.I)
# (and an interval of years: "1年毎に維持審査" says how often, not within how many days)
_YEARLY = re.compile(
    r"毎年|年次|年\s*\d+\s*回|\d+\s*年\s*(?:毎|ごと)|\b(?:annual(?:ly)?|yearly|every\s+(?:\d+\s+)?years?)\b", re.I
)


_ORDINAL = re.compile(r"第\s*\d+")
_ONE_OF = re.compile(r"の\s*(?:1|一)\s*つ(?!\s*(?:の|目))")


# a committee by name: the words before its kind noun, up to a space or a mark
_UNIT_NAMED = re.compile(r"[^\s、。,，()（）「」『』:：]{0,16}?(?:" + COMMITTEE_WORD + ")", re.I)


def answers_type(sentence: str, question: str, kind: str, counted: str | tuple[str, ...] | None = None) -> bool:
    """Does the sentence give the type of answer this question asks for? An edition
    year of a standard the question does not name is no date of the one it does."""
    asked = unicodedata.normalize("NFKC", question)
    if kind == "date":
        dated = dates_what_is_asked(sentence, question)
        if dated is None:
            return False
        sentence = dated
    # (更新審査, a renewal audit, asks no revision)
    if kind == "frequency" and _REVISED.search(unicodedata.normalize("NFKC", sentence)) and not _REVISED.search(asked):
        return False  # "数年おきに改訂" says how often a text is revised, not how often backups are taken
    if kind == "company" and asks_about_holders(asked) and not _ASSESSORS.search(asked) and _ASSESSORS.search(unicodedata.normalize("NFKC", sentence)):
        # the certification bodies a sentence names (BSI Group … Pte Ltd) hold nothing; they
        # answer only a question about them (「認証機関の企業名は？」)
        return False
    if kind in ("duration", "elapsed") and not _ASKS_VALIDITY.search(asked):
        sentence = _VALIDITY_SAID.sub(" ", unicodedata.normalize("NFKC", sentence))
        if _ASKS_SHORT.search(asked):
            sentence = _YEARLY.sub(" ", sentence)
    if kind == "committee":
        # 「ISMS専門部会はどの委員会の下に？」: the committee asked about is not the one it sits under
        q = compact(asked)
        sentence = _UNIT_NAMED.sub(lambda m: " " if compact(m.group(0)) in q else m.group(0), unicodedata.normalize("NFKC", sentence))
    if kind == "future" and _ASKS["date"].search(asked):
        # 「いつ公開される予定？」: "発行を予定している" says that it is planned, not when
        return gives_type(sentence, kind) and bool(_WHEN_GIVEN.search(unicodedata.normalize("NFKC", sentence)))
    return gives_type(sentence, kind, counted)


# things named one by one and sorted into them: "A、B、C に分類される", 「「X」と「Y」に分類して」
# (not a list left open: 「…等で構成された」)
# (the members are bare names: 「C5の要求事項は、17のセクションで構成」 lists no kinds)
_SORTED_INTO = re.compile(
    r"(?:[^、。はがをにでの]{2,20}、){2,}[^、。はがをにでの]{2,20}(?<!等)(?:に分類|に分け|に分かれ|から(?:成|な)る|で構成|に区分)"
    r"|「[^」]{1,20}」(?:と|、)「[^」]{1,20}」(?:の\s*\d+\s*つ)?(?:に分類|に分け|に分かれ|に区分)"
)
# the nouns of a count of kinds, which a sorting answers
_KINDS = re.compile(r"種類|分類|区分|類型|kinds?|types?|categor|sorts?|classes|groups?", re.I)


def gives_type(sentence: str, kind: str, counted: str | tuple[str, ...] | None = None) -> bool:
    """Does the sentence hold that type of answer (for a count, of ``counted``:
    "3 段階" does not say how many コントロール)?"""
    if kind == "deadline":
        # a date answers "by when" only as a limit: "2018 年 5 月を期限として", not "2013 年に発行"
        limit = re.search(r"まで|期限|期日|\b(?:by|until|deadline)\b", sentence, re.I)
        # 「遅滞なく」 is a limit without a date: "without undue delay"
        at_once = re.search(r"遅滞なく|直ちに|速やかに|\bwithout\s+(?:undue\s+)?delay\b|\bimmediately\b|\bpromptly\b", sentence, re.I)
        return gives_type(sentence, "duration") or (bool(limit) and gives_type(sentence, "date")) or bool(at_once)
    text = unicodedata.normalize("NFKC", sentence)
    nouns = (counted,) if isinstance(counted, str) else (counted or ())
    if kind == "country":
        return country_named(text) not in (None, *_UNIONS)
    if kind == "number" and any(_KINDS.search(n) for n in nouns) and _SORTED_INTO.search(text):
        return True  # "A、B、C に分類される" counts the kinds it sorts into by naming them
    if kind in ("number", "count"):
        # 「連邦政府機関の 1 つ」 is "one of the agencies", and an ordinal (「第 1 部」) one part:
        # no count of anything
        text = _ORDINAL.sub(" ", _ONE_OF.sub(" ", text))
    if not counted:
        return bool(_GIVES[kind].search(text))
    c = compact(text)
    n = "(?:" + "|".join(re.escape(compact(x)) for x in nouns) + ")"
    if re.search(r"\d+" + n + r"(?![一-龯ァ-ヺー])", c):
        return True  # the noun asked about is the counter: "8 組織" says how many 組織
    if re.search(r"\d+[~〜～\-－]\D{0,8}\d+(?:という|の)" + n, c):
        return True  # a numbered range: "Star3~5 というレベル" says how many レベル
    if not _GIVES[kind].search(text):
        return False
    # the number must count that noun: "14 分野 109 項目" counts 要件 in "この要件は 14 分野…",
    # but "6つの領域に分けて記載したカタログ (管理策集)" does not say how many 管理策;
    # any of the ways the report may count it will do ("how many parts" -> パート or 部)
    # a counter may stand between them: "3 段階のレベル" says how many レベル
    # and the noun may close a compound: "4 つの対策基準群" says how many 群
    # ...and only when it closes it: "8 つのプライバシー管理策ファミリ" counts families, not 管理策
    # (a counter right after the number counts whatever follows: "4 部構成")
    return bool(re.search(
        r"\d+" + n + r"|\d+" + _COUNTER + r"?(?:つの|個の|の)?(?:[一-龯ァ-ヺー]{1,12}?)?" + n + r"(?![一-龯ァ-ヺー])|" + n + r"(?:数)?\S{0,3}?\d", c
    ))
