"""kg.casualties.v1 — one claim per stated count of victims.

The text is read sentence by sentence over its folded view (MatchView), as a
sequence of tokens. A *count* is a number (digits or words), a singular or
dual person noun («طفلة» 1, «ضابطان» 2, "a child"), or a vague amount
(«عشرات», «المزيد», "dozens", a bare plural right after a casualty verb).
A count becomes a claim when a victim noun follows it (or a «من …» / "of …"
naming a group), or it sits where only victims can (after «بينهم»,
"including", «ارتفع إلى … عدد القتلى», "the death toll … rose to"), and a
casualty word gives its kind.

Rules, in the order they apply to each count (see shared/corpus/dev/README.md):

1. Nesting: right after «بينهم / من ضمنهم / including / among them / وهم:»
   the count is part of the previous claim; «ومن ضمن القتلى» goes back to
   the first claim of the list. A count joined by «و» / "and" stays in the
   list, under the deepest open claim it can be a subset of (children under
   civilians, foreign fighters under a non-Syrian count…); «إضافة إلى» / "in
   addition to" closes one level. A new casualty verb, a connector
   («فيما، في حين، بينما، كما», "while") or a new sentence closes the list.
2. Kind: a sub-count or list item takes its parent's / neighbour's kind;
   otherwise the nearest casualty word in the clause («مقتل وإصابة» gives
   both kinds); a running total takes the word of its «عدد قتلى …» phrase.
3. Qualifier: the one written beside this number only.
4. Side: the victim phrase after the count — «من الطرفين» (mixed) → none,
   a civilian noun → civilians, else the first actor named; «من عناصرها»,
   "lost", «عددهم» point back to the actor named before; «آخرون» / "others"
   take the side of the claims just before when they agree; a sub-count
   without a side of its own takes its parent's, except foreign fighters
   under the regime, who are its loyal militias.
5. Nationality: «من الجنسية X», «من جنسيات غير سورية», or an adjective on a
   person noun (جنود أتراك, Afghan fighters) — never an organisation's
   adjective (حزب الله اللبناني).
6. A title count repeating a body count is one claim; a vague count is
   dropped when the same sentence gives a number for the same kind and side.

Rules added for phrasings outside the dev corpus (each has a test):

7. Lists: a colon announced by words before it («توزعوا على النحو التالي:»,
   "as follows:") or a dash pair opens a breakdown; «ومن بين القتلى …»,
   "Among the dead were …", «ومن بينهم …», "N of them" at the start of a
   sentence go back to the latest whole of that kind before it; "two
   children were among the 11 killed" nests the earlier counts under the
   later one; several "N of them" items share one parent; a part is never
   larger than its whole, and a list item of another camp (the regime and
   its allies are one camp) is not nested.
8. Counts: «عنصرين اثنين وقيادي», «وآخر من …», «وثالث», «ومرافقه»,
   kin ("and her child", «وطفلها»), demonyms as nouns ("6 Iranians",
   «3 أفغان»), hundreds («مئة وعشرون»), dozens, bracketed figures; ages
   ("aged 20") and released or handed-over prisoners are not counts.
9. Kind: a count's own passive verb ("and 11 were wounded") wins; a verb
   after «and» opens the next clause; the look-ahead steps over a
   ", including …," aside; tanween-spelled nouns («جريحاً») keep their kind.
10. Side: a total of «أشخاص» / "people" whose list names fighters has no
   side; a lone fighter or companion takes the side of the fighters listed
   with him; unqualified soldiers and «جنود سوريون» are the army; a foreign
   state's officers under a regime total are that state's forces; a patron
   named with its proxies keeps the patron's side; families are civilians;
   "pro-Iranian" / "Turkish-backed" name a patron, not a nationality.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.actors import resolve_hits
from kg.link.actors import ActorVocabulary, Hit
from kg.model import CasualtyClaim, Part, Report, Span
from kg.text.dates import month_regex
from kg.text.normalise import fold_pattern, view_of
from kg.text.numbers import NUMBER_RE, number_value, qualifier_after, qualifier_before

__all__ = ["find_casualties"]

GOV = "syrian-government-forces"
LOYAL_MILITIAS = "pro-government-militias"
CIVILIANS = "civilians"


def _fold_set(words: str) -> frozenset[str]:
    return frozenset(fold_pattern(w) for w in words.split())


# ---------------------------------------------------------------------------
# Lexicon: person nouns → (class, grammatical number, civilian group)
# class: "fighter" | "civilian" | "person" (no side of its own) | "other"
# number: 1 singular, 2 dual, None plural

_NOUNS: dict[str, tuple[str, int | None, str | None]] = {}


def _bare_marks(word: str) -> str:
    """The word without Arabic short vowels and tanween, as the folded view writes it."""
    return re.sub("[\u064b-\u0652]", "", word)


def _nouns(cls: str, number: int | None, group: str | None, words: str) -> None:
    for w in words.split():
        _NOUNS[fold_pattern(w)] = (cls, number, group)
        _NOUNS.setdefault(_bare_marks(fold_pattern(w)), (cls, number, group))


_nouns("fighter", 1, None, "عنصر عنصراً عنصرا مقاتل مقاتلاً مقاتلا جندي جندياً جنديا ضابط ضابطاً ضابطا "
       "قيادي قيادياً قياديا عسكري عسكرياً عسكريا مسلح مسلحاً مسلحا مجند مجنداً")
_nouns("fighter", 2, None, "عنصران عنصرين مقاتلان جنديان جنديين ضابطان ضابطين قياديان "
       "عسكريان مسلحان")
_nouns("fighter", None, None, "عناصر مقاتلين مقاتلون مقاتلو مقاتلي جنود ضباط قياديون عسكريين "
       "عسكريون مسلحين مسلحون عناصرها عناصره عناصرهم مقاتليها مقاتليه مجندين")
_nouns("civilian", 1, None, "مدني مدنياً مدنيا مواطن مواطناً مواطنا شهيد شهيداً شهيدا شخص شخصاً شخصا "
       "شاب شاباً شابا رجل رجلاً رجلا")
_nouns("civilian", 2, None, "مدنيان مواطنان شهيدان شخصان شخصين شابان شابين رجلان رجلين")
_nouns("civilian", None, None, "أفراد مدنيين مدنيون مواطنين مواطنون شهداء أشخاص شبان رجال رعاة عمال مزارعين")
_nouns("civilian", 1, "children", "طفل طفلاً طفلا طفلة رضيع رضيعاً رضيعة")
_nouns("civilian", 2, "children", "طفلان طفلين طفلتان طفلتين رضيعان")
_nouns("civilian", None, "children", "أطفال رضع رضّع")
_nouns("civilian", 1, "women", "مواطنة سيدة امرأة")
_nouns("civilian", 2, "women", "مواطنتان مواطنتين سيدتان سيدتين امرأتان امرأتين")
_nouns("civilian", None, "women", "مواطنات سيدات نساء")
_nouns("fighter", 1, None, "قائد أمير انتحاري شرطي حارس مرتزق")
_nouns("fighter", None, None, "قادة أمراء انتحاريين مرتزقة حراس شرطيين عناصرهم قياديين مستشارين")
_nouns("fighter", 1, None, "مستشار adviser advisor expert")
_nouns("fighter", None, None, "advisers advisors experts")
_nouns("civilian", 1, None, "نازح طالب طبيب ممرض مسعف متطوع صحفي إعلامي مزارع عامل راعي مسن مسنة")
_nouns("civilian", None, None, "نازحين طلاب أطباء ممرضين مسعفين متطوعين صحفيين إعلاميين مسنين لاجئين "
       "مهجرين سكان مدنيي")
_nouns("civilian", 1, "children", "فتى")
_nouns("civilian", None, "children", "فتية قاصرين")
_nouns("civilian", 1, "women", "فتاة")
_nouns("civilian", 2, "women", "فتاتان فتاتين")
_nouns("civilian", None, "women", "فتيات")
_nouns("other", None, None, "آخرين آخرون آخران آخرَين أخريات آخر أخرى")
_nouns("civilian", 1, None, "معتقل detainee")
# relatives: "her two sons", «شقيقان», "two brothers"
_nouns("civilian", 1, None, "son brother شقيق شقيقه أخيه ابنه ابنها نجله")
_nouns("civilian", 2, None, "شقيقان شقيقين أخوين أخوان ابناه ابنيه")
_nouns("civilian", None, None, "sons brothers أشقاء إخوة اخوة أبناء")
_nouns("civilian", None, "women", "sisters")
_nouns("person", 1, None, "مرافقه رفيقه")  # «قيادي ومرافقه»: his companion, on his side
_nouns("person", 2, None, "مرافقاه")
_nouns("fighter", 1, None, "bodyguard جهادي")
_nouns("fighter", None, None, "جهاديين جهاديون")
_nouns("fighter", None, None, "bodyguards")
_nouns("civilian", 2, None, "معتقلان معتقلين")
_nouns("civilian", None, None, "detainees")
_nouns("person", 1, None, "قتيل جريح")
_nouns("person", 2, None, "قتيلان قتيلين جريحان جريحين")
_nouns("person", None, None, "قتلى قتيلاً قتيلا جرحى جريحاً جريحا مصابين أسرى مفقودين مفقودون ضحايا "
       "جثث جثث مختطفين معتقلين")
# English
_nouns("fighter", 1, None, "member fighter soldier officer militiaman militant commander jihadist "
       "gunman loyalist recruit combatant guard national")
_nouns("fighter", None, None, "members fighters soldiers troops officers militiamen militants "
       "commanders jihadists gunmen loyalists recruits combatants guards nationals elements personnel "
       "rebels insurgents mercenaries conscripts servicemen policemen operatives snipers bombers")
_nouns("fighter", 1, None, "rebel insurgent mercenary conscript serviceman policeman policewoman")
_nouns("civilian", 1, None, "civilian person man resident shepherd hunter farmer worker villager")
_nouns("civilian", None, None, "civilians people persons men residents shepherds hunters farmers "
       "workers villagers passengers students paramedics rescuers journalists doctors nurses volunteers "
       "displaced refugees elderly youths drivers miners teachers")
_nouns("civilian", 1, None, "student paramedic rescuer journalist doctor nurse volunteer refugee driver "
       "teacher youth fisherman citizen medic trader merchant")
_nouns("civilian", None, None, "fishermen citizens medics traders merchants hostages صيادين تجار")
_nouns("civilian", 1, "children", "teenager")
_nouns("civilian", None, "children", "teenagers minors")
_nouns("civilian", 1, "children", "child boy girl infant baby toddler")
_nouns("civilian", None, "children", "children boys girls infants babies toddlers")
_nouns("civilian", 1, "women", "woman")
_nouns("civilian", None, "women", "women")
# kin named beside the victims: "a woman and her child", «امرأة وطفلها», «رجل وزوجته»
_nouns("civilian", 1, "women", "mother wife sister grandmother زوجته والدته أمه")
_nouns("civilian", 1, None, "father husband brother grandfather زوجها والده")
_nouns("civilian", 1, "children", "طفلها طفله طفلتها طفلته طفلهما رضيعها رضيعه")
_nouns("civilian", 2, "children", "طفليها طفليه طفلاها طفلاه")
_nouns("other", None, None, "others other")
_nouns("person", None, None, "companions dead casualties victims")

# Person nouns that say nothing of who the victims were: civilians by default, but a list
# under them may hold fighters too («10 أشخاص، وهم 6 عناصر … و4 مدنيين»).
_GENERIC = _fold_set("شخص شخصاً شخصا شخصان شخصين أشخاص person people persons")

# Words for two that may follow a plural or dual noun: «مقاتلين اثنين».
_TWO = _fold_set("اثنان اثنين اثنتان اثنتين")

# ---------------------------------------------------------------------------
# Casualty words

_TRIGGERS: dict[str, str] = {}


def _triggers(kind: str, words: str) -> None:
    for w in words.split():
        _TRIGGERS[fold_pattern(w)] = kind
        _TRIGGERS.setdefault(_bare_marks(fold_pattern(w)), kind)  # «جريحاً» is read as «جريحا»


_triggers("killed", "مقتل قتل قتلوا قتلت يقتل تقتل قتلى القتلى قتيل قتيلاً قتيلا قتيلان قتيلين مصرع مصرعهم "
          "مصرعه مصرعها مصرعهما لقي لقوا لقيت استشهد استشهدت استشهدوا استشهاد شهيد شهيداً شهيدا "
          "شهداء الشهداء شهيدان قضى قضوا قضت فارق فارقوا فارقت حصيلة وفاة توفي توفوا مقتله مقتلهم "
          "مقتلها استشهاده استشهادهم مقتلهما استشهادهما "
          "ضحايا ضحية حتفهم حتفه نحبه نحبهم ارتقى ارتقت ارتقاء ارتقوا إعدام أعدم أعدمت أعدموا بإعدام تصفية جثث جثة جثتي جثامين اغتيل "
          "killed kill kills killing death deaths dead died die dies toll slain lost lose loses losing "
          "executed execution perished fatalities bodies assassinated drowned succumbed succumb succumbs")
# dual and feminine-plural verb forms: «لقيا حتفهما», «استشهدتا», «أصيبا»
_triggers("killed", "لقيا لقيتا قضيا قضتا قتلا قتلتا استشهدا استشهدتا فارقا توفيا توفيتا حتفهما حتفها "
          "مصرعهن حتفهن قتلن استشهدن")
_triggers("injured", "أصيبا أصيبتا أصبن جرحا")
_triggers("injured", "أصيب أصيبت أصيبوا يصاب إصابة إصابات إصابته إصابتهم جرحى الجرحى جريح جريحاً "
          "بجراح جراح جرح جرحت جروح بجروح مصابين المصابين جريحان جريحين إصابتهما "
          "injured injuring injures wounded wounding injury injuries wounds hurt")
_triggers("captured", "أسر أسرت أسروا تأسر أسرى الأسرى اختطاف اختطف اختطفت اختطفوا خطف خطفت "
          "اعتقال اعتقل اعتقلت اعتقلوا احتجاز احتجز مختطفين معتقلين "
          "captured capture captures capturing abducted abduct abduction kidnapped kidnap kidnapping "
          "arrested detained prisoner prisoners captive captives hostage hostages")
_triggers("missing", "مفقود مفقودين المفقودين مفقودون اختفاء missing unaccounted disappeared")
# Words that are casualty words only with a partner close behind them.
_PAIRED = {
    fold_pattern("فقدان"): ("missing", _fold_set("الاتصال")),
    fold_pattern("فقدت"): ("missing", _fold_set("الاتصال")),
    fold_pattern("فقد"): ("missing", _fold_set("الاتصال الأنقاض الانقاض")),
    fold_pattern("مصير"): ("missing", _fold_set("مجهولا مجهول مجهولاً مجهولين")),
    "fate": ("missing", _fold_set("unknown unclear")),
    fold_pattern("مجهولي"): ("missing", _fold_set("المصير")),
    fold_pattern("مجهول"): ("missing", _fold_set("المصير")),
}
# Back-references: «ما أدى لمقتله» reaches back over the whole sentence.
_BACKREF = _fold_set("مقتله مقتلهم مقتلها إصابته إصابتهم استشهاده استشهادهم مقتلهما إصابتهما استشهادهما")
_SUBJECT_VERBS = _fold_set("lost lose loses losing خسر خسرت")

_CONNECTORS = _fold_set("فيما بينما كما while whereas meanwhile but") | {"حين"}
_INCLUDE = _fold_set("بينهم بينهن منهم منهن ضمنهم ضمنهن including included include وهم هم")
_INCLUDE_EN = (("among", "them"), ("among", "whom"), ("of", "whom"), ("the", "dead"), ("the", "victims"),
               ("those", "killed"), ("the", "injured"), ("the", "wounded"))
# Actors counted with the regime: a list under a regime total may name any of them.
_REGIME_CAMP = (GOV, "pro-government-militias", "Q41053", "iranian-forces", "russian-forces", "wagner-group")
_PATRONAGE = frozenset("backed led supported funded affiliated allied aligned sponsored linked".split())
_SOLDIERS = _fold_set("soldier soldiers troops جندي جندياً جنديا جنديان جنديين جنود")
# A proxy named right after its patron («قوات النظام والمسلحين الموالين لها») is part of the patron's force.
_PATRON = {"pro-government-militias": GOV, "syrian-national-army": "turkish-armed-forces"}
_RELEASE = _fold_set("أفرج أفرجت الإفراج إفراج سراح تسليم سلم سلمت تبادل released freed release freeing "
                     "handed handing exchanged exchange swap swapped")
_ANOTHER = _fold_set("آخر اخر أخرى another")  # «وأصيب آخر», "another was wounded": one more victim
_NTH = _fold_set("ثالث ثالثة رابع رابعة")  # «عنصران … وثالث من الدفاع الوطني»: one more
_AMONG_WORDS = _fold_set("بين ضمن among")  # «ومن بين القتلى», "Among the dead were …"
_FAMILY = re.compile(r"(?<![\w])(?:family|families|household|" + fold_pattern("عائلة|عائلات|أسرة|أسر") + r")(?![\w])")
_THE_DEAD = frozenset(("dead", "killed", "victims", "wounded", "injured")) | _fold_set("القتلى الضحايا الجرحى المصابين الشهداء")
_AGED = _fold_set("aged age ages العمر عمره عمرها أعمارهم أعمارهن")
_AMONG = _fold_set("among بين")  # "two children were among the 11 killed": the total comes second
_ROOT_INCLUDE = _fold_set("القتلى الضحايا")  # «ومن ضمن القتلى»: back to the first claim
_AND = _fold_set("و and plus")
_ADDITION = _fold_set("إضافة بالإضافة اضافة addition")
_CUMULATIVE = _fold_set("ارتفع ارتفعت ارتفاع يرتفع ترتفع لترتفع ليرتفع وارتفع وصل وصلت يصل تصل لتصل "
                        "ليصل rose risen rises raising rising raises raised raise climbed reached bringing brings brought "
                        "increased jumped")
_COUNT_OF = _fold_set("عدد عددهم حصيلة number toll")
_OF = _fold_set("من of from")
_VAGUE = _fold_set("عشرات العشرات المزيد مئات المئات بضعة بضع dozens scores several hundreds few many")
_MIXED = (fold_pattern("الطرفين"), "both")
_JOINED = _fold_set("انضم انضموا انشق joined join")
_POSSESSIVE = _fold_set("عناصرها عناصره عناصرهم مقاتليها مقاتليه its their his")
_THEIR_NUMBER = _fold_set("عددهم عددها")
_STATE_FORCES = {"TR": "turkish-armed-forces", "IR": "iranian-forces", "RU": "russian-forces",
                 "US": "united-states-forces"}
_THOUSANDS = {fold_pattern("ألف"): 1000, fold_pattern("آلاف"): 1000, "thousand": 1000}
# Words after which a victim phrase stops.
_STOP = _fold_set(
    "في جراء خلال منذ إثر اثر بعد قرب على عند بسبب نتيجة بنيران برصاص بقصف وسط حتى أثناء لدى "
    "by in on since during after near at while when as were was are is have has had remain "
    "remains remained still who which that"
)
_STOP_FIRST_OK = _fold_set("في in")
_RANKS = _fold_set("صفوف ranks فصيل حركة تنظيم جماعة ميليشيا مليشيا لواء كتائب")  # «في صفوف قوات النظام», "in the ranks of"  # «قيادي في هيئة تحرير الشام»: membership right after the noun
_ENGLISH_ARTICLE = _fold_set("a an one")
_POSSESSIVE_EN = frozenset(("her", "his", "their"))  # "… and her child": one more victim
_MONTH_RE = re.compile(rf"^ (?:{month_regex()})(?![\w])")
_CONNECTORS_D = dict.fromkeys(_CONNECTORS, 1)
_CUMULATIVE_D = dict.fromkeys(_CUMULATIVE, 1)
_INCLUDE_D = dict.fromkeys(_INCLUDE, 1)
_SUBJECT_VERBS_D = dict.fromkeys(_SUBJECT_VERBS, 1)
_ABOUT = _fold_set("عن وجود سقوط وقوع")  # «تبحث عن مفقودين», «وجود جرحى», «سقوط قتلى»
_AGE = _fold_set("عاما عاماً عام سنة سنوات year years yr")
_PEOPLE_WORDS = _fold_set("الذين those the people")
_NEGATION = _fold_set("دون بدون لا لم لن ليس عدم without no not nor")
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_SENTENCE_RE = re.compile(r"[^.!?؟\n]+(?:[.!?؟]+|\n|$)")
_BARE_NEXT = _fold_set(", ، . : ; من of في in بينهم including among عدد the منذ since خلال during جراء "
                       "وهم على") | {""}


@lru_cache(maxsize=65_536)  # called for every word of every sentence, on a small vocabulary
def _strip_clitic(word: str) -> str:
    """The word without a leading و/ف/ب/ل/ك (one or two of them), when what remains is a word."""
    for n in (2, 1):
        head, rest = word[:n], word[n:]
        if len(rest) >= 2 and all(c in "وفبلك" for c in head):
            return rest
    return word


_MEMO: dict[tuple[int, str], object] = {}


def _lookup(table: dict, word: str):
    """table[word], trying the word without its clitics and article; memoised per table."""
    key = (id(table), word)
    try:
        return _MEMO[key]
    except KeyError:
        pass
    value = _lookup_uncached(table, word)
    if len(_MEMO) < 200_000:
        _MEMO[key] = value
    return value


def _lookup_uncached(table: dict, word: str):
    if word in table:
        return table[word]
    bare = _strip_clitic(word)
    if bare != word and bare in table:
        return table[bare]
    # «للتنظيم»-style fusions do not matter here; «لمقتله» does.
    if word.startswith("ل") and word[1:] in table:
        return table[word[1:]]
    # the article, after any clitic: «المواطنين», «والمدنيين», «للمدنيين»
    for head in ("ال", "وال", "بال", "فال", "كال", "لل", "ولل"):
        if word.startswith(head) and len(word) > len(head) + 2:
            rest = word[len(head):]
            if rest in table:
                return table[rest]
    return None


@dataclass
class _Tok:
    text: str
    start: int
    end: int


@dataclass
class _Claim:
    start: int          # view offsets of the claim's words
    end: int
    count: int | None
    qualifier: str
    tok: int            # token index of the count
    tok_end: int        # token index after the count's noun
    noun: tuple[str, int | None, str | None] | None
    bare: bool = False
    others: bool = False
    kind: str | None = None
    kinds: tuple[str, ...] = ()
    side: str | None = None
    side_known: bool = False
    nationality: str | None = None
    group: str | None = None
    parent: _Claim | None = None
    cumulative: bool = False
    segment: int = 0
    sentence: tuple[int, int] = (0, 0)
    part: Part = "text"
    index: int = -1
    children: list[_Claim] = field(default_factory=list)
    dropped: bool = False
    glued: bool = False  # «و١٢», «وضابط», «وحوالي 30»: joined to the count before it
    sibling: _Claim | None = None  # the count this one is listed after («و», "and")
    mixed: bool = False  # its own phrase names both sides («من الطرفين») or unrelated groups
    post_include: bool = False  # «5 منهم أطفال», "five of them children": a subset of the claim before

    def chain(self) -> list[_Claim]:
        out: list[_Claim] = []
        p = self.parent
        while p is not None:
            out.append(p)
            p = p.parent
        return out


class _Reader:
    """Reads the claims of one part (title or body) of a report."""

    def __init__(self, report: Report, part: Part, vocabulary: ActorVocabulary,
                 hits: list[Hit]) -> None:
        self.report = report
        self.part = part
        self.vocabulary = vocabulary
        self.view = view_of(report.part(part))
        self.text = self.view.text
        origin = self.view.origin
        # Actor and nationality mentions in view offsets.
        self.actors = [(bisect.bisect_left(origin, h.start), bisect.bisect_left(origin, h.end - 1) + 1, h.key)
                       for h in hits]
        self.nats = [(bisect.bisect_left(origin, h.start), bisect.bisect_left(origin, h.end - 1) + 1, h.key,
                      h.surface) for h in vocabulary.nationalities(self.view)]
        self.claims: list[_Claim] = []
        self.segment = 0

    # -- helpers ---------------------------------------------------------------

    def actor_in(self, start: int, end: int) -> str | None:
        for s, e, key in self.actors:
            if s >= start and e <= end:
                return key
        return None

    def actor_before(self, pos: int, floor: int) -> str | None:
        best = None
        best_end = -10
        for s, e, key in self.actors:
            if floor <= s and e <= pos:
                if _PATRON.get(key) == best and s - best_end <= 2:
                    continue  # "regime forces and allied militias lost …": the combined force is the regime's
                best, best_end = key, e
        return best

    # -- main loop -------------------------------------------------------------

    def read(self) -> list[_Claim]:
        for m in _SENTENCE_RE.finditer(self.text):
            self.read_sentence(m.start(), m.end())
            self.segment += 1
        for c in self.claims:
            # «ضابط برتبة عقيد و3 عناصر من قوات النظام»: a lone fighter listed before his unit's men
            first = c.sibling
            if (first is not None and first.side is None and self.fighter(first) and not first.mixed
                    and c.side not in (None, CIVILIANS) and self.fighter(c) and first.parent is c.parent
                    and c.nationality is None and self.actor_after_noun(c)):
                first.side = c.side
        for c in self.claims:
            # "20 people, including … 5 rebels": a total that mixes fighters with civilians has no side
            if c.side == CIVILIANS and self.is_generic(c) and any(
                    x.parent is c and (x.side not in (CIVILIANS, None) or x.mixed
                                       or (self.fighter(x) and x.side is None)) for x in self.claims):
                c.side = None
        return self.claims

    def read_sentence(self, s0: int, s1: int) -> None:
        toks = [_Tok(m.group(), s0 + m.start(), s0 + m.end()) for m in _TOKEN_RE.finditer(self.text[s0:s1])]
        if not toks:
            return
        words = [t.text for t in toks]
        self._sentence_start = s0
        trig = self.find_triggers(words)
        cands = self.find_counts(toks, words, trig)
        previous: _Claim | None = None
        for c in cands:
            c.sentence = (s0, s1)
            c.part = self.part
            gap_from = previous.tok_end if previous else 0
            gap = list(range(gap_from, self.count_start_tok(c, toks)))
            gap_words = [words[i] for i in gap]
            reset = any(i in trig for i in gap) or any(
                _lookup(_CONNECTORS_D, words[i]) for i in gap) or any(
                _lookup(_CUMULATIVE_D, words[i]) for i in gap)
            if any(_lookup(_CONNECTORS_D, words[i]) for i in gap):
                self.segment += 1
            c.segment = self.segment
            tail = [w for w in gap_words if w not in (",", ":", ";", "(", ")", "ال")]  # «بينهم الـ 12»
            opener = self.list_opener(toks, c)
            c._phrase_end = self.phrase_end(c, toks, words, trig)  # type: ignore[attr-defined]
            include = self.include_marker(tail)
            coord = self.coordination(tail, c)
            if not coord and not tail and "," in gap_words and previous is not None:
                coord = "and"  # "3 children, 2 women and 3 men": a comma continues the list
            if previous is not None and not include and (c.post_include or (opener and not tail)):
                include = "include"
            if (previous is not None and not include and gap_words and gap_words[-1] == ":" and not reset
                    and previous.parent is None):
                include = "include"  # «15 عنصراً، توزعوا على النحو التالي: 4 ضباط», "…, as follows: …"
            if previous is None and c.count is not None:
                whole = self.named_whole(gap_words)
                if whole is None and c.post_include and self.claims:
                    # "… were killed. Five of them were children.": «منهم» / "of them" points back
                    roots = [x for x in self.claims if x.parent is None and x.sentence[0] < s0]
                    whole = roots[-1] if roots else None
                if whole is not None and (whole.count is None or whole.count > c.count):
                    c.parent = whole  # "… 12 civilians were killed. Among the dead were 4 children."
            if previous is not None and include:
                if c.post_include and previous.post_include and previous.parent is not None:
                    c.parent = previous.parent  # "16 civilians, 7 of them children and 3 of them women"
                elif include == "root":
                    root = previous.chain()[-1] if previous.parent else previous
                    c.parent = root
                else:
                    c.parent = previous
            elif previous is not None and coord and not reset:
                if coord == "addition":
                    chain = previous.chain()
                    c.parent = chain[1] if len(chain) > 1 else None
                else:
                    c.parent = self.fitting_parent(previous, c)
                c.kinds = previous.kinds
                c.sibling = previous
            if previous is not None and c.sibling is None and coord and c.bare:
                c.sibling = previous  # "30 … were killed and 15 captured": the same men
            if (previous is not None and c.sibling is None and c.bare and 0 < len(tail) <= 3
                    and all(w in _AND or i in trig for w, i in zip(gap_words, gap) if w not in (",", "،"))
                    and any(i in trig for i in gap)):
                c.sibling = previous  # "killed 8 people and injured 20": the same group of victims
            if c.parent is not None:
                c.kinds = c.parent.kinds
            else:
                # "a wounded fighter succumbed": an adjective before the noun is not what happened
                own = [trig[k] for k in range(c.tok, c.tok_end) if k in trig
                       and not (words[k].isascii() and k < c.tok_end - 1 and self.verb_after(c, words, trig))]
                if own:
                    c.kinds = (own[0],)  # «قتيلين و3 جرحى»: the counted noun says what happened
            if (c.tok_end < len(words) and c.tok_end in trig and c.parent is None
                    and not words[c.tok_end].startswith("و") and words[c.tok_end] != "and"):
                c.kinds = (trig[c.tok_end],)  # "and 15 captured", «و3 أسرى»
            own_verb = self.own_verb(c, words, trig)
            if own_verb and c.parent is None:
                c.kinds = (own_verb,)  # "… were killed and 11 (others) were wounded": its own verb
            if not c.kinds:
                c.kinds = self.kind_for(c, toks, words, trig)
            if not c.kinds:
                continue
            if "captured" in c.kinds and any(_strip_clitic(words[k]) in _RELEASE or words[k] in _RELEASE
                                             for k in range(max(0, c.tok - 4), c.tok)):
                continue  # «أفرج عن 5 معتقلين», "released 5 detainees": freed, not taken
            if c.bare and not self.bare_ok(c, toks, words, gap_words, trig, include or coord):
                continue
            c.cumulative = c.cumulative or any(_lookup(_CUMULATIVE_D, w) for w in tail[-4:])
            self.set_side(c, toks, words, trig)
            if previous is not None and self.inverted(tail, previous, c):
                # "two children were among the 11 killed": the earlier counts are part of this one
                member: _Claim | None = previous
                while member is not None and member.parent is None:
                    member.parent = c
                    member = member.sibling
                if c.side is None and previous.side == CIVILIANS:
                    c.side = CIVILIANS
            for kind in c.kinds:
                claim = c if kind == c.kinds[0] else _clone(c, kind)
                claim.kind = kind
                self.claims.append(claim)
            previous = c

    @staticmethod
    def verb_after(c: _Claim, words: list[str], trig: dict[int, str]) -> bool:
        k = c.tok_end
        while k < len(words) and words[k] in ("was", "were", "has", "have", "had", "been", "later"):
            k += 1
        return k in trig

    @staticmethod
    def own_verb(c: _Claim, words: list[str], trig: dict[int, str]) -> str | None:
        """A passive verb right after the count: "11 were wounded", "3 others were abducted"."""
        k = c.tok_end
        n = len(words)
        if k < n and words[k] in ("were", "was"):
            k += 1
            if k < n and words[k] in ("also", "reportedly", "later"):
                k += 1
            if k < n and words[k] == "been":
                k += 1
            return trig.get(k)
        return None

    def camp(self, actor: str) -> str:
        """The side an actor fights on: the regime and its allies are one camp, others their own root."""
        for ally in _REGIME_CAMP:
            if self.vocabulary.is_within(actor, ally):
                return GOV
        root = actor
        while root in self.vocabulary and self.vocabulary.actors[root].parent:
            root = self.vocabulary.actors[root].parent
        return root

    @staticmethod
    def inverted(tail: list[str], previous: _Claim, c: _Claim) -> bool:
        """«… كان بين 11 قتيلاً», "… were among (the) 11 killed": c is the whole, previous a part."""
        words = [w for w in tail[-3:] if w not in ("the", "ال")]
        return (bool(words) and (words[-1] in _AMONG or _strip_clitic(words[-1]) in _AMONG) and c.parent is None
                and previous.parent is None and c.count is not None and previous.count is not None
                and previous.count < c.count)

    def is_generic(self, c: _Claim) -> bool:
        """The count's noun is a bare «أشخاص» / "people"."""
        if c.noun is None or c.noun[2] is not None:
            return False
        words = _TOKEN_RE.findall(self.text[c.start:c.end])
        return bool(words) and (words[-1] in _GENERIC or _strip_clitic(words[-1]) in _GENERIC)

    def named_whole(self, gap_words: list[str]) -> _Claim | None:
        """The claim a sentence opening with «ومن بين القتلى» / "Among the dead were" refers back to:
        the latest top-level claim of that kind in an earlier sentence."""
        words = [w for w in gap_words if w.isalpha()]
        while words and words[-1] in ("were", "was", "are", "is"):
            words = words[:-1]  # "Among them were …"
        kind = None
        for a, b in zip(words, words[1:]):
            if _strip_clitic(a) in _AMONG_WORDS or a in _AMONG_WORDS or (a[:1] == "و" and a[1:] in _AMONG_WORDS):
                bare = b[2:] if b.startswith("ال") else b
                kind = _lookup(_TRIGGERS, b) or _lookup(_TRIGGERS, bare)
                if kind is None and b == "the":
                    continue
                if kind:
                    break
            if a in ("the", "those") and b in ("dead", "killed", "victims", "wounded", "injured"):
                if any(w in ("among", "include", "included", "includes") for w in words):
                    kind = _lookup(_TRIGGERS, b) or "killed"
                    break
        if kind is None and words and (_lookup(_INCLUDE_D, words[-1]) and (
                words[-1] not in _fold_set("وهم هم") or len(words) == 1)
                or words[-2:] == ["among", "them"]) and len(words) <= 3:
            # «ومن بينهم 5 أطفال.» opening a sentence: the last claim before it
            roots = [x for x in self.claims if x.parent is None and x.sentence[0] < self._sentence_start]
            return roots[-1] if roots else None
        if kind is None:
            return None
        roots = [x for x in self.claims if x.parent is None and x.kind == kind and x.sentence[0] < self._sentence_start]
        return roots[-1] if roots else None

    def list_opener(self, toks: list[_Tok], c: _Claim) -> bool:
        """A breakdown right after a count: «8 مدنيين: 3 أطفال…», '5 civilians (3 children…'."""
        before = self.text[max(0, c.start - 3):c.start].rstrip()
        if before.endswith((":", "(")):
            return True
        # a dash opens one too ("7 civilians – 3 children and 2 women –"); the folded view drops it
        source = self.report.part(self.part)
        at = self.view.origin[c.start] if c.start < len(self.view.origin) else len(source)
        return source[max(0, at - 3):at].rstrip().endswith(("–", "—", " -"))

    def count_start_tok(self, c: _Claim, toks: list[_Tok]) -> int:
        starts = [t.start for t in toks]
        return max(0, bisect.bisect_right(starts, c.start) - 1)

    # -- triggers ----------------------------------------------------------------

    def find_triggers(self, words: list[str]) -> dict[int, str]:
        found: dict[int, str] = {}
        self._trig = found
        for i, w in enumerate(words):
            kind = _lookup(_TRIGGERS, w)
            if kind:
                # «ومن ضمن القتلى» names the list, not a new casualty.
                if i >= 1 and _strip_clitic(words[i - 1]) == "ضمن":
                    continue
                found[i] = kind
                continue
            paired = _lookup(_PAIRED, w)
            if paired:
                kind, partners = paired
                if any(words[j] in partners for j in range(i + 1, min(len(words), i + 13))):
                    found[i] = kind
        return found

    # -- counts ----------------------------------------------------------------

    def find_counts(self, toks: list[_Tok], words: list[str], trig: dict[int, str]) -> list[_Claim]:
        text = self.text
        starts = [t.start for t in toks]
        out: list[_Claim] = []
        used: set[int] = set()
        s0 = toks[0].start
        s1 = toks[-1].end
        for m in NUMBER_RE.finditer(text, s0, s1):
            value = number_value(m.group())
            if value is None:
                continue
            ti = bisect.bisect_right(starts, m.start()) - 1
            tj = bisect.bisect_right(starts, m.end() - 1)
            prev = words[ti - 1] if ti >= 1 else ""
            person_next = tj < len(words) and _lookup(_NOUNS, words[tj]) is not None
            if (prev in ("ال", "the") and words[ti][:1].isdigit() and not (ti >= 2 and words[ti - 2] in _AMONG)
                    and not (prev == "ال" and person_next)):  # «قرابة الـ 30 عنصراً» is a count
                continue  # «الـ 24 ساعة», «the 24 hours»: an ordinal or a span of time (not "among the 11")
            if _MONTH_RE.match(text, m.end()) or (1900 <= value <= 2100 and words[ti][:1].isdigit()):
                continue  # a date or a year
            if words[ti] in _TWO and ti >= 1 and _lookup(_NOUNS, words[ti - 1]):
                continue  # «عنصرين اثنين»: the dual noun is the count
            if tj < len(words) and words[tj] in _AGE:
                continue  # «(25 عاماً)», "a 10-year-old boy": an age
            if any(w in _AGED for w in words[max(0, ti - 4):ti]):
                continue  # "aged between 20 and 35", «تبلغ من العمر 5»: ages, not counts
            c = self.count_at(toks, words, ti, tj, value, m.start())
            if c is not None:
                out.append(c)
                used.update(range(ti, c.tok_end))
        out += self.singular_counts(toks, words, used, trig)
        out += self.vague_counts(toks, words, trig, used)
        out.sort(key=lambda c: c.tok)
        return out

    def count_at(self, toks, words, ti, tj, value, vstart) -> _Claim | None:
        n = len(words)
        j = tj
        end = toks[tj - 1].end
        qa = qualifier_after(self.text, end)
        if qa is not None:
            while j < n and toks[j].end <= qa:
                j += 1
            end = qa
        if j < n and words[j] in _THOUSANDS:
            value *= _THOUSANDS[words[j]]
            end = toks[j].end
            j += 1
            thousands = True
        else:
            thousands = False
        noun = None
        others = False
        post_include = False
        of_the_dead = False
        if j < n and words[j] == ")" and ti >= 1 and words[ti - 1] == "(":
            j += 1  # «قتل (5) عناصر»: a bracketed figure
        if j < n and words[j] in _fold_set("منهم منهن"):
            post_include, j = True, j + 1
        elif j + 1 < n and words[j] == "of" and words[j + 1] in ("them", "whom"):
            post_include, j = True, j + 2
            while j < n and words[j] in ("were", "was", "are", "is"):
                j += 1
        elif j + 2 < n and words[j] == "of" and words[j + 1] in ("the", "those") and words[j + 2] in _THE_DEAD:
            post_include, of_the_dead, j = True, True, j + 3  # "Fourteen of the dead were civilians"
            while j < n and words[j] in ("were", "was", "are", "is"):
                j += 1
        elif j + 1 < n and words[j] == "من" and words[j + 1] in _THE_DEAD:
            post_include, of_the_dead, j = True, True, j + 2  # «14 من القتلى مدنيون»
        if post_include:
            end = toks[j - 1].end
        # English puts up to two words (actor, nationality, adjective) before the noun.
        english = self.is_english(words[ti:j + 3])
        lookahead = 5 if english else 1
        if english:
            # "3 National Army fighters", "2 Russian military police officers": the head noun is last
            last = None
            for k in range(j, min(n, j + lookahead)):
                if self.inside_actor(toks[k]) and not _lookup(_NOUNS, words[k]):
                    continue  # "9 IS militants": «is» here is a name
                if (words[k] in _OF or words[k] in _STOP or not words[k].isalpha() or k in self._trig
                        or words[k] in _AND or words[k] in _ENGLISH_ARTICLE):
                    break
                if _lookup(_NOUNS, words[k]):
                    last = k
            if last is not None:
                lookahead = last - j + 1
                j_first = last
            else:
                j_first = j
        else:
            j_first = j
        for k in range(j_first, min(n, j + lookahead)):
            entry = _lookup(_NOUNS, words[k])
            if entry:
                if entry[0] == "other":
                    others = True
                    # «4 آخرين», "5 others": a person noun may follow ("other civilians").
                    nxt = _lookup(_NOUNS, words[k + 1]) if k + 1 < n else None
                    if nxt and nxt[0] != "other":
                        entry, k = nxt, k + 1
                noun = entry
                end = toks[k].end
                j = k + 1
                break
            if words[k] in _OF or words[k] in _STOP or not words[k].isalpha():
                break
        if noun is None and j < n:
            # "6 Iranians and 2 Afghans", «3 أفغان», "12 of them non-Syrians": a people noun
            # naming only a nationality; the side comes from the list it sits in.
            nat_end = self.nat_starting(toks[j])
            if nat_end is not None:
                noun = ("person", None, None)
                while j < n and toks[j].end <= nat_end:
                    end = toks[j].end
                    j += 1
        if noun is not None:
            # «أتراك آخرون», «مقاتلين اثنين», «42 مدنياً على الأقل»
            while j < n and (words[j] in _TWO or _lookup(_NOUNS, words[j]) == ("other", None, None)
                             or self.nat_at(toks[j])):
                if _lookup(_NOUNS, words[j]) == ("other", None, None):
                    others = True
                end = toks[j].end
                j += 1
            qa = qualifier_after(self.text, end)
            if qa is not None:
                while j < n and toks[j].start < qa:
                    j += 1
                end = qa
        if thousands and noun is None:
            return None
        if of_the_dead and noun is None:
            return None  # "3 of the wounded are in critical condition": a state, not a group of victims
        q = qualifier_before(self.text, vstart)
        qualifier, start = (q[0], q[1]) if q else ("exact", vstart)
        if not q and self.has_after_qualifier(toks, tj, j):
            qualifier = "at_least"
        c = _Claim(start=start, end=end, count=value, qualifier=qualifier, tok=ti, tok_end=j, noun=noun,
                   bare=noun is None, others=others)
        c.post_include = post_include
        if ti >= 1 and words[ti - 1] in ("another", "further") or (ti >= 2 and words[ti - 2] == "another"):
            c.others = True  # "another 20 were wounded"
        starts = [t.start for t in toks]
        first = toks[max(0, bisect.bisect_right(starts, start) - 1)]
        c.glued = first.text.startswith("و") and (first.start < start or q is not None) and (
            first.text[1:2].isdigit() or q is not None or number_value(first.text[1:]) is not None)
        if thousands:
            c.bare = True  # thousands of people are victims only beside a casualty word
        return c

    def has_after_qualifier(self, toks, ti, tj) -> bool:
        for k in range(ti, min(tj, len(toks))):
            if qualifier_after(self.text, toks[k - 1].end if k else toks[k].start) is not None:
                return True
        return False

    def nat_starting(self, tok: _Tok) -> int | None:
        """End of a nationality noun that starts at this token (not «من الجنسية …», a phrase)."""
        for s, e, _, surface in self.nats:
            if s == tok.start and not surface.startswith(("من ", "of ")):
                return e
        return None

    def nat_at(self, tok: _Tok) -> bool:
        return any(s <= tok.start and tok.end <= e for s, e, _, _ in self.nats)

    @staticmethod
    def is_english(words: list[str]) -> bool:
        return any(w.isascii() and w.isalpha() for w in words)

    def singular_counts(self, toks, words, used, trig) -> list[_Claim]:
        out = []
        n = len(words)
        for i, w in enumerate(words):
            if i in used:
                continue
            entry = _lookup(_NOUNS, w)
            english = w.isascii()
            bare_w = _strip_clitic(w) if w not in _ANOTHER else w
            glued_other = (w.startswith("و") and bare_w in _ANOTHER | _NTH
                           and (i + 1 >= n or words[i + 1] in _OF or not words[i + 1].isalpha()
                                or words[i + 1] in _STOP_FIRST_OK))
            if (bare_w in _ANOTHER or glued_other) and (glued_other or self.verb_before(toks, i, trig) or (
                    i + 2 < n and words[i + 1] in ("was", "is") and (i + 2) in trig)) and not (
                    i + 1 < n and _lookup(_NOUNS, words[i + 1])):
                c = _Claim(start=toks[i].start, end=toks[i].end, count=1, qualifier="exact", tok=i,
                           tok_end=i + 1, noun=("other", 1, None), others=True)
                out.append(c)
                used.add(i)
                continue
            if english:
                # "a child", "an Iranian officer", "a former rebel commander"
                if w not in _ENGLISH_ARTICLE and not (w in _POSSESSIVE_EN and i and words[i - 1] == "and"):
                    continue
                for k in range(i + 1, min(n, i + 6)):
                    e2 = _lookup(_NOUNS, words[k])
                    if e2 is None and self.inside_actor(toks[k]):
                        continue  # "an IS commander"
                    if e2 and e2[1] == 1 and e2[0] in ("fighter", "civilian"):
                        c = _Claim(start=toks[i].start, end=toks[k].end, count=1, qualifier="exact",
                                   tok=i, tok_end=k + 1, noun=e2)
                        out.append(c)
                        used.update(range(i, k + 1))
                        break
                    if words[k] in _STOP or words[k] in _OF or not words[k].isalnum():
                        break
                continue
            if entry and entry[1] is None and i + 1 < n and words[i + 1] in _TWO:
                entry = (entry[0], 2, entry[2])  # «مقاتلين اثنين»
            if not entry or entry[1] is None or entry[0] not in ("fighter", "civilian", "person"):
                continue
            prev = words[i - 1] if i else ""
            glued = w.startswith("و") and w not in _NOUNS
            if (NUMBER_RE.fullmatch(prev) or prev in _VAGUE) and not glued:
                continue  # «3 قياديين»: the number counts it; but «عنصرين اثنين وقيادي» lists a new one
            if re.match(r"(?:و|ب|ف|ك)?(?:ال|لل)", w) and entry[1] == 1 and not self.verb_before(toks, i, trig):
                continue  # «المشفى العسكري»: an adjective; but «مقتل الشاب فلان» names a victim

            end = toks[i].end
            j = i + 1
            count = entry[1]
            while j < n and (words[j] in _TWO or self.nat_at(toks[j])
                             or _lookup(_NOUNS, words[j]) == ("other", None, None)
                             or ((_lookup(_NOUNS, words[j]) or ("", 0))[1] == 1
                                 and not words[j].startswith("و") and not words[j].isascii())):
                end = toks[j].end
                j += 1
            others = any(_lookup(_NOUNS, words[k]) == ("other", None, None) for k in range(i + 1, j))
            c = _Claim(start=toks[i].start, end=end, count=count, qualifier="exact", tok=i, tok_end=j,
                       noun=entry, others=others)
            c.glued = w.startswith("و") and w not in _NOUNS
            out.append(c)
            used.update(range(i, j))
        return out

    def vague_counts(self, toks, words, trig, used) -> list[_Claim]:
        out = []
        n = len(words)
        for i, w in enumerate(words):
            if i in used:
                continue
            bare = _strip_clitic(w) if w not in _VAGUE else w
            vague = w in _VAGUE or bare in _VAGUE or (w in ("عدد", "عددا") and i + 1 < n
                                                        and (words[i + 1] in _OF or words[i + 1] == "منهم")
                                                        and not (i and words[i - 1] in _CUMULATIVE))
            if w == "a" and i + 2 < n and words[i + 1] == "number" and words[i + 2] == "of":
                vague = True
            if vague:
                # what is counted: a person noun, «من/of» + group, or a casualty noun
                k = i + 1
                if k < n and words[k] == "number":
                    k += 2
                if k < n and words[k] in _OF:
                    k += 1
                    if k < n and words[k] in ("its", "his", "their", "the"):
                        k += 1
                elif k < n and words[k] == fold_pattern("منهم"):
                    k += 1  # «عدداً منهم»: some of the victims just named
                    c = _Claim(start=toks[i].start, end=toks[k - 1].end, count=None, qualifier="unknown",
                               tok=i, tok_end=k, noun=("other", None, None), others=True)
                    out.append(c)
                    used.update(range(i, k))
                    continue
                standalone = (k < n and words[k] in ("were", "was") and k + 1 < n and (k + 1) in trig) or (
                    i >= 1 and (i - 1) in trig and (k >= n or not words[k].isalpha() or words[k][:1] == "ب"
                                                    or words[k] in _STOP))
                if standalone and w not in ("several", "few", "many"):
                    # "Dozens were wounded", «أصيب العشرات بحالات اختناق»: the amount stands for the victims
                    c = _Claim(start=toks[i].start, end=toks[i].end, count=None, qualifier="unknown", tok=i,
                               tok_end=i + 1, noun=None)
                    c.kinds = (trig[k + 1],) if k < n and words[k] in ("were", "was") else (trig[i - 1],)
                    out.append(c)
                    used.add(i)
                    continue
                if k >= n:
                    continue
                entry = _lookup(_NOUNS, words[k])
                is_group = entry is not None or self.actor_starts(toks[k]) or words[k] in _MIXED
                kind_noun = _lookup(_TRIGGERS, words[k])
                if not is_group and not kind_noun:
                    continue
                if w in ("عدد", "عددا") and entry is None and words[k - 1] != fold_pattern("منهم"):
                    continue
                c = _Claim(start=toks[i].start, end=toks[k].end, count=None, qualifier="unknown", tok=i,
                           tok_end=k + 1, noun=entry)
                if kind_noun:
                    c.kinds = (kind_noun,)
                out.append(c)
                used.update(range(i, k + 1))
                continue
            prev = words[i - 1] if i else ""
            entry = _lookup(_NOUNS, w)
            # A bare plural right after a casualty word or inside a list: «أسر عناصر من …», «بينهم ضباط».
            after_vague = bool(out) and out[-1].count is None and out[-1].noun is not None and (
                (w.startswith("و") and out[-1].tok_end == i) or (prev == "and" and out[-1].tok_end == i - 1))
            if entry and entry[1] is None and entry[0] in ("fighter", "civilian", "other") and (
                    (self.verb_before(toks, i, trig) and not _lookup(_NOUNS, prev)) or _lookup(_INCLUDE_D, prev)
                    or after_vague  # «بينهم أطفال ونساء», "including women and children"
                    or (w.startswith("و") and i + 2 < n and words[i + 1] in _OF
                        and self.actor_starts(toks[i + 2]))):
                if w.isascii() and not (_lookup(_INCLUDE_D, prev) or after_vague):
                    continue
                c = _Claim(start=toks[i].start, end=toks[i].end, count=None, qualifier="unknown", tok=i,
                           tok_end=i + 1, noun=entry, others=entry[0] == "other")
                c.glued = w.startswith("و") and w not in _NOUNS
                out.append(c)
                used.add(i)
                continue
            # «استهدفت سيارة تقل قياديين في قسد، ما أدى لمقتلهما»: the pronoun counts them.
            if (entry and entry[1] is None and entry[0] in ("fighter", "civilian") and not w.isascii()
                    and not self.actor_starts(toks[i])):
                ref = next((k for k in range(i + 1, n) if k in trig and _strip_clitic(words[k]) in _BACKREF), None)
                if ref is not None and _strip_clitic(words[ref]).endswith(("هما", "هم")):
                    dual = _strip_clitic(words[ref]).endswith("هما")
                    c = _Claim(start=toks[i].start, end=toks[i].end, count=2 if dual else None,
                               qualifier="exact" if dual else "unknown", tok=i, tok_end=i + 1, noun=entry)
                    c.kinds = (trig[ref],)
                    out.append(c)
                    used.add(i)
                    continue
            # «تبحث عن مفقودين», «وجود جرحى»: a casualty noun standing for unnamed victims.
            kind = _lookup(_TRIGGERS, w)
            after_standalone = bool(out) and out[-1].tok_end == i and out[-1].count is None and w.startswith("و")
            if (kind and (prev in _ABOUT or after_standalone) and i not in used
                    and (_lookup(_NOUNS, w) or _strip_clitic(w) in _fold_set("إصابات اصابات"))
                    and not any(x in _NEGATION for x in words[max(0, i - 4):i])):
                c = _Claim(start=toks[i].start, end=toks[i].end, count=None, qualifier="unknown", tok=i,
                           tok_end=i + 1, noun=("other", None, None), others=True)
                c.kinds = (kind,)
                out.append(c)
                used.add(i)
        return out

    def verb_before(self, toks: list[_Tok], i: int, trig: dict[int, str]) -> bool:
        """A casualty word just before token i, perhaps with its subject between («أسر التنظيم عناصر»)."""
        if any(s <= toks[i].start and toks[i].end <= e for s, e, _ in self.actors):
            return False  # «والمسلحين» inside «قوات النظام والمسلحين الموالين لها» is part of a name
        k = i - 1
        while k >= 0 and any(s <= toks[k].start and toks[k].end <= e for s, e, _ in self.actors):
            k -= 1
        return k in trig and (i - 1 - k) <= 6

    def actor_after_noun(self, c: _Claim) -> bool:
        """The claim's actor is named after its noun («3 عناصر من قوات النظام»), so it may cover a list."""
        start, end = self.text_range(c)
        return any(s >= c.end and e <= end for s, e, _ in self.actors)

    def inside_actor(self, tok: _Tok) -> bool:
        return any(s <= tok.start and tok.end <= e for s, e, _ in self.actors)

    def actor_starts(self, tok: _Tok) -> bool:
        return any(s <= tok.start < e for s, e, _ in self.actors)

    # -- list structure ----------------------------------------------------------

    @staticmethod
    def include_marker(tail: list[str]) -> str | None:
        if not tail:
            return None
        last = tail[-1]
        if len(tail) >= 2 and _strip_clitic(tail[-2]) == "ضمن" and last in _ROOT_INCLUDE:
            return "root"
        if _lookup(_INCLUDE_D, last):
            return "include"
        if len(tail) >= 2 and (tail[-2], last) in _INCLUDE_EN:
            if tail[-2] in ("the", "those") and (len(tail) < 3 or tail[-3] != "among"):
                return None
            return "include"
        return None

    @staticmethod
    def coordination(tail: list[str], c: _Claim) -> str | None:
        tail = [w for w in tail if w not in ("her", "his", "their")]  # "a woman and her two children"
        if any(w in _ADDITION for w in tail[-3:]):
            return "addition"
        if tail and (tail[-1] in _AND or tail[-1] in ("in", "to") and "addition" in tail):
            return "and"
        if tail and (tail[-1] in ("as", "well") and "well" in tail):
            return "and"
        # «و١٢», «وضابط», «وحوالي 30»: the و is glued to the count or its qualifier.
        return "glued" if c.glued else None

    def fitting_parent(self, previous: _Claim, c: _Claim) -> _Claim | None:
        """The deepest open claim of the list that the new count can be a subset of."""
        probe_side, probe_nat, probe_group = self.explicit_victims(c)
        for parent in previous.chain():
            if c.count is not None and parent.count is not None and c.count > parent.count:
                continue  # a part is never larger than its whole
            if (probe_side not in (None, "mixed", CIVILIANS) and parent.side not in (None, CIVILIANS)
                    and self.camp(probe_side) != self.camp(parent.side)):
                continue  # «3 من الفصائل، بينهم قيادي، و5 من قوات النظام»: another side's count
            if self.is_generic(parent) and probe_side != CIVILIANS:
                return parent  # "20 people, including 8 children … and 5 rebels"
            if parent.side == CIVILIANS or parent.group:
                if probe_side != CIVILIANS:
                    continue
                if parent.group and probe_group != parent.group:
                    continue
                return parent
            if parent.nationality and parent.nationality != "SY":
                if probe_nat and probe_nat != "SY":
                    return parent
                continue
            if parent.side is None:
                return parent
            if probe_side == CIVILIANS:
                continue
            return parent
        return None

    # -- kind ----------------------------------------------------------------

    def kind_for(self, c: _Claim, toks, words, trig) -> tuple[str, ...]:
        n = len(words)
        # A running total: «ارتفع إلى N عدد قتلى …», "raising to N the number of … killed".
        before = words[max(0, c.tok - 3):c.tok]
        if any(w in _CUMULATIVE for w in before) or any(_strip_clitic(w) in _CUMULATIVE for w in before):
            c.cumulative = True
            for k in range(c.tok_end, min(n, c.tok_end + 30)):
                if words[k] in (".",) or _lookup(_CONNECTORS_D, words[k]):
                    break
                if k in trig and any(words[x] in _COUNT_OF and self.counts_people(words, x)
                                     for x in range(c.tok_end, k + 1)):
                    return (trig[k],)
        # The counted noun may itself say what happened: «106 قتلى», «خمسة عشر شهيداً».
        for k in range(c.tok, c.tok_end):
            if k in trig:
                return (trig[k],)
        # Nearest casualty word in the clause (before: back to a connector; after: a short way).
        best: tuple[int, int] | None = None
        window = 40 if c.cumulative else 12
        # distance from where the count's words begin: "killed at least 10" is as close as "killed 10"
        first = self.count_start_tok(c, toks)
        for k in range(c.tok - 1, max(-1, c.tok - window - 1), -1):
            if _lookup(_CONNECTORS_D, words[k]) or words[k] == ".":
                break
            if k in trig:
                best = (max(1, first - k), k)
                break
        behind = best
        for k in self.ahead(c, words, 8):
            if _lookup(_CONNECTORS_D, words[k]):
                break
            if k in trig:
                d = k - c.tok_end + 1
                # "killed 10 people and wounded dozens": a verb after «and» opens the next clause
                new_clause = words[k - 1] in _AND or (words[k][:1] == "و" and _lookup(_TRIGGERS, words[k][1:]) is not None)
                if best is None or (d < best[0] and not (behind is not None and new_clause)):
                    best = (d, k)
                break
        if best is None:
            # «ما أدى لمقتله»: a back-reference reaches over the sentence.
            for k in range(c.tok_end, n):
                if k in trig and (_strip_clitic(words[k]) in _BACKREF or words[k][1:] in _BACKREF):
                    return (trig[k],)
            return ()
        k = best[1]
        kinds = [trig[k]]
        # «مقتل وإصابة المزيد», "killed and injured dozens": two kinds for one vague amount.
        if c.count is None and k < c.tok:
            if k + 1 in trig and words[k + 1].startswith("و") and trig[k + 1] != trig[k]:
                kinds.append(trig[k + 1])
            elif k - 1 in trig and words[k].startswith("و") and trig[k - 1] != trig[k]:
                kinds.insert(0, trig[k - 1])
            elif k - 2 in trig and words[k - 1] == "and" and trig[k - 2] != trig[k]:
                kinds.insert(0, trig[k - 2])
        return tuple(kinds)

    @staticmethod
    def ahead(c: _Claim, words: list[str], size: int) -> list[int]:
        """Token indexes after the count, passing over an «, including …,» list set off by commas
        ("Nine civilians, including a woman and her two children, were killed")."""
        n = len(words)
        out: list[int] = []
        k = c.tok_end
        while k < n and len(out) < size:
            if words[k] in (",", "،") and k + 1 < n:
                close = next((x for x in range(k + 2, min(n, k + 30)) if words[x] in (",", "،", ".")), None)
                opens_list = (_lookup(_INCLUDE_D, words[k + 1]) or words[k + 1] == "among"
                              or (k + 2 < n and words[k + 1] == "من" and words[k + 2] == fold_pattern("بينهم")))
                # "Three people, aged between 20 and 35, were killed": an aside before the verb
                aside = close is not None and close + 1 < n and words[close + 1] in ("were", "was", "have", "had")
                if close is not None and words[close] != "." and (opens_list or aside):
                    k = close + 1
                    continue
            out.append(k)
            k += 1
        return out

    def counts_people(self, words: list[str], k: int) -> bool:
        """«عدد القتلى», «عدد الذين …», "the number of civilians": not «عدد الهجمات»."""
        j = k + 1
        if j < len(words) and words[j] == "of":
            j += 1
        if j >= len(words):
            return False
        w = words[j]
        return bool(_lookup(_TRIGGERS, w) or _lookup(_NOUNS, w) or w in _PEOPLE_WORDS or self.actor_word(w))

    def actor_word(self, w: str) -> bool:
        return any(w in self.text[s:e] for s, e, _ in self.actors)

    def bare_ok(self, c: _Claim, toks, words, gap_words, trig, listed) -> bool:
        """A number with no victim noun is a count of victims only where nothing else fits."""
        n = len(words)
        nxt = words[c.tok_end] if c.tok_end < n else ""
        if nxt in _fold_set("were was have had") and c.tok_end + 1 in trig:
            return True  # "another 20 were wounded"
        before = words[max(0, c.tok - 12):c.tok]
        if any(_strip_clitic(w) in _CUMULATIVE or w in _CUMULATIVE for w in words[max(0, c.tok - 3):c.tok]) and any(
                w in _COUNT_OF or _strip_clitic(w) in _COUNT_OF for w in before):
            return True  # "the death toll rose to 40 on Tuesday": whatever follows, 40 counts the dead
        if c.parent is not None and listed in ("include", "root") and any(
                self.nat_at(toks[k]) for k in range(c.tok_end, min(n, c.tok_end + 4))):
            return True  # «بينهم 3 يحملون الجنسية الأفغانية»: a sub-count defined by nationality
        first = self.count_start_tok(c, toks)
        if first >= 1 and (first - 1) in trig and (nxt[:1] == "ب" or nxt in _STOP or nxt in _AND) and (
                first < 2 or words[first - 2] not in _NEGATION):
            return True  # «مقتل 5 وإصابة 12 بانفجار»: right after its casualty word, before the cause
        if nxt not in _BARE_NEXT and not _lookup(_INCLUDE_D, nxt) and c.tok_end not in trig and not (
                c.tok_end < n and self.actor_starts(toks[c.tok_end])):
            return False
        if listed or c.parent is not None or c.cumulative or c.tok_end in trig:
            return True
        if nxt in _OF:
            return True
        if c.tok >= 1 and (c.tok - 1) in trig:
            return True
        near = words[max(0, c.tok - 12):c.tok]
        return any(_strip_clitic(w) in _COUNT_OF or w in _COUNT_OF for w in near) and any(
            _lookup(_TRIGGERS, w) for w in near)

    # -- side, nationality, group -------------------------------------------------

    def phrase_end(self, c: _Claim, toks, words, trig) -> int:
        n = len(words)
        k = c.tok_end
        first = True
        while k < n:
            w = words[k]
            if k in trig and k == c.tok_end and w.startswith("و") and _lookup(_NOUNS, w):
                k += 1  # «قتلى وجرحى في صفوف …»: both nouns share the phrase
                continue
            if w in (",", ".", ";", ":", "،") or k in trig or _lookup(_CONNECTORS_D, w):
                break
            if _lookup(_INCLUDE_D, w) or (w in _AND and k + 1 < n and (
                    NUMBER_RE.fullmatch(words[k + 1]) or words[k + 1] in _ENGLISH_ARTICLE)):
                break
            if w in _STOP and not self.actor_starts(toks[k]) and not (w in _STOP_FIRST_OK and k + 1 < n and (
                    (first and self.actor_starts(toks[k + 1])) or words[k + 1] in _RANKS
                    or (words[k + 1] == "the" and k + 2 < n and words[k + 2] in _RANKS))):
                break
            if NUMBER_RE.fullmatch(w) or (w.startswith("و") and NUMBER_RE.fullmatch(w[1:] or "x")):
                break
            if (w.startswith("و") and w not in _NOUNS and _lookup(_NOUNS, w) and k > c.tok_end
                    and not self.actor_starts(toks[k]) and not self.inside_actor(toks[k])):
                break  # «4 عناصر من قسد وعنصران من الأسايش»: the next count's phrase is its own
            first = False
            k += 1
        return toks[k - 1].end if k > c.tok_end else toks[c.tok_end - 1].end

    def explicit_victims(self, c: _Claim) -> tuple[str | None, str | None, str | None]:
        """Side, nationality and group stated in the count's own phrase."""
        start, end = self.text_range(c)
        phrase = self.text[start:end]
        side = None
        group = None
        if c.noun and c.noun[0] == "civilian":
            side = CIVILIANS
            group = c.noun[2]
        elif any(m in phrase.split() for m in _MIXED) or " both sides" in phrase:
            side = "mixed"
        else:
            side = self.joined_actor(c) or self.phrase_actor(c.start, end)
            if side is None and _FAMILY.search(self.text[start:end + 16].split(",")[0].split("،")[0]):
                side = CIVILIANS  # "11 members of one family", «5 أفراد من عائلة واحدة»
            if side is None and (c.noun is None or c.noun[0] in ("person", "other")):
                # «5 قتلى من المدنيين», "dozens of casualties among civilians"
                for w in _TOKEN_RE.findall(phrase):
                    entry = _lookup(_NOUNS, w)
                    if entry and entry[0] == "civilian":
                        side, group = CIVILIANS, entry[2]
                        break
        return side, self.nationality_in(c, start, end), group

    def joined_actor(self, c: _Claim) -> str | None:
        """«عنصراً سابقاً في الفصائل كان قد انضم إلى صفوف الفرقة الرابعة»: the side joined last."""
        tail = self.text[c.end:c.end + 120]
        cut = min([tail.find(x) for x in (".", ",") if x in tail] or [len(tail)])
        m = re.search(r"(?<![\w])(?:" + "|".join(sorted(_JOINED)) + r")(?![\w])", tail[:cut])
        if not m:
            return None
        return self.actor_in(c.end + m.end(), c.end + cut)

    def phrase_actor(self, start: int, end: int) -> str | None:
        """The first actor of the phrase; none when it names unrelated groups («الفصائل والهيئة»)."""
        keys = [key for s, e, key in self.actors if s >= start and e <= end]
        if not keys:
            return None
        first = keys[0]
        for other in keys[1:]:
            if other != first and not (self.vocabulary.is_within(other, first)
                                       or self.vocabulary.is_within(first, other)):
                return "mixed"
        return first

    def text_range(self, c: _Claim) -> tuple[int, int]:
        return c.start, max(c.end, getattr(c, "_phrase_end", c.end))

    def nationality_in(self, c: _Claim, start: int, end: int) -> str | None:
        codes: list[str] = []
        for s, e, code, surface in self.nats:
            if s < start or e > end:
                continue
            if not self.nationality_on_person(s, e, surface):
                continue
            codes.append(code)
        foreign = [x for x in codes if x != "SY"]
        if "SY" in codes and foreign:
            return None
        return foreign[0] if foreign else None

    def nationality_on_person(self, s: int, e: int, surface: str) -> bool:
        if "جنسي" in surface or "غير" in surface or surface.startswith("non"):
            return True
        before = _TOKEN_RE.findall(self.text[max(0, s - 20):s])
        after = _TOKEN_RE.findall(self.text[e:e + 24])
        if (before and before[-1] in ("pro", "anti")) or (after and after[0] in _PATRONAGE):
            return False  # "pro-Iranian fighters", "Turkish-backed fighters": a patron, not their nationality
        if before and _lookup(_NOUNS, before[-1]) and _lookup(_NOUNS, before[-1])[0] in ("fighter", "civilian", "person"):
            return True  # Arabic: the adjective follows its noun
        if before and (NUMBER_RE.fullmatch(before[-1]) or before[-1] in ("them", "whom")):
            return True  # "6 Iranians", «3 أفغان», "12 of them non-Syrians": the demonym is the noun
        for word in after[:4]:  # English: the adjective precedes its noun ("Russian military police officers")
            entry = _lookup(_NOUNS, word)
            if entry and entry[0] in ("fighter", "civilian", "person"):
                return True
            if not word.isascii() or not word.isalpha() or word in _STOP or word in _AND or word in _OF:
                break
        return False

    def set_side(self, c: _Claim, toks, words, trig) -> None:
        side, nat, group = self.explicit_victims(c)
        floor = c.sentence[0]
        before = words[max(0, c.tok - 4):c.tok]
        if group is None and any(_lookup(_SUBJECT_VERBS_D, w) for w in before):
            # "the factions lost 13 fighters / 6 men": the losses are the subject's
            side = self.actor_before(c.start, floor) or side
        if side is None and c.parent is None and (
                c.cumulative or c.noun is None or c.noun[0] in ("person", "other", "fighter")):
            # «ارتفاع عدد قتلى قوات النظام … إلى 112», "the death toll of YPG fighters has risen to 164",
            # «ارتفع إلى 74 عدد قتلى قوات النظام …»: the victims are named around «عدد».
            side, nat2 = self.count_of_phrase(c, toks, words, trig)
            nat = nat or nat2
        points_back = (any(w in _THEIR_NUMBER for w in before)
                       or any(w in _POSSESSIVE for w in words[c.tok:c.tok_end + 2])
                       or any(_lookup(_SUBJECT_VERBS_D, w) for w in before))
        if side is None and points_back:
            # «بلغ عددهم», «من عناصرها», "ISIS lost 20 of its members": the actor named before
            side = self.actor_before(c.start, floor)
        if c.parent is not None and side is None:
            side = c.parent.side
            if side == GOV and nat in _STATE_FORCES and c.noun and c.noun[0] == "fighter":
                side = _STATE_FORCES[nat]  # "including two Russian officers": their own state's forces
            elif side == GOV and nat and nat != "SY":
                side = LOYAL_MILITIAS
        if side is None and c.parent is None and (
                c.others or (c.count is None and (c.noun is None or c.noun[0] in ("person", "other")))):
            side = self.side_of_previous(c)
        if side is None and c.bare and c.sibling is not None and c.parent is None:
            side = c.sibling.side  # "30 ISIS militants were killed and 15 captured"
        if (side is None and c.noun and c.noun[0] == "person" and c.sibling is not None and c.parent is None
                and c.sibling.side == CIVILIANS and not c.mixed):
            side = CIVILIANS  # «شهيد وجريحان»: the wounded of a civilian toll
        if side is None and (self.fighter(c) or self.companion(c)) and c.sibling is not None and self.fighter(c.sibling) \
                and c.parent is c.sibling.parent and c.sibling.side != CIVILIANS:
            side = c.sibling.side  # "six regime soldiers and an officer": the officer is theirs too
        # unqualified soldiers («جنود», "troops") in Syrian reporting are the army's
        if side is None and nat is None and c.parent is None and not c.mixed and self.bare_soldiers(c):
            side = GOV
        if side is None and c.noun and c.noun[0] == "fighter" and self.syrian_on_person(c):
            side = GOV  # «جنديان سوريان», "Syrian soldiers": the army's men
        if side is None and nat in _STATE_FORCES and c.noun and c.noun[0] == "fighter":
            side = _STATE_FORCES[nat]  # «جنديان تركيان», "Turkish soldiers": that state's forces
        if side == "mixed":
            side = None
            c.mixed = True
        c.side = side
        c.nationality = nat
        c.group = group if side == CIVILIANS else None

    def bare_soldiers(self, c: _Claim) -> bool:
        words = _TOKEN_RE.findall(self.text[c.start:c.end])
        return bool(words) and _strip_clitic(words[-1]) in _SOLDIERS

    @staticmethod
    def companion(c: _Claim) -> bool:
        """«ومرافقه»: a singular or dual person noun with no side of its own."""
        return c.noun is not None and c.noun[0] == "person" and c.noun[1] is not None and not c.others

    @staticmethod
    def fighter(c: _Claim) -> bool:
        return c.noun is not None and c.noun[0] == "fighter"

    def syrian_on_person(self, c: _Claim) -> bool:
        start, end = self.text_range(c)
        return any(code == "SY" and s >= start and e <= end and self.nationality_on_person(s, e, surface)
                   and "غير" not in surface and not surface.startswith("non")
                   for s, e, code, surface in self.nats)

    def count_of_phrase(self, c: _Claim, toks, words, trig) -> tuple[str | None, str | None]:
        n = len(words)
        # forward: «N عدد …» (after any sub-counts of N)
        for k in range(c.tok_end, min(n, c.tok_end + 30)):
            if words[k] == "." or _lookup(_CONNECTORS_D, words[k]):
                break
            if words[k] in _COUNT_OF or words[k] == "number":
                stop = k + 1
                while (stop < n and words[stop] not in (",", ".", "،") and words[stop] not in _STOP
                       and words[stop] != "الذين" and stop - k < 12):
                    stop += 1
                s, e = toks[k].start, toks[min(stop, n - 1)].end
                side = self.actor_in(s, e)
                if side is None and any(_lookup(_NOUNS, words[x]) and _lookup(_NOUNS, words[x])[0] == "civilian"
                                        for x in range(k, min(stop + 1, n))):
                    side = CIVILIANS
                return side, self.nationality_in(c, s, e)
        # backward: «عدد قتلى X … إلى N», "death toll of X has risen to N"
        for k in range(c.tok - 1, max(-1, c.tok - 30), -1):
            if words[k] in _COUNT_OF or _strip_clitic(words[k]) in _COUNT_OF:
                s, e = toks[k].start, toks[c.tok - 1].end
                # stop the phrase at a cause («جراء», "of the airstrikes … by")
                seg = self.text[s:e]
                cut = min([seg.find(f" {w} ") for w in ("جراء", "by", "in", "on", "carried") if f" {w} " in seg]
                          or [len(seg)])
                e = s + cut
                side = self.actor_in(s, e)
                if side is None and any(_lookup(_NOUNS, w) and _lookup(_NOUNS, w)[0] == "civilian"
                                        for w in self.text[s:e].split()):
                    side = CIVILIANS
                return side, self.nationality_in(c, s, e)
        return None, None

    def side_of_previous(self, c: _Claim) -> str | None:
        tops = [x for x in self.claims if x.parent is None and x is not c]
        same = [x for x in tops if x.segment == c.segment and x.sentence == c.sentence]
        pool = same
        if not pool:
            earlier = [x for x in tops if x.segment < c.segment]
            if earlier:
                last_seg = earlier[-1].segment
                pool = [x for x in earlier if x.segment == last_seg]
        sides = {x.side for x in pool}
        return sides.pop() if len(sides) == 1 else None


