"""A bloc's member units, as the article lists them after one of its names.

Shapes of the genre (own wording):
- after "gồm" / "bao gồm" / "gồm có" following the name, with a count or a class of member:
  "Khối thi đua X gồm 9 đơn vị: Sở A, Sở B … và Ban C", "Cụm thi đua số 3 gồm các huyện: A, B
  và C", "… có 10 đơn vị thành viên, bao gồm: các sở A, B, C; Ban D";
- in brackets right after the name: "Cụm thi đua số 2 (A, B, C và huyện D)", "(gồm: …)";
- after a colon or in brackets when the words before the name announce members: "các đơn vị
  thành viên trong Khối thi đua: A, B", "các đơn vị trong Khối (A; B; C)";
- one member a line below an opener that ends the sentence ("… gồm 4 đơn vị:" then "- Sở A;").

A class of member ("các sở", "các huyện", `lexicon/bloc_member_classes.tsv`) is written before
each bare item ("các sở Nội vụ, Tài chính" → "Sở Nội vụ", "Sở Tài chính"). A list ends at its
closing bracket, a full stop, the next bloc's name, or a word that starts the rest of the
sentence (`bloc_member_list_stops.txt`). Known unit names holding a comma or "và"
(`units.tsv`) stay whole. Every search looks at a bounded window after a name, so the cost is
linear in the article's length.
"""
from __future__ import annotations

import re
from functools import lru_cache

from thidua.extract.lexicon import alternation, table, words
from thidua.extract.orgs import canonical_org, expand_abbreviations, split_org_list, starts_unit, tidy, unit_head_regex
from thidua.extract.text import UPPER, fold_tones

_LOOK_AHEAD = 120      # how far after a name its "gồm" may stand
_MAX_LIST = 1500       # a member list longer than this is something else (a pasted directory)
_MAX_ITEM_WORDS = 18   # "Ban Quản lý dự án đầu tư xây dựng công trình nông nghiệp và …" is 15
_MAX_BULLETS = 60

_OPENER = re.compile(r"(?<!\w)(?:bao\s+gồm|gồm\s+có|gồm)(?!\w)", re.I)
_BULLET = re.compile(r"^\s*(?:[-–•+*]|\d{1,2}[.)])\s+")
_ROLE_NOTE = re.compile(r"\s*\((?:đơn vị\s+)?(?P<role>Phó\s+Trưởng\s+khối|Trưởng\s+khối|Cụm\s+trưởng|Cụm\s+phó|"
                        r"Phó\s+trưởng\s+cụm|Trưởng\s+cụm|Khối\s+trưởng|Khối\s+phó)[^()]{0,40}\)", re.I)
_NOTE = re.compile(r"\s*\([^()]{0,80}\)")
_PLACE_HEAD = re.compile(r"^(?:Thị trấn|Thị xã|Huyện|Xã|Phường|Quận)(?=\s)")
_KEEP_COMMA = "\u2063"   # stand for a comma and a "và" inside a known unit name while a list is split
_KEEP_AND = "\u2064"


@lru_cache(maxsize=1)
def _classes() -> tuple[re.Pattern, dict[str, tuple[str, bool]]]:
    rows = table("bloc_member_classes")
    by_key = {re.sub(r"\s+", " ", r["class"].lower()): (r["head"], r["places"] == "yes") for r in rows}
    return re.compile(r"(?:" + alternation(by_key) + r")(?![\w])", re.I), by_key


# after the opener: a count or "các" and a class, "thành viên", a colon, in any of the usual orders
def _after_opener(text: str, pos: int) -> tuple[int, int | None, str | None]:
    """(where the list starts, the count written, the class of member) after "gồm" at `pos`."""
    rx, _ = _classes()
    count, cls = None, None
    m = re.compile(r"\s*:?\s*").match(text, pos)
    pos = m.end()
    n = re.compile(r"(?P<n>\d{1,3})\s+").match(text, pos)
    c = re.compile(r"các\s+", re.I).match(text, pos)
    if n or c:
        k = rx.match(text, (n or c).end())
        if k:
            count = int(n["n"]) if n else None
            cls = re.sub(r"\s+", " ", k.group().lower())
            pos = k.end()
            t = re.compile(r"\s+(?:thành\s+viên|trực\s+thuộc)(?!\w)", re.I).match(text, pos)
            if t:
                pos = t.end()
    m = re.compile(r"\s*[:,]?\s*").match(text, pos)
    pos = m.end()
    if cls is None or cls in ("đơn vị", "đơn vị thành viên", "thành viên", "cơ quan"):
        c = re.compile(r"các\s+", re.I).match(text, pos)
        k = _classes()[0].match(text, c.end()) if c else None
        if k:   # "bao gồm: các sở Nội vụ, Tài chính"
            cls = re.sub(r"\s+", " ", k.group().lower())
            pos = re.compile(r"\s*:?\s*").match(text, k.end()).end()
    return pos, count, cls


