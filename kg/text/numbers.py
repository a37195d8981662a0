"""Numbers as reports write them: digits, number words, and the qualifier beside them.

Everything here works on the folded spelling of `kg.text.normalise.MatchView`
(Eastern digits already Western, ة→ه, ى→ي, أ/إ/آ→ا, lower case).

- `NUMBER_RE` finds a count: digits («1,500», «٣١») or words («خمسة عشر»,
  «ثلاثة وعشرون», «twenty-one», «مئة وعشرون», "one hundred and twelve",
  "a dozen"); `number_value` reads one.
- `arabic_words(n)` / `english_words(n)` write 1…99 back as words (used by
  tests to check that every written form reads back to its value).
- `qualifier_before` / `qualifier_after` read the hedge written beside a
  count: at least / about / more than. «ما يصل إلى» / "up to" / "as many
  as" are read as about; "over" after a phrasal verb ("handed over 20") is
  no hedge.
"""

from __future__ import annotations

import re

from kg.text.normalise import fold_pattern

__all__ = [
    "NUMBER_RE",
    "arabic_words",
    "english_words",
    "number_value",
    "qualifier_after",
    "qualifier_before",
]

_AR_UNITS: dict[int, tuple[str, ...]] = {
    1: ("واحد", "واحدة"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين"),
    3: ("ثلاثة", "ثلاث"), 4: ("أربعة", "أربع"), 5: ("خمسة", "خمس"), 6: ("ستة", "ست"),
    7: ("سبعة", "سبع"), 8: ("ثمانية", "ثماني", "ثمان"), 9: ("تسعة", "تسع"),
}
_AR_TEENS_TWELVE = ("اثنا عشر", "اثني عشر", "اثنتا عشرة", "اثنتي عشرة")
_AR_ELEVEN = ("أحد عشر", "إحدى عشرة", "احد عشرة")
_AR_TENS: dict[int, tuple[str, ...]] = {
    20: ("عشرون", "عشرين"), 30: ("ثلاثون", "ثلاثين"), 40: ("أربعون", "أربعين"),
    50: ("خمسون", "خمسين"), 60: ("ستون", "ستين"), 70: ("سبعون", "سبعين"),
    80: ("ثمانون", "ثمانين"), 90: ("تسعون", "تسعين"),
}
_AR_HUNDREDS = {100: ("مئة", "مائة"), 200: ("مئتان", "مئتين", "مائتان", "مائتين")}

_EN_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen")
_EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy",
            80: "eighty", 90: "ninety"}


def _build_words() -> dict[str, int]:
    words: dict[str, int] = {}

    def put(form: str, value: int) -> None:
        words.setdefault(fold_pattern(form), value)

    for n, forms in _AR_UNITS.items():
        for f in forms:
            put(f, n)
    for f in ("عشرة", "عشر"):
        put(f, 10)
    for f in _AR_ELEVEN:
        put(f, 11)
    for f in _AR_TEENS_TWELVE:
        put(f, 12)
    for n in range(3, 10):
        for u in _AR_UNITS[n]:
            for ten in ("عشر", "عشرة"):
                put(f"{u} {ten}", 10 + n)
    for t, tens in _AR_TENS.items():
        for f in tens:
            put(f, t)
            for n, units in _AR_UNITS.items():
                for u in units:
                    put(f"{u} و{f}", t + n)
    for h, forms in _AR_HUNDREDS.items():
        for f in forms:
            put(f, h)
    for i, u in enumerate(_EN_UNITS, 1):
        put(u, i)
    for i, t in enumerate(_EN_TEENS, 10):
        put(t, i)
    for t, f in _EN_TENS.items():
        put(f, t)
        for i, u in enumerate(_EN_UNITS, 1):
            put(f"{f} {u}", t + i)  # «twenty-one»: the hyphen is a space in the folded view
    put("a hundred", 100)
    put("one hundred", 100)
    for form, value in (("a dozen", 12), ("half a dozen", 6), ("two dozen", 24), ("three dozen", 36)):
        put(form, value)
    return words


def _build_hundreds() -> dict[str, int]:
    """Hundreds that may open a compound: «ثلاثمئة», «ثلاث مئة», «مئتين», "two hundred"."""
    out: dict[str, int] = {}

    def put(form: str, value: int) -> None:
        out.setdefault(fold_pattern(form), value)

    for h, forms in _AR_HUNDREDS.items():
        for f in forms:
            put(f, h)
    for n in range(3, 10):
        unit = _AR_UNITS[n][1] if n != 8 else "ثمان"
        for hundred in ("مئة", "مائة"):
            put(f"{unit}{hundred}", n * 100)
            put(f"{unit} {hundred}", n * 100)
    put("a hundred", 100)
    put("one hundred", 100)
    for i, u in enumerate(_EN_UNITS, 1):
        put(f"{u} hundred", i * 100)
    return out


_HUNDREDS = _build_hundreds()
_HUNDRED_ALT = "|".join(re.escape(w) for w in sorted(_HUNDREDS, key=len, reverse=True))


