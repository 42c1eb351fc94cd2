"""`thidua entities`: list, show and correct the units, people and blocs the warehouse resolved.

Corrections go to the overrides file (default: entity_overrides.tsv beside the warehouse, or
$THIDUA_OVERRIDES), which every later load applies too; the warehouse is re-resolved at once.
"""
from __future__ import annotations

from pathlib import Path

import click

from thidua.cli_options import db_option, resolve_db
from thidua.extract.text import fold_ascii
from thidua.warehouse.overrides import KINDS

_KIND = click.Choice(KINDS)


def _overrides_option(f):
    return click.option("--overrides", type=click.Path(dir_okay=False), default=None,
                        help="Overrides file (default: $THIDUA_OVERRIDES, else "
                             "entity_overrides.tsv beside the warehouse).")(f)


def _print(columns, rows) -> None:
    from thidua.warehouse.query import format_table

    click.echo(format_table(columns, rows, "table"), nl=False)


def _query(db: Path, sql: str, params: list | None = None):
    from thidua.warehouse.query import run_query

    try:
        return run_query(db, sql, params)
    except Exception as exc:  # missing file, old schema: the message says what to do
        raise click.ClickException(str(exc)) from exc


@click.group("entities")
def entities_group() -> None:
    """Resolved units, people and blocs: list, show, merge, split.

    KIND is unit, person or bloc. NAME may be a spelling as articles write it or an
    entity id from `thidua entities list`.
    """


@entities_group.command("list")
@click.argument("kind", type=_KIND)
@click.option("--like", default=None, help="Only entities whose name or a spelling contains "
                                           "TEXT (case and accents ignored).")
@click.option("--province", default=None, help="Only entities of this province (as written).")
@db_option
def list_cmd(kind: str, like: str | None, province: str | None, db: str | None) -> None:
    """List entities of one kind with their number of mentions and spellings."""
    from thidua.warehouse.resolve import KINDS as RESOLVED

    k = RESOLVED[kind]
    extra = ", e.kind" if kind == "bloc" else ", e.type" if kind == "unit" else ""
    sql = (f"SELECT e.{k.id_column} AS id, e.name, e.province, e.current_province{extra}, "
           "e.mentions, count(a.alias) AS spellings "
           f"FROM {k.table} AS e LEFT JOIN {k.aliases} AS a USING ({k.id_column}) "
           "WHERE (?::VARCHAR IS NULL OR e.province = ?) GROUP BY ALL "
           "HAVING ?::VARCHAR IS NULL OR replace(strip_accents(lower(e.name)), 'đ', 'd') LIKE ? "
           "OR bool_or(replace(strip_accents(lower(a.alias)), 'đ', 'd') LIKE ?) "
           "ORDER BY e.province NULLS LAST, e.name")
    pattern = None if like is None else "%" + fold_ascii(like) + "%"
    _print(*_query(resolve_db(db), sql, [province, province, like, pattern, pattern]))


@entities_group.command("show")
@click.argument("kind", type=_KIND)
@click.argument("entity_id")
@db_option
def show_cmd(kind: str, entity_id: str, db: str | None) -> None:
    """One entity: its record, every spelling (and by which rule), and its history."""
    from thidua.warehouse.resolve import KINDS as RESOLVED

    k = RESOLVED[kind]
    path = resolve_db(db)
    columns, rows = _query(path, f"SELECT * FROM {k.table} WHERE {k.id_column} = ?", [entity_id])
    if not rows:
        raise click.ClickException(f"no {kind} with id {entity_id} (see `thidua entities list {kind}`)")
    for column, value in zip(columns, rows[0]):
        click.echo(f"{column}: {value}")
    click.echo("\nspellings")
    _print(*_query(path, f"SELECT alias, context AS read_in, rule, mentions FROM {k.aliases} "
                         f"WHERE {k.id_column} = ? ORDER BY mentions DESC, alias", [entity_id]))
    history = {
        "unit": ("SELECT year, bloc, CASE WHEN leader_unit_id = ? THEN 'leader' ELSE 'deputy' END "
                 "AS role, status, conflict, sources FROM bloc_leadership_history "
                 "WHERE leader_unit_id = ? OR deputy_unit_id = ? ORDER BY year", 3),
        "bloc": ("SELECT year, leader, deputy, status, conflict, sources "
                 "FROM bloc_leadership_history WHERE bloc_id = ? ORDER BY year", 1),
        "person": ("SELECT title, organisation, first_seen, last_seen, articles, sources "
                   "FROM officials WHERE person_id = ? ORDER BY first_seen", 1),
    }[kind]
    click.echo("\nhistory")
    _print(*_query(path, history[0], [entity_id] * history[1]))