@lru_cache(maxsize=1)
def _stops() -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + alternation(words("bloc_member_list_stops")) + r")(?![\w])")


@lru_cache(maxsize=1)
def _cues() -> re.Pattern:
    return re.compile(r"(?<![\w])(?:" + alternation(words("bloc_member_cues")) + r")(?:\s+(?:trong|thuộc|của))?\s+$",
                      re.I)


@lru_cache(maxsize=1)
def _known_units() -> re.Pattern:
    """Known unit names that hold a comma or "và", with or without their head word, so that a
    list is not split inside them ("Sở Văn hóa, Thể thao và Du lịch", "các sở … Văn hóa, Thể
    thao và Du lịch")."""
    names = set()
    for row in table("units"):
        for name in [row["canonical"]] + [v for v in row.get("variants", "").split("|") if v.strip()]:
            name = name.strip()
            if "," in name or " và " in name or " - " in name:
                names.add(name)
                rest = name.split(" ", 1)[1] if name.startswith("Sở ") else None
                if rest:
                    names.add(rest)
    parts = []
    for name in sorted(names, key=len, reverse=True):
        tokens = re.split(r"[\s,\-]+", name)
        parts.append(r"[\s,\-]+".join(re.escape(t) for t in tokens if t))
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.I)


def _protect(text: str) -> str:
    return _known_units().sub(lambda m: re.sub(r"\s*,\s*", _KEEP_COMMA + " ", m.group()).replace(" và ", " và" + _KEEP_AND + " "),
                              text)


def _plain_gap(gap: str) -> bool:
    """Between a name and its "gồm" only its place and count stand ("… của tỉnh X có 8 đơn vị
    gồm"); a verb or a clause mark there means the "gồm" lists something else."""
    if len(gap) > 60 or re.search(r"[;.()]", gap):
        return False
    return not any(m.group().lower() != "năm" for m in _stops().finditer(gap))


def _list_end(text: str, start: int, limit: int, bracketed: bool) -> int:
    """Where a list starting at `start` ends: a closing bracket of its own (when it opened in
    one), a full stop, the next bloc's name (`limit`), a stop word outside brackets."""
    end = min(len(text), start + _MAX_LIST, limit)
    depth = 0
    stop_at = None
    stops = _stops()
    i = start
    while i < end:
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return i   # the bracket the list opened in, or one around the whole phrase
        elif depth == 0:
            if ch == "." and (i + 1 >= len(text) or text[i + 1].isspace()):
                return i
            if ch in "\n!?":
                return i
            if stop_at is None or stop_at < i:
                m = stops.search(text, i, end)
                stop_at = m.start() if m else end
            if i == stop_at:
                return i
        i += 1
    return end


def _items(raw: str, cls: str | None, unit: str | None = None) -> tuple[list[tuple[str, str]], bool]:
    """(unit, role) of the list text, the class's head written before bare items; and whether
    every piece of the text was a unit."""
    head, places = _classes()[1].get(cls, ("", False)) if cls else ("", False)
    text = _ROLE_NOTE.sub(lambda r: f" ⟨{r['role']}⟩", fold_tones(raw))
    text = _NOTE.sub("", text)
    # written out first, so that a unit's head word ("Đoàn TNCS") and known names are seen
    text = _protect(expand_abbreviations(text))
    if head or places:
        pieces = [p for p in re.split(r"\s*[;,]\s*|\s+và\s+", text) if p.strip()]
    else:
        pieces = [p for seg in text.split(";") for p in split_org_list(seg)]
    out = []
    for piece in pieces:
        piece = tidy(piece.replace(_KEEP_COMMA, ",").replace(_KEEP_AND, ""))
        piece = re.sub(r"^(?:và|cùng)\s+", "", piece)
        role = "member"
        note = re.search(r"⟨(.+?)⟩", piece)
        if note:
            role = "deputy" if "phó" in note.group(1).lower() else "leader"
            piece = tidy(piece.replace(note.group(0), ""))
        elif "⟨" in piece:
            piece = tidy(re.sub(r"⟨.*?⟩", "", piece))
        if not piece:
            continue
        if _PLACE_HEAD.match(piece):
            piece = piece[0].lower() + piece[1:]
        if head and not starts_unit(piece) and not starts_unit(piece[0].lower() + piece[1:]):
            piece = f"{head} {piece}"
        if unit and places:
            piece = f"{unit} {piece}"   # "Sở Y tế các tỉnh trong Cụm gồm: A, B" → "Sở Y tế tỉnh A"
        if not _unit_like(piece):
            return out, False   # the list ran into the rest of the sentence: keep what came before
        out.append((canonical_org(piece), role))
    return out, True


def _unit_like(piece: str) -> bool:
    words_ = piece.split()
    return 0 < len(words_) <= _MAX_ITEM_WORDS and bool(re.match(UPPER, piece) or starts_unit(piece))


