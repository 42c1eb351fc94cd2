"""Synthetic but well-formed article records, for load tests and the warehouse benchmark.

    python -m thidua.warehouse.synthetic --articles 100000 --out data/synthetic.jsonl

Records are built as dicts directly (no extraction), fast enough for 100,000 in seconds,
and deterministic for a seed. They have the shape the extractor emits: a body made of one
sentence per fact, every fact's evidence pointing at its sentence. The world behind them is
consistent, so the warehouse's history has something to reconcile: each province has its
blocs with fixed members, a leader and a deputy per bloc and year reported by several
articles (the annual review names the serving pair and elects the next), officials who
reappear, indicator series that move year to year. A small share of mentions use an
abbreviated unit name or an old tone-mark placement, and in a few bloc-years some reports
name the previous year's leader, so the sources disagree as real pages sometimes do.

The vocabulary comes from extract/lexicon/ (provinces, award labels and codes, units,
abbreviations, family names, movements) and warehouse/synthetic.toml (the mix, sentence
templates, names the lexicons lack).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from thidua.extract.lexicon import LEXICON_DIR, table
from thidua.schema import SCHEMA_VERSION

EXTRACTOR_VERSION = "synthetic/1"
# Old tone-mark placements (the extractor normalises to the new one): caption spellings.
_OLD_TONES = {"òa": "oà", "óa": "oá", "ỏa": "oả", "úy": "uý", "ủy": "uỷ", "ùy": "uỳ",
              "Hòa": "Hoà", "Thúy": "Thuý", "Thủy": "Thuỷ"}


@lru_cache(maxsize=1)
def config() -> dict:
    text = (resources.files("thidua.warehouse") / "synthetic.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _lines(name: str) -> list[str]:
    """A one-phrase-per-line lexicon in file order (its first entries are the commonest)."""
    path = LEXICON_DIR / f"{name}.txt"
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


# ---------------------------------------------------------------- vocabulary

@dataclass(frozen=True)
class AwardKind:
    type: str
    label: str
    conferrer: str | None
    recipient_kind: str | None  # None: either


def award_kinds() -> dict[str, AwardKind]:
    """Label and giver of each award code in synthetic.toml, read from the award lexicons.

    Cờ thi đua and Bằng khen (@flag / @merit in awards.tsv) get their code from the giver's
    level (award_levels.tsv); the label names the first giver of that level
    (award_conferrers.tsv), as articles write it: "Bằng khen của UBND tỉnh".
    """
    awards = table("awards")
    family_phrase: dict[str, str] = {}
    for row in awards:  # the plain name (Cờ thi đua), not a variant (Cờ thi đua xuất sắc)
        family = row["type"][1:]
        if row["type"].startswith("@") and len(row["phrase"]) < len(
                family_phrase.get(family, row["phrase"] + "_")):
            family_phrase[family] = row["phrase"]
    givers: dict[str, tuple[str, str]] = {}
    for row in table("award_conferrers"):
        if row["where"] != "label":
            givers.setdefault(row["level"], (row["phrase"], row["conferrer"]))
    kinds = {}
    for code in config()["awards"]:
        if code == "per_article_max":
            continue
        level = next((r for r in table("award_levels")
                      if r["type"] == code and r["level"] in givers), None)
        if level is not None:
            phrase, conferrer = givers[level["level"]]
            if level["conferrer"] not in ("", "-"):
                conferrer = level["conferrer"]
            kinds[code] = AwardKind(code, f"{family_phrase[level['family']]} của {phrase}",
                                    conferrer, None)
            continue
        row = next((r for r in awards if r["type"] == code), None)
        if row is None:
            raise ValueError(f"synthetic.toml names award {code!r}, which awards.tsv lacks")
        kinds[code] = AwardKind(code, row["phrase"], None, row["kind"] or None)
    return kinds


def abbreviated(name: str, abbreviations: list[tuple[str, str]]) -> str | None:
    """The unit's name with its first expandable part written short (Sở NN&PTNT), if any."""
    for short, full in abbreviations:
        if full in name:
            return name.replace(full, short, 1)
    return None