def _clone(c: _Claim, kind: str) -> _Claim:
    d = _Claim(start=c.start, end=c.end, count=c.count, qualifier=c.qualifier, tok=c.tok, tok_end=c.tok_end,
               noun=c.noun, bare=c.bare, others=c.others, kinds=c.kinds, side=c.side,
               nationality=c.nationality, group=c.group, parent=c.parent, cumulative=c.cumulative,
               segment=c.segment, sentence=c.sentence, part=c.part)
    return d


def _drop_repeats(title: list[_Claim], body: list[_Claim]) -> list[_Claim]:
    """A title count that repeats a body count is the same claim: keep the body's, fill its gaps."""
    kept: list[_Claim] = []
    dropped: set[int] = set()
    for c in title:
        if c.count is None:
            twin = next((b for b in body if b.kind == c.kind and b.side == c.side), None)
        else:
            twin = next((b for b in body if b.kind == c.kind and b.count == c.count), None)
        if c.parent is not None and id(c.parent) in dropped:
            if twin is not None and twin.nationality is None and c.nationality is not None:
                twin.nationality = c.nationality
            dropped.add(id(c))
            continue
        if twin is not None:
            # A sub-count's nationality may be stated only in the title («بينهم 20 من الجنسية اللبنانية»).
            if twin.nationality is None and c.nationality is not None and c.parent is not None:
                twin.nationality = c.nationality
            dropped.add(id(c))
            continue
        kept.append(c)
    return kept


