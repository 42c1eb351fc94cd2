"""`thidua sources`: list, check and show the crawler's site registry (crawler/sources.toml
or the user's own file via --file / $THIDUA_SOURCES)."""
from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import click

from thidua.crawler.sources import (
    ENV_VAR, SourcesError, check_file, default_path, load_sources, province_matches,
)


def file_option(f):
    return click.option(
        "--file", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help=f"Registry file (default: ${ENV_VAR} or the bundled crawler/sources.toml).")(f)


def _path(ctx: click.Context, path: Path | None) -> Path:
    # --file may be given to the group (`thidua sources --file X check N`) or to the
    # subcommand (`thidua sources check N --file X`); the nearer one wins.
    if path is None and ctx.parent is not None:
        path = ctx.parent.params.get("path")
    return path or default_path()


def _load(path: Path):
    try:
        return load_sources(path)
    except SourcesError as exc:
        raise click.ClickException(f"{exc}\n(run `thidua sources check --all --file {path}` for every problem)")


@click.group("sources", invoke_without_command=True)
@file_option
@click.option("--province", default=None, help="Only this province (tone marks optional: 'ha nam').")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def sources_group(ctx: click.Context, path: Path | None, province: str | None, fmt: str) -> None:
    """The sites the crawler knows: list them (no subcommand), check or show one.

    Each site is a [[source]] table in a TOML file; see the comments at the top of
    crawler/sources.toml for the keys. Add a site by adding a table, then run
    `thidua sources check NAME`.
    """
    if ctx.invoked_subcommand is not None:
        return
    path = _path(ctx, path)
    sources = [s for s in _load(path).values() if province is None or province_matches(s, province)]
    if fmt == "json":
        click.echo(json.dumps([s.model_dump(mode="json", exclude_none=True) for s in sources],
                              ensure_ascii=False, indent=2))
        return
    from thidua.warehouse.query import format_table

    rows = [(s.name, s.province, s.kind, "yes" if s.verified else "no", s.start_urls[0]) for s in sources]
    click.echo(format_table(["name", "province", "kind", "verified", "start_url"], rows, "table"), nl=False)


@sources_group.command("check")
@click.argument("name", required=False)
@click.option("--all", "check_all", is_flag=True, help="Check every entry of the file.")
@file_option
@click.pass_context
def check(ctx: click.Context, name: str | None, check_all: bool, path: Path | None) -> None:
    """Check one entry (or --all) offline: URLs, domains, regexes, selectors, province,
    schedule. Prints "ok" and exits 0 when clean; lists the problems and exits 1 otherwise."""
    if bool(name) == check_all:
        raise click.UsageError("give a source NAME or --all")
    path = _path(ctx, path)
    try:
        report = check_file(path)
    except SourcesError as exc:
        raise click.ClickException(str(exc))
    if name is not None:
        if name not in report:
            close = difflib.get_close_matches(name, list(report), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise click.ClickException(f"no source named {name!r} in {path}{hint}")
        report = {name: report[name]}
    bad = {n: problems for n, problems in report.items() if problems}
    for n, problems in report.items():
        if problems:
            for line in problems:
                click.echo(line)
        else:
            click.echo(f"{n}: ok")
    if check_all:
        click.echo(f"{len(report)} source(s) checked in {path}, {len(bad)} with problems")
    if bad:
        sys.exit(1)


@sources_group.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
@file_option
@click.pass_context
def show(ctx: click.Context, name: str, fmt: str, path: Path | None) -> None:
    """Print one entry as a TOML [[source]] table (ready to paste into your own file) or JSON."""
    path = _path(ctx, path)
    sources = _load(path)
    if name not in sources:
        close = difflib.get_close_matches(name, list(sources), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise click.ClickException(f"no source named {name!r} in {path}{hint}")
    entry = sources[name].model_dump(mode="json", exclude_none=True)
    if fmt == "json":
        click.echo(json.dumps(entry, ensure_ascii=False, indent=2))
        return
    import tomli_w

    # Empty lists are left out: they are the defaults and TOML readers find them noise.
    entry = {k: v for k, v in entry.items() if v != []}
    click.echo(tomli_w.dumps({"source": [entry]}), nl=False)
