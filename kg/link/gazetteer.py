"""GeoNames gazetteer: a name index over populated places and admin units.

The index maps *name keys* (spelling-folded, article-free token sequences, see
`arabic_key` / `latin_key`) to GeoNames rows. It is built from a GeoNames dump
(19 tab-separated columns, one country or allCountries) and is cached as a
compact JSON index, because folding the names of every row takes about ten
times longer than reading the folded keys back (≈0.9 s against ≈0.07 s for
the shipped Syria data).

Only feature classes P (populated places) and A (admin units) are kept: the
extractor must never link an airport, base, field or road to a GeoNames id,
so those rows are of no use here even when a full dump carries them.

The shipped Syria data lives in kg/data/gazetteer (GeoNames, CC BY 4.0; see
NOTICE there for the attribution that must travel with it).
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.errors import GazetteerError
from kg.model import Place
from kg.text.normalise import fold_arabic, fold_latin

__all__ = [
    "INDEX_FORMAT",
    "Candidate",
    "Gazetteer",
    "arabic_key",
    "arabic_token",
    "build_shipped_index",
    "is_arabic",
    "latin_key",
    "latin_token",
    "name_skeleton",
    "shipped_data_dir",
]

INDEX_FORMAT = "conflict-kg-gazetteer/1"
_SHIPPED_INDEX = "index.json.gz"
_DUMP_COLUMNS = 19

# ---------------------------------------------------------------------------
# Name keys. The same functions fold gazetteer names and report tokens, so a
# key found in a report is a key of the index.

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_EXTRA_ARABIC = str.maketrans({"ی": "ي", "ک": "ك", "ٱ": "ا", "ہ": "ه", "ۃ": "ه"})
_NON_WORD = re.compile(r"[^\w]+")
_ARABIC_NOISE = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d]")


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_LETTER.search(text))


@lru_cache(maxsize=1 << 16)
def arabic_token(token: str) -> str:
    """One folded Arabic word without its article (and without a clitic before it).

    الزهراء / والزهراء / بالزهراء / للمطار → زهراء / زهراء / زهراء / مطار.
    A clitic without the article (وحاس, بنش) is left on: whether ب is a
    preposition or the first letter of a name cannot be told from the word
    alone, so the matcher tries both (see kg.extract.places).
    """
    word = _ARABIC_NOISE.sub("", fold_arabic(token).translate(_EXTRA_ARABIC))
    if len(word) > 4 and word.startswith("لل"):
        return word[2:]
    stripped = re.sub(r"^(?:[وف]?[بكل]?)ال(?=..)", "", word, count=1)
    return stripped


def arabic_key(name: str) -> str:
    name = _ARABIC_NOISE.sub("", fold_arabic(name))  # marks first: a shadda is not a word break
    words = [arabic_token(w) for w in _NON_WORD.split(name) if w]
    return " ".join(w for w in words if w)


# Name-initial words transliterated several ways (Ain/Ayn/Ein al-Fijah, Tal/Tell Tamr).
_LATIN_SAME = {"ain": "ayn", "ein": "ayn", "tal": "tel", "tall": "tel", "tell": "tel", "kfar": "kafr",
               "kafar": "kafr", "deir": "dayr", "dair": "dayr", "der": "dayr", "jebel": "jabal",
               "jabel": "jabal", "khirbet": "khirbat", "khirba": "khirbat", "um": "umm", "bir": "bir",
               "beit": "bayt", "bait": "bayt", "ras": "ras", "rass": "ras", "sheikh": "shaykh",
               "shaikh": "shaykh", "shaykh": "shaykh"}
_LATIN_ARTICLES = frozenset({"al", "el", "as", "ash", "ad", "adh", "ar", "at", "ath", "az", "an",
                             "es", "ed", "er", "et", "ez", "en", "ech", "l"})


@lru_cache(maxsize=1 << 16)
def latin_token(token: str) -> str:
    """Fold a Latin word so common transliteration variants meet.

    Raqqah/Raqqa, Hammuriyah/Hamuriya, Douma/Duma, Deir/Dayr stay apart only
    where the letters really differ; doubled letters, a final h after a
    vowel and ou/u are folded.
    """
    word = fold_latin(token).replace(" ", "")
    word = re.sub(r"[^a-z0-9]", "", word)
    word = re.sub(r"(.)\1+", r"\1", word)
    word = word.replace("ou", "u").replace("ee", "i")
    if len(word) > 3 and word.endswith("h") and word[-2] in "aeiou":
        word = word[:-1]
    if word in _LATIN_ARTICLES:
        return "al"  # as-Salamiyah, ash-Shaddadi, ar-Raqqa: one article
    return _LATIN_SAME.get(word, word)


_AR_EMPHATIC = str.maketrans({"ص": "س", "ث": "س", "ط": "ت", "ض": "د", "ظ": "ز", "ذ": "ز", "ه": ""})


def name_skeleton(key: str) -> str:
    """Each word's first letter and the consonants after it, spaces dropped.

    jindires / jindayris → jndrs; كنصفره / كنسفره → كنسفر; بصر حرير / بصري حريري → بصرحرر.
    """
    out = []
    for word in key.split(" "):
        if is_arabic(word):
            word = word.translate(_AR_EMPHATIC)
            out.append(word[:1] + re.sub("[اويء]", "", word[1:]))
        else:
            out.append(word[:1] + re.sub(r"[aeiouyw]", "", word[1:]))
    return "".join(out)


def latin_key(name: str) -> str:
    words = [latin_token(w) for w in re.split(r"[\s\-‐–—_/,()]+", fold_latin(name)) if w]
    return " ".join(w for w in words if w)


# ---------------------------------------------------------------------------
# Rows and the index.

_PRECISION = {"ADM1": "governorate", "ADM2": "district", "ADM3": "subdistrict"}
# Lower is more prominent: used to rank rows sharing a name.
_FEATURE_RANK = {"PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPLA3": 3, "PPLA4": 4, "PPL": 5, "PPLX": 6,
                 "PPLL": 7, "PPLF": 7, "PPLS": 8, "PPLW": 9, "PPLQ": 9, "PPLH": 9, "STLMT": 9,
                 "ADM1": 1, "ADM2": 2, "ADM3": 3, "ADM4": 4}
# Prefixes that name the unit rather than the place (منطقة منبج = Manbij district).
_ADMIN_PREFIXES_AR = ("محافظه ", "منطقه ", "ناحيه ", "مركز ")
_ADMIN_WORDS_LATIN = re.compile(
    r"\b(?:district|subdistrict|sub district|governorate|govrenorate|province|nahiyat|"
    r"muhafazat|mintaqat|nahiya|markaz)\b")
# Qualifiers GeoNames keeps in a name that reports usually drop (الباغوز فوقاني → الباغوز).
_QUALIFIERS_AR = frozenset({"فوقاني", "تحتاني", "شمالي", "جنوبي", "شرقي", "غربي", "كبير", "صغير",
                            "كبري", "صغري", "قبلي", "فوقا", "تحتا"})
_MIN_LATIN_KEY = 4
# Flags kept per (key, row): the key is one of the row's own names (not a
# derived short form); the row writes the name with the article; without it.
_EXACT, _WITH_ARTICLE, _WITHOUT_ARTICLE = 1, 2, 4
# Name-initial words written both glued and apart (كفرنبودة / كفر نبودة).
_GLUED_PREFIXES = ("كفر", "تل", "عين", "دير", "بيت", "ابو", "ام", "خربه", "راس", "معر", "بير", "بئر")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer row a name may refer to, with what ranking needs."""

    place: Place
    country: str
    admin1: str
    population: int
    rank: int  # feature prominence, lower first
    exact: bool  # the key is one of the row's own names, not a derived short form

    @property
    def geonames_id(self) -> int:
        return self.place.geonames_id  # type: ignore[return-value]

    @property
    def is_settlement(self) -> bool:
        return self.place.precision == "settlement"


