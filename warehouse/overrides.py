"""Analysts' corrections to entity resolution, kept in a TSV file beside the warehouse.

One correction a line, tab-separated, `#` for comments:

    action  kind    name                    province  target                                   target_province
    merge   unit    Sở NN                   Bắc Kạn   Sở Nông nghiệp và Phát triển nông thôn   Bắc Kạn
    split   person  Nguyễn Thị Lân          Bắc Kạn

`merge` makes every mention that resolves like `name` (read in `province`) part of the entity
`target` resolves to; `split` keeps the spelling `name` (in `province`, or in every province
when the cell is empty) apart from whatever it would have joined. The file is read at every
load and by `thidua entities`, so a correction outlives reloads without touching code.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from thidua.warehouse import names

KINDS = ("unit", "person", "bloc")
ACTIONS = ("merge", "split")
FILE_NAME = "entity_overrides.tsv"
COLUMNS = ("action", "kind", "name", "province", "target", "target_province")
_HEADER = ("# Corrections to entity resolution (see `thidua entities --help`). Tab-separated.\n"
           + "\t".join(COLUMNS) + "\n")


@dataclass(frozen=True)
class Override:
    action: str
    kind: str
    name: str
    province: str | None = None
    target: str | None = None
    target_province: str | None = None

    def source_key(self) -> str:
        return resolve_key(self.kind, self.name, self.province)

    def target_key(self) -> str:
        assert self.target is not None
        return resolve_key(self.kind, self.target, self.target_province)


def resolve_key(kind: str, name: str, province: str | None) -> str:
    resolver = {"unit": names.unit, "person": names.person, "bloc": names.bloc}[kind]
    return resolver(name, province).key


def default_path(db_path: str | os.PathLike | None) -> Path | None:
    """$THIDUA_OVERRIDES, else entity_overrides.tsv in the warehouse file's folder (none for
    an in-memory warehouse)."""
    env = os.environ.get("THIDUA_OVERRIDES")
    if env:
        return Path(env)
    return Path(db_path).parent / FILE_NAME if db_path is not None else None


def read(path: str | os.PathLike | None) -> list[Override]:
    """The corrections in `path`, in file order; a missing file means none."""
    if path is None or not Path(path).exists():
        return []
    found = []
    for no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if cells[:len(COLUMNS)] == list(COLUMNS):
            continue  # the header
        cells += [""] * (len(COLUMNS) - len(cells))
        try:
            found.append(parse(*cells[:len(COLUMNS)]))
        except ValueError as err:
            raise ValueError(f"{path}, line {no}: {err}") from None
    return found


def parse(action: str, kind: str, name: str, province: str = "", target: str = "",
          target_province: str = "") -> Override:
    if action not in ACTIONS:
        raise ValueError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not name:
        raise ValueError("a name is required")
    if action == "merge" and not target:
        raise ValueError("merge needs a target name")
    return Override(action, kind, name, province or None, target or None,
                    (target_province or province or None) if action == "merge" else None)


def append(path: str | os.PathLike, override: Override) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or not path.read_text(encoding="utf-8").strip()
    cells = [override.action, override.kind, override.name, override.province or "",
             override.target or "", override.target_province or ""]
    with open(path, "a", encoding="utf-8") as handle:
        if new:
            handle.write(_HEADER)
        handle.write("\t".join(cells).rstrip("\t") + "\n")
