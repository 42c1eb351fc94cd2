"""The `thidua` command line."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

DEFAULT_DB = "data/thidua.duckdb"


def db_option(f):
    return click.option("--db", type=click.Path(dir_okay=False), default=None,
                        help=f"DuckDB file (default: $THIDUA_DB or {DEFAULT_DB}).")(f)


def resolve_db(db: str | None) -> Path:
    return Path(db or os.environ.get("THIDUA_DB") or DEFAULT_DB)


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
def extract(files: tuple[str, ...], jsonl, published: str | None, url: str | None) -> None:
    """Extract one record per input as JSON Lines on stdout.

    A .txt file is plain article text, a .html file a saved page; the record's id is the
    file's stem. An input that fails gives {"id", "error"}; the exit status is then 1.
    """
    from thidua.extract_cli import inputs_from_files, inputs_from_jsonl, run

    if not files and jsonl is None:
        raise click.UsageError("give FILES or --jsonl -")
    items = inputs_from_jsonl(jsonl) if jsonl is not None else inputs_from_files(files, url, published)
    failed = run(items)
    if failed:
        click.echo(f"{failed} input(s) failed; see the error lines", err=True)
        sys.exit(1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    from thidua.schema import json_schema_text

    click.echo(json_schema_text(), nl=False)


if __name__ == "__main__":
    main()
