"""The explorer's HTML pages (Vietnamese), rendered on the server from the same queries as
the API. Forms submit with GET, so every filtered view is a link that can be shared."""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from thidua.schema.record import AwardStatus, AwardType
from thidua.web import charts, data, queries
from thidua.web.api import reading
from thidua.web.labels import label, labels
from thidua.web.params import ID_PATTERN, YEAR_MAX, YEAR_MIN, BadParam, search_text, year_range

router = APIRouter(include_in_schema=False)
templates: Jinja2Templates | None = None  # set by setup(), from app.create_app


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _number(value: Any) -> str:
    """Vietnamese number style: 1.334,25."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def setup(t: Jinja2Templates) -> None:
    global templates
    templates = t
    t.env.filters["ngay"] = _date
    t.env.filters["so"] = _number
    t.env.globals["label"] = label
    t.env.globals["labels"] = labels


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _id(value: str, what: str, status: int = 404) -> str:
    """An id from the path (404 when malformed: no such page) or a query (422)."""
    if not re.fullmatch(ID_PATTERN, value):
        raise BadParam(f"mã {what} không hợp lệ: {value!r}", status=status)
    return value


def _year(value: str | None, name: str) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        year = int(value.strip())
    except ValueError:
        raise BadParam(f"{name}: {value!r} không phải là năm (ví dụ 2021)") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise BadParam(f"{name}: năm {year} nằm ngoài khoảng {YEAR_MIN}–{YEAR_MAX}")
    return year


def _text(value: str | None, limit: int = 200) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip()
    if len(value) > limit or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise BadParam("từ khóa quá dài hoặc có ký tự không hợp lệ")
    return value


def _choice(value: str | None, allowed: list[str] | tuple[str, ...], name: str) -> str | None:
    if value is None or value == "":
        return None
    if value not in allowed:
        raise BadParam(f"{name}: giá trị {value!r} không có trong danh sách", hint=list(allowed))
    return value


def _page(value: str | None) -> int:
    if value is None or value == "":
        return 1
    if not value.isdigit() or not 1 <= int(value) <= 1_000_000:
        raise BadParam(f"trang {value!r} không hợp lệ")
    return int(value)


# ---------------------------------------------------------------- pages

@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    with reading(request) as (snap, cur):
        return render(request, "home.html", info=snap.info, provinces=queries.provinces(cur))


@router.get("/tim-kiem", response_class=HTMLResponse)
def search(request: Request, q: str | None = None) -> Any:
    text = _text(q)
    folded = search_text(text)
    with reading(request) as (_snap, cur):
        if folded is None:
            return render(request, "search.html", q="", people=[], blocs=[], articles=[],
                          total_people=0)
        total, people = queries.search_people(cur, folded, None, 20, 0)
        return render(request, "search.html", q=text, people=people, total_people=total,
                      blocs=queries.search_blocs(cur, folded, 20),
                      articles=queries.search_articles(cur, folded, 20))


@router.get("/tinh/{province}", response_class=HTMLResponse)
def province_page(request: Request, province: str) -> HTMLResponse:
    with reading(request) as (snap, cur):
        name = snap.provinces.resolve_any(_text(province, 100) or "", status=404)
        blocs = queries.province_blocs(cur, name)
        is_current = name in snap.provinces.current and name not in snap.provinces.written
        return render(request, "province.html", province=name, blocs=blocs,
                      is_current=is_current)


@router.get("/khoi/{bloc_id}", response_class=HTMLResponse)
def bloc_page(request: Request, bloc_id: str) -> HTMLResponse:
    with reading(request) as (_snap, cur):
        detail = data.bloc_detail(cur, _id(bloc_id, "khối"), limit=40)
        if detail is None:
            raise BadParam(f"không có khối, cụm thi đua mã {bloc_id!r}", status=404)
        return render(request, "bloc.html", bloc=detail)


@router.get("/khen-thuong", response_class=HTMLResponse)
def awards_page(request: Request, province: str | None = None, province_mode: str | None = None,
                bloc_id: str | None = None, award_type: str | None = None,
                status: str | None = None, year_from: str | None = None,
                year_to: str | None = None, page: str | None = None) -> HTMLResponse:
    mode = _choice(province_mode, ("written", "current"), "province_mode") or "written"
    current = mode == "current"
    filters: dict[str, Any] = {
        "award_type": _choice(award_type, get_args(AwardType), "award_type"),
        "status": _choice(status, get_args(AwardStatus), "status"),
        "year_from": _year(year_from, "year_from"), "year_to": _year(year_to, "year_to"),
        "bloc_id": _id(bloc_id, "khối", status=422) if bloc_id else None,
    }
    year_range(filters["year_from"], filters["year_to"])
    page_no = _page(page)
    per_page = 50
    with reading(request) as (snap, cur):
        prov = snap.provinces.resolve(_text(province, 100), current=current)
        filters["current_province" if current else "province"] = prov
        points = queries.award_chart(cur, filters)
        total, columns, rows = queries.list_rows(cur, queries.VIEWS["award_trends"], filters,
                                                 per_page, (page_no - 1) * per_page)
        choices = queries.award_choices(cur, prov, "current_province" if current else "province")
        query = {k: v for k, v in {
            "province" if not current else "current_province": prov,
            "bloc_id": filters["bloc_id"], "award_type": filters["award_type"],
            "status": filters["status"], "year_from": filters["year_from"],
            "year_to": filters["year_to"]}.items() if v is not None}
        title = "Số lượng khen thưởng theo năm" + (f" — {prov}" if prov else "")
        form = {"province": prov or "", "province_mode": mode, "bloc_id": filters["bloc_id"] or "",
                "award_type": filters["award_type"] or "", "status": filters["status"] or "",
                "year_from": filters["year_from"] or "", "year_to": filters["year_to"] or ""}
        return render(
            request, "awards.html", form=form, total=total, page=page_no, per_page=per_page,
            rows=[dict(zip(columns, r)) for r in rows],
            spec=charts.award_trends(points, labels()["award_type"], title),
            has_points=bool(points), choices=choices,
            province_names=snap.provinces.current if current else snap.provinces.written,
            csv_url="/api/v1/award-trends?" + urlencode({**query, "format": "csv"}),
            parquet_url="/api/v1/award-trends?" + urlencode({**query, "format": "parquet"}),
            page_url=lambda n: "/khen-thuong?" + urlencode(
                {**{k: v for k, v in form.items() if v != ""}, "page": n}))


@router.get("/chi-tieu", response_class=HTMLResponse)
def indicators_page(request: Request, province: str | None = None, indicator: str | None = None,
                    region: str | None = None, year_from: str | None = None,
                    year_to: str | None = None) -> HTMLResponse:
    filters: dict[str, Any] = {
        "indicator": search_text(_text(indicator)), "region": search_text(_text(region)),
        "year_from": _year(year_from, "year_from"), "year_to": _year(year_to, "year_to")}
    year_range(filters["year_from"], filters["year_to"])
    limit = 9
    with reading(request) as (snap, cur):
        filters["province"] = snap.provinces.resolve(_text(province, 100))
        total, groups = queries.indicator_groups(cur, filters, limit)
        points = queries.indicator_points(cur, groups, filters)
        series: dict[tuple, list[dict]] = {}
        for p in points:
            series.setdefault((p["indicator"], p["region"], p["unit"]), []).append(p)
        chart_list = []
        for g in groups:
            values = series.get((g["indicator"], g["region"], g["unit"]), [])
            chart_list.append({
                "indicator": g["indicator"], "region": g["region"], "unit": g["unit"],
                # The chart draws the whole series; the table lists the newest points, the
                # ones the query gave source links.
                "points": [p for p in reversed(values) if p["links"] is not None],
                "point_count": len(values),
                "spec": charts.indicator_series(values, g["indicator"], g["region"], g["unit"])})
        form = {"province": filters["province"] or "", "indicator": _text(indicator) or "",
                "region": _text(region) or "", "year_from": filters["year_from"] or "",
                "year_to": filters["year_to"] or ""}
        return render(request, "indicators.html", form=form, charts=chart_list, total=total,
                      limit=limit, province_names=snap.provinces.written)


@router.get("/can-bo", response_class=HTMLResponse)
def officials_page(request: Request, q: str | None = None, province: str | None = None,
                   page: str | None = None) -> HTMLResponse:
    text = _text(q)
    folded = search_text(text)
    page_no = _page(page)
    per_page = 50
    with reading(request) as (snap, cur):
        prov = snap.provinces.resolve_any(_text(province, 100), status=422) \
            if _text(province, 100) else None
        total, people = (0, [])
        if folded is not None:
            total, people = queries.search_people(cur, folded, prov, per_page,
                                                  (page_no - 1) * per_page)
        form = {"q": text or "", "province": prov or ""}
        return render(request, "officials.html", form=form, people=people, total=total,
                      searched=folded is not None, page=page_no, per_page=per_page,
                      province_names=snap.provinces.written,
                      page_url=lambda n: "/can-bo?" + urlencode(
                          {**{k: v for k, v in form.items() if v}, "page": n}))


@router.get("/can-bo/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str) -> HTMLResponse:
    with reading(request) as (_snap, cur):
        detail = data.person_detail(cur, _id(person_id, "cán bộ"))
        if detail is None:
            raise BadParam(f"không có cán bộ mã {person_id!r}", status=404)
        return render(request, "person.html", person=detail)


@router.get("/bai-viet/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, fact: str | None = None) -> HTMLResponse:
    with reading(request) as (_snap, cur):
        art = data.article_page(cur, _id(article_id, "bài viết"))
        if art is None:
            raise BadParam(f"không có bài viết mã {article_id!r}", status=404)
        return render(request, "article.html", article=art, focus=fact or "")


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The API's endpoints and parameters, from the OpenAPI document (no external assets)."""
    spec = request.app.openapi()
    endpoints = [{"path": path, "summary": op.get("summary", ""),
                  "params": [prm for prm in op.get("parameters", [])]}
                 for path, ops in spec["paths"].items() for method, op in ops.items()
                 if method == "get"]
    return render(request, "api.html", endpoints=endpoints)