def _drop_vague_twins(claims: list[_Claim]) -> list[_Claim]:
    """«مقتل وإصابة المزيد …, حيث ارتفع إلى 106»: the vague killed is the 106."""
    out = []
    for c in claims:
        twin = None
        if c.count is None and c.parent is None:
            twin = next((o for o in claims if o is not c and o.count is not None and o.kind == c.kind
                         and o.side == c.side and o.sentence == c.sentence and o.part == c.part), None)
        if twin is not None:
            for o in claims:
                if o.parent is c:
                    o.parent = twin
            continue
        out.append(c)
    return out


def find_casualties(report: Report, vocabulary: ActorVocabulary) -> tuple[CasualtyClaim, ...]:
    hits = resolve_hits(report, vocabulary)
    readers = {part: _Reader(report, part, vocabulary, hits[part]) for part in ("title", "text")}
    title = readers["title"].read() if report.title else []
    body = readers["text"].read()
    claims = _drop_vague_twins(_drop_repeats(title, body) + body)
    index = {id(c): i for i, c in enumerate(claims)}
    out: list[CasualtyClaim] = []
    for c in claims:
        view = readers[c.part].view
        s, e = view.span(c.start, c.end)
        ss, se = view.span(c.sentence[0], c.sentence[1])
        source = report.part(c.part)
        while se > ss and source[se - 1].isspace():
            se -= 1
        parent = index.get(id(c.parent)) if c.parent is not None else None
        out.append(CasualtyClaim(
            kind=c.kind,  # type: ignore[arg-type]
            count=c.count,
            qualifier=c.qualifier,  # type: ignore[arg-type]
            span=Span.of(report, c.part, s, e),
            side=c.side,
            nationality=c.nationality,
            group=c.group,  # type: ignore[arg-type]
            part_of=parent,
            cumulative=c.cumulative,
            evidence=Span.of(report, c.part, ss, se),
        ))
    return tuple(out)