def _precision(feature_code: str) -> str:
    if feature_code in _PRECISION:
        return _PRECISION[feature_code]
    # populated places, and the few rows whose class the source left empty
    if feature_code.startswith(("PPL", "STLMT")) or not feature_code:
        return "settlement"
    return "region"


def shipped_data_dir() -> Path:
    return Path(str(resources.files("kg") / "data" / "gazetteer"))


class Gazetteer:
    """Name index over GeoNames rows; load once, share everywhere."""

    def __init__(self, rows: dict[int, dict], keys: dict[str, list[list[int]]],
                 home_country: str) -> None:
        self._rows = rows
        self._keys = keys
        self.home_country = home_country
        self._places: dict[int, Place] = {}
        self._candidates: dict[str, tuple[Candidate, ...]] = {}
        self._skeletons: dict[str, list[str]] | None = None
        # what users of the index derive from it once (the places automaton): kept with it
        self.memo: dict[str, object] = {}
        self._admin1 = {(r["cc"], r["a1"]): gid for gid, r in rows.items() if r["fc"] == "ADM1"}

    # -- loading ------------------------------------------------------------
    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """The shipped Syria index (path None), a JSON index, a dump file or a folder of one."""
        if path is None:
            index = shipped_data_dir() / _SHIPPED_INDEX
            if index.exists():
                return cls._from_index(index)
            return cls._from_folder(shipped_data_dir())
        path = Path(path)
        if not path.exists():
            raise GazetteerError(f"{path}: no such gazetteer file or folder")
        if path.is_dir():
            return cls._from_folder(path)
        if _is_index(path):
            return cls._from_index(path)
        return cls._from_doc(_build_index([path], _side_files(path.parent)))

    @staticmethod
    def import_dump(src: Path, dest: Path, *, countries: Iterable[str] = ()) -> int:
        """Index a GeoNames dump (`XX.txt`, `allCountries.txt`, or their .zip) into `dest`.

        `countries` keeps only rows of those ISO codes (useful with
        allCountries). admin1.tsv / wikidata.tsv / key-places.tsv beside the
        dump are used when present. Returns the number of rows indexed.
        Writes nothing unless the whole dump reads cleanly.
        """
        src, dest = Path(src), Path(dest)
        if not src.is_file():
            raise GazetteerError(f"{src}: no such GeoNames dump")
        doc = _build_index([src], _side_files(src.parent), countries=frozenset(countries))
        if not doc["rows"]:
            raise GazetteerError(f"{src}: no populated places or admin units found")
        _write_index(doc, dest)
        return len(doc["rows"])

    @classmethod
    def _from_folder(cls, folder: Path) -> Gazetteer:
        dumps = sorted(p for p in folder.iterdir() if _looks_like_dump(p))
        if not dumps:
            raise GazetteerError(f"{folder}: no GeoNames dump (19-column .tsv/.txt) in this folder")
        return cls._from_doc(_build_index(dumps, _side_files(folder)))

    @classmethod
    def _from_index(cls, path: Path) -> Gazetteer:
        try:
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as fh:
                doc = json.load(fh)
        except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise GazetteerError(f"{path}: cannot read gazetteer index: {exc}") from exc
        if not isinstance(doc, dict) or doc.get("format") != INDEX_FORMAT:
            raise GazetteerError(f"{path}: not a conflict-kg gazetteer index ({INDEX_FORMAT})")
        return cls._from_doc(doc)

    @classmethod
    def _from_doc(cls, doc: dict) -> Gazetteer:
        rows = {int(r[0]): {"en": r[1], "ar": r[2], "fc": r[3], "lat": r[4], "lon": r[5],
                            "cc": r[6], "a1": r[7], "pop": r[8], "wd": r[9]}
                for r in doc["rows"]}
        return cls(rows, doc["keys"], doc.get("home_country", ""))

    # -- lookups ------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, geonames_id: object) -> bool:
        return geonames_id in self._rows

    def name_keys(self) -> Iterator[str]:
        """Every name key (for building a matcher)."""
        return iter(self._keys)

    def get(self, geonames_id: int) -> Place | None:
        if geonames_id not in self._rows:
            return None
        place = self._places.get(geonames_id)
        if place is None:
            r = self._rows[geonames_id]
            place = Place(
                geonames_id=geonames_id, name_en=r["en"], name_ar=r["ar"], feature_code=r["fc"],
                lat=r["lat"], lon=r["lon"], governorate_id=self.governorate_of(geonames_id),
                precision=_PRECISION.get(r["fc"], "settlement" if r["fc"].startswith(("PPL", "STLMT")) or r["fc"] == "" else "region"),
                wikidata=r["wd"] or None)
            self._places[geonames_id] = place
        return place

    def governorate_of(self, geonames_id: int) -> int | None:
        """GeoNames id of the ADM1 a row lies in (itself for an ADM1)."""
        r = self._rows.get(geonames_id)
        if r is None:
            return None
        if r["fc"] == "ADM1":
            return geonames_id
        return self._admin1.get((r["cc"], r["a1"]))

    def article_forms(self, key: str, geonames_id: int) -> tuple[bool, bool]:
        """(written with ال, written without) among the row's names that give this key."""
        for gid, flags in self._keys.get(key, ()):
            if gid == geonames_id:
                return bool(flags & _WITH_ARTICLE), bool(flags & _WITHOUT_ARTICLE)
        return True, True

    def lookup(self, key: str) -> tuple[Candidate, ...]:
        """Rows carrying this name key, most prominent first (home country first)."""
        found = self._candidates.get(key)
        if found is not None:
            return found
        out = []
        for gid, flags in self._keys.get(key, ()):
            r = self._rows[gid]
            place = self.get(gid)
            assert place is not None
            out.append(Candidate(place, r["cc"], r["a1"], r["pop"] or 0,
                                 _FEATURE_RANK.get(r["fc"], 10), bool(flags & _EXACT)))
        out.sort(key=lambda c: (c.country != self.home_country, not c.exact, c.rank,
                                -c.population, c.geonames_id))
        found = tuple(out)
        self._candidates[key] = found
        return found

    def by_skeleton(self, name: str) -> tuple[Candidate, ...]:
        """Rows whose name has the consonants of `name`: Jindires ~ Jindayris,
        كنصفرة ~ كنسفرة, بصر الحرير ~ بصرى الحريري.

        Loose on purpose: callers use it only for words a settlement cue
        ("the town of …", «بلدة …») marks as a place and that no exact key
        matched.
        """
        if self._skeletons is None:
            table: dict[str, list[str]] = {}
            for key in self._keys:
                table.setdefault(name_skeleton(key), []).append(key)
            self._skeletons = table
        key = arabic_key(name) if is_arabic(name) else latin_key(name)
        out: dict[int, Candidate] = {}
        for found in self._skeletons.get(name_skeleton(key), ()):
            for c in self.lookup(found):
                out.setdefault(c.geonames_id, c)
        return tuple(sorted(out.values(), key=lambda c: (c.country != self.home_country, c.rank,
                                                         -c.population, c.geonames_id)))

    def find(self, name: str) -> tuple[Candidate, ...]:
        """Rows a written name (Arabic or Latin) may refer to."""
        return self.lookup(arabic_key(name) if is_arabic(name) else latin_key(name))


