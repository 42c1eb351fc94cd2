"""`create_app(db_path)`: the explorer pages and the JSON API over one warehouse file."""
from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import anyio.to_thread
import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from thidua import __version__
from thidua.web import api, pages, queries
from thidua.web.api import provenance_headers
from thidua.web.params import BadParam
from thidua.web.store import Store, Unavailable

log = logging.getLogger("thidua.web")

# Everything the pages load comes from this server; vega compiles chart expressions with
# Function(), hence 'unsafe-eval', and vega-embed injects its own <style>.
# Answers may be kept, but are checked again (ETag) before each use: a load can change them.
CACHE = "no-cache"
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'")


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("thidua.web") / name))


def create_app(db_path: str | os.PathLike) -> FastAPI:
    store = Store(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Pages run in threads; a few at a time keep every core busy, more would only hold
        # more of DuckDB's memory at once (queries.MEMORY_LIMIT).
        anyio.to_thread.current_default_thread_limiter().total_tokens = queries.REQUESTS_AT_ONCE
        # Open the warehouse before the first request; a missing or locked file is reported
        # per request (503) rather than stopping the server.
        try:
            store.current()
        except Unavailable as err:
            log.warning("%s", err)
        yield

    app = FastAPI(
        title="thidua API",
        version=__version__,
        description="Read-only access to the thidua warehouse: emulation blocs and their "
                    "leaders, awards, indicators and officials read from Vietnamese provincial "
                    "news, each fact with its sources.",
        openapi_url="/api/v1/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.store = store
    app.mount("/static", StaticFiles(directory=_package_dir("static")), name="static")
    templates = Jinja2Templates(directory=_package_dir("templates"))
    pages.setup(templates)
    app.include_router(api.router)
    app.include_router(pages.router)

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/v1")

    def error(request: Request, status: int, detail: str, errors=None, hint=None, vi=None):
        if is_api(request):
            body = {"detail": detail}
            if errors is not None:
                body["errors"] = errors
            if hint is not None:
                body["hint"] = hint
            return JSONResponse(body, status_code=status)
        return pages.render(request, "error.html", status=status, status_code=status,
                            detail=vi or detail, hint=hint)

    @app.exception_handler(BadParam)
    async def bad_param(request: Request, exc: BadParam):
        return error(request, exc.status, exc.detail, hint=exc.hint, vi=exc.vi)

    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, exc: Unavailable):
        response = error(request, 503, str(exc))
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(duckdb.OutOfMemoryException)
    async def busy(request: Request, exc: duckdb.OutOfMemoryException):
        log.warning("out of memory: %s", exc)
        response = error(request, 503, "the server is busy: try again in a moment",
                         vi="máy chủ đang bận: vui lòng thử lại sau giây lát")
        response.headers["Retry-After"] = "2"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", ""),
                   "type": e.get("type", "")} for e in exc.errors()]
        detail = "; ".join(f"{'.'.join(e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in errors)
        names = ", ".join(sorted({'.'.join(e['loc'][1:]) or e['loc'][0] for e in errors}))
        return error(request, 422, f"invalid parameter: {detail}", errors=errors,
                     vi=f"tham số không hợp lệ: {names}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else "error"
        vi = "yêu cầu không hợp lệ"
        if exc.status_code == 404:
            detail = f"no such page: {request.url.path}"
            vi = f"không có trang {request.url.path}"
        elif exc.status_code == 405:
            vi = "trang này chỉ đọc (GET)"
        return error(request, exc.status_code, detail, vi=vi)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        # Every answer read from the warehouse is the same until the next load: an ETag per
        # snapshot lets a browser or proxy ask again for nothing (304).
        tag = None
        if request.method in ("GET", "HEAD") and not request.url.path.startswith("/static/"):
            try:
                tag = f'W/"{store.current().tag}"'
            except Unavailable:
                tag = None
            if tag is not None and tag in request.headers.get("if-none-match", ""):
                return Response(status_code=304, headers={"ETag": tag, "Cache-Control": CACHE})
        response = await call_next(request)
        snap = getattr(request.state, "snapshot", None)
        if snap is not None:
            for key, value in provenance_headers(snap).items():
                response.headers.setdefault(key, value)
            if response.status_code == 200:
                response.headers.setdefault("ETag", f'W/"{snap.tag}"')
                response.headers.setdefault("Cache-Control", CACHE)
        elif request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "public, max-age=3600")
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    return app


__all__ = ["create_app", "app_from_env", "HTMLResponse"]


def app_from_env() -> FastAPI:
    """The app for `thidua serve --workers N` (uvicorn imports it in each worker)."""
    return create_app(os.environ["THIDUA_SERVE_DB"])