def old_tones(name: str) -> str:
    for new, old in _OLD_TONES.items():
        name = name.replace(new, old)
    return name


# ---------------------------------------------------------------- the world

@dataclass
class Bloc:
    name: str
    kind: str  # khoi / cum
    members: list[str]
    aliases: list[str]
    # leader, deputy by year: index into members
    first_leader: int
    # years some reports get wrong, naming the previous year's leader (a stale report)
    contested: frozenset[int] = frozenset()


@dataclass
class Official:
    name: str
    honorific: str
    title: str


@dataclass
class Province:
    name: str
    host: str
    units: list[str]
    districts: list[str]
    blocs: list[Bloc]
    officials: list[Official]
    indicators: list[tuple[str, str, float, float]]  # name, unit, base, growth
    spelling: dict[str, str] = field(default_factory=dict)  # unit → abbreviated spelling

    def leadership(self, bloc: Bloc, year: int) -> tuple[str, str]:
        """Leader and deputy of a bloc in a year: the chair rotates through the members."""
        n = len(bloc.members)
        turn = bloc.first_leader + year
        return bloc.members[turn % n], bloc.members[(turn + 1) % n]


def build_world(seed: int) -> list[Province]:
    cfg = config()
    rng = random.Random(f"world-{seed}")
    unit_names = [r["canonical"] for r in table("units")] + cfg["units"]["extra"]
    abbreviations = [(r["abbreviation"], r["expansion"]) for r in table("abbreviations")
                     if r["abbreviation"] and " " not in r["abbreviation"]]
    families = _lines("family_names")
    family_weights = [1 / (rank + 1) for rank in range(len(families))]  # commonest first
    people = cfg["people"]
    provinces = []
    for row in table("provinces"):
        name, host = row["name"], row["hosts"].split("|")[0]
        units = list(unit_names)
        rng.shuffle(units)
        districts = rng.sample(cfg["units"]["districts"], 8)
        blocs, cursor = [], 0
        for bloc_name in cfg["blocs"]["khoi"]:
            size = rng.randint(cfg["blocs"]["members_min"], cfg["blocs"]["members_max"])
            members = [units[(cursor + k) % len(units)] for k in range(size)]
            cursor += size
            aliases = [short for words, short in cfg["blocs"]["aliases"].items()
                       if words in bloc_name]
            blocs.append(Bloc(bloc_name, "khoi", members, aliases, rng.randrange(size)))
        for n, bloc_name in enumerate(cfg["blocs"]["cum"]):
            members = [f"UBND huyện {d}" for d in districts[n::len(cfg["blocs"]["cum"])]]
            blocs.append(Bloc(bloc_name, "cum", members, [], rng.randrange(len(members))))
        first, last = cfg["years"]
        for bloc in blocs:
            bloc.contested = frozenset(y for y in range(first - 1, last + 2)
                                       if rng.random() < cfg["contested"])
        # One office per official: a province has one Giám đốc Sở Nội vụ at a time.
        # Giám đốc / Phó Giám đốc head a Sở; other agencies have other titles.
        offices = sorted({title.replace("{unit}", unit) for title in people["titles"]
                          for unit in units if unit.startswith("Sở ")})
        officials = []
        for title in rng.sample(offices, 12):
            middle = rng.choice(people["middle"])
            honorific = "bà" if middle == "Thị" or rng.random() < 0.2 else "ông"
            full = f"{rng.choices(families, family_weights)[0]} {middle} {rng.choice(people['given'])}"
            officials.append(Official(full, honorific, title))
        indicators = [(ind["name"], ind["unit"], rng.uniform(*ind["base"]),
                       rng.uniform(*ind["growth"])) for ind in cfg["indicators"]]
        spelling = {u: s for u in units if (s := abbreviated(u, abbreviations))}
        provinces.append(Province(name, host, units, districts, blocs, officials, indicators,
                                  spelling))
    return provinces


# ---------------------------------------------------------------- one article