# ---------------------------------------------------------------------------
# Building an index from dumps.

def _is_index(path: Path) -> bool:
    """An index `import_dump` wrote (JSON, maybe gzipped), whatever its file name."""
    if path.name.endswith((".json", ".json.gz")):
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(2)
        if head == b"\x1f\x8b":
            with gzip.open(path, "rb") as fh:
                head = fh.read(1)
    except (OSError, EOFError):
        return False  # not readable as an index: the dump reader will say what is wrong
    return head[:1] == b"{"


def _looks_like_dump(path: Path) -> bool:
    if path.suffix not in (".tsv", ".txt", ".zip") or not path.is_file():
        return False
    if path.suffix == ".zip":
        return True
    with path.open(encoding="utf-8", errors="replace") as fh:
        first = fh.readline()
    return first.count("\t") == _DUMP_COLUMNS - 1 and first.split("\t", 1)[0].isdigit()


def _side_files(folder: Path) -> dict[str, Path]:
    return {name: folder / name for name in ("admin1.tsv", "admin2.tsv", "admin3.tsv",
                                             "wikidata.tsv", "key-places.tsv")
            if (folder / name).is_file()}


def _dump_lines(path: Path) -> Iterator[str]:
    try:
        if path.suffix == ".zip":
            import io
            import zipfile
            with zipfile.ZipFile(path) as zf:
                members = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n]
                if not members:
                    raise GazetteerError(f"{path}: the zip holds no GeoNames .txt dump")
                with zf.open(members[0]) as raw:
                    yield from io.TextIOWrapper(raw, encoding="utf-8")
        else:
            with path.open(encoding="utf-8") as fh:
                yield from fh
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read GeoNames dump: {exc}") from exc
    except Exception as exc:  # zipfile.BadZipFile and friends
        if isinstance(exc, GazetteerError):
            raise
        raise GazetteerError(f"{path}: cannot read GeoNames dump: {exc}") from exc