@entities_group.command("merge")
@click.argument("kind", type=_KIND)
@click.argument("name")
@click.argument("target")
@click.option("--province", default=None, help="Province NAME was read in (default: any "
                                               "given by an id; else none).")
@click.option("--target-province", default=None, help="Province of TARGET (default: --province).")
@_overrides_option
@db_option
def merge_cmd(kind, name, target, province, target_province, overrides, db) -> None:
    """Make NAME part of TARGET: every mention resolving like NAME joins TARGET's entity,
    which keeps its id; no other entity's id changes."""
    from thidua.warehouse.overrides import parse

    path = resolve_db(db)
    source, goal = _spellings(path, kind, (name, province), (target, target_province or province))
    override = parse("merge", kind, source.alias, source.context or "", goal.alias,
                     goal.context or "")
    _apply(path, override, overrides, kind, source)


@entities_group.command("split")
@click.argument("kind", type=_KIND)
@click.argument("name")
@click.option("--province", default=None, help="Only where NAME was read in this province "
                                               "(default: every province).")
@_overrides_option
@db_option
def split_cmd(kind, name, province, overrides, db) -> None:
    """Keep the spelling NAME apart: it becomes an entity of its own instead of joining the
    one its normalised key (or a typo match) would give it."""
    from thidua.warehouse.overrides import parse

    path = resolve_db(db)
    (source,) = _spellings(path, kind, (name, province))
    override = parse("split", kind, source.alias, source.context or "")
    _apply(path, override, overrides, kind, source)


@entities_group.command("refresh")
@_overrides_option
@db_option
def refresh_cmd(overrides, db) -> None:
    """Re-resolve every entity (after editing the overrides file or a data file); also
    upgrades a warehouse written by an older version of thidua, keeping its rows."""
    from thidua.warehouse import corrections

    path = resolve_db(db)
    if not path.exists():
        raise click.ClickException(f"no warehouse at {path}: load records first")
    counts = corrections.refresh(path, overrides)
    click.echo(", ".join(f"{n} {kind}s" for kind, n in counts.items()) + f" in {path}")


def _spellings(path: Path, kind: str, *given: tuple[str, str | None]):
    from thidua.warehouse import corrections

    if not path.exists():
        raise click.ClickException(f"no warehouse at {path}: load records first")
    try:
        con = corrections.open_read(path)
    except Exception as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        return [corrections.spelling(con, kind, text, province) for text, province in given]
    except LookupError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        con.close()


def _apply(path: Path, override, overrides, kind: str, source) -> None:
    from thidua.warehouse import corrections
    from thidua.warehouse import overrides as overrides_file

    file = overrides or overrides_file.default_path(path)
    try:
        corrections.correct(path, override, file)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{override.action} {kind} {override.name!r} recorded in {file}")
    con = corrections.open_read(path)
    try:
        found = corrections.entity_of(con, kind, source.alias, source.context)
    finally:
        con.close()
    if found:
        click.echo(f"{source.alias!r} now resolves to {found[1]} ({found[0]})")
    else:
        click.echo(f"no fact mentions {source.alias!r} yet; the override applies when one does")
