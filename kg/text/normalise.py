"""Arabic and Latin normalisation used for matching (never for storing).

Matching needs one form for the many ways a name is written:
hamza/madda alef forms → ا, taa marbuta → ه, alef maqsura → ي, diacritics and
tatweel removed, Eastern Arabic digits → Western. Each function keeps the
string's length where `keep_length=True`, so offsets found in the normalised
text are offsets in the original text too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "MatchView",
    "fold_arabic",
    "fold_for_matching",
    "fold_latin",
    "fold_pattern",
    "strip_article",
    "to_western_digits",
    "view_of",
]

# Arabic thousands (٬) and decimal (٫) separators go with the digits.
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")

# One-to-one replacements: the folded string has the same length as the input.
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "“": '"', "”": '"', "«": '"', "»": '"',
    "–": "-", "—": "-", "،": ",", "؛": ";",
})
# Diacritics (harakat, shadda, sukun, superscript alef) and tatweel.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")


def to_western_digits(text: str) -> str:
    return text.translate(_EASTERN_DIGITS)


def fold_arabic(text: str, *, keep_length: bool = False) -> str:
    """Fold Arabic spelling variants to one form.

    With keep_length=True, each diacritic or tatweel becomes one zero-width
    non-joiner (U+200C) instead of being removed, so character offsets in the
    folded text are offsets in the original.
    """
    text = to_western_digits(text).translate(_LETTERS)
    if keep_length:
        return _MARKS.sub("\u200c", text)
    return _MARKS.sub("", text)


def fold_latin(text: str) -> str:
    """Lower-case and strip accents and transliteration marks (Ḩalab → halab)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("ʿ", "").replace("ʾ", "").replace("'", "").replace("’", "").replace("‘", "")
    return re.sub(r"[\s\-_]+", " ", bare.lower()).strip()


_ARTICLE = re.compile(r"^(?:و|ف|ب|ل|وب|ول|فب|فل)?(?:ال|لل)")
_CLITIC = re.compile(r"^(?:و|ف|ب|ل|وب|ول)(?=\S{3,})")


def strip_article(word: str) -> str:
    """Drop a leading conjunction/preposition clitic and the article: وبالرقة → رقه-form.

    Expects a folded word. Returns the bare stem, which may equal the input.
    """
    stripped = _ARTICLE.sub("", word, count=1)
    if stripped != word and len(stripped) >= 2:
        return stripped
    return _CLITIC.sub("", word, count=1)


# ---------------------------------------------------------------------------
# Matching view of a text: folded, quotes and marks dropped, whitespace runs
# collapsed, lower-cased — with a map back to the original offsets. Variants
# in the vocabularies are written with and without quotes («"قسد"», «قسد»),
# with and without diacritics; deleting those characters (rather than
# replacing them) lets one pattern match every spelling.

_DROP = frozenset('"\'“”«»„‟`\u200c\u200d\u200f\u200e') | frozenset(
    chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}


class MatchView:
    """`text` is the folded form; `origin[i]` is the offset in the source of text[i]."""

    __slots__ = ("origin", "source", "text")

    def __init__(self, source: str) -> None:
        folded = to_western_digits(source).translate(_LETTERS)
        chars: list[str] = []
        origin: list[int] = []
        previous_space = True
        pos = 0
        # Copy the runs between dropped characters and whitespace in one go;
        # only those separators need a decision each.
        for m in _SEPARATORS.finditer(folded):
            if m.start() > pos:
                run = folded[pos:m.start()]
                low = run.lower()
                chars.append(low if len(low) == len(run) else "".join(
                    c.lower() if len(c.lower()) == 1 else c for c in run))
                origin.extend(range(pos, m.start()))
                previous_space = False
            ch = m.group()
            if ch not in _DROP and not previous_space:
                chars.append(" ")
                origin.append(m.start())
                previous_space = True
            pos = m.end()
        if pos < len(folded):
            run = folded[pos:]
            low = run.lower()
            chars.append(low if len(low) == len(run) else "".join(
                c.lower() if len(c.lower()) == 1 else c for c in run))
            origin.extend(range(pos, len(folded)))
        origin.append(len(source))
        self.source = source
        self.text = "".join(chars)
        self.origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets of folded characters start:end (end exclusive)."""
        if end <= start:
            o = self.origin[start]
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


_SEPARATORS = re.compile("[" + re.escape("".join(sorted(_DROP))) + r"\s\-_]")


@lru_cache(maxsize=256)
def view_of(text: str) -> MatchView:
    """The MatchView of a text, shared by the components that read the same report."""
    return MatchView(text)


def fold_for_matching(text: str) -> str:
    """The folded form used for vocabulary keys; the same rules as MatchView."""
    return MatchView(text).text.strip()


def fold_pattern(pattern: str) -> str:
    """A regex written in ordinary Arabic spelling, folded to run over MatchView text."""
    return to_western_digits(pattern).translate(_LETTERS)
