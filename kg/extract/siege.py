"""kg.siege.v1 — a siege reported as lifted or broken, and its phases.

A report yields a SiegeLifting only when it says the siege *was* lifted or
broken (فك الحصار, كسر الحصار, "break the siege", "ending a siege"); an
attempt («في محاولة لفك الحصار», "trying to break the siege") or an
ongoing siege gives None.

- place: the first place named after the lifting words in that sentence
  («فك الحصار عن بلدتي نبل والزهراء», "the siege of Aleppo Central Prison");
  failing that, the settlement the report names most often (dev-000 speaks
  of «المدينة» and names Deir ez-Zor throughout). governorate: its ADM1.
- day: the date in the same sentence nearest to the lifting words, leaving
  out start dates («بدأت», «انطلق», "since"); then any date of the report.
- phases: after a stage count («على 3 مراحل», "three stages") each ordinal
  marker («أولها», «ومن ثم», «المرحلة الثالثة», "first", "then", "the third
  stage") opens a phase whose target is the report's own words up to the
  next marker.
"""

from __future__ import annotations

import re
from datetime import date

from kg.model import DateMention, Part, Phase, PlaceMention, Report, SiegeLifting, Span
from kg.text.normalise import fold_arabic

__all__ = ["find_siege"]

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d]")


class _Folded:
    """A part's text folded for matching, with a map back to original offsets."""

    def __init__(self, text: str) -> None:
        folded = fold_arabic(text, keep_length=True)
        if not _MARKS.search(folded):
            self.text = folded.lower()  # the common case: offsets are already the original ones
            self._orig = None
            return
        keep = [i for i, ch in enumerate(folded) if not _MARKS.match(ch)]
        self.text = "".join(folded[i] for i in keep).lower()
        self._orig = keep + [len(text)]

    def orig(self, i: int) -> int:
        return i if self._orig is None else self._orig[i]


# Any siege word at all, in any spelling (حصار, الحصار, حصاراً, siege): the cheap first test.
_SIEGE_WORD = re.compile(r"حصار|حِصار|طوق|siege", re.IGNORECASE)
# Lifting words. Arabic: a form of فك / كسر + (ال)حصار, or فتح/كسر الطوق.
_AR_LIFT = re.compile(
    r"(?<![\w])(?:[وف]?(?:ب|ل)?(?:ت|ي|ن)?(?:فك|كسر|رفع)(?:ت|وا|ا|ها)?|[وف]?(?:ب|ل)?(?:ال)?انهاء)"
    r"\s+(?:ال)?(?:حصار|طوق)"
    # «فكت قوات النظام الحصار»: the subject between verb and object
    r"|(?<![\w])[وف]?(?:فكت|كسرت|فكوا|كسروا|رفعت)\s+(?:[^\s.،,]+\s+){1,4}(?:ال)?(?:حصار|طوق)")
_EN_LIFT = re.compile(
    r"\b(?:(?:break|breaks|breaking|broke|broken|lift|lifts|lifting|lifted|end|ends|ending|ended)"
    r"(?:\s+through)?\s+(?:the|a|an|its|their)\s+(?:[\w'-]+\s+){0,2}siege"
    r"|siege\s+(?:\w+\s+){0,3}(?:was|has\s+been|had\s+been|is)\s+(?:lifted|broken|ended))\b")
# An attempt or a purpose, not an accomplished lifting.
_AR_INTENT = re.compile(r"(?<![\w])[وفبل]?(?:محاول\w*|سعي|تسعي|يسعي|تحاول|يحاول|بهدف|هدف\w*|فشل\w*|لم\s+تتمكن|"
                        r"خطه|تهدف|تعزيزات|معركه|معارك|بدء|بدات|بدا|انطلاق|اطلاق|اطلقت|"
                        r"تستعد|يستعد|استعداد\w*|تمهيدا|امل|مطالب\w*|دعوات|دعت)\s+(?:\S+\s+){0,4}$")
_AR_PURPOSE = re.compile(r"(?<![\w])ل(?:فك|كسر)\s")  # «لفك الحصار»: in order to lift
_AR_ACCOMPLISHED = re.compile(r"(?:تمكن\w*|نجح\w*|استطاع\w*|عملي[هة])\s+(?:\S+\s+){0,12}$")
_EN_INTENT = re.compile(
    r"\b(?:attempt\w*|try\w*|tried|aim\w*|seek\w*|sought|fail\w*|plan\w*|bid|effort\w*|push\w*|"
    r"hop\w*|unable|reinforcements?)\s+(?:\w+\s+){0,2}to\s+$")
