"""`thidua sources`: list, check and show the crawler's site registry (crawler/sources.toml
and the files it includes, or the user's own file or folder via --file / $THIDUA_SOURCES)."""
from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path

import click

from thidua.crawler.sources import (
    COVERED_KINDS, ENV_VAR, KINDS, SourcesError, check_file, default_path, load_registry,
)

NOTHING_FETCHED = "offline: nothing was fetched"
NO_NOTE = "no entry and no [[missing]] note"


def file_option(f):
    return click.option(
        "--file", "path", type=click.Path(path_type=Path), default=None,
        help=f"Registry file or folder (default: ${ENV_VAR} or the bundled crawler/sources.toml).")(f)


def _path(ctx: click.Context, path: Path | None) -> Path:
    # --file may be given to the group (`thidua sources --file X check N`) or to the
    # subcommand (`thidua sources check N --file X`); the nearer one wins.
    if path is None and ctx.parent is not None:
        path = ctx.parent.params.get("path")
    return path or default_path()


def _load(path: Path):
    try:
        return load_registry(path)
    except SourcesError as exc:
        raise click.ClickException(f"{exc}\n(run `thidua sources check --all --file {path}` for every problem)") from None


def _unknown(name: str, names, path: Path) -> click.ClickException:
    close = difflib.get_close_matches(name, list(names), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return click.ClickException(f"no source named {name!r} in {path}{hint}")


def _as_json(src) -> dict:
    return {**src.model_dump(mode="json", exclude_none=True),
            "current_province": src.current_province, "is_archive": src.is_archive}


def _list(path: Path, province: str | None, kind: str | None, fmt: str) -> None:
    from thidua.crawler import source_places
    from thidua.crawler.coverage import entries_of
    from thidua.warehouse.query import format_table

    reg = _load(path)
    sources = entries_of(reg, province) if province else list(reg.sources.values())
    if kind:
        sources = [s for s in sources if s.kind == kind]
    if fmt == "json":
        click.echo(json.dumps([_as_json(s) for s in sources], ensure_ascii=False, indent=2))
        return
    rows = [(s.name, s.province or "(national)",
             "" if s.current_province in (None, s.province) else s.current_province,
             s.kind, s.platform or "", "yes" if s.is_archive else "", "yes" if s.verified else "no",
             s.start_urls[0]) for s in sources]
    click.echo(format_table(["name", "province", "now part of", "kind", "platform", "archive",
                             "verified", "start_url"], rows, "table"), nl=False)
    if province and source_places.canonical(province) and not source_places.is_current(province):
        now = source_places.current_of(province)
        click.echo(f"{source_places.canonical(province)} is part of {now} since 1 July 2025: "
                   f"--province {now!r} lists the whole province", err=True)


def _missing(path: Path, kind: str | None, former: bool, fmt: str) -> None:
    from thidua.crawler.coverage import current_gaps, former_gaps
    from thidua.warehouse.query import format_table

    reg = _load(path)
    gaps = former_gaps(reg) if former else current_gaps(reg, (kind,) if kind else COVERED_KINDS)
    if fmt == "json":
        click.echo(json.dumps([g.__dict__ for g in gaps], ensure_ascii=False, indent=2))
        return
    if former:
        columns = ["province", "now part of", "why"]
        rows = [(g.province, g.current, g.note or NO_NOTE) for g in gaps]
        what = "former provinces without any entry"
    else:
        columns = ["province", "kind", "why"]
        rows = [(g.province, g.kind, g.note or NO_NOTE) for g in gaps]
        what = "(province, kind) pairs without a live entry"
    click.echo(format_table(columns, rows, "table"), nl=False)
    click.echo(f"{len(gaps)} {what}; {sum(g.note is None for g in gaps)} without a [[missing]] note")


list_options = [
    click.option("--province", default=None,
                 help="Only this province (tone marks optional: 'thai nguyen'); a current province "
                      "also lists the former provinces merged into it."),
    click.option("--kind", type=click.Choice(KINDS), default=None, help="Only entries of this kind."),
    click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True),
]


def _with(options):
    def wrap(f):
        for opt in reversed(options):
            f = opt(f)
        return f
    return wrap


