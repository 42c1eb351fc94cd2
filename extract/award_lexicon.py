"""The award vocabularies of `lexicon/award*.tsv|txt` compiled into the regexes the award
recognizer runs: award names, their givers, status cues, recipient words."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from thidua.extract.lexicon import alternation, phrase_regex, table, words

# a class written after an order: "hạng Nhất", "hạng ba", "hạng III"
# a class written after an order ("hạng Nhất", "hạng ba", "các hạng"), or the kind of a
# certificate ("Bằng khen toàn diện", "Giấy khen chuyên đề")
_CLASS = (r"(?:\s+(?:hạng\s+(?:nhất|nhì|ba|I{1,3}|[123])|các\s+hạng|toàn\s+diện|phong\s+trào|chuyên\s+đề|"
          r"đột\s+xuất|thành\s+tích\s+đột\s+xuất)(?!\w))")


@dataclass(frozen=True)
class AwardName:
    type: str          # record code, or @flag / @merit resolved by the giver's level
    kind: str | None   # collective / individual when the title implies it
    yearly: bool       # False for titles of a whole career (Anh hùng): no year assumed
    needs_rating_cue: bool


@dataclass(frozen=True)
class Giver:
    conferrer: str
    level: str


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


@lru_cache(maxsize=1)
def award_names() -> dict[str, AwardName]:
    return {_key(r["phrase"]): AwardName(r["type"], r.get("kind") or None, r.get("yearly") != "no",
                                         r.get("needs") == "rating")
            for r in table("awards")}


@lru_cache(maxsize=1)
def giver_rows() -> tuple[dict, ...]:
    """The rows of `award_conferrers.tsv`, and each again in the abbreviations articles use for
    it (`abbreviations.tsv`: "Bộ VHTT&DL", "Tổng LĐLĐ Việt Nam")."""
    rows = list(table("award_conferrers"))
    short = sorted(((r["abbreviation"], r["expansion"]) for r in table("abbreviations")
                    if len(r["expansion"].split()) >= 2), key=lambda a: -len(a[1]))
    for row in list(rows):
        for abbr, full in short:
            if full in row["phrase"]:
                rows.append({**row, "phrase": row["phrase"].replace(full, abbr)})
    return tuple(rows)


@lru_cache(maxsize=1)
def givers() -> dict[str, Giver]:
    return {_key(r["phrase"]): Giver(r["conferrer"], r["level"]) for r in giver_rows()}


@lru_cache(maxsize=1)
def mention_regex() -> re.Pattern:
    """An award name, its class, and the giver written right after it ("của UBND tỉnh")."""
    # a title may be quoted after its first word: Cờ “Đơn vị xuất sắc trong phong trào thi đua”
    names = alternation(r["phrase"] for r in table("awards")).replace(r"\s+", r"\s+[“\"]?")
    giver = alternation(r["phrase"] for r in giver_rows())
    return re.compile(r"(?<!\w)(?i:(?P<name>" + names + r")[”\"]?(?P<cls>" + _CLASS + r")?"
                      r"(?P<giver>\s+(?:của\s+)?(?:" + giver + r"))?)(?!\w)")


@lru_cache(maxsize=1)
def giver_regex() -> re.Pattern:
    """Givers that may stand before the award they give ("UBND tỉnh tặng Cờ thi đua")."""
    return re.compile(r"(?<!\w)(?i:" + giver_alternation() + r")(?!\w)")


@lru_cache(maxsize=1)
def giver_alternation() -> str:
    """The givers that may stand before an award, as a regex alternation."""
    return alternation(r["phrase"] for r in giver_rows() if r.get("where") != "label")


@lru_cache(maxsize=1)
def selector_regex() -> re.Pattern:
    """Cues that select who is to receive ("suy tôn A nhận", "đề nghị A được nhận"): the
    recipient named before the award starts after the last of them."""
    cues = [r["phrase"] for r in table("award_status") if r["status"] in ("proposed", "voted", "-")]
    return re.compile(r"(?<!\w)(?i:" + alternation(cues + list(words("election_verbs"))) + r")(?!\w)")


@lru_cache(maxsize=1)
def level_types() -> dict[tuple[str, str], tuple[str, str | None]]:
    return {(r["family"], r["level"]): (r["type"], r.get("conferrer") or None)
            for r in table("award_levels")}


@lru_cache(maxsize=1)
def status_regex() -> re.Pattern:
    return re.compile(r"(?<!\w)(?i:" + alternation(r["phrase"] for r in table("award_status")) + r")(?!\w)")


@lru_cache(maxsize=1)
def status_of() -> dict[str, tuple[str, bool]]:
    """phrase → (status or "-", strong)."""
    return {_key(r["phrase"]): (r["status"], r.get("strength") != "weak") for r in table("award_status")}


@lru_cache(maxsize=1)
def kind_words() -> dict[str, str]:
    return {_key(r["word"]): r["kind"] for r in table("award_recipient_kinds")}


@lru_cache(maxsize=1)
def kind_alternation() -> str:
    return alternation(r["word"] for r in table("award_recipient_kinds"))


@lru_cache(maxsize=1)
def rating_cue_regex() -> re.Pattern:
    """Ends with a rating cue ("danh hiệu") or a count of units, right before the rating."""
    cues = alternation(words("award_rating_cues"))
    # "07 đơn vị được tặng", "06/6 đơn vị trong cụm hoàn thành …": a count of the units rated
    units = (r"\d+(?:/\d+)?\s*(?:đơn vị|tập thể|cơ quan)(?:\s+(?:trong|thuộc|của)\s+[^,;.:]{1,40}?)?"
             r"(?:\s+(?:được|đạt))?(?:\s+(?:tặng|trao tặng|công nhận|nhận))?")
    return re.compile(r"(?i:(?:" + cues + r")|" + units + r")\s*[\"“]?\s*$")


def recipient_stop_regex() -> re.Pattern:
    # case matters: "vì" ends a name, "Ba Vì" is one
    return phrase_regex("award_recipient_stops", before=r"\s*[;.!?\n]|,?\s+", flags=0)


def negative_regex() -> re.Pattern:
    return phrase_regex("award_negative", before=r"(?<!\w)")


def name_info(name: str) -> AwardName:
    return award_names()[_key(re.sub(r"[“”\"]", "", name))]


def giver_info(phrase: str) -> Giver | None:
    return givers().get(_key(re.sub(r"^của\s+", "", phrase.strip(), flags=re.I)))


def status_info(phrase: str) -> tuple[str, bool]:
    return status_of()[_key(phrase)]


def kind_of(word: str) -> str | None:
    return kind_words().get(_key(word)) or None   # "trường hợp": recipients of either kind
