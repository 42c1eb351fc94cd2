"""`thidua serve`: the explorer web app and JSON API over the warehouse, read-only."""
from __future__ import annotations

import click

from thidua.cli_options import db_option, resolve_db


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; only change it to serve other machines on purpose.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes, each with its own read-only snapshot (default: one per "
                   "CPU core, at most 4: one process holds the GIL, so under concurrent "
                   "requests a second core only helps through a second process).")
def serve_cmd(db: str | None, host: str, port: int, workers: int | None) -> None:
    """Serve the explorer (pages in Vietnamese) and the JSON API under /api/v1/."""
    import os

    import uvicorn

    if workers is None:
        workers = max(1, min(os.cpu_count() or 1, 4))
    path = resolve_db(db).resolve()
    if not path.exists():
        raise click.ClickException(f"no warehouse at {path}: run `thidua load` or `thidua demo` first")
    click.echo(f"serving {path} at http://{host}:{port}/ (API: /api/v1/, OpenAPI: "
               "/api/v1/openapi.json); Ctrl+C stops", err=True)
    if workers == 1:
        from thidua.web.app import create_app

        uvicorn.run(create_app(path), host=host, port=port, log_level="warning")
    else:
        # Several processes need an import string; the path travels in the environment.
        os.environ["THIDUA_SERVE_DB"] = str(path)
        uvicorn.run("thidua.web.app:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")
