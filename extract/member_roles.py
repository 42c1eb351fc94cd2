"""A bloc's listed members take the roles the article's leadership facts give them.

The member list ("Khối thi đua X gồm: Sở A, Sở B, …") and the roles ("Sở A, Khối trưởng Khối
thi đua X chủ trì") are usually in different sentences and found by different stages; the
record joins them once both are known. Only a role held in the article (`serving`) is a
member's role: one elected for the coming term is not yet. A role written in the list itself
("Sở A (Khối trưởng)") stays.
"""
from __future__ import annotations

import re

from thidua.extract.orgs import fold_key

_ADMIN = re.compile(r"^(?:uy ban nhan dan )?(?:tinh|thanh pho|huyen|thi xa|quan|xa|phuong|thi tran) ")


def _key(org: str) -> str:
    key = fold_key(org)
    return _ADMIN.sub("", key)


def apply(blocs: list[dict], leadership: list[dict]) -> None:
    """Set (in each bloc item, with new member dicts) the role of each listed member that a serving leadership fact names."""
    for bloc in blocs:
        roles: dict[str, str] = {}
        for fact in leadership:
            if fact.get("bloc") != bloc.get("name") or fact.get("status") != "serving" or not fact.get("org"):
                continue
            key = _key(fact["org"])
            if roles.get(key) != "leader":   # a unit named leader and deputy is the leader
                roles[key] = fact["role"]
        if not roles:
            continue
        # new member dicts: the record's items must not write back into the stage's facts
        bloc["members"] = [{**m, "role": roles[_key(m["org"])]}
                           if m.get("role") == "member" and _key(m["org"]) in roles else m
                           for m in bloc.get("members") or []]
