"""The GeoNames gazetteer index: shipped data, name folding, dumps a researcher imports."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import GazetteerError
from kg.link import gazetteer as gz
from kg.link.gazetteer import Gazetteer, arabic_key, arabic_token, latin_key


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


# -- the shipped Syria data ---------------------------------------------------

def test_shipped_gazetteer_loads_every_row(gazetteer: Gazetteer) -> None:
    tsv = gz.shipped_data_dir() / "SY.tsv"
    rows = sum(1 for line in tsv.read_text(encoding="utf-8").splitlines() if line.strip())
    assert len(gazetteer) == rows


def test_city_and_governorate_are_different_rows(gazetteer: Gazetteer) -> None:
    city = gazetteer.get(170063)
    province = gazetteer.get(170062)
    assert city is not None and province is not None
    assert city.precision == "settlement" and city.feature_code == "PPLA"
    assert city.governorate_id == 170062
    assert province.precision == "governorate" and province.governorate_id == 170062
    assert province.wikidata == "Q214064"
    assert city.lat == pytest.approx(36.2, abs=0.1) and city.lon == pytest.approx(37.16, abs=0.1)
    assert city.name_ar and city.name_en


def test_precision_classes_of_admin_units(gazetteer: Gazetteer) -> None:
    assert gazetteer.get(167355).precision == "district"  # Manbij District, ADM2
    assert gazetteer.get(7894841).precision == "subdistrict"  # al-Sukhnah, ADM3
    assert gazetteer.get(7894841).governorate_id == 169575


def test_bare_name_prefers_the_settlement(gazetteer: Gazetteer) -> None:
    ids = [c.geonames_id for c in gazetteer.find("حلب")]
    assert ids[0] == 170063 and 170062 in ids
    assert [c.geonames_id for c in gazetteer.find("محافظة حلب")] == [170062]
    assert gazetteer.find("دمشق")[0].geonames_id == 170654


def test_latin_names_and_exonyms(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("Aleppo")[0].geonames_id == 170063
    assert gazetteer.find("Raqqa")[0].geonames_id == 172955
    assert gazetteer.find("al-Mayadin")[0].geonames_id == 173480
    assert gazetteer.find("Deir ez-Zor")[0].geonames_id == 170794
    assert gazetteer.find("Palmyra")[0].geonames_id == 163808


def test_spelling_variants_reach_the_same_row(gazetteer: Gazetteer) -> None:
    # written without the space GeoNames has, and with the hand-added article form
    assert 167591 in [c.geonames_id for c in gazetteer.find("معرشمارين")]
    assert 168660 in [c.geonames_id for c in gazetteer.find("كفرنبودة")]
    assert gazetteer.find("البوكمال")[0].geonames_id == 174448
    assert gazetteer.find("الشحيل")[0].geonames_id == 164623


def test_unknown_id_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.get(1) is None
    assert gazetteer.governorate_of(1) is None
    assert gazetteer.find("Atlantis") == ()


def test_shipped_index_matches_the_tsv_files() -> None:
    """index.json.gz is a cache: it must say what the TSV files beside it say."""
    folder = gz.shipped_data_dir()
    with gzip.open(folder / "index.json.gz", "rt", encoding="utf-8") as fh:
        shipped = json.load(fh)
    fresh = gz._build_index([folder / "SY.tsv"], gz._side_files(folder))
    assert shipped == json.loads(json.dumps(fresh))


# -- name folding -------------------------------------------------------------

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_word = st.text(alphabet=_LETTERS, min_size=3, max_size=8)


@settings(max_examples=200, deadline=None)
@given(_word, st.lists(st.sampled_from("\u064e\u064f\u0650\u0651\u0652\u0640"), max_size=3))
def test_diacritics_and_tatweel_do_not_change_a_key(word: str, marks: list[str]) -> None:
    marked = word[:1] + "".join(marks) + word[1:]
    assert arabic_key(marked) == arabic_key(word)


@settings(max_examples=200, deadline=None)
@given(_word, st.sampled_from(["و", "ب", "ل", "ف", "وب", "ول", "فب", "ك"]))
def test_article_with_a_clitic_folds_like_the_article(word: str, clitic: str) -> None:
    assert arabic_token(clitic + "ال" + word) == arabic_token("ال" + word)


@pytest.mark.parametrize("a, b", [
    ("إدلب", "ادلب"), ("حماة", "حماه"), ("القريتين", "قريتين"), ("الرقّة", "الرقة"),
    ("مضايا", "مضايا"), ("دير الزور", "دير  الزّور"), ("أعزاز", "اعزاز"),
])
def test_arabic_spelling_variants(a: str, b: str) -> None:
    assert arabic_key(a) == arabic_key(b)


@pytest.mark.parametrize("a, b", [
    ("Deir ez-Zor", "Deir ez Zor"), ("Raqqah", "Raqqa"), ("Ḩamāh", "Hama"),
    ("As-Salamiyah", "al-Salamiyah"), ("Hammuriyah", "Hamuriya"),
])
def test_latin_spelling_variants(a: str, b: str) -> None:
    assert latin_key(a) == latin_key(b)


def test_different_names_stay_apart() -> None:
    assert arabic_key("حمص") != arabic_key("حماة")
    assert latin_key("Homs") != latin_key("Hama")


# -- importing a GeoNames dump ------------------------------------------------

def _row(gid, name, alternates, lat, lon, fclass, fcode, cc, admin1, pop="0"):
    cols = [str(gid), name, name, ",".join(alternates), str(lat), str(lon), fclass, fcode, cc, "",
            admin1, "", "", "", pop, "", "", "Asia/Aden", "2024-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


_YEMEN = [
    _row(71137, "Sanaa", ["Sana'a", "صنعاء"], 15.35, 44.2, "P", "PPLC", "YE", "26", "1937451"),
    _row(6201196, "Amanat Al Asimah", ["أمانة العاصمة"], 15.36, 44.2, "A", "ADM1", "YE", "26"),
    _row(79415, "Al Hudaydah", ["Hodeidah", "الحديدة"], 14.8, 42.95, "P", "PPLA", "YE", "08"),
    _row(79416, "Muhafazat al Hudaydah", ["محافظة الحديدة", "الحديدة"], 15.0, 43.2, "A", "ADM1", "YE", "08"),
    _row(79999, "Al Hudaydah Airport", ["مطار الحديدة"], 14.75, 42.97, "S", "AIRP", "YE", "08"),
]


def test_import_a_small_dump(tmp_path: Path) -> None:
    dump = tmp_path / "YE.txt"
    dump.write_text("\n".join(_YEMEN) + "\n", encoding="utf-8")
    dest = tmp_path / "out" / "ye-index.json.gz"
    n = Gazetteer.import_dump(dump, dest)
    assert n == 4  # the airport is a spot feature: never linked, so not kept
    g = Gazetteer.load(dest)
    assert g.home_country == "YE"
    hodeidah = g.find("الحديدة")
    assert hodeidah[0].geonames_id == 79415
    assert hodeidah[0].place.governorate_id == 79416  # admin1 code 08 → the ADM1 row
    assert g.find("Hodeidah")[0].geonames_id == 79415
    assert g.find("مطار الحديدة") == ()
    assert g.get(71137).precision == "settlement"


def test_an_index_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    dump = tmp_path / "YE.txt"
    dump.write_text("\n".join(_YEMEN) + "\n", encoding="utf-8")
    for name in ("gazetteer.idx", "ye.idx.gz"):
        Gazetteer.import_dump(dump, tmp_path / name)
        assert Gazetteer.load(tmp_path / name).find("صنعاء")[0].geonames_id == 71137


def test_a_dump_loads_directly_without_import(tmp_path: Path) -> None:
    dump = tmp_path / "YE.txt"
    dump.write_text("\n".join(_YEMEN) + "\n", encoding="utf-8")
    assert Gazetteer.load(dump).find("صنعاء")[0].geonames_id == 71137


def test_import_a_zipped_dump(tmp_path: Path) -> None:
    src = tmp_path / "YE.zip"
    with zipfile.ZipFile(src, "w") as zf:
        zf.writestr("readme.txt", "GeoNames readme")
        zf.writestr("YE.txt", "\n".join(_YEMEN) + "\n")
    dest = tmp_path / "ye.json"
    assert Gazetteer.import_dump(src, dest) == 4
    assert Gazetteer.load(dest).find("Sanaa")[0].geonames_id == 71137


def test_country_filter_on_import(tmp_path: Path) -> None:
    other = _row(2, "Tripoli", ["طرابلس"], 32.9, 13.2, "P", "PPLC", "LY", "09")
    dump = tmp_path / "all.txt"
    dump.write_text("\n".join([*_YEMEN, other]) + "\n", encoding="utf-8")
    assert Gazetteer.import_dump(dump, tmp_path / "ly.json", countries={"LY"}) == 1


def test_a_malformed_dump_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    dump = tmp_path / "bad.txt"
    dump.write_text(_YEMEN[0] + "\n" + "123\tonly three\tcolumns\n", encoding="utf-8")
    dest = tmp_path / "bad-index.json"
    with pytest.raises(GazetteerError, match=r"bad.txt:2: expected 19"):
        Gazetteer.import_dump(dump, dest)
    assert not dest.exists()


def test_bad_gazetteer_paths_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no such"):
        Gazetteer.load(tmp_path / "missing.json")
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}', encoding="utf-8")
    with pytest.raises(GazetteerError, match="not a conflict-kg gazetteer index"):
        Gazetteer.load(other)
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(GazetteerError, match="cannot read"):
        Gazetteer.load(broken)
    with pytest.raises(GazetteerError, match="no GeoNames dump"):
        Gazetteer.load(tmp_path)
