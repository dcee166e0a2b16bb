"""Types of answer named by a word of their own.

"Does C5 require penetration tests?", 「暗号化まで義務づけられてる？」: the report answers
such a question only in a sentence that uses the practice's own word (or a near one);
a section that never says 脆弱性, バックアップ or 保険 does not say what a scheme
requires of them. Each type has the words that ask for it (``ASKS``, checked in this
order after the value types of ``answer_type``) and the words that give it (``GIVES``).
"""

from __future__ import annotations

import re

# what names a committee or working group
COMMITTEE_WORD = (
    r"委員会|部会|分科会|研究会|検討会|懇談会|ワーキング|\bWG\b|\b(?:sub)?committee|\bworking\s+group|\btask\s+force|\bcouncil\b|\bboard\b"
    r"|\bstudy\s+group|\bpanel\b"
)
# who may be listed as holding a scheme
_HOLDERS = r"(?:holders|providers|organi[sz]ations|companies|services|suppliers|csps|members)\b"

ASKS: dict[str, re.Pattern[str]] = {
    # a provider or data outside the scheme's own country: only a sentence about foreign providers
    # or places abroad says whether they may (「諸外国」 is the report's group of schemes)
    "abroad": re.compile(
        r"(?<!諸)(?:国外|海外|域外|外国)|(?:日本|国内)以外|\boutside\s+(?:of\s+)?(?:japan|europe|the\s+(?:eu|uk|us|united\s+states|united\s+kingdom)|australia|singapore|germany)\b"
        r"|\babroad\b|\boverseas\b|\bforeign\s+(?:providers?|companies|firms|vendors|data\s+cent(?:re|er)s?)\b|\b(?:headquartered|based|located)\s+outside\b",
        re.I,
    ),
    # an appeal or a dispute, a recognition by other schemes, a logo to display: each is said only
    # in words of its own, which a section that does not give it never uses
    "appeal": re.compile(r"異議|不服|紛争|苦情|\bappeal|\bdisput|\bcomplain", re.I),
    "recognition": re.compile(r"相互(?:承認|認証|認定)|\bmutual(?:ly)?\s+recogni", re.I),
    "logo": re.compile(r"ロゴ|\blogos?\b", re.I),
    "encryption": re.compile(r"暗号|\bencrypt|\bcryptograph", re.I),
    # security practices an overview names only by their own words: a section that never says
    # 監視, 脆弱性 or バックアップ does not say what a scheme requires of them
    "monitoring": re.compile(r"監視|モニタリング|\bmonitor(?:s|ed|ing)?\b", re.I),
    "testing": re.compile(r"ペネトレーション|侵入テスト|脆弱性|\bpenetration\b|\bpen[- ]?tests?\b|\bvulnerabilit", re.I),
    "vetting": re.compile(r"身元|国籍|経歴|\bbackground\s+(?:checks?|screening|investigations?)\b|\bvetting\b|\bnationalit|\bsecurity\s+clearance", re.I),
    "confidentiality": re.compile(r"守秘|秘密保持|\bNDAs?\b|\bnon-?disclosure\b|\bconfidentiality\s+(?:agreements?|undertakings?|clauses?|obligations?)", re.I),
    "nonconformity": re.compile(r"不適合|指摘事項|是正(?:処置|措置)|\bnon-?conformit|\bcorrective\s+actions?\b", re.I),
    "deployment": re.compile(r"(?:プライベート|ハイブリッド|コミュニティ)クラウド|\b(?:private|hybrid|community)\s+clouds?\b", re.I),
    "backup": re.compile(r"バックアップ|\bback-?ups?\b", re.I),
    "logging": re.compile(r"(?<![タグ])ログ(?!ラム)|\blogs?\b|\blogging\b|監査証跡|\baudit\s+trails?\b", re.I),
    "insurance": re.compile(r"保険|\binsur", re.I),
    "subcontracting": re.compile(r"再委託|サブサービス|\bsub-?(?:processors?|contract\w*|service\s+organi[sz]ations?)\b|\bsubcontract", re.I),
    "onsite": re.compile(r"現地|立入|立ち入|実地|訪問|リモート|\bon-?site\b|\bremote(?:ly)?\b|\bsite\s+visits?\b", re.I),
    "disposal": re.compile(r"返却|消去|削除|廃棄|\bdelet(?:e|ed|ion)\b|\berase|\bdispos(?:e|al)\b|\bdestroy|\bdestruction\b", re.I),
    "authentication": re.compile(r"多要素|二要素|パスワード|\bmulti-?factor\b|\btwo-?factor\b|\bMFA\b|\b2FA\b|\bpasswords?\b", re.I),
    "seismic": re.compile(r"耐震|地震|免震|\bseismic\b|\bearthquakes?\b", re.I),
    "multicloud": re.compile(r"マルチクラウド|\bmulti-?clouds?\b", re.I),
    "inventory": re.compile(r"台帳|棚卸|\binventor(?:y|ies)\b|\basset\s+registers?\b", re.I),
    # where in a document something is ("which annex", 「何番の箇条」): only a sentence that
    # names a part of it says where
    # (asked, not named: "Annex B of 27017 lists what?" names its annex)
    "locator": re.compile(
        r"(?:どの|何番の|何の)(?:箇条|附属書|付属書|章)|箇条(?:は)?(?:何|どこ)|第何章"
        r"|\bwhich\s+(?:annex|clause|appendix|chapter)(?![\s-]*\d)|\b(?:annex|clause|appendix|chapter)\s+(?:number|no\.?)\b",
        re.I,
    ),
    # the national (JIS) counterpart of a standard: 「27018に対応するJIS規格の番号は？」
    "jis": re.compile(
        r"(?:対応する|対応した|相当する|国内規格(?:化)?した|翻訳した)\s*JIS|JIS\s*(?:規格)?\s*(?:の)?(?:番号|は何番|何番)"
        r"|\bJIS\s+(?:designation|number|equivalent|counterpart|version)\b|\b(?:corresponding|equivalent)\s+JIS\b"
        r"|\bJIS\s+standard\s+(?:that\s+|which\s+)?correspond",
        re.I,
    ),
    # where the holders of a scheme are listed: only a sentence about a list or registry says so
    "registry": re.compile(
        r"(?:一覧|リスト|名簿)(?:は|を|って)?\S{0,12}?(?:どこ|公開|掲載|見られ|見れ|確認|閲覧)"
        # (of holders: "where … a list of references" asks where in a text a list is)
        r"|\bwhere\b[^?]*\b(?:list|register|registry|directory)\s+of\s+(?:[\w-]+\s+){0,4}?" + _HOLDERS
        + r"|\b(?:list|register|registry|directory)\s+of\s+(?:[\w-]+\s+){0,4}?" + _HOLDERS + r"[^?]*\b(?:published|public|available|found|checked|viewed)\b"
        r"|\bwhere\s+(?:can|could|do|does|would|should)\s+(?:[\w-]+\s+){0,3}?(?:check|find|look\s+up|see|verify)\s+(?:which|whether|who)\b",
        re.I,
    ),
    # a new name or form a body or scheme later took: only a sentence that says it changed
    "renamed": re.compile(
        r"改称|改名|名称(?:が|を|に)?(?:変更|変わ)|名前(?:が|を|に)?(?:変更|変わ)|\brenamed\b|\bnow\s+(?:called|known\s+as)\b|\bnew\s+name\b"
        r"|\b(?:later|since)\s+(?:became|become|been\s+called|called|known)\b|\bchanged\s+(?:its|their)\s+names?\b"
        # ...or the name it had before: "called before it got its present name", 旧称
        r"|\bcalled\s+before\b|\b(?:former|previous|earlier|old)\s+name\b|\bpresent\s+name\b|\bpreviously\s+(?:called|known|named)\b|旧称|旧名|以前の名(?:称|前)",
        re.I,
    ),
    # what came after a plan or programme: only a sentence that says what followed it
    "successor": re.compile(r"後継|次期|\bsucceed(?:ed|s)?\b|\bsuccessor\b|\bfollow-?up\s+(?:plan|programme|program)\b|\breplaced\s+(?:it|by)\b", re.I),
    # a committee or working group by name: only a sentence that names one (other than one the
    # question names itself) says which drew up, oversees or houses something
    "committee": re.compile(
        r"(?:どの|何という|なんという|何の)(?:委員会|部会|分科会|専門部会|作業部会|研究会|検討会|懇談会|ワーキング(?:グループ)?|WG)"
        r"|\b(?:which|what)\s+(?:[\w/-]+\s+){0,2}?(?:committee|subcommittee|working\s+group|task\s+force|council|board|study\s+group|expert\s+panel)s?\b",
        re.I,
    ),
    # a unit inside an organisation (「JIPDECのどの部署」, "which division inside NIST"): only a
    # sentence that names a department, office or centre says which
    "unit": re.compile(
        r"(?:どの|何という|なんという)(?:部署|部門|部局|事業部|課|室)"
        r"|\b(?:which|what)\s+(?:[\w/-]+\s+){0,2}?(?:division|department|unit|office|bureau|directorate)s?\s+(?:inside|within|of|at|in)\b(?!\s+(?:the\s+)?report\b)",
        re.I,
    ),
    # a ready-made form to reuse: a contract template, model clauses
    "template": re.compile(r"ひな形|雛形|ひな型|テンプレート|書式|\btemplates?\b|\bmodel\s+(?:contracts?|clauses?|agreements?)\b|\bsample\s+(?:contracts?|clauses?|forms?)\b", re.I),
    # who was first to hold something: only a sentence that says who was first
    "first_holder": re.compile(
        r"(?:一番|いちばん)?最初に\S{0,20}?(?:取得|付与|認証|登録|受け)|初めて\S{0,20}?(?:取得|認証|付与)"
        # 「認証を取った最初の企業は？」
        r"|(?:取得|取っ|受け|認証|登録|付与)\S{0,6}?(?:最初|一番目|第一号)の(?:企業|会社|組織|事業者|プロバイダ|ベンダー|サービス)"
        r"|\bfirst\s+(?:company|provider|organi[sz]ation|cloud\s+provider|to\s+(?:be|get|obtain|receive|hold))\b",
        re.I,
    ),
}

