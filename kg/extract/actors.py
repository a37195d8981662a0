"""kg.actors.v1 — armed actors taking part in the reported events.

Vocabulary matches (ActorVocabulary, longest first) are refined by rules
that hold across reports (shared/corpus/dev/README.md, «Actors»):

- a bare «الفصائل» / "the factions" means the Turkish-backed factions when
  the report names those, and the generic rebel factions otherwise;
- «X والفصائل/والمسلحين الموالين لها» adds X's proxy (the regime's loyal
  militias, Turkey's Syrian factions) even inside a longer label of X;
- a bare head noun («المجلس») refers back to the multi-word actor it heads
  («مجلس منبج العسكري») earlier in the report;
- a mention counts only in a sentence that reports fighting, strikes,
  casualties, control or support: background sentences («ISIS moved its
  commanders») add no actor;
- a state named only by the adjective on its weapons or forces is an actor:
  «قصف جوي روسي», «ضربات إسرائيلية», "Russian air strikes", "regime
  snipers", and both members of a joint form («القوات الروسية والتركية»,
  "Russian and Syrian warplanes").

`resolve_hits` is shared with kg.extract.casualties, which reads victims'
sides from the same mentions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from kg.link.actors import ActorVocabulary, Hit
from kg.model import ActorMention, Part, Report, Span
from kg.text.normalise import MatchView, fold_for_matching, fold_pattern, view_of

__all__ = ["BARE_FACTIONS", "find_actors", "resolve_hits"]

GENERIC_FACTIONS = "opposition-factions"
TURKISH_FACTIONS = "syrian-national-army"

# Surfaces of the generic rebel grouping that carry no name of their own.
BARE_FACTIONS = frozenset(fold_for_matching(s) for s in (
    "الفصائل", "فصائل", "مقاتلي الفصائل", "factions", "the factions",
))

# actor → the loyal forces «والفصائل/والمسلحين الموالين لها» after it means.
_PROXIES = {
    "syrian-government-forces": "pro-government-militias",
    "turkish-armed-forces": TURKISH_FACTIONS,
}
_PROXY_RE = re.compile(fold_pattern(
    r"و ?(?:ال)?(?:فصائل|مسلحين|مسلحون|ميليشيات|مليشيات|قوات)(?: السوريه| المسلحه)? "
    r"(?:الموالي[نه]|الموالون|المواليه|المدعومه) (?:لها|له|منها)"
    r"|and (?:their |its )?(?:loyal|loyalist|proxy|allied|affiliated) (?:militiamen|militias|factions|gunmen|fighters)"
    r"|and loyalists"
))

# Words that head many labels and so cannot stand for one actor alone.
_HEAD_STOP = frozenset(fold_for_matching(w) for w in (
    "قوات", "عناصر", "مقاتلي", "طائرات", "الطائرات", "طيران", "الطيران", "تنظيم", "لواء", "فرقة",
    "فوج", "فصائل", "مسلحين", "المسلحين", "ميليشيا", "ميليشيات", "مليشيات", "الميليشيات", "كتائب",
    "مجموعة", "خلايا", "وحدات", "الجيش", "جيش", "حركة", "القوات", "الفصائل", "المقاتلين", "سلاح",
    "الشرطة", "الأجهزة", "المخابرات", "الأمن", "قوى",
))

# Sentences that report taking part: fighting, strikes, casualties, control, support.
_EVENT_CUE = re.compile(fold_pattern(
    r"اشتباك|معارك|معركه|هجوم|هجمات|يهاجم|تهاجم|قصف|غار[هات]|ضرب[هات]|استهدف|سيطر|تقدم|حصار|يحاصر|"
    r"تحاصر|محاصر|فك|كسر|مقتل|قتل|قتلي|قتيل|استشهد|شهيد|اصيب|اصابه|جرح|اسر|مصرع|تفجير|انفجار|كمين|"
    r"اغتيال|رصاص|قذائف|قذيفه|صواريخ|صاروخ|براميل|مدعم|بدعم|بمشارك|اسناد|معاكس|تمشيط|استنفار|"
    r"تعزيزات|رتل|تمركز|تصعيد|عمليه عسكريه|العمليه العسكريه|مواقع|نقاط|انسحاب|فقد|مفقود|مجهول|"
    r"clash|attack|shell|strike|airstrike|kill|dead|death|injur|wound|captur|abduct|besieg|siege|"
    r"seiz|control|advanc|fight|battle|offensive|backed|support|bomb|fire|shot|convoy|military|"
    r"security|front|escalat|withdraw|lost|storm|ambush|assault|positions|reinforcement|"
    r"هاجم|شن|شنت|اقتحم|اقتحام|مداهم|اعتقال|اعتقل|اختطاف|خطف|اعدام|اعدم|قنص|قناص|مسير|لغم|عبوه|مفخخ|"
    r"انتحاري|تسلل|دوري|حاجز|انتشار|نشر|استعاد|سيطره|قوات|عناصر|مقاتل|جنود|ضحايا|جرحي|"
    r"struck|strik|hit|target|raid|arrest|detain|kidnap|execut|assassinat|sniper|drone|mine|"
    r"explos|blast|IED|mortar|rocket|missile|artillery|patrol|checkpoint|deploy|infiltrat|"
    r"recaptur|took over|took control|casualt|victim|troops|fighters|soldiers|militiamen|gunmen",
))
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _proxy_hits(view: MatchView, hits: list[Hit]) -> list[Hit]:
    extra: list[Hit] = []
    text = view.text
    # Map source offsets back to view offsets for the hits (origin is monotonic).
    for hit in hits:
        proxy = _PROXIES.get(hit.key)
        if not proxy:
            continue
        vs = bisect.bisect_left(view.origin, hit.start)
        ve = bisect.bisect_left(view.origin, hit.end)
        window = text[vs:ve + 48]
        m = _PROXY_RE.search(window)
        if m and m.start() <= ve - vs + 2:
            s, e = view.span(vs + m.start(), vs + m.end())
            extra.append(Hit(s, e, proxy, m.group(0)))
    return extra


# A state named only by the adjective on its weapons or forces: «قصف جوي روسي», «ضربات إسرائيلية»,
# "Russian air strikes", and joint forms «القوات الروسية والتركية», "Russian and Turkish patrols".
# The adjective is folded (ة→ه, ئ→ي); the second member of a joint form may also be Syrian (the regime).
_STATE_ADJECTIVES = {
    "روسي": "russian-forces", "اسراييلي": "israeli-forces", "تركي": "turkish-armed-forces",
    "امريكي": "united-states-forces", "اميركي": "united-states-forces", "ايراني": "iranian-forces",
    "russian": "russian-forces", "israeli": "israeli-forces", "turkish": "turkish-armed-forces",
    "american": "united-states-forces", "us": "united-states-forces", "iranian": "iranian-forces",
}
_JOINT_ONLY = {"سوري": "syrian-government-forces", "syrian": "syrian-government-forces",
               "regime": "syrian-government-forces"}
_AR_ADJ = r"(?:ال)?(روسي|اسراييلي|تركي|امريكي|اميركي|ايراني)(?:ه|ين)?"
_AR_ADJ2 = r"(?:ال)?(روسي|اسراييلي|تركي|امريكي|اميركي|ايراني|سوري)(?:ه|ين)?"
_AR_WEAPON = (r"(?:قصف|غاره|غارات|ضربه|ضربات|طايره|طايرات|طيران|مقاتلات|مسيره|مسيرات|صواريخ|صاروخ|"
              r"قذايف|قذيفه|مدفعيه|قوات|دوريه|دوريات|بوارج|مروحيات|استهداف)")
_AR_MIDDLE = r"(?:(?:ال)?(?:جوي|مدفعي|صاروخي|حربي|مسير|بري|عسكري|مكثف|عنيف)(?:ه|ات)? ){0,2}"
_ATTACK_ADJ_RE = re.compile(
    rf"(?<![\w])(?:[وبلف]{{0,2}})(?:ال)?{_AR_WEAPON} {_AR_MIDDLE}{_AR_ADJ}(?: و{_AR_ADJ2})?(?![\w])"
    r"|(?<![\w])(russian|israeli|turkish|american|iranian|syrian|regime)"
    r"(?: and (russian|israeli|turkish|american|iranian|syrian|regime))?"
    r" (?:(?:air|artillery|missile|drone|rocket|military|war|naval|army|ground|heavy) ){0,2}"
    r"(?:strikes?|airstrikes?|air strikes|raids?|shelling|bombardment|bombing|jets|warplanes|aircraft|"
    r"planes|drones?|helicopters|artillery|forces|troops|missiles?|rockets?|patrols?|attacks?|fire|snipers?|"
    r"gunfire|shells|barrel bombs|mortars?|tanks?)(?![\w])"
)


def _adjective_hits(view: MatchView, hits: list[Hit]) -> list[Hit]:
    """Attackers named only by an adjective of nationality (see _ATTACK_ADJ_RE)."""
    out: list[Hit] = []
    taken = {(h.start, h.end, h.key) for h in hits}
    for m in _ATTACK_ADJ_RE.finditer(view.text):
        s, e = view.span(m.start(), m.end())
        for group in (g for g in m.groups() if g):
            key = _STATE_ADJECTIVES.get(group) or _JOINT_ONLY.get(group)
            if key and (s, e, key) not in taken:
                taken.add((s, e, key))
                out.append(Hit(s, e, key, m.group(0)))
    return out


def _head_hits(view: MatchView, hits: list[Hit]) -> list[Hit]:
    """Bare head nouns that refer back to a multi-word actor named before them."""
    heads: dict[str, tuple[str, int]] = {}
    for hit in hits:
        words = hit.surface.split(" ")
        if len(words) < 2 or hit.surface in BARE_FACTIONS:
            continue
        first = words[0].removeprefix("ال")
        if fold_for_matching(first) in _HEAD_STOP or "ال" + first in _HEAD_STOP or len(first) < 3:
            continue
        if not any("\u0600" <= c <= "\u06ff" for c in first):
            continue
        heads.setdefault("ال" + first, (hit.key, hit.end))
    if not heads:
        return []
    out: list[Hit] = []
    taken = [(h.start, h.end) for h in hits]
    for head, (key, after) in heads.items():
        for m in re.finditer(rf"(?<![\w])(?:و|ب|ل|ف)?{re.escape(head)}(?![\w])", view.text):
            s, e = view.span(m.start(), m.end())
            if s < after or any(s < te and ts < e for ts, te in taken):
                continue
            out.append(Hit(s, e, key, head))
    return out


def resolve_hits(report: Report, vocabulary: ActorVocabulary) -> dict[Part, list[Hit]]:
    """Actor mentions per part after the report-level rules (factions, proxies, heads)."""
    views = {part: view_of(report.part(part)) for part in ("title", "text")}
    raw = {part: vocabulary.match(view) for part, view in views.items()}
    named_turkish_factions = any(
        h.key == TURKISH_FACTIONS for hits in raw.values() for h in hits
    )
    out: dict[Part, list[Hit]] = {}
    for part, hits in raw.items():
        proxies = _proxy_hits(views[part], hits) + _adjective_hits(views[part], hits)
        if any(p.key == TURKISH_FACTIONS for p in proxies):
            named_turkish_factions = True
        out[part] = hits + proxies
    for part, hits in out.items():
        resolved = []
        for h in hits:
            if h.key == GENERIC_FACTIONS and h.surface in BARE_FACTIONS:
                h = replace(h, key=TURKISH_FACTIONS if named_turkish_factions else GENERIC_FACTIONS)
            resolved.append(h)
        resolved += _head_hits(views[part], resolved)
        resolved.sort(key=lambda h: (h.start, h.end))
        out[part] = resolved
    return out


def _cued_sentences(source: str) -> list[tuple[int, int]]:
    """Source ranges of the sentences that report taking part (see _EVENT_CUE)."""
    view = view_of(source)
    out = []
    left = 0
    for m in [*_SENTENCE_END.finditer(source), None]:
        right = m.start() if m else len(source)
        if right > left:
            vs = bisect.bisect_left(view.origin, left)
            ve = bisect.bisect_left(view.origin, right)
            if _EVENT_CUE.search(view.text, vs, ve):
                out.append((left, right))
        left = m.end() if m else len(source)
    return out


def find_actors(report: Report, vocabulary: ActorVocabulary) -> tuple[ActorMention, ...]:
    mentions: list[ActorMention] = []
    for part, hits in resolve_hits(report, vocabulary).items():
        source = report.part(part)
        cued = _cued_sentences(source) if part == "text" else [(0, len(source))]
        for h in hits:
            if not any(a <= h.start and h.end <= b + 1 for a, b in cued):
                continue
            mentions.append(ActorMention(h.key, Span.of(report, part, h.start, h.end)))
    return tuple(mentions)