def list_after(text: str, mention_start: int, mention_end: int, next_mention: int) -> tuple | None:
    """The raw list after the bloc named at mention_start…mention_end of `text` (a sentence):
    (list text, class of member, count written, opener ends the sentence, a bare bracket with
    no "gồm", the unit each listed place has) or None."""
    window = text[mention_end:min(next_mention, mention_end + _LOOK_AHEAD)]
    bracket = re.match(r"\s*\(", window)
    gloss = re.match(r"\s*\([^(),;]{1,60}\)", window)
    if gloss and not _OPENER.search(gloss.group()):
        # "Khối thi đua Kinh tế - Kỹ thuật (KT-KT) có 11 đơn vị bao gồm: …": past the abbreviation
        mention_end += gloss.end()
        window = window[gloss.end():]
        bracket = None
    pos = None
    bracketed = False
    if bracket:
        bracketed = True
        inner = _OPENER.match(text, mention_end + bracket.end())
        if not inner:
            inner_ws = re.compile(r"\s*").match(text, mention_end + bracket.end())
            inner = _OPENER.match(text, inner_ws.end())
        pos = inner.end() if inner else mention_end + bracket.end()
    else:
        colon = re.match(r"\s*:", window)
        if colon and _cues().search(text[max(0, mention_start - 60):mention_start]):
            pos = mention_end + colon.end()
        else:
            opener = _OPENER.search(window)
            if opener is None or not _plain_gap(window[:opener.start()]):
                return None
            pos = mention_end + opener.end()
    start, count, cls = _after_opener(text, pos)
    unit = None
    if cls is None or cls in ("đơn vị", "đơn vị thành viên", "thành viên"):
        cls, unit = _class_before(text, mention_start) or (cls, None)
    end = _list_end(text, start, next_mention, bracketed)
    raw = text[start:end]
    if bracketed and not (end < len(text) and text[end] == ")"):
        return None   # a bracket that never closes within the sentence is no list
    open_end = not raw.strip() and text[start:].strip() in ("", ":")
    bare = bracketed and cls is None and not _OPENER.search(text[mention_end:start])
    if bare and raw.count(",") + raw.count(";") < 1:
        return None   # "(KTKT)", "(Doanh nghiệp nhà nước)": an abbreviation or a gloss
    return raw, cls, count, open_end, bare, unit


_CLASS_BEFORE_LOOK = 90


def _class_before(text: str, mention_start: int) -> tuple[str, str | None] | None:
    """"Sở Y tế các tỉnh trong Cụm thi đua gồm: A, B": the class of member written before the
    name (tỉnh) and the unit each place has (Sở Y tế), when the list itself names no class."""
    before = text[max(0, mention_start - _CLASS_BEFORE_LOOK):mention_start]
    m = re.search(r"(?<![\w])(?:các|những)\s+(?P<cls>" + _classes()[0].pattern + r")\s+(?:trong|thuộc|của)\s+$", before, re.I)
    if not m:
        return None
    cls = re.sub(r"\s+", " ", m["cls"].lower())
    if not _classes()[1].get(cls, ("", False))[1]:
        return None
    unit = None
    lead = before[:m.start()]
    heads = [h for h in unit_head_regex().finditer(lead)
             if h.group()[:1].isupper() and (h.start() == 0 or not lead[h.start() - 1].isalnum())]
    if heads:
        candidate = tidy(lead[heads[-1].start():])
        if candidate and len(candidate.split()) <= 10 and not _stops().search(candidate):
            unit = fold_tones(candidate)
    return cls, unit


def members_in(sentences: list, order: dict, mentions: list[tuple[object, int, int]], next_mention_of) -> tuple[list[dict], int | None]:
    """Members of one bloc and the count stated with them.

    `mentions` are (sentence, start, end) of the bloc's names in the body's sentences, in order;
    `sentences` all of the body's sentences (for lists one member a line), `order` the index
    of each in it by id; `next_mention_of(
    sentence, pos)` gives where the next bloc name after `pos` starts in the sentence."""
    for sent, start, end in mentions:
        found = list_after(sent.text, start, end, next_mention_of(sent, end))
        if found is None:
            continue
        raw, cls, count, open_end, bare, unit = found
        if open_end:
            raw = "; ".join(_bullets(sentences, order.get(id(sent))))
        items, whole = _items(raw, cls, unit) if raw else ([], False)
        if bare and not whole:
            continue   # a bare bracket lists members only when every item of it is a unit
        if len(items) >= 2:
            seen, members = set(), []
            for org, role in items:
                if org.lower() not in seen:
                    seen.add(org.lower())
                    members.append({"org": org, "role": role})
            return members, count
    return [], None


def _bullets(sentences: list, at: int | None) -> list[str]:
    """The lines below an opener (sentence `at`) that ends its sentence, while they start with
    a bullet."""
    out: list[str] = []
    if at is None:
        return out
    for s in sentences[at + 1:at + 1 + _MAX_BULLETS]:
        m = _BULLET.match(s.text)
        if not m:
            break
        out.append(s.text[m.end():].strip().rstrip(";.,"))
    return out