def _read_tsv(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return []
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if line.strip()]


def _latin_ok(name: str) -> bool:
    """A Latin-script name worth indexing: letters of the Latin alphabet, not a code."""
    if not name or any(ch.isdigit() for ch in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def _name_keys(name: str, fcode: str) -> list[tuple[str, int]]:
    """(key, exact) pairs for one written name of a row."""
    out: list[tuple[str, int]] = []
    if is_arabic(name):
        if any(ch.isalpha() and not _ARABIC_LETTER.match(ch) for ch in name):
            return out  # mixed scripts: a transliteration slip in the source
        key = arabic_key(name)
        if len(key.replace(" ", "")) < 2:
            return out
        folded = fold_arabic(name).translate(_EXTRA_ARABIC).strip()
        article = _WITH_ARTICLE if arabic_token(folded.split(" ")[0]) != folded.split(" ")[0] \
            else _WITHOUT_ARTICLE
        out.append((key, _EXACT | article))
        for variant in _spacing_variants(key):
            out.append((variant, _EXACT | article))
        if fcode.startswith("ADM"):
            for prefix in _ADMIN_PREFIXES_AR:
                if (folded + " ").startswith(prefix) and len(folded) > len(prefix) + 2:
                    rest = folded[len(prefix):]
                    rest_article = _WITH_ARTICLE if rest.startswith("ال") else _WITHOUT_ARTICLE
                    out.append((arabic_key(rest), rest_article))
        words = key.split(" ")
        if len(words) > 1 and words[-1] in _QUALIFIERS_AR and len(words[0]) >= 3:
            out.append((" ".join(words[:-1]), article))
    elif _latin_ok(name):
        key = latin_key(name)
        if len(key.replace(" ", "").replace("al", "", 1)) < _MIN_LATIN_KEY - 1:
            return out
        both = _WITH_ARTICLE | _WITHOUT_ARTICLE
        out.append((key, _EXACT | both))
        words = key.split(" ")
        if len(words) > 1 and words[0] == "al" and len(words[1]) >= _MIN_LATIN_KEY:
            out.append((" ".join(words[1:]), _EXACT | both))
        if fcode.startswith("ADM"):
            bare = latin_key(_ADMIN_WORDS_LATIN.sub(" ", fold_latin(name)))
            if bare and bare != key and len(bare.replace(" ", "")) >= _MIN_LATIN_KEY:
                out.append((bare, both))
                bw = bare.split(" ")
                if len(bw) > 1 and bw[0] == "al" and len(bw[1]) >= _MIN_LATIN_KEY:
                    out.append((" ".join(bw[1:]), both))
    return out


def _spacing_variants(key: str) -> list[str]:
    """كفر نبوده ↔ كفرنبوده, معر شمارين ↔ معرشمارين: reports write both."""
    out = []
    first, _, rest = key.partition(" ")
    if rest and first in _GLUED_PREFIXES:
        out.append(first + rest)
    for prefix in _GLUED_PREFIXES:
        if " " not in key and key.startswith(prefix) and len(key) >= len(prefix) + 3:
            out.append(prefix + " " + key[len(prefix):])
    return out


def _build_index(dumps: list[Path], side: dict[str, Path], *,
                 countries: frozenset[str] = frozenset()) -> dict:
    rows: dict[int, list] = {}
    names: dict[int, list[str]] = {}
    for dump in dumps:
        for lineno, line in enumerate(_dump_lines(dump), 1):
            if not line.strip() or line.startswith("#"):
                continue
            f = line.rstrip("\r\n").split("\t")
            if len(f) != _DUMP_COLUMNS:
                raise GazetteerError(
                    f"{dump}:{lineno}: expected {_DUMP_COLUMNS} tab-separated GeoNames columns, "
                    f"found {len(f)}")
            fclass, fcode, cc = f[6], f[7], f[8]
            if fclass not in ("P", "A", ""):
                continue
            if fclass == "A" and not fcode.startswith("ADM"):
                continue  # political entities, zones: not places a report fights over
            if countries and cc not in countries:
                continue
            try:
                gid = int(f[0])
                lat = float(f[4]) if f[4] else None
                lon = float(f[5]) if f[5] else None
                pop = int(f[14]) if f[14] else 0
            except ValueError as exc:
                raise GazetteerError(f"{dump}:{lineno}: bad number in GeoNames row: {exc}") from None
            ar = next((n for n in f[3].split(",") if is_arabic(n)), "")
            rows[gid] = [gid, f[1], ar, fcode, lat, lon, cc, f[10], pop, ""]
            names[gid] = [f[1], f[2], *f[3].split(",")]
    _add_side_names(rows, names, side)
    keys: dict[str, dict[int, int]] = {}
    for gid, written in names.items():
        fcode = rows[gid][3]
        for name in dict.fromkeys(n.strip() for n in written if n.strip()):
            for key, exact in _name_keys(name, fcode):
                slot = keys.setdefault(key, {})
                slot[gid] = slot.get(gid, 0) | exact
    home = Counter(r[6] for r in rows.values()).most_common(1)
    return {
        "format": INDEX_FORMAT,
        "home_country": home[0][0] if home else "",
        "rows": sorted(rows.values()),
        "keys": {k: sorted([gid, ex] for gid, ex in v.items()) for k, v in sorted(keys.items())},
    }


def _add_side_names(rows: dict[int, list], names: dict[int, list[str]], side: dict[str, Path]) -> None:
    """Names and Wikidata ids from the admin tables and the hand-checked list."""
    for table in ("admin1.tsv", "admin2.tsv", "admin3.tsv"):
        if table not in side:
            continue
        for rec in _read_tsv(side[table]):
            gid = int(rec["geonames_id"]) if rec.get("geonames_id", "").isdigit() else None
            if gid not in rows:
                continue
            row = rows[gid]
            if rec.get("name_en"):
                row[1] = rec["name_en"]
            if rec.get("name_ar"):
                row[2] = rec["name_ar"]
            if rec.get("wikidata_qid"):
                row[9] = rec["wikidata_qid"]
            names[gid].extend(rec.get(k, "") for k in ("name_en", "name_ar", "name_ar_formal",
                                                      "name_geonames"))
    if "key-places.tsv" in side:
        for rec in _read_tsv(side["key-places.tsv"]):
            gid = int(rec["geonames_id"]) if rec.get("geonames_id", "").isdigit() else None
            if gid in rows and rec.get("name_ar"):
                names[gid].append(rec["name_ar"])
    if "wikidata.tsv" in side:
        for rec in _read_tsv(side["wikidata.tsv"]):
            gid = int(rec["geonames_id"]) if rec.get("geonames_id", "").isdigit() else None
            if gid in rows and not rows[gid][9] and rec.get("wikidata_qid"):
                rows[gid][9] = rec["wikidata_qid"]


def _write_index(doc: dict, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    data = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    if dest.name.endswith(".gz"):
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=6) as fh:
            fh.write(data)
    else:
        tmp.write_text(data, encoding="utf-8")
    tmp.replace(dest)  # never leave a half-written index behind


def build_shipped_index(folder: Path | None = None) -> Path:
    """Rebuild kg/data/gazetteer/index.json.gz from the TSV files beside it."""
    folder = folder or shipped_data_dir()
    dumps = sorted(p for p in folder.iterdir() if _looks_like_dump(p))
    doc = _build_index(dumps, _side_files(folder))
    dest = folder / _SHIPPED_INDEX
    _write_index(doc, dest)
    return dest