_EN_INFINITIVE = re.compile(r"\bto\s+$")
_EN_ACCOMPLISHED = re.compile(r"(?:managed|succeeded|able|went\s+on)\s+(?:\w+\s+){0,2}to\s+$")

# Start dates are not the day the siege was broken.
_START_BEFORE = re.compile(r"(?:بدا\w*|انطلق\w*|منذ|مطلع|since|began|started|start\s+of|from)\s+(?:\S+\s+){0,4}$")

# Stage counts and ordinal markers.
_NUM_AR = {"اثنتين": 2, "مرحلتين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5}
_NUM_EN = {"two": 2, "three": 3, "four": 4, "five": 5}  # "several stages": no count
_AR_STAGES = re.compile(r"(?:ب|علي\s+)?(\d+|ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه)\s+مراحل|مرحلتين"
                        r"|(?:عده|بعده)\s+مراحل|مراحل\s+عده|علي\s+مراحل")
_EN_STAGES = re.compile(r"\b(\d+|two|three|four|five|several|multiple|successive)\s+"
                        r"(?:stages|phases|steps)\b|\bin\s+(?:stages|phases)\b")
_AR_ORDINALS = r"(?:الاولي|الثانيه|الثالثه|الرابعه|الخامسه|الاخيره)"
_AR_MARKER = re.compile(
    r"(?<![\w])(?:(?:و|ف)?(?:ثم\s+|من\s+ثم\s+)?(?:ال)?مرحله\s+" + _AR_ORDINALS +
    r"(?:\s+و\s*الاخيره|\s+والاخيره)?"
    r"|(?:و|ف)?" + _AR_ORDINALS +  # «بدأت الأولى …، وتلتها الثانية …»
    r"|اولها|اولاها|اولهما|(?:و|ف)?(?:ثانيها|ثانيتها|ثالثها|ثالثتها|اخرها|اخرتها)"
    r"|(?:و|ف)?من\s+ثم|(?:و|ف)?ثم|(?:و|ف)?بعدها|(?:و|ف)?اخيرا)(?![\w])")
_EN_ORD = r"(?:first|second|third|fourth|fifth|final|last)"
_EN_MARKER = re.compile(
    r"\b(?:(?:and\s+)?the\s+" + _EN_ORD + r"\s+(?:stage|phase|step)(?:\s+(?:was|saw|involved))?"
    r"|(?:first|firstly|secondly|thirdly|finally)\b,?|then\b|(?:second|third),)")
# Words around a phase's objective that are grammar, not objective.
_AR_LEAD = re.compile(r"^(?:\s|[,،:;]|ب(?=ال)|منها|منه|هي|وهي|كانت|فكانت|تمثلت|تمثل|في|التي|الذي|"
                      r"استهدفت|شملت|فكان|كان)+(?=\S)")
_AR_TAIL = re.compile(r"(?:[\s,،;:.]|و|فيما|بينما|اما|كانت|تمثلت|حيث|في\s+حين)+$")
_EN_LEAD = re.compile(r"^(?:\s|[,;:]|was|were|is|the\s+stage\s+was)+(?=\S)", re.IGNORECASE)
_EN_TAIL = re.compile(r"(?:[\s,;:.]|\band\b|\bwhile\b)+$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _sentence_bounds(text: str, i: int) -> tuple[int, int]:
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, i)), default=0)
    m = _SENTENCE_END.search(text, i)
    return start, m.start() if m else len(text)


def _liftings(report: Report) -> list[tuple[Part, int, int]]:
    """Every accomplished lifting: (part, start, end) in original offsets, title first."""
    english = report.lang == "en"
    found: list[tuple[Part, int, int]] = []
    if not _SIEGE_WORD.search(report.title) and not _SIEGE_WORD.search(report.text):
        return found  # most reports: no siege word at all
    for part in ("title", "text"):
        text = report.part(part)
        if not text:
            continue
        folded = _Folded(text)
        ft = folded.text
        for m in (_EN_LIFT if english else _AR_LIFT).finditer(ft):
            before = ft[max(0, m.start() - 80):m.start()]
            if english:
                if _EN_INTENT.search(before):
                    continue
                if _EN_INFINITIVE.search(before) and not _EN_ACCOMPLISHED.search(before):
                    continue
            else:
                if _AR_INTENT.search(before):
                    continue
                if _AR_PURPOSE.match(ft, m.start()) and not _AR_ACCOMPLISHED.search(before):
                    continue
            found.append((part, folded.orig(m.start()), folded.orig(m.end() - 1) + 1))
    return found


