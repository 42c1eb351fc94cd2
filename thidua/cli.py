"""The `thidua` command line."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from thidua.cli_options import db_option, resolve_db


@click.group()
@click.version_option(package_name="thidua")
def main() -> None:
    """Vietnamese emulation and commendation news as a structured, queryable history."""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--jsonl", "jsonl", type=click.File("r", encoding="utf-8"), default=None,
              help='Read JSON Lines {"id", "text"|"html", "url"?, "published"?} from a file or - (stdin).')
@click.option("--published", default=None, help="Publication date (YYYY-MM-DD) for text files.")
@click.option("--url", default=None, help="Page address for the files given.")
@click.option("--max-chars", type=click.IntRange(min=1), default=None,
              help="Reject an input longer than this many characters (default 5,000,000).")
@click.option("--time-budget", type=click.FloatRange(min=0), default=None,
              help="Seconds one article may take before it is stopped as an error (default 60; 0: none).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes extracting at once (default: all cores); records keep the inputs' order.")
def extract(files: tuple[str, ...], jsonl, published: str | None, url: str | None, max_chars: int | None,
            time_budget: float | None, jobs: int | None) -> None:
    """Extract one record per input as JSON Lines on stdout.

    A .txt file is plain article text, a .html file a saved page; the record's id is the
    file's stem. An input that fails gives {"id", "error"}; the exit status is then 1.
    """
    from thidua.extract_cli import Limits, default_jobs, inputs_from_files, inputs_from_jsonl, run

    if not files and jsonl is None:
        raise click.UsageError("give FILES or --jsonl -")
    items = inputs_from_jsonl(jsonl) if jsonl is not None else inputs_from_files(files, url, published)
    defaults = Limits()
    limits = Limits(max_chars=max_chars or defaults.max_chars,
                    time_budget=defaults.time_budget if time_budget is None else (time_budget or None))
    failed = run(items, limits=limits, jobs=jobs or default_jobs())
    if failed:
        click.echo(f"{failed} input(s) failed; see the error lines", err=True)
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--replace-version", default=None, metavar="VERSION",
              help="First remove every article loaded by this extractor version, so the load "
                   "replaces that version's facts as a whole.")
@db_option
def load(files, replace_version, db) -> None:
    """Load JSON Lines of records (thidua extract's output) into the DuckDB warehouse.

    Lines with an "error" key (failed extractions) are recorded in load_failures (the
    coverage view counts them); loading an article again replaces its earlier copy. The
    load is written to a copy of the file that replaces it at the end, so `thidua query`
    keeps working during a load and never sees half of one.
    """
    from thidua.warehouse import load_files

    path = resolve_db(db)
    stats = load_files(files, path, replace_version=replace_version)
    removed = f", {stats.removed} articles of {replace_version} removed first" if replace_version else ""
    click.echo(f"loaded {stats.loaded} articles into {path} ({stats.failures} failed extractions "
               f"recorded{removed})")
    for rej in stats.rejected:
        click.echo(f"rejected {rej.where} ({rej.article_id}): {rej.reason}", err=True)
    if stats.rejected:
        sys.exit(1)


@main.command()
@click.argument("sql")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@db_option
def query(sql, fmt, db) -> None:
    """Run a read-only SQL query on the warehouse and print the result."""
    from thidua.warehouse.query import format_table, run_query

    try:
        columns, rows = run_query(resolve_db(db), sql)
    except Exception as exc:  # duckdb's errors already say what is wrong with the SQL
        raise click.ClickException(str(exc)) from exc
    click.echo(format_table(columns, rows, fmt))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["parquet", "jsonl", "csv", "xlsx", "all"]),
              required=True,
              help="parquet: every table, partitioned by article province and year; csv: every "
                   "analyst view (UTF-8 with a BOM, for Excel); jsonl: whole records; xlsx: the "
                   "analyst views in one workbook, Vietnamese names and labels; all: the four.")
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Folder to write into.")
@db_option
def export(fmt, out, db) -> None:
    """Export the warehouse, with record.schema.json and a datapackage.json describing the files."""
    from collections import Counter

    from thidua.warehouse.export import export as run_export

    files = run_export(resolve_db(db), fmt, Path(out))
    # A partitioned export is thousands of files: name the folders, count the files.
    per_folder = Counter(f.relative_to(out).parts[0] for f in files)
    for folder, count in per_folder.items():
        click.echo(f"{Path(out) / folder}" + (f"  ({count} files)" if count > 1 else ""))


@main.command("check-export")
@click.argument("descriptor", type=click.Path(exists=True, dir_okay=False))
def check_export(descriptor) -> None:
    """Validate an export's datapackage.json (frictionless, reading Parquet exactly)."""
    from thidua.warehouse.datapackage import main as validate_main

    sys.exit(validate_main([descriptor]))


@main.command()
@db_option
@click.option("--quiet", is_flag=True, help="No progress bars.")
def demo(db, quiet) -> None:
    """Serve the bundled sample site, crawl it, extract, load into DuckDB and show the history."""
    from thidua.demo import run_demo, summary_queries
    from thidua.warehouse.query import format_table, run_query

    path = resolve_db(db)
    result = run_demo(path, progress=not quiet)
    click.echo(f"\n{result['records']} records loaded into {path} in {result['seconds']:.1f} s")
    for title, sql in summary_queries():
        columns, rows = run_query(path, sql)
        click.echo(f"\n{title}\n{format_table(columns, rows, 'table')}")
    if result["failures"]:
        sys.exit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json",
              show_default=True, help="json: the JSON Schema; markdown: the reference page "
                                      "docs/record.md.")
def schema(fmt: str) -> None:
    """Print the JSON Schema of the record, or its reference page."""
    if fmt == "markdown":
        from thidua.schema.record_doc import markdown

        click.echo(markdown(), nl=False)
        return
    from thidua.schema import json_schema_text

    click.echo(json_schema_text(), nl=False)


from thidua.sources_cli import sources_group  # noqa: E402

main.add_command(sources_group)

from thidua.crawl_cli import crawl_cmd, reextract_cmd  # noqa: E402 - after `main` exists

main.add_command(crawl_cmd)
main.add_command(reextract_cmd)

from thidua.entities_cli import entities_group  # noqa: E402

main.add_command(entities_group)

from thidua.serve_cli import serve_cmd  # noqa: E402

main.add_command(serve_cmd)

if __name__ == "__main__":
    main()