@click.group("sources", invoke_without_command=True)
@file_option
@_with(list_options)
@click.pass_context
def sources_group(ctx: click.Context, path: Path | None, province: str | None, kind: str | None,
                  fmt: str) -> None:
    """The sites the crawler knows: list them (no subcommand, or `list`), check or show one.

    Each site is a [[source]] table in a TOML file; docs/registry.md describes the keys.
    Add a site by adding a table, then run `thidua sources check NAME`.
    """
    if ctx.invoked_subcommand is None:
        _list(_path(ctx, path), province, kind, fmt)


@sources_group.command("list")
@_with(list_options)
@click.option("--missing", is_flag=True,
              help=f"List the current provinces with no live entry of a kind ({', '.join(COVERED_KINDS)}) "
                   "and the [[missing]] note that says why.")
@click.option("--former", is_flag=True, help="With --missing: the former provinces without any entry.")
@file_option
@click.pass_context
def list_cmd(ctx, province, kind, fmt, missing, former, path) -> None:
    """List the registry's entries, or with --missing the provinces it leaves uncovered."""
    if former and not missing:
        raise click.UsageError("--former goes with --missing")
    if missing:
        if province:
            raise click.UsageError("--missing lists every province; leave out --province")
        _missing(_path(ctx, path), kind, former, fmt)
    else:
        _list(_path(ctx, path), province, kind, fmt)


@sources_group.command("check")
@click.argument("name", required=False)
@click.option("--all", "check_all", is_flag=True, help="Check every entry of the registry.")
@click.option("--online", is_flag=True,
              help="Also fetch robots.txt, the first start URL, a feed and one article, and report "
                   "what the crawl would find there.")
@click.option("--page", "pages", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A saved page of the site (listing or article) to read offline (repeatable).")
@click.option("--url", "page_url", default=None,
              help="The address the --page file was saved from (default: the entry's first start URL).")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds per request with --online.")
@click.option("--contact", default=None, help="Contact address sent in the User-Agent (default: $THIDUA_CONTACT).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@file_option
@click.pass_context
def check(ctx, name, check_all, online, pages, page_url, timeout, contact, fmt, path) -> None:
    """Check one entry (or --all). Offline (the default) it checks the entry itself: URLs,
    domains, regexes, selectors, province, platform, schedule, and fetches nothing. With
    --page FILE it also reads a saved page of the site as the crawl would; with --online it
    fetches the site. Exits 1 when there is a problem (or, online, when no article was read)."""
    if bool(name) == check_all:
        raise click.UsageError("give a source NAME or --all")
    if pages and check_all:
        raise click.UsageError("--page reads a page of one site: give a source NAME")
    path = _path(ctx, path)
    try:
        report = check_file(path)
    except SourcesError as exc:
        raise click.ClickException(str(exc)) from None
    if name is not None:
        if name not in report:
            raise _unknown(name, report, path)
        report = {name: report[name]}
    try:
        registry = load_registry(path)
    except SourcesError:
        registry = None  # the entries' problems are in the report already
    from thidua.sources_report import check_one, print_check

    results = [check_one(n, problems, registry, online=online, pages=pages, page_url=page_url,
                         timeout=timeout, contact=contact) for n, problems in report.items()]
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    else:
        for result in results:
            print_check(result, brief=check_all)
        if check_all:
            bad = sum(1 for r in results if r["problems"])
            noted = sum(1 for r in results if r["notices"])
            click.echo(f"{len(results)} entr{'y' if len(results) == 1 else 'ies'} checked in {path}, "
                       f"{bad} with problems, {noted} with notes (`thidua sources check NAME` shows "
                       "them)" + ("" if online else f"; {NOTHING_FETCHED}"))
    if any(not r["ok"] for r in results):
        sys.exit(1)


@sources_group.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
@file_option
@click.pass_context
def show(ctx: click.Context, name: str, fmt: str, path: Path | None) -> None:
    """Print one entry as a TOML [[source]] table (ready to paste into your own file) or JSON."""
    path = _path(ctx, path)
    sources = _load(path).sources
    if name not in sources:
        raise _unknown(name, sources, path)
    entry = sources[name].model_dump(mode="json", exclude_none=True)
    if fmt == "json":
        click.echo(json.dumps({**entry, "current_province": sources[name].current_province,
                               "is_archive": sources[name].is_archive}, ensure_ascii=False, indent=2))
        return
    import tomli_w

    # Empty lists are left out: they are the defaults and TOML readers find them noise.
    entry = {k: v for k, v in entry.items() if v != []}
    click.echo(tomli_w.dumps({"source": [entry]}), nl=False)