def _besieged(report: Report, part: Part, start: int, end: int,
              places: tuple[PlaceMention, ...], *, direct_only: bool = False) -> PlaceMention | None:
    text = report.part(part)
    _, sent_end = _sentence_bounds(text, start)
    after = [p for p in places if p.span.part == part and end <= p.span.start < sent_end
             and p.category not in ("countryside", "desert", "governorate", "area")]
    for mention in after:
        if mention.place is not None or mention.category in ("airport", "prison", "camp", "site"):
            return mention
    if direct_only:
        return None
    # «فتح شريان المدينة»: the city the report keeps naming
    counts: dict[int, int] = {}
    first: dict[int, PlaceMention] = {}
    for p in places:
        if p.place is not None and p.place.precision == "settlement" and p.place.geonames_id:
            counts[p.place.geonames_id] = counts.get(p.place.geonames_id, 0) + 1
            first.setdefault(p.place.geonames_id, p)
    if counts:
        best = max(counts, key=lambda gid: counts[gid])
        if counts[best] > 1 or len(counts) == 1:
            return first[best]
    return None


def _governorate(mention: PlaceMention | None, part: Part, start: int, report: Report,
                 places: tuple[PlaceMention, ...], gazetteer) -> object | None:
    if mention is not None and mention.place is not None:
        gov = mention.place.governorate_id
        if gov is not None:
            return gazetteer.get(gov) if gazetteer is not None else None
    # an unlinked site («مطار كويرس»): the governorate named in the same sentence
    text = report.part(part)
    s, e = _sentence_bounds(text, start)
    for p in places:
        if p.span.part == part and s <= p.span.start < e and p.place is not None \
                and p.place.precision == "governorate":
            return p.place
    return None


def _day(part: Part, start: int, report: Report, dates: tuple[DateMention, ...]) -> date | None:
    text = report.part(part)
    s, e = _sentence_bounds(text, start)

    def is_start(d: DateMention) -> bool:
        t = report.part(d.span.part)
        before = fold_arabic(t[max(0, d.span.start - 40):d.span.start]).lower()
        return bool(_START_BEFORE.search(before))

    same = [d for d in dates if d.span.part == part and s <= d.span.start < e and not is_start(d)]
    if same:
        return min(same, key=lambda d: abs(d.span.start - start)).day
    others = [d for d in dates if not is_start(d)]
    # the same paragraph, nearest first
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", start)
    para_end = len(text) if para_end < 0 else para_end
    near = [d for d in others if d.span.part == part and para_start <= d.span.start < para_end]
    if near:
        return min(near, key=lambda d: abs(d.span.start - start)).day
    # a lifting named in the title, its date in the text; or a report with one date only
    if others and (part == "title" or len({d.day for d in others}) == 1):
        return others[0].day
    return None


def _phases(report: Report, part: Part, start: int, places: tuple[PlaceMention, ...]) -> tuple[Phase, ...]:
    english = report.lang == "en"
    for p in (part, "text") if part == "title" else (part,):
        text = report.part(p)
        folded = _Folded(text)
        ft = folded.text
        stages = (_EN_STAGES if english else _AR_STAGES).search(ft)
        if not stages:
            continue
        count = _stage_count(stages, english)
        # the stages may be told over several sentences of the same paragraph
        para_end = ft.find("\n", stages.end())
        para_end = len(ft) if para_end < 0 else para_end
        markers = list((_EN_MARKER if english else _AR_MARKER).finditer(ft, stages.end(), para_end))
        markers = [m for m in markers if _NAMED_STAGE.search(m.group(0)) or _after_break(ft, m.start())]
        markers = _in_sequence(_merge_adjacent(markers, ft), ft)
        strong = [m for m in markers if _strong(ft[m.start():m.end()])]
        if len(strong) >= max(2, count or 0):
            markers = strong  # «المرحلة الأولى … ثم التقدم …»: a bare ثم inside a phase opens none
        if not markers:
            return ()
        if count:
            markers = markers[:count]
        out = []
        for n, m in enumerate(markers, 1):
            seg_start = m.end()
            _, sent_end = _sentence_bounds(ft, seg_start)
            seg_end = min(markers[n].start(), sent_end) if n < len(markers) else sent_end
            if n < len(markers) and seg_end == markers[n].start():
                # «…، وتلتها الثانية»: the words after the last comma lead into the next phase
                comma = max(ft.rfind("،", seg_start, seg_end), ft.rfind(",", seg_start, seg_end),
                            ft.rfind(";", seg_start, seg_end))
                if comma > seg_start and ft[seg_start:comma].strip():
                    seg_end = comma
            if n == len(markers):
                cut = re.search(r"[,،;]", ft[seg_start:seg_end])
                if cut and ft[seg_start:seg_start + cut.start()].strip():
                    seg_end = seg_start + cut.start()
            seg = ft[seg_start:seg_end]
            lead = (_EN_LEAD if english else _AR_LEAD).match(seg)
            if lead:
                seg_start += lead.end()
                seg = ft[seg_start:seg_end]
            tail = (_EN_TAIL if english else _AR_TAIL).search(seg)
            if tail:
                seg_end = seg_start + tail.start()
            if seg_end <= seg_start:
                continue
            o_start, o_end = folded.orig(seg_start), folded.orig(seg_end - 1) + 1
            span = Span.of(report, p, o_start, o_end)
            inside = [pm for pm in places if pm.span.part == p and o_start <= pm.span.start < o_end]
            place = next((pm for pm in inside if pm.place is not None), inside[0] if inside else None)
            out.append(Phase(order=len(out) + 1, target=span.quote, span=span, place=place))
        return tuple(out)
    return ()