def _vn_number(value: float, decimals: int) -> str:
    """1334.251 → '1.334,25' (Vietnamese separators), as articles print figures."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


class _Body:
    """Sentences appended one by one; each append returns the evidence of that sentence."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, sentence: str, paragraph: bool = False) -> dict:
        if self.parts:
            sep = "\n\n" if paragraph else " "
            self.parts.append(sep)
            self.length += len(sep)
        start = self.length
        self.parts.append(sentence)
        self.length += len(sentence)
        return {"text": sentence, "start": start, "end": self.length}

    def text(self) -> str:
        return "".join(self.parts)


class Generator:
    """Articles of a seeded world; `records(n)` yields n records, the same ones every run."""

    def __init__(self, seed: int = 0, provinces: list[str] | None = None) -> None:
        cfg = config()
        self.seed = seed
        self.cfg = cfg
        self.world = build_world(seed)
        if provinces is not None:  # a few provinces: fewer, fuller partitions for tests
            unknown = set(provinces) - {p.name for p in self.world}
            if unknown:
                raise ValueError(f"not in extract/lexicon/provinces.tsv: {sorted(unknown)}")
            self.world = [p for p in self.world if p.name in provinces]
        self.kinds = list(cfg["articles"])
        self.kind_weights = list(cfg["articles"].values())
        self.awards = award_kinds()
        self.award_codes = list(self.awards)
        self.award_weights = [cfg["awards"][c] for c in self.award_codes]
        self.movements = _lines("movement_known")
        types = {}
        for row in table("document_types"):
            for code in filter(None, row["codes"].split("|")):
                types.setdefault(code, row["type"])
        self.doc_types = [(code, types[code]) for code in cfg["documents"]["codes"]]
        self.issuers = list(cfg["documents"]["issuers"].items())
        self.templates = cfg["templates"]
        first, last = cfg["years"]
        self.years = list(range(first, last + 1))

    def records(self, n: int, start: int = 0) -> Iterator[dict]:
        rng = random.Random(f"articles-{self.seed}-{start}")
        for number in range(start, start + n):
            yield self.article(number, rng)

    # One article. Facts are drawn by kind; the body is their sentences in order.
    def article(self, number: int, rng: random.Random) -> dict:
        cfg, t = self.cfg, self.templates
        province = rng.choice(self.world)
        kind = rng.choices(self.kinds, self.kind_weights)[0]
        year = rng.choice(self.years)
        bloc = rng.choice(province.blocs)
        reviewed = year - 1 if kind in ("annual_review", "award_ceremony") else year
        month = {"annual_review": rng.randint(1, 3), "interim_review": 7}.get(
            kind, rng.randint(1, 12))
        published = date(year, month, rng.randint(1, 28))
        body = _Body()
        record: dict = {
            "id": f"syn{self.seed}-{number:07d}",
            "url": f"https://{province.host}.gov.vn/thi-dua/tin-{number}.html",
            "source": f"{province.host}.gov.vn",
            "province": None if rng.random() < cfg["province_missing"] else province.name,
            "title": None, "published": published.isoformat(),
            "author": rng.choice(cfg["people"]["given"]) + " " + rng.choice(cfg["people"]["given"]),
            "events": [], "blocs": [], "people": [], "awards": [], "bloc_leadership": [],
            "indicators": [], "documents": [], "movements": [], "movement_evidence": [],
            "extractor_version": EXTRACTOR_VERSION, "schema_version": SCHEMA_VERSION,
        }
        if kind == "news":
            record["title"] = f"{province.name}: kết quả phát triển kinh tế - xã hội năm {year}"
            self._indicators(record, body, province, year, rng, rng.randint(2, 4))
            self._people(record, body, province, rng, 1)
            record["body"] = body.text()
            return record

        record["title"] = f"{bloc.name} tỉnh {province.name}: {t['event_phrase'][kind]} năm {reviewed}"
        self._event(record, body, province, bloc, kind, published, reviewed, rng)
        if kind in ("annual_review", "pact_signing") or rng.random() < 0.3:
            self._bloc(record, body, province, bloc, rng)
        self._people(record, body, province, rng,
                     rng.randint(cfg["people"]["per_article_min"], cfg["people"]["per_article_max"]))
        if kind == "annual_review":
            self._leadership(record, body, province, bloc, reviewed, "serving", rng)
            self._leadership(record, body, province, bloc, reviewed + 1, "elected", rng)
            self._awards(record, body, province, reviewed, rng, ("proposed", "voted"))
            self._indicators(record, body, province, reviewed, rng, rng.randint(0, 2))
        elif kind in ("interim_review", "pact_signing"):
            self._leadership(record, body, province, bloc, year, "serving", rng)
        elif kind == "award_ceremony":
            self._awards(record, body, province, reviewed, rng, ("conferred",))
        if kind in ("launch", "award_ceremony", "inspection") or rng.random() < 0.3:
            self._documents(record, body, year, rng)
        if kind in ("launch", "annual_review", "interim_review") and rng.random() < 0.7:
            self._movements(record, body, rng)
        body.add(rng.choice(t["filler"]))
        record["body"] = body.text()
        return record

    def _org(self, province: Province, unit: str, rng: random.Random) -> str:
        if unit in province.spelling and rng.random() < self.cfg["alias_spelling"]:
            return province.spelling[unit]
        return unit

    def _event(self, record, body, province, bloc, kind, published, reviewed, rng) -> None:
        t = self.templates
        location = rng.choice(bloc.members)
        if kind == "interim_review":
            start, end = date(reviewed, 1, 1), date(reviewed, 6, 30)
            period = f"6 tháng đầu năm {reviewed}"
        elif kind in ("annual_review", "award_ceremony"):
            start, end = date(reviewed, 1, 1), date(reviewed, 12, 31)
            period = f"năm {reviewed}"
        else:
            start = end = None
            period = f"năm {reviewed}"
        held = date(published.year, published.month, max(1, published.day - rng.randint(0, 3)))
        evidence = body.add(t["event"].format(
            day=f"{held.day}/{held.month}", location=location, bloc=bloc.name,
            province=province.name, event_phrase=t["event_phrase"][kind], period_phrase=period))
        record["events"].append({
            "type": kind, "date": held.isoformat(),
            "period_start": start and start.isoformat(), "period_end": end and end.isoformat(),
            "location": location, "bloc": bloc.name, "evidence": evidence})

    def _bloc(self, record, body, province, bloc, rng) -> None:
        listed = rng.random() < 0.5
        members = [{"org": m, "role": "member"} for m in bloc.members] if listed else []
        evidence = body.add(self.templates["bloc"].format(
            bloc=bloc.name, count=f"{len(bloc.members):02d}",
            members=", ".join(bloc.members)), paragraph=True)
        record["blocs"].append({
            "name": bloc.name, "kind": bloc.kind, "province": province.name,
            "aliases": list(bloc.aliases), "members": members,
            "member_count": len(bloc.members), "evidence": evidence})

    def _people(self, record, body, province, rng, count: int) -> None:
        roles = ["chair", "speaker", "presenter", "attendee"]
        for n, official in enumerate(rng.sample(province.officials, count)):
            role = roles[min(n, len(roles) - 1)]
            name = official.name
            if rng.random() < self.cfg["name_variant"]:
                name = old_tones(name)
            evidence = body.add(self.templates["person"].format(
                honorific=official.honorific.capitalize(), name=name, title=official.title,
                role_phrase=self.templates["person_role"][role]))
            record["people"].append({
                "name": name, "honorific": official.honorific, "titles": [official.title],
                "role": role, "evidence": evidence})

    def _leadership(self, record, body, province, bloc, year, status, rng) -> None:
        leader, deputy = province.leadership(bloc, year)
        if year in bloc.contested and rng.random() < self.cfg["contested_reports"]:
            leader = province.leadership(bloc, year - 1)[0]
        for role, org in (("leader", leader), ("deputy", deputy)):
            if role == "deputy" and rng.random() < 0.15:
                continue  # not every article names the deputy
            written = self._org(province, org, rng)
            evidence = body.add(self.templates[f"{role}_{status}"].format(
                org=written, short=bloc.name, year=year))
            record["bloc_leadership"].append({
                "bloc": bloc.name, "year": year, "role": role, "org": written,
                "status": status, "evidence": evidence})

    def _awards(self, record, body, province, year, rng, statuses) -> None:
        t = self.templates
        count = rng.randint(1, self.cfg["awards"]["per_article_max"])
        for code in rng.choices(self.award_codes, self.award_weights, k=count):
            award = self.awards[code]
            status = rng.choice(statuses)
            kind = award.recipient_kind or rng.choice(("collective", "collective", "individual"))
            if rng.random() < 0.25:
                recipient, n = None, rng.randint(2, 30)
                subject = f"{n:02d} {'tập thể' if kind == 'collective' else 'cá nhân'}"
            else:
                n = None
                recipient = (self._org(province, rng.choice(province.units), rng)
                             if kind == "collective" else rng.choice(province.officials).name)
                subject = recipient
            evidence = body.add(t["award"].format(
                org=subject, status_phrase=t["award_status"][status], label=award.label,
                year=year))
            record["awards"].append({
                "type": code, "label": award.label, "conferrer": award.conferrer,
                "recipient": recipient, "recipient_count": n, "recipient_kind": kind,
                "status": status, "year": year,
                "decision": (f"{rng.randint(100, 3999)}/QĐ-UBND" if status == "conferred"
                             else None),
                "evidence": evidence})

    def _indicators(self, record, body, province, year, rng, count: int) -> None:
        for name, unit, base, growth in rng.sample(province.indicators, count):
            steps = year - self.years[0]
            value = base * (1 + growth) ** steps * rng.uniform(0.995, 1.005)
            decimals = 0 if unit == "xã" else 2
            value = round(value, decimals)
            change = round(growth * 100 * rng.uniform(0.8, 1.2), 1)
            region = (f"tỉnh {province.name}" if rng.random() < 0.8
                      else f"huyện {rng.choice(province.districts)}")
            estimate = rng.random() < 0.1
            evidence = body.add(self.templates["indicator"].format(
                name=name, year=year, region=region, value=_vn_number(value, decimals),
                unit=unit, change=_vn_number(change, 1) + "%"), paragraph=True)
            record["indicators"].append({
                "name": name, "value": float(value), "unit": unit, "total": None,
                "change_pct": change, "compared_to": "năm trước", "plan_pct": None,
                "estimate": estimate, "period": str(year), "region": region,
                "evidence": evidence})

    def _documents(self, record, body, year, rng) -> None:
        code, doc_type = rng.choice(self.doc_types)
        issuer_code, issuer = rng.choice(self.issuers)
        issued = date(year, rng.randint(1, 12), rng.randint(1, 28))
        number = f"{rng.randint(1, 350)}/{code}-{issuer_code}"
        evidence = body.add(self.templates["document"].format(
            type=doc_type, number=number, day=f"{issued.day}/{issued.month}/{issued.year}",
            issuer=issuer))
        record["documents"].append({"number": number, "type": doc_type,
                                    "date": issued.isoformat(), "issuer": issuer,
                                    "evidence": evidence})

    def _movements(self, record, body, rng) -> None:
        for name in rng.sample(self.movements, rng.randint(1, 2)):
            record["movements"].append(name)
            record["movement_evidence"].append(
                body.add(self.templates["movement"].format(name=name)))


def generate(n: int, seed: int = 0, start: int = 0,
             provinces: list[str] | None = None) -> Iterator[dict]:
    """n synthetic records (ids syn<seed>-<number>), the same for the same arguments.

    provinces: only these (names as in extract/lexicon/provinces.tsv); default all 63.
    """
    return Generator(seed, provinces).records(n, start)


def write_jsonl(path: str | Path, n: int, seed: int = 0) -> int:
    with open(path, "w", encoding="utf-8") as handle:
        for record in generate(n, seed):
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")
    return n


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="JSON Lines file to write ('-': stdout).")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.out == "-":
        for record in generate(args.articles, args.seed):
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        write_jsonl(args.out, args.articles, args.seed)
    print(f"{args.articles} records in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
