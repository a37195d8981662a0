"""kg.places.v1 — place mentions linked to the gazetteer.

How a report's words become places:

1. The title and the text are cut into word tokens; each token is folded
   (`arabic_token` / `latin_token`, the same folding the index used) and the
   folded tokens are joined into one stream that a pyahocorasick automaton
   over every gazetteer name key scans in a single pass. A match must end
   on a word boundary and start on one, or just after a one- or two-letter
   clitic (و ف ب ل ك: «وحاس», «بمنبج»); it may not run across a dash or a
   comma («حمص – حماة» is two cities). Overlaps go to the longest match.
2. The words around a match say what the name is used for: a governorate's
   countryside or desert («ريف حمص», «بادية دير الزور», "countryside of
   Hama", "al-Hasakah province") → the admin unit, not the city; a site
   («حي», «حقل», «الفرقة», "neighbourhood") → no GeoNames id at all; a
   settlement word («بلدة», "town of") or a site that carries a settlement's
   name («مطار دير الزور», «طريق حلب – الحسكة») → the settlement. The word
   is carried along lists («بلدات كفرنبل وحاس وكفرسجنة», "the towns of
   Douma, Saqba and Arbin"); a cue word with the article («المدينة») refers
   back and names nothing.
3. Same-named rows are told apart by the governorates named in the same
   sentence, then in the report, then by distance to the places the report
   names without ambiguity, then by prominence (PPLC > PPLA > … > PPL).
4. Precision guards. A match is dropped unless a settlement word stands in
   front of it (or a few words before, or a countryside right after:
   «محور كفرنبودة بريف حماة») when it is a one-word village name, a common
   word («أكثر», «عنيفة»), written with the article where the gazetteer has
   none (or the reverse: «حميمة» is not «الحميمة»), lies in another
   governorate than the sentence names and far from the towns it names, or
   (English) is not capitalised or is glued to another capitalised word
   ("Jabhat Fateh al-Sham").
5. After a settlement word only, a name the index does not know is looked up
   by its consonants (Jindires ~ Jindayris, كنصفرة ~ كنسفرة) and kept only in a
   governorate the report names (and, inside a list, next to the item before).

Mentions of sites, neighbourhoods and other features with no gazetteer row
are still returned (place=None) with the category their cue word gives, so
nothing the report says is dropped.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

import ahocorasick

from kg.link.gazetteer import (
    Candidate,
    Gazetteer,
    arabic_key,
    arabic_token,
    is_arabic,
    latin_key,
    latin_token,
)
from kg.model import Part, PlaceMention, Report, Span
from kg.text.normalise import fold_arabic

__all__ = ["find_places", "place_matcher"]

# ---------------------------------------------------------------------------
# Cue words, in folded form (taa marbuta → ه, alef maqsura → ي, no article).

# What a name after these words means: category, and how to link it.
#   "admin"  → the governorate / district / subdistrict of that name
#   "settle" → the settlement
#   "site"   → a site named after a settlement: link the settlement
#   "none"   → a feature with no gazetteer row: never link
_AR_CUES: dict[str, tuple[str, str]] = {}
for _words, _cat, _how in (
    ("ريف ريفي ريفا ارياف", "countryside", "admin"),
    ("باديه باديتي باديتا", "desert", "admin"),
    ("محافظه محافظتي محافظتا محافظات", "governorate", "admin"),
    ("منطقه", "area", "admin_soft"),
    ("ناحيه", "subdistrict", "admin"),
    ("مدينه مدينتي مدينتا مدن", "city", "settle"),
    ("بلده بلدتي بلدتا بلدات", "town", "settle"),
    ("قريه قريتي قريتا قري", "village", "settle"),
    ("مخيم مخيمي", "camp", "settle"),
    ("محور محوري محاور", "front", "near"),
    ("مطار", "airport", "site"),
    ("طريق اوتوستراد اتوستراد", "road", "site"),
    ("معبر", "crossing", "site"),
    ("سجن", "prison", "site"),
    ("مدخل", "entrance", "site"),
    ("حي احياء", "neighbourhood", "none"),
    ("حقل حقلي", "field", "none"),
    ("نهر", "river", "none"),
    ("جبل جبال", "mountain", "none"),
    ("تله تلال", "hill", "none"),
    ("سهل", "plain", "none"),
    ("دوار", "roundabout", "none"),
    ("حاجز", "checkpoint", "none"),
    ("كليه مدرسه جامعه", "school", "none"),
    ("جامع مسجد", "mosque", "none"),
    ("مشفي مستشفي", "hospital", "none"),
    ("فرقه لواء فوج كتيبه ثكنه قاعده", "military site", "none"),
    ("محطه مصفاه معمل", "facility", "none"),
    ("سد", "dam", "none"),
    ("جمعيه شارع ساحه سوق", "neighbourhood", "none"),
    ("دوله", "country", "none"),
    ("مجلس", "organisation", "none"),
):
    for _w in _words.split():
        _AR_CUES[_w] = (_cat, _how)

# English cues before the name ("the town of X", "countryside of X") …
_EN_BEFORE = [
    (re.compile(r"\b(?:neighbou?rhoods?|districts?|quarters?)\s+of\s+$", re.IGNORECASE), "neighbourhood", "none"),
    (re.compile(r"\b(?:industrial\s+city|gates?|walls?)\s+of\s+$", re.IGNORECASE), "site", "none"),
    (re.compile(r"\bold\s+city\s+of\s+$", re.IGNORECASE), "old city", "site"),
    (re.compile(r"\b(?:bab|tell?|jabal|jebel|mount)\s+$", re.IGNORECASE), "site", "none"),
    (re.compile(r"\bcountryside\s+of\s+(?:the\s+)?$", re.IGNORECASE), "countryside", "admin"),
    (re.compile(r"\b(?:outskirts|suburbs|gates|entrance)\s+of\s+$", re.IGNORECASE), "outskirts", "settle"),
    (re.compile(r"\b(?:badia|desert)\s+of\s+(?:the\s+)?$", re.IGNORECASE), "desert", "admin"),
    (re.compile(r"\b(?:province|governorate)s?\s+of\s+$", re.IGNORECASE), "governorate", "admin"),
    (re.compile(r"\bcit(?:y|ies)\s+of\s+$", re.IGNORECASE), "city", "settle"),
    (re.compile(r"\btowns?\s+of\s+$", re.IGNORECASE), "town", "settle"),
    (re.compile(r"\bvillages?\s+of\s+$", re.IGNORECASE), "village", "settle"),
    (re.compile(r"\bcamp\s+of\s+$", re.IGNORECASE), "camp", "settle"),
]
# … and after it ("al-Hasakah province", "Aleppo city", "the Jobar front").
_EN_AFTER = [
    (re.compile(r"^\s+(?:province|governorate)\b", re.IGNORECASE), "governorate", "admin"),
    (re.compile(r"^\s+countryside\b", re.IGNORECASE), "countryside", "admin"),
    (re.compile(r"^\s+city\b", re.IGNORECASE), "city", "settle"),
    (re.compile(r"^\s+(?:town|village)\b", re.IGNORECASE), "town", "settle"),
    (re.compile(r"^\s+(?:camp)\b", re.IGNORECASE), "camp", "settle"),
    (re.compile(r"^(?:\s+military)?\s+air(?:port|base)\b", re.IGNORECASE), "airport", "site"),
    (re.compile(r"^\s+(?:[A-Z]\d{1,2}\s+)?(?:international\s+)?(?:road|highway|motorway)\b", re.IGNORECASE),
     "road", "site"),
    (re.compile(r"^\s+(?:central\s+)?prison\b", re.IGNORECASE), "prison", "site"),
    (re.compile(r"^\s+(?:neighbou?rhood|quarter|district)\b", re.IGNORECASE), "neighbourhood", "none"),
    (re.compile(r"^\s+(?:crossing|border\s+crossing)\b", re.IGNORECASE), "crossing", "none"),
    (re.compile(r"^\s+(?:oil\s+|gas\s+)?field\b", re.IGNORECASE), "field", "none"),
    (re.compile(r"^\s+(?:base|front|dam|river|mountains?|hills?|plain)\b", re.IGNORECASE), "site", "none"),
]
# (an adverbial accusative «وصولاً» is a common word, never a name: checked on the raw token)
# English connective text between list items: ", ", " and ", "–".
_EN_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|or\s+|[–—-]\s*|/\s*)(?:the\s+)?$", re.IGNORECASE)
_AR_LIST_GAP = re.compile(r"^[\s,،/–—-]*(?:و\s*)?$")

# Arabic words that happen to be village names but are far more often plain words.
# A match on one of these needs a settlement cue in front.
_AR_COMMON = frozenset(
    ["سيطره", "منطقه", "مناطق", "مواقع", "موقع", "محيط", "محاور", "محور", "اطراف", "قرب", "جانب", "جهه", "شمال", "جنوب", "شرق", "غرب", "وسط", "حدود", "حدوديه", "مدخل", "طريق", "داخل", "خارج", "عين", "راس", "تل", "جسر", "باب", "بيت", "دير", "قلعه", "خان", "سوق", "مزرعه", "ساحل", "بحر", "جبهه", "نقطه", "نقاط", "قوات", "عناصر", "مقاتلين", "هجوم", "اشتباكات", "قصف", "غارات", "ضربات", "مدنيين", "اطفال", "نساء", "شهداء", "نصر", "سلام", "امل", "فرح", "صباح", "مساء", "ليل", "فجر", "ظهر", "عصر", "يوم", "ايام", "شهر", "عام", "سنه", "اسبوع", "ساعه", "الجاري", "الفائت", "مرصد", "سوري", "سوريه", "ثوره", "حريه", "كرامه", "وطن", "شعب", "دوله", "اسلاميه", "تنظيم", "جيش", "حر", "فتح", "شام", "عرب", "عربي", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر", "مئه", "الف", "عشرات", "مئات", "الاف", "اول", "ثاني", "ثالث", "اخير", "حمر", "حمراء", "بيضاء", "سوداء", "خضراء", "كبير", "صغير", "جديد", "جديده", "قديم", "قديمه", "غربي", "شرقي", "شمالي", "جنوبي", "مركز", "مراكز", "بلد", "بلاد", "ريف", "مخيم", "مدينه", "قريه", "بلده", "حي", "مطار", "نهر", "فرات", "مياه", "ماء", "بئر", "عمليه", "عسكريه", "مرحله", "مراحل", "حصار", "فك", "كسر", "تقدم", "وصول", "استعاده", "تامين", "مزارع", "تلال", "هضبه", "سهل", "وادي", "جرود", "قتال", "تماس", "اشتباك", "مواجهات", "معارك", "قادم", "محيطه", "مجاوره", "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "اب", "ايلول", "تشرين", "يناير", "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر", "نوفمبر", "ديسمبر"])
# Function words that are village names in some corner of the map: never places.
_AR_FUNCTION = frozenset(["علي", "الي", "في", "من", "عن", "مع", "قد", "لا", "ما", "لم", "لن", "ان", "او", "ثم", "حتي", "منذ", "بعد", "قبل", "عند", "كل", "بين", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "هو", "هي", "هم", "كان", "كانت", "قري"])
# English capitalised words that are village names only by accident.
_EN_COMMON = frozenset(
    ["regime", "coalition", "islamic", "state", "front", "army", "forces", "syrian", "syria", "turkish", "iranian", "russian", "afghan", "kurdish", "arab", "olive", "branch", "shield", "euphrates", "peace", "spring", "unknown", "meanwhile", "since", "earlier", "today", "yesterday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "national", "liberation", "democratic", "free", "division", "brigade", "battalion", "hezbollah", "nusra", "badia", "desert", "city", "town", "village", "camp", "road", "base", "field", "prison", "hill", "hills", "tell", "old", "new", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "international", "sohr", "death", "toll", "civilians", "children", "women", "fighters", "members", "bab", "sham", "islam"])

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_TOKEN = re.compile(r"[\w\u064b-\u065f\u0670\u0640'’ʿʾ]+")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_CLITICS = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
_TIER_A = 2  # feature ranks up to PPLA2 are towns every reader knows
_NEIGHBOURS_KM = 30  # a village this close to a town the sentence names is in its orbit


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    raw: str
    canon: str
    article: bool  # the Arabic word carried ال
    sentence: int
    arabic: bool
    gap_after: str = ""


@dataclass(slots=True)
class _Hit:
    part: Part
    first: int  # token index
    last: int
    skip: int  # clitic letters before the name inside the first token
    key: str
    cands: tuple[Candidate, ...]
    cue: tuple[str, str] | None = None
    after_cue: tuple[str, str] | None = None
    listed: bool = False  # inherited its cue from a list
    near_cue: bool = False  # a settlement word a few words before, in the same clause
    alias_of: _Hit | None = None
    loose: bool = False  # matched by consonant skeleton, not by a name key
    list_item_before: _Hit | None = None
    chosen: Candidate | None = None
    alternatives: tuple[int, ...] = field(default=())


# ---------------------------------------------------------------------------
# The matcher: one automaton per gazetteer, built on first use.

def place_matcher(gazetteer: Gazetteer) -> ahocorasick.Automaton:
    """The automaton over every name key of this gazetteer (built once, kept on the gazetteer)."""
    automaton = gazetteer.memo.get("places.automaton")
    if automaton is None:
        automaton = ahocorasick.Automaton()
        for key in gazetteer.name_keys():
            automaton.add_word(key, key)
        automaton.make_automaton()
        gazetteer.memo["places.automaton"] = automaton
    return automaton


@lru_cache(maxsize=1 << 16)
def _arabic_word(raw: str) -> tuple[str, bool]:
    """(folded word without its article, whether it had one)."""
    canon = arabic_token(raw)
    bare = _MARKS.sub("", fold_arabic(raw))
    return canon, len(canon) < len(bare)


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    sentence = 0
    for m in _TOKEN.finditer(text):
        start = m.start()
        while sentence < len(ends) and ends[sentence] < start:
            sentence += 1
        raw = m.group()
        if is_arabic(raw):
            canon, article = _arabic_word(raw)
            out.append(_Token(start, m.end(), raw, canon, article, sentence, True))
        else:
            canon = latin_token(raw)
            if canon:
                out.append(_Token(start, m.end(), raw, canon, False, sentence, False))
    for a, b in pairwise(out):
        a.gap_after = text[a.end:b.start]
    if out:
        out[-1].gap_after = text[out[-1].end:]
    return out


_BREAKS = re.compile(r"[–—,،()/;:.!?؟«»\"“”]")


def text_between(tokens: list[_Token], k: int) -> str:
    """What separates token k from token k+1 (kept by _tokens)."""
    return tokens[k].gap_after


def _scan(part: Part, tokens: list[_Token], gazetteer: Gazetteer) -> list[_Hit]:
    if not tokens:
        return []
    automaton = place_matcher(gazetteer)
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    pieces = []
    pos = 0
    for i, tok in enumerate(tokens):
        starts[pos] = i
        pieces.append(tok.canon)
        pos += len(tok.canon)
        ends[pos - 1] = i
        pos += 1
    stream = " ".join(pieces)
    offsets = sorted(starts)  # stream offset of each token, in token order
    found: list[_Hit] = []
    for end, key in automaton.iter(stream):
        last = ends.get(end)
        if last is None:
            continue
        begin = end - len(key) + 1
        first = starts.get(begin)
        skip = 0
        if first is None:
            # a clitic glued to the name: وحاس, بمنبج, وبنش
            j = _token_at(offsets, begin)
            if j is None or not tokens[j].arabic or tokens[j].article:
                continue
            prefix = stream[offsets[j]:begin]
            head = key.split(" ")[0]
            if prefix not in _CLITICS or len(head) < (2 if " " in key else 3):
                continue
            first, skip = j, len(prefix)
        if last > first and any(_BREAKS.search(text_between(tokens, k))
                                or (tokens[k].arabic and "-" in text_between(tokens, k))
                                for k in range(first, last)):
            continue  # «حمص – حماة» is two cities on a road, not the village «حمص حماه»
        found.append(_Hit(part, first, last, skip, key, gazetteer.lookup(key)))
    # «مدينة إدلب» is a name of Idlib district too: read the settlement word as a cue instead
    for hit in list(found):
        if hit.first < hit.last and tokens[hit.first].arabic:
            cue = _AR_CUES.get(_without_clitic(tokens[hit.first].canon))
            rest = hit.key.split(" ", 1)[1]
            if cue and cue[1] == "settle" and _settlements(gazetteer.lookup(rest)):
                found.remove(hit)
                found.append(_Hit(part, hit.first + 1, hit.last, 0, rest, gazetteer.lookup(rest)))
    # leftmost-longest, a whole-word match before a clitic-split one
    found.sort(key=lambda h: (h.first, -(h.last - h.first), h.skip))
    chosen: list[_Hit] = []
    taken_until = -1
    for hit in found:
        if hit.first > taken_until:
            chosen.append(hit)
            taken_until = hit.last
    return chosen


def _without_clitic(word: str) -> str:
    if word in _AR_CUES:
        return word
    for c in _CLITICS:
        if word.startswith(c) and word[len(c):] in _AR_CUES:
            return word[len(c):]
    return word


def _token_at(offsets: list[int], offset: int) -> int | None:
    """Index of the token whose stream text contains `offset`."""
    i = bisect_right(offsets, offset) - 1
    return i if i >= 0 else None


# ---------------------------------------------------------------------------
# Reading the context of a hit.

def _ar_cue(tokens: list[_Token], text: str, hit: _Hit) -> tuple[str, str] | None:
    """The cue word right before an Arabic name (clitics allowed: بريف, وبلدة)."""
    j = hit.first - 1
    if j < 0:
        return None
    # an adjective may sit between cue and name only in «محافظة X»-type phrases; keep it strict
    gap = text[tokens[j].end:tokens[hit.first].start]
    if any(ch in gap for ch in ".,،:;()\"“”«»\n"):
        return None
    word = tokens[j].canon
    for cand in (word, *(word[len(c):] for c in _CLITICS if word.startswith(c))):
        cue = _AR_CUES.get(cand)
        if cue and tokens[j].article and cue[1] != "none":
            return None  # «شريان المدينة القادم»: «المدينة» refers back, it names nothing
        if cue:
            return cue
    # «حي جمعية الزهراء»: a site word two words back still makes it a site
    if j >= 1:
        gap2 = text[tokens[j - 1].end:tokens[j].start]
        if not any(ch in gap2 for ch in ".,،:;()\n"):
            word2 = tokens[j - 1].canon
            for cand in (word2, *(word2[len(c):] for c in _CLITICS if word2.startswith(c))):
                cue = _AR_CUES.get(cand)
                if cue and cue[1] == "none":
                    return cue
    return None


_NEAR_WINDOW = 6


def _countryside_follows(tokens: list[_Token], last: int) -> bool:
    """«على محور كفرنبودة بريف حماة»: a name placed in a countryside is a place."""
    nxt = tokens[last + 1:last + 3]
    if not nxt or not nxt[0].arabic or tokens[last].gap_after.strip():
        return False
    words = [_without_clitic(t.canon) for t in nxt]
    return words[0] in ("ريف", "ريفي") or (words[0] == "في" and len(words) > 1 and words[1] == "ريف")


def _near_settlement_cue(tokens: list[_Token], text: str, first: int) -> bool:
    """«6 قرى في ريف حماة الشرقي أبرزها صلبا»: a settlement word shortly before, no comma between."""
    for j in range(first - 1, max(-1, first - 1 - _NEAR_WINDOW), -1):
        gap = text[tokens[j].end:tokens[j + 1].start]
        if any(ch in gap for ch in ".,،:;()\"“”«»\n"):
            return False
        word = tokens[j].canon
        if tokens[j].arabic:
            for cand in (word, *(word[len(c):] for c in _CLITICS if word.startswith(c))):
                cue = _AR_CUES.get(cand)
                if cue and cue[1] == "settle" and not tokens[j].article:
                    return True
        elif word in ("town", "towns", "vilage", "vilages", "city"):
            return True
    return False


def _en_cue(tokens: list[_Token], text: str, hit: _Hit) -> tuple[tuple[str, str] | None,
                                                               tuple[str, str] | None]:
    start = tokens[hit.first].start
    end = tokens[hit.last].end
    before = text[max(0, start - 40):start]
    # "al-" belongs to the name: look before it
    before = re.sub(r"\b(?:al|el|as|ash|ad|ar|at|az|an)[-‐]$", "", before, flags=re.IGNORECASE)
    before_cue = next(((c, h) for rx, c, h in _EN_BEFORE if rx.search(before)), None)
    after = text[end:end + 40]
    after_cue = next(((c, h) for rx, c, h in _EN_AFTER if rx.search(after)), None)
    return before_cue, after_cue


def _list_gap(tokens: list[_Token], text: str, prev: _Hit, hit: _Hit) -> bool:
    """Is `hit` the next item of a list that `prev` began?"""
    if prev.part != hit.part or prev.last + 1 > hit.first:
        return False
    gap = text[tokens[prev.last].end:tokens[hit.first].start]
    between = tokens[prev.last + 1:hit.first]
    if tokens[hit.first].arabic:
        # «وحلب»: the و is glued to the name
        glued = hit.skip > 0 and tokens[hit.first].raw.startswith("و") or (
            tokens[hit.first].raw.startswith("و") and tokens[hit.first].article)
        if between:
            return False
        return bool(_AR_LIST_GAP.match(gap)) and (glued or "–" in gap or "-" in gap or "،" in gap
                                                  or "," in gap)
    if between:
        # "Hisham bin Abdul Malik and al-Daraiya": only "and"/"or" may sit between
        return all(t.canon in ("and", "or") for t in between) and len(between) == 1 and \
            bool(re.fullmatch(r"\s*(?:and|or)\s*(?:the\s+)?", gap, re.IGNORECASE))
    return bool(_EN_LIST_GAP.match(gap))


# ---------------------------------------------------------------------------
# Choosing the row.

def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def _admin_choice(cands: tuple[Candidate, ...]) -> Candidate | None:
    for code in ("ADM1", "ADM2", "ADM3"):
        for c in cands:
            if c.place.feature_code == code:
                return c
    return None


def _own_name(c: Candidate, key: str) -> bool:
    """The key is the unit's current name, not a former or alternate one (subdistricts are
    often listed under the region they once were named after)."""
    if not c.exact:
        return False
    if c.place.feature_code != "ADM3":
        return True
    return key in (arabic_key(c.place.name_ar), latin_key(c.place.name_en))


def _settlements(cands: tuple[Candidate, ...]) -> list[Candidate]:
    return [c for c in cands if c.is_settlement]


def _article_agrees(gazetteer: Gazetteer, hit: _Hit, tokens: list[_Token], cand: Candidate) -> bool:
    """Written with ال as the gazetteer writes it (Arabic only; Latin always agrees)."""
    tok = tokens[hit.first]
    if not tok.arabic:
        return True
    forms = gazetteer.article_forms(hit.key, cand.geonames_id)
    return (tok.article and forms[0]) or (not tok.article and forms[1])


@dataclass(slots=True)
class _Context:
    """What ranks the rows a name may mean, for one mention."""

    gazetteer: Gazetteer
    hit: _Hit
    tokens: list[_Token]
    sentence_govs: set[int]
    report_govs: set[int]
    anchors: list[tuple[float, float]]

    def score(self, c: Candidate) -> tuple:
        gov = self.gazetteer.governorate_of(c.geonames_id)
        dist = 0.0
        if self.anchors and c.place.lat is not None:
            here = (c.place.lat, c.place.lon)
            dist = sum(_distance_km(here, a) for a in self.anchors) / len(self.anchors)
        return (bool(self.sentence_govs) and gov not in self.sentence_govs,
                bool(self.report_govs) and gov not in self.report_govs,
                c.country != self.gazetteer.home_country,
                not _article_agrees(self.gazetteer, self.hit, self.tokens, c),
                c.rank > _TIER_A, round(dist / 25), c.rank, -c.population, c.geonames_id)


def _resolve(hits: list[_Hit], tokens_of: dict[Part, list[_Token]], gazetteer: Gazetteer) -> None:
    # 1) admin-level mentions first: with the unambiguous towns they are the context for the rest
    # sentence → (hit no., governorate, point of a named settlement or None)
    named: dict[tuple[Part, int], list[tuple[int, int, tuple[float, float] | None]]] = {}
    report_govs: set[int] = set()
    anchors: list[tuple[float, float]] = []

    def note(i: int, hit: _Hit, c: Candidate) -> None:
        gov = gazetteer.governorate_of(c.geonames_id)
        if gov:
            sentence = (hit.part, tokens_of[hit.part][hit.first].sentence)
            point = (c.place.lat, c.place.lon) if c.is_settlement and c.place.lat is not None else None
            named.setdefault(sentence, []).append((i, gov, point))
            report_govs.add(gov)

    for i, hit in enumerate(hits):
        if hit.alias_of is not None:
            continue
        how = hit.cue[1] if hit.cue else None
        settle = _settlements(hit.cands)
        if how == "admin" or (how in (None, "admin_soft") and not settle):
            # without a cue only a unit's own name counts: «الغوطة الشرقية» is a region,
            # not the subdistrict whose formal name «ناحية الغوطة الشرقية» contains it
            choice = _admin_choice(hit.cands if how else tuple(c for c in hit.cands
                                                              if _own_name(c, hit.key)))
            if choice is None and how == "admin":
                choice = settle[0] if len(settle) == 1 else None
            if choice is not None:
                hit.chosen = choice
                note(i, hit, choice)
    for i, hit in enumerate(hits):
        if hit.chosen or hit.alias_of or (hit.cue and (hit.cue[1] == "none" or hit.cue[0] == "road")):
            continue  # a road runs between governorates: it names none of them
        settle = _settlements(hit.cands)
        if len(settle) == 1 and (settle[0].rank <= _TIER_A or hit.cue) and not _is_common(hit, tokens_of[hit.part]):
            c = settle[0]
            if c.place.lat is not None:
                anchors.append((c.place.lat, c.place.lon))
            note(i, hit, c)
    if not anchors:
        anchors = [(h.chosen.place.lat, h.chosen.place.lon) for h in hits
                   if h.chosen and h.chosen.place.lat is not None]

    for i, hit in enumerate(hits):
        if hit.alias_of is not None:
            hit.chosen = hit.alias_of.chosen
            continue
        if hit.chosen is not None:
            continue
        tokens = tokens_of[hit.part]
        how = hit.cue[1] if hit.cue else None
        if how == "none":
            hit.alternatives = tuple(c.geonames_id for c in hit.cands)
            continue
        # no settlement of that name: a subdistrict named after one («مخيم الهول» → al-Hol)
        settle = _settlements(hit.cands) or [
            c for c in hit.cands if c.place.feature_code == "ADM3" and (how or _own_name(c, hit.key))]
        if how == "site":
            settle = [c for c in settle if c.exact]
        if not settle:
            continue
        sentence = (hit.part, tokens[hit.first].sentence)
        others = [(gov, point) for j, gov, point in named.get(sentence, ()) if j != i]
        sent_govs = {gov for gov, _ in others}
        near_points = [point for _, point in others if point]
        cued = how in ("settle", "site")
        near = hit.near_cue or how == "near"  # «محور X»: a front is often, not always, a village

        if hit.loose:
            # a spelling guess is kept only where the report already is
            settle = [c for c in settle if gazetteer.governorate_of(c.geonames_id) in report_govs]
            before = hit.list_item_before
            if before is not None:
                # «بلدتي البارة وكنصفرة»: the items of one list are neighbours
                anchor = before.chosen.place if before.chosen else None
                settle = [c for c in settle if anchor is not None and anchor.lat is not None
                          and c.place.lat is not None and _distance_km(
                              (c.place.lat, c.place.lon), (anchor.lat, anchor.lon)) < _NEIGHBOURS_KM]
            if not settle:
                continue
        ranked = settle
        if len(settle) > 1:
            context = _Context(gazetteer, hit, tokens, sent_govs, report_govs, anchors)
            ranked = sorted(settle, key=context.score)
        best = ranked[0]
        best_gov = gazetteer.governorate_of(best.geonames_id)
        # in another governorate than the sentence names, and not next door to a town it names
        # (الحجر الأسود is in Rif Dimashq but a suburb of Damascus)
        elsewhere = (bool(sent_govs) and best_gov not in sent_govs and best.rank > 1
                     and not any(best.place.lat is not None and _distance_km(
                         (best.place.lat, best.place.lon), p) < _NEIGHBOURS_KM for p in near_points))
        if _is_function_word(hit, tokens) or (_is_common(hit, tokens) and not cued):
            continue
        if how == "site" and elsewhere:
            continue  # «مطار كويرس» in Aleppo is not the Kuwayris village of Idlib
        # a weak match needs a settlement word in front of it (or near it)
        weak = (elsewhere
                or not _article_agrees(gazetteer, hit, tokens, best)
                or (hit.first == hit.last and best.rank > _TIER_A and not near)
                or (not tokens[hit.first].arabic and not _capitalised(hit, tokens))
                or _inside_longer_name(hit, tokens))
        if weak and not cued:
            continue
        hit.chosen = _prominent_twin(gazetteer, best)
        hit.alternatives = tuple(c.geonames_id for c in ranked if c is not hit.chosen)


_TWIN_KM = 2.0


def _prominent_twin(gazetteer: Gazetteer, best: Candidate) -> Candidate:
    """GeoNames keeps some towns twice (‘Arbīn PPL and ‘Irbīn PPLA3, 300 m apart, one Arabic
    name): prefer the more prominent row of such a pair."""
    if not best.place.name_ar or best.place.lat is None or best.rank <= 1:
        return best
    for twin in gazetteer.find(best.place.name_ar):
        if twin.rank < best.rank and twin.is_settlement and twin.place.lat is not None and \
                _distance_km((twin.place.lat, twin.place.lon),
                             (best.place.lat, best.place.lon)) < _TWIN_KM:
            return twin
    return best


def _is_function_word(hit: _Hit, tokens: list[_Token]) -> bool:
    if hit.first != hit.last:
        return False
    tok = tokens[hit.first]
    if tok.arabic:
        return hit.key in _AR_FUNCTION or hit.key in _AR_CUES
    return tok.raw.lower() in _EN_COMMON or hit.key in _EN_COMMON


def _is_common(hit: _Hit, tokens: list[_Token]) -> bool:
    if hit.first != hit.last:
        return False
    tok = tokens[hit.first]
    word = hit.key
    if tok.arabic:
        return word in _AR_COMMON or len(word) <= 2
    return False


def _inside_longer_name(hit: _Hit, tokens: list[_Token]) -> bool:
    """"Jabhat Fateh al-Sham": a capitalised word glued before the name makes it part of another name."""
    if hit.first == 0 or tokens[hit.first].arabic:
        return False
    prev = tokens[hit.first - 1]
    opens_sentence = hit.first == 1 or tokens[hit.first - 2].sentence != prev.sentence
    return (not opens_sentence and prev.sentence == tokens[hit.first].sentence and prev.raw[:1].isupper()
            and not prev.gap_after.strip() and prev.raw.lower() not in _EN_COMMON)


def _capitalised(hit: _Hit, tokens: list[_Token]) -> bool:
    for tok in tokens[hit.first:hit.last + 1]:
        if tok.canon in ("al", "el", "as", "ash", "ad", "ar", "at", "az", "an", "bin", "ibn"):
            continue
        return tok.raw[:1].isupper()
    return False


def _category(hit: _Hit) -> str:
    if hit.alias_of is not None:
        return _category(hit.alias_of)
    if hit.cue:
        return hit.cue[0]
    if hit.chosen is None:
        return "place"
    precision = hit.chosen.place.precision
    return {"settlement": "settlement"}.get(precision, precision)


_EN_CUED_WORD = re.compile(
    r"\b(?:(town|village|city)|outskirts|entrance)\s+of\s+(?:the\s+(?:town|village)\s+of\s+)?"
    r"(?:(?:al|el|as|ash|ar|ad|at|az)[-‐])?([A-Z][a-z]{2,})\b")


def _loose_latin_hits(part: Part, text: str, tokens: list[_Token], hits: list[_Hit],
                      gazetteer: Gazetteer) -> list[_Hit]:
    """"the town of Jindires" when the gazetteer spells it Jindayris: match by consonants."""
    covered = {i for h in hits for i in range(h.first, h.last + 1)}
    by_start = {t.start: i for i, t in enumerate(tokens)}
    out = []
    for m in _EN_CUED_WORD.finditer(text):
        i = by_start.get(m.start(2))
        if i is None or i in covered or (i + 1 < len(tokens) and tokens[i + 1].raw[:1].isupper()
                                         and tokens[i + 1].sentence == tokens[i].sentence):
            continue  # a two-word name the index does not know is not guessed at
        cands = tuple(c for c in gazetteer.by_skeleton(m.group(2)) if c.is_settlement)
        if cands:
            kind = m.group(1) or "town"
            out.append(_Hit(part, i, i, 0, tokens[i].canon, cands, cue=(kind, "settle"), loose=True))
    return out


def _loose_arabic_hits(part: Part, tokens: list[_Token], hits: list[_Hit],
                       gazetteer: Gazetteer) -> list[_Hit]:
    """«بلدة كنصفرة» where the gazetteer writes كنسفرة, «بلدتي بصر الحرير» for بصرى الحريري.

    Only right after a settlement word, or as the next «و…» item of a list that
    one opened, and only when no exact name matched there.
    """
    # a bare one-word match with no cue («بصر الحرير» holds the village «الحرير») may give way
    covered = {i for h in hits if h.cue or h.first < h.last for i in range(h.first, h.last + 1)}
    # (token, cue, the list item before it)
    openings: list[tuple[int, tuple[str, str], _Hit | None]] = []
    for i, tok in enumerate(tokens[:-1]):
        cue = _AR_CUES.get(_without_clitic(tok.canon)) if tok.arabic else None
        if cue and cue[1] == "settle" and not tok.article and not tok.gap_after.strip():
            openings.append((i + 1, cue, None))
    for h in hits:
        nxt = h.last + 1
        if h.cue and h.cue[1] == "settle" and nxt < len(tokens) and \
                tokens[h.last].gap_after.strip() in ("", "،", ",") and tokens[nxt].raw.startswith("و"):
            openings.append((nxt, h.cue, h))
    out: list[_Hit] = []
    for start, cue, item_before in sorted(openings, key=lambda o: o[0]):
        after_and = item_before is not None
        if start in covered or not tokens[start].arabic:
            continue
        for width in (2, 1):
            end = start + width - 1
            if end >= len(tokens) or any(j in covered for j in range(start, end + 1)):
                continue
            if width == 2 and tokens[start].gap_after.strip():
                continue
            words = [t.canon for t in tokens[start:end + 1]]
            if after_and:
                words[0] = words[0][1:]
            if len("".join(words)) < 4 or words[0] in _AR_CUES or words[0] in _AR_FUNCTION \
                    or words[0] in _AR_COMMON or words[-1].endswith(("ها", "هم", "هما")) \
                    or tokens[end].raw.endswith(("اً", "ًا")):
                continue  # «ومحيطها», «عليها»: a pronoun suffix marks a common word
            cands = tuple(c for c in gazetteer.by_skeleton(" ".join(words)) if c.is_settlement)
            if cands:
                out.append(_Hit(part, start, end, 1 if after_and else 0, " ".join(words), cands,
                                cue=cue, loose=True, list_item_before=item_before))
                covered.update(range(start, end + 1))
                hits[:] = [h for h in hits if h.last < start or h.first > end]
                break
    return out


def find_places(report: Report, gazetteer: Gazetteer) -> tuple[PlaceMention, ...]:
    """Every place named in the title and text, linked where a gazetteer row fits."""
    hits: list[_Hit] = []
    tokens_of: dict[Part, list[_Token]] = {}
    texts: dict[Part, str] = {}
    for part in ("title", "text"):
        text = report.part(part)
        texts[part] = text
        tokens = _tokens(text)
        tokens_of[part] = tokens
        part_hits = _scan(part, tokens, gazetteer)
        prev: _Hit | None = None
        for hit in part_hits:
            if tokens[hit.first].arabic:
                hit.cue = _ar_cue(tokens, text, hit)
                own = _AR_CUES.get(_without_clitic(tokens[hit.first].canon))
                if own and own[1].startswith("admin") and hit.first < hit.last:
                    hit.cue = own  # «محافظة إدلب», «ريف دمشق», «منطقة عفرين»: the unit itself
            else:
                before_cue, hit.after_cue = _en_cue(tokens, text, hit)
                hit.cue = hit.after_cue or before_cue
            if hit.cue is None and prev is not None and _list_gap(tokens, text, prev, hit):
                if prev.cue:
                    hit.cue, hit.listed = prev.cue, True
                hit.near_cue = prev.near_cue
            if hit.cue is None and not hit.near_cue and hit.first == hit.last:
                hit.near_cue = (_near_settlement_cue(tokens, text, hit.first)
                                or _countryside_follows(tokens, hit.last))
            if hit.after_cue and prev is not None and prev.cue is None and \
                    _list_gap(tokens, text, prev, hit):
                prev.cue = hit.after_cue  # "the Aleppo-Damascus highway": both ends are the road's
            if prev is not None and prev.last + 1 == hit.first and \
                    tokens[prev.last].gap_after.strip() == "(" and \
                    tokens[hit.last].gap_after.strip().startswith(")"):
                hit.alias_of = prev  # «مدينة عين العرب (كوباني)»: one place, two names
            prev = hit
        if tokens and not tokens[0].arabic:
            part_hits.extend(_loose_latin_hits(part, text, tokens, part_hits, gazetteer))
        elif tokens:
            part_hits.extend(_loose_arabic_hits(part, tokens, part_hits, gazetteer))
        part_hits.sort(key=lambda h: h.first)
        hits.extend(part_hits)
    _resolve(hits, tokens_of, gazetteer)
    out = []
    for hit in hits:
        tokens = tokens_of[hit.part]
        if hit.chosen is None and not hit.cue:
            continue  # an unlinked bare word is not a place mention
        start = tokens[hit.first].start + hit.skip
        if tokens[hit.first].article and not hit.skip:
            # «والزهراء»: the mention starts at the article, not at the conjunction
            lead = fold_arabic(tokens[hit.first].raw, keep_length=True).find("ال")
            start += max(lead, 0)
        end = tokens[hit.last].end
        out.append(PlaceMention(
            span=Span.of(report, hit.part, start, end),
            place=hit.chosen.place if hit.chosen else None,
            category=_category(hit),
            alternatives=hit.alternatives,
        ))
    return tuple(out)