_STRONG = re.compile(r"مرحله|اولها|اولاها|اولهما|ثانيها|ثانيتها|ثالثها|ثالثتها|اخرها|اخرتها|"
                     r"stage|phase|step|first|" + _AR_ORDINALS)


# A marker that names the stage needs no comma before it; "first" or «ثم» does.
_NAMED_STAGE = re.compile(r"مرحله|اولها|اولاها|اولهما|ثانيها|ثانيتها|ثالثها|ثالثتها|اخرها|اخرتها|"
                          r"stage|phase|step|" + _AR_ORDINALS)
_ORDINAL_VALUE = {"الاولي": 1, "اولها": 1, "اولاها": 1, "اولهما": 1, "first": 1, "firstly": 1,
                  "الثانيه": 2, "ثانيها": 2, "ثانيتها": 2, "second": 2, "secondly": 2,
                  "الثالثه": 3, "ثالثها": 3, "ثالثتها": 3, "third": 3, "thirdly": 3,
                  "الرابعه": 4, "fourth": 4, "الخامسه": 5, "fifth": 5}
_ORDINAL_WORD = re.compile("|".join(sorted(_ORDINAL_VALUE, key=len, reverse=True)))


def _in_sequence(markers: list, ft: str) -> list:
    """Keep markers whose ordinal is the next one due: «للمرة الأولى» inside a phase opens none."""
    out = []
    for m in markers:
        word = _ORDINAL_WORD.search(ft, m.start(), m.end())
        if word and _ORDINAL_VALUE[word.group()] != len(out) + 1:
            continue
        out.append(m)
    return out


def _strong(marker: str) -> bool:
    return bool(_STRONG.search(marker))


def _after_break(ft: str, i: int) -> bool:
    """A bare «ثم» / "then" opens a phase only after a comma, a colon or a conjunction."""
    before = ft[max(0, i - 6):i].rstrip()
    return not before or before[-1] in ",،;:" or before.endswith((" and", " و")) or \
        ft[i:i + 1] in ("و", "ف")


def _stage_count(m: re.Match, english: bool) -> int | None:
    if m.group(0) == "مرحلتين":
        return 2
    word = m.group(1)
    if word is None:
        return None  # «على مراحل», "in stages": as many as the markers say
    if word.isdigit():
        return int(word)
    return (_NUM_EN if english else _NUM_AR).get(word)


def _merge_adjacent(markers: list[re.Match], ft: str) -> list[re.Match]:
    """«ثم المرحلة الثانية»: two markers with nothing between them open one phase."""
    out: list[re.Match] = []
    for m in markers:
        if out and not ft[out[-1].end():m.start()].strip(" ,،"):
            out[-1] = _Joined(out[-1].start(), m.end())  # type: ignore[assignment]
        else:
            out.append(m)
    return out


class _Joined:
    """Two adjacent marker matches read as one."""

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def find_siege(report: Report, *, places: tuple[PlaceMention, ...], dates: tuple[DateMention, ...],
               gazetteer) -> SiegeLifting | None:
    found = _liftings(report)
    if not found:
        return None
    # the body tells the story; a title only repeats it in fewer words
    part, start, end = next((f for f in found if f[0] == "text"), found[0])
    place = None
    for f_part, f_start, f_end in found:
        place = _besieged(report, f_part, f_start, f_end, places, direct_only=True)
        if place is not None:
            break
    if place is None:
        place = _besieged(report, part, start, end, places)
    governorate = _governorate(place, part, start, report, places, gazetteer)
    return SiegeLifting(
        span=Span.of(report, part, start, end),
        place=place,
        day=_day(part, start, report, dates),
        phases=_phases(report, part, start, places),
        governorate=governorate,  # type: ignore[arg-type]
    )