GIVES: dict[str, re.Pattern[str]] = {
    "abroad": re.compile(r"国外|海外|域外|外国|以外の国|\boutside\b|\babroad\b|\boverseas\b|\bforeign\b", re.I),
    "appeal": re.compile(r"異議|不服|紛争|苦情|appeal|disput|complain", re.I),
    "recognition": re.compile(r"相互(?:承認|認証|認定)|mutual(?:ly)?\s+recogni", re.I),
    "logo": re.compile(r"ロゴ|\blogos?\b|マーク|\bmark\b", re.I),
    "encryption": re.compile(r"暗号|encrypt|cryptograph|\bcipher", re.I),
    "monitoring": re.compile(r"監視|モニタリング|monitor", re.I),
    "testing": re.compile(r"ペネトレーション|侵入|脆弱性|penetration|pen[- ]?test|vulnerab", re.I),
    "vetting": re.compile(r"身元|国籍|経歴|background|vetting|nationalit|clearance", re.I),
    "confidentiality": re.compile(r"守秘|秘密保持|\bNDA|non-?disclosure|confidentiality\s+agreement", re.I),
    "nonconformity": re.compile(r"不適合|指摘|是正|non-?conformit|corrective", re.I),
    "deployment": re.compile(r"(?:プライベート|ハイブリッド|コミュニティ|パブリック)|\b(?:private|hybrid|community|public)\s+clouds?\b", re.I),
    "backup": re.compile(r"バックアップ|back-?up", re.I),
    "logging": re.compile(r"(?<![タグ])ログ(?!ラム)|\blogs?\b|\blogging\b|証跡|audit\s+trail", re.I),
    "insurance": re.compile(r"保険|insur", re.I),
    "subcontracting": re.compile(r"再委託|サブサービス|委託先|sub-?processor|sub-?contract|sub-?service", re.I),
    "onsite": re.compile(r"現地|立入|立ち入|実地|訪問|リモート|オンライン|on-?site|remote|site\s+visit", re.I),
    "disposal": re.compile(r"返却|消去|削除|廃棄|delet|erase|dispos|destr", re.I),
    "authentication": re.compile(r"多要素|二要素|パスワード|multi-?factor|two-?factor|\bMFA\b|\b2FA\b|password", re.I),
    "seismic": re.compile(r"耐震|地震|免震|seismic|earthquake", re.I),
    "multicloud": re.compile(r"マルチクラウド|multi-?cloud", re.I),
    "inventory": re.compile(r"台帳|棚卸|inventor|asset\s+register", re.I),
    "locator": re.compile(r"箇条|附属書|付属書|付録|章|annex|clause|appendix|\b(?:section|chapter)\b|(?<![\d.])\d+\.\d+(?:\.\d+)?(?![\d.])", re.I),
    "registry": re.compile(r"一覧|リスト|名簿|レジストリ|登録・公開|\bregistry\b|\bmarketplace\b|\blists?\b|\bregister\b", re.I),
    "jis": re.compile(r"JIS\s*[A-Z]\s*\d{4,5}"),
    # (旧 as "former", 「旧3省4ガイドライン」; not 復旧, recovery)
    "renamed": re.compile(r"改称|改名|名称変更|改め|(?:と|に)なった|に変更|移行|(?<!復)旧|renamed|became|\bformerly\b|\bnow\b", re.I),
    "successor": re.compile(r"後継|次期|引き継|に代わ|取って代|移行|succe|replac", re.I),
    # ("FIRST VERSION" is an edition, no holder)
    "first_holder": re.compile(r"最初|初めて|第一号|\bfirst\b(?!\s+(?:version|edition|draft|release))", re.I),
    "committee": re.compile(COMMITTEE_WORD, re.I),
    "unit": re.compile(r"部署|部門|部局|事業部|[一-龯]課|[一-龯]室|センター|事務局|\b(?:Office|Division|Department|Bureau|Directorate|Center|Centre|PMO)\b"),
    "template": re.compile(r"ひな形|雛形|ひな型|テンプレート|様式|書式|template|\bmodel\s+(?:contract|clause|agreement)|\bsample", re.I),
}