_WORDS = _build_words()
_WORD_ALT = "|".join(re.escape(w) for w in sorted(_WORDS, key=len, reverse=True))

# A count: grouped digits, plain digits, or number words (longest first).
# «و» may be glued to the front («و٩», «وثلاث»): it is left outside the match.
NUMBER_RE = re.compile(
    rf"(?:(?<![\w.,])|(?<=(?<![\w])و))(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?![\w%])"
    # «مئة وعشرون», "one hundred and twelve": hundreds, then what is added to them
    rf"|(?:(?<![\w])|(?<=(?<![\w])و))(?:{_HUNDRED_ALT})(?: و| and | )(?:{_WORD_ALT})(?![\w])"
    rf"|(?:(?<![\w])|(?<=(?<![\w])و))(?:{_HUNDRED_ALT}|{_WORD_ALT})(?![\w])"
)


def number_value(token: str) -> int | None:
    """The value of a count matched by NUMBER_RE (None for a decimal)."""
    token = token.strip()
    if token[:1].isdigit():
        if "." in token:
            return None
        return int(token.replace(",", ""))
    if token in _WORDS:
        return _WORDS[token]
    if token in _HUNDREDS:
        return _HUNDREDS[token]
    for head in sorted((h for h in _HUNDREDS if token.startswith(h + " ")), key=len, reverse=True):
        rest = token[len(head):].strip()
        rest = rest[4:] if rest.startswith("and ") else rest[1:] if rest.startswith("و") else rest
        if rest in _WORDS:
            return _HUNDREDS[head] + _WORDS[rest]
    return None


def arabic_words(n: int, *, feminine: bool = False) -> str:
    """1…99 in Arabic words (nominative), as reports write them."""
    if not 1 <= n <= 99:
        raise ValueError("only 1…99")
    units = {k: v[1] if feminine and len(v) > 1 and k > 2 else v[0] for k, v in _AR_UNITS.items()}
    if n < 10:
        return units[n]
    if n == 10:
        return "عشرة"
    if n == 11:
        return _AR_ELEVEN[0]
    if n == 12:
        return _AR_TEENS_TWELVE[0]
    if n < 20:
        return f"{units[n - 10]} عشر"
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _AR_TENS[tens * 10][0]
    return f"{units[unit]} و{_AR_TENS[tens * 10][0]}"


def english_words(n: int) -> str:
    if not 1 <= n <= 99:
        raise ValueError("only 1…99")
    if n < 10:
        return _EN_UNITS[n - 1]
    if n < 20:
        return _EN_TEENS[n - 10]
    tens, unit = divmod(n, 10)
    return _EN_TENS[tens * 10] + (f"-{_EN_UNITS[unit - 1]}" if unit else "")


# --- qualifiers ----------------------------------------------------------------

_BEFORE = [
    ("at_least", r"ما لا يقل عن|لا يقل عن|ما لا يقل على|على الأقل|at least|no fewer than|no less than|a minimum of"),
    ("more_than", r"أكثر من|ما يزيد عن|ما يزيد على|يزيد عن|يزيد على|أزيد من|ما يربو على|ما يفوق|يفوق|ما ينوف عن|ما ينوف على|more than|over|upwards of|in excess of"),
    ("about", r"نحو|قرابة|حوالي|حوالى|زهاء|ما يقارب|ما يقرب من|يقارب|ما يناهز|يناهز|قرابه|about|nearly|around|approximately|roughly|almost|some|close to|an estimated|ما يصل إلى|ما يصل الى|up to|as many as"),
]
# «قرابة الـ 30»: the article may stand between the hedge and the number
_BEFORE_RE = [(q, re.compile(rf"(?:^|(?<=[\s,]))(?:و|ف)?(?:{fold_pattern(p)}) ?(?:ال ?)?$")) for q, p in _BEFORE]
_AFTER_RE = re.compile(fold_pattern(r"\s*(?:على الأقل|at least|or more)(?![\w])"))


# "handed over 20", "took over 3 villages": «over» belongs to the verb there
_PHRASAL_OVER = re.compile(r"(?:^|\s)(?:hand|hands|handed|handing|took|take|takes|taken|taking|turned|turn|"
                           r"turns|won|win|wins|passed|pass|came|come|flew|fly|flying)\s+over\s?$")


def qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    """The qualifier written just before text[start:] and where it begins."""
    head = text[max(0, start - 24):start]
    for qualifier, pattern in _BEFORE_RE:
        m = pattern.search(head)
        if m:
            if qualifier == "more_than" and _PHRASAL_OVER.search(text[max(0, start - 24):start]):
                continue
            return qualifier, start - (len(head) - m.start())
    return None


def qualifier_after(text: str, end: int) -> int | None:
    """End offset of «على الأقل» / «at least» written right after text[:end], if any."""
    m = _AFTER_RE.match(text, end)
    return m.end() if m else None
