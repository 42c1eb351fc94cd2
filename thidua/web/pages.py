"""The explorer's HTML pages (Vietnamese), rendered on the server from the same lookups as
the API. Forms submit with GET, so every filtered view is a link that can be shared; a
parameter a page does not take is an error page, not silently ignored."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from thidua.schema.record import AwardStatus, AwardType
from thidua.warehouse import search as search_index
from thidua.web import charts, data, formats, queries
from thidua.web.api import StrictRoute, provenance_headers, reading
from thidua.web.labels import label, labels
from thidua.web.params import ID_PATTERN, YEAR_MAX, YEAR_MIN, BadParam, search_text, year_range

router = APIRouter(include_in_schema=False, route_class=StrictRoute)
templates: Jinja2Templates | None = None  # set by setup(), from app.create_app

VIETNAM = timezone(timedelta(hours=7), "ICT")  # no daylight saving: a fixed offset
PER_PAGE = 50
SOURCES_SHOWN = 5  # a longer source list collapses to its count


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def _vietnam_time(value: Any) -> str:
    """A load time (stored as UTC without a zone) in Vietnam's time."""
    if not isinstance(value, datetime):
        return ""
    moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return moment.astimezone(VIETNAM).strftime("%H:%M %d/%m/%Y")


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
    t.env.filters["gio_vn"] = _vietnam_time
    t.env.filters["so"] = _number
    t.env.globals["label"] = label
    t.env.globals["labels"] = labels
    t.env.globals["SOURCES_SHOWN"] = SOURCES_SHOWN


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
    if not re.fullmatch(r"[0-9]{4}", value.strip()):
        raise BadParam(f"{name}: {value!r} không phải là năm (ví dụ 2021)")
    year = int(value.strip())
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
    # ASCII digits only: "²" is a digit to str.isdigit() but no number to int()
    if value is None or value == "":
        return 1
    if not re.fullmatch(r"[0-9]{1,7}", value) or not 1 <= int(value) <= 1_000_000:
        raise BadParam(f"trang {value[:20]!r} không hợp lệ (một số từ 1 đến 1.000.000)")
    return int(value)


def _mode(value: str | None) -> bool:
    """province_mode: written (as the articles write it, default) or current (since 2025)."""
    return (_choice(value, ("written", "current"), "province_mode") or "written") == "current"


def _any_province(snap, province: str | None) -> str | None:
    """A province as written or current (units and officials belong to either)."""
    name = _text(province, 100)
    return snap.provinces.resolve_any(name, status=422) if name else None


def _link(path: str, params: dict[str, Any]) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", [])}
    return path + ("?" + urlencode(kept, doseq=True) if kept else "")


def _excel(cur, snap, spec_name: str, filters: dict[str, Any], name: str) -> Response:
    table = queries.list_arrow(cur, snap.specs[spec_name], filters)
    return formats.xlsx_response(table, name, provenance_headers(snap))


# ---------------------------------------------------------------- pages

@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    with reading(request) as (snap, _cur):
        return render(request, "home.html", info=snap.info,
                      provinces=snap.remember("provinces", queries.provinces))


@router.get("/tim-kiem", response_class=HTMLResponse)
def search(request: Request, q: str | None = None, page: str | None = None) -> Any:
    text = _text(q)
    folded = search_text(text)
    page_no = _page(page)
    per_page = 20
    with reading(request) as (snap, cur):
        if folded is None:
            return render(request, "search.html", q="", searched=False)
        total, hits = search_index.search(snap.path, folded, per_page, (page_no - 1) * per_page)
        found = queries.articles_by_id(cur, [a for a, _ in hits])
        terms = search_index.words(folded)
        articles = []
        for article_id, score in hits:
            art = found.get(article_id)
            if art is None:  # indexed by a load this snapshot predates
                continue
            text_part, spans = search_index.snippet(art.pop("body"), art.pop("folded"), terms)
            articles.append({**art, "score": score, "snippet": _marked(text_part, spans)})
        people_total, people = queries.search_people(cur, folded, None, 10, 0)
        units_total, units = queries.search_units(cur, folded, None, 10)
        return render(request, "search.html", q=text, searched=True, articles=articles,
                      total=total, page=page_no, per_page=per_page, people=people,
                      people_total=people_total, units=units, units_total=units_total,
                      blocs=queries.search_blocs(cur, folded, 10),
                      indexed=search_index.exists(snap.path),
                      page_url=lambda n: _link("/tim-kiem", {"q": text, "page": n}))


def _marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The snippet as (text, is a query word) runs, for the template to mark."""
    out, at = [], 0
    for start, end in spans:
        if start < at:
            continue
        out += [(text[at:start], False), (text[start:end], True)]
        at = end
    out.append((text[at:], False))
    return out


@router.get("/tinh/{province}", response_class=HTMLResponse)
def province_page(request: Request, province: str) -> HTMLResponse:
    with reading(request) as (snap, cur):
        name = snap.provinces.resolve_any(_text(province, 100) or "", status=404)
        # a current province (34 since 1 July 2025) shows what its former provinces had
        is_current = name in snap.provinces.current
        blocs = queries.province_blocs(cur, name, current=is_current)
        former = snap.provinces.parts.get(name, []) if is_current else []
        mode = "current" if is_current else None
        return render(request, "province.html", province=name, blocs=blocs,
                      is_current=is_current, former=former,
                      awards_url=_link("/khen-thuong", {"province": name, "province_mode": mode}),
                      indicators_url=_link("/chi-tieu", {"province": name,
                                                         "province_mode": mode}),
                      excel_url=_link("/api/v1/blocs", {
                          "current_province" if is_current else "province": name,
                          "format": "xlsx"}))


def _detail(request: Request, entity_id: str, what: str, fetch, template: str,
            name: str) -> HTMLResponse:
    """A page about one entity: 404 in Vietnamese when the id names none."""
    with reading(request) as (_snap, cur):
        detail = fetch(cur, _id(entity_id, what))
        if detail is None:
            raise BadParam(f"không có {what} mã {entity_id!r}", status=404)
        return render(request, template, **{name: detail})


@router.get("/khoi/{bloc_id}", response_class=HTMLResponse)
def bloc_page(request: Request, bloc_id: str) -> HTMLResponse:
    return _detail(request, bloc_id, "khối, cụm thi đua",
                   lambda cur, i: data.bloc_detail(cur, i, limit=40), "bloc.html", "bloc")


@router.get("/don-vi", response_class=HTMLResponse)
def units_page(request: Request, q: str | None = None, province: str | None = None,
               page: str | None = None, format: str | None = None) -> Any:
    text, folded, page_no = _text(q), search_text(_text(q)), _page(page)
    with reading(request) as (snap, cur):
        prov = _any_province(snap, province)
        if _choice(format, ("xlsx",), "format"):
            return _excel(cur, snap, "units", {"q": folded, "province": prov}, "don-vi")
        total, units = queries.search_units(cur, folded, prov, PER_PAGE, (page_no - 1) * PER_PAGE)
        form = {"q": text or "", "province": prov or ""}
        return render(request, "units.html", form=form, units=units, total=total, page=page_no,
                      per_page=PER_PAGE, province_names=snap.provinces.written,
                      excel_url=_link("/don-vi", {**form, "format": "xlsx"}),
                      page_url=lambda n: _link("/don-vi", {**form, "page": n}))


@router.get("/don-vi/{unit_id}", response_class=HTMLResponse)
def unit_page(request: Request, unit_id: str) -> HTMLResponse:
    return _detail(request, unit_id, "đơn vị", data.unit_detail, "unit.html", "unit")


def _award_filters(province_mode, bloc_id, award_type, status, year_from, year_to) -> dict:
    filters: dict[str, Any] = {
        "award_type": _choice(award_type, get_args(AwardType), "award_type"),
        "status": _choice(status, get_args(AwardStatus), "status"),
        "year_from": _year(year_from, "year_from"), "year_to": _year(year_to, "year_to"),
        "bloc_id": _id(bloc_id, "khối", status=422) if bloc_id else None,
    }
    year_range(filters["year_from"], filters["year_to"])
    return filters


AXIS_TITLES = {"stage": "Năm đề nghị, bình xét hoặc trao tặng",
               "achievement": "Năm thành tích được khen thưởng"}


@router.get("/khen-thuong", response_class=HTMLResponse)
def awards_page(request: Request, province: str | None = None, province_mode: str | None = None,
                bloc_id: str | None = None, award_type: str | None = None,
                status: str | None = None, year_from: str | None = None,
                year_to: str | None = None, year_axis: str | None = None,
                page: str | None = None, format: str | None = None) -> Any:
    current = _mode(province_mode)
    axis = _choice(year_axis, tuple(queries.AXES), "year_axis") or "stage"
    filters = _award_filters(province_mode, bloc_id, award_type, status, year_from, year_to)
    page_no = _page(page)
    with reading(request) as (snap, cur):
        prov = snap.provinces.resolve(_text(province, 100), current=current)
        filters["current_province" if current else "province"] = prov
        spec = snap.specs["award_trends"]
        if _choice(format, ("xlsx",), "format"):
            return _excel(cur, snap, "award_trends", filters, "khen-thuong")
        points = queries.award_chart(cur, spec, filters, axis)
        total, columns, rows = queries.list_rows(cur, spec, filters, PER_PAGE,
                                                 (page_no - 1) * PER_PAGE)
        choices = queries.award_choices(cur, prov, current)
        form = {"province": prov or "", "province_mode": "current" if current else "written",
                "bloc_id": filters["bloc_id"] or "", "award_type": filters["award_type"] or "",
                "status": filters["status"] or "", "year_from": filters["year_from"] or "",
                "year_to": filters["year_to"] or "", "year_axis": axis}
        query = {"province" if not current else "current_province": prov,
                 **{k: filters[k] for k in ("bloc_id", "award_type", "status", "year_from",
                                            "year_to")}}
        title = "Số lượng khen thưởng theo năm" + (f" — {prov}" if prov else "")
        years = None
        if filters["year_from"] and filters["year_to"]:
            years = list(range(filters["year_from"], filters["year_to"] + 1))
        return render(
            request, "awards.html", form=form, total=total, page=page_no, per_page=PER_PAGE,
            rows=[dict(zip(columns, r)) for r in rows], axis_title=AXIS_TITLES[axis],
            spec=charts.award_trends(points, labels()["award_type"], title, AXIS_TITLES[axis],
                                     years=years),
            has_points=bool(points), choices=choices,
            province_names=snap.provinces.current if current else snap.provinces.written,
            csv_url=_link("/api/v1/award-trends", {**query, "format": "csv"}),
            parquet_url=_link("/api/v1/award-trends", {**query, "format": "parquet"}),
            excel_url=_link("/khen-thuong", {**form, "format": "xlsx"}),
            compare_url=_link("/so-sanh", {"province": prov, "province_mode": form["province_mode"],
                                           "award_type": filters["award_type"]}),
            page_url=lambda n: _link("/khen-thuong", {**form, "page": n}))


@router.get("/chi-tieu", response_class=HTMLResponse)
def indicators_page(request: Request, province: str | None = None,
                    province_mode: str | None = None, indicator: str | None = None,
                    region: str | None = None, year_from: str | None = None,
                    year_to: str | None = None, format: str | None = None) -> Any:
    current = _mode(province_mode)
    filters: dict[str, Any] = {
        "indicator": search_text(_text(indicator)), "region": search_text(_text(region)),
        "year_from": _year(year_from, "year_from"), "year_to": _year(year_to, "year_to")}
    year_range(filters["year_from"], filters["year_to"])
    limit = 9
    with reading(request) as (snap, cur):
        filters["province"] = snap.provinces.resolve(_text(province, 100), current=current)
        api_filters = {("current_province" if current else "province"): filters["province"],
                       "indicator": filters["indicator"], "region": filters["region"],
                       "year_from": filters["year_from"], "year_to": filters["year_to"]}
        if _choice(format, ("xlsx",), "format"):
            return _excel(cur, snap, "indicator_series", api_filters, "chi-tieu")
        total, groups = queries.indicator_groups(cur, filters, limit, current)
        points = queries.indicator_points(cur, groups, filters, current)
        series: dict[str, list[dict]] = {}
        for p in points:
            series.setdefault(p["series"], []).append(p)
        chart_list = []
        for g in groups:
            values = series.get(g["series"], [])
            chart_list.append({
                "indicator": g["indicator"], "region": g["region"], "unit": g["unit"],
                # The chart draws the whole series; the table lists the newest points, the
                # ones the query gave source links.
                "points": [p for p in reversed(values) if p["links"] is not None],
                "point_count": len(values),
                "spec": charts.indicator_series(values, g["indicator"], g["region"], g["unit"])})
        form = {"province": filters["province"] or "",
                "province_mode": "current" if current else "written",
                "indicator": _text(indicator) or "", "region": _text(region) or "",
                "year_from": filters["year_from"] or "", "year_to": filters["year_to"] or ""}
        return render(request, "indicators.html", form=form, charts=chart_list, total=total,
                      limit=limit,
                      province_names=snap.provinces.current if current else snap.provinces.written,
                      csv_url=_link("/api/v1/indicator-series", {**api_filters, "format": "csv"}),
                      excel_url=_link("/chi-tieu", {**form, "format": "xlsx"}))


COMPARE_MAX = 8  # provinces on one chart


@router.get("/so-sanh", response_class=HTMLResponse)
def compare_page(request: Request, kind: str | None = None,
                 province: list[str] = Query(default=[]), province_mode: str | None = None,
                 award_type: str | None = None, status: str | None = None,
                 indicator: str | None = None, year_from: str | None = None,
                 year_to: str | None = None, year_axis: str | None = None,
                 format: str | None = None) -> Any:
    """Several provinces side by side: a year × province table and one chart."""
    what = _choice(kind, ("awards", "indicators"), "kind") or "awards"
    current = _mode(province_mode)
    axis = _choice(year_axis, tuple(queries.AXES), "year_axis") or "stage"
    filters = _award_filters(province_mode, None, award_type, status, year_from, year_to)
    names = [p for p in (_text(p, 100) for p in province) if p]
    if len(names) > COMPARE_MAX:
        raise BadParam(f"so sánh tối đa {COMPARE_MAX} tỉnh một lần")
    with reading(request) as (snap, cur):
        chosen = list(dict.fromkeys(snap.provinces.resolve(p, current=current) for p in names))
        indicator_list = snap.remember("indicator_names", queries.indicator_names)
        picked = _text(indicator) or (indicator_list[0] if indicator_list else None)
        rows: list[dict] = []
        integer = True
        if chosen and what == "awards":
            for r in queries.compare_awards(cur, snap.specs["award_trends"], chosen, current,
                                            filters, axis):
                rows.append({"year": r["year"], "series": r["province"], "value": r["count"]})
            y_title, axis_title = "Số lượng khen thưởng", AXIS_TITLES[axis]
        elif chosen and picked:
            integer = False
            for r in queries.compare_indicator(cur, picked, chosen, current,
                                               filters["year_from"], filters["year_to"]):
                place = r["province"] if r["region"] in (None, r["province"]) else \
                    f"{r['province']} — {r['region']}"
                rows.append({"year": r["year"], "series": place + (f" ({r['unit']})"
                                                                 if r["unit"] else ""),
                             "value": r["value"]})
            y_title, axis_title = picked, "Năm của kỳ báo cáo"
        else:
            y_title, axis_title = "", ""
        years = sorted({r["year"] for r in rows})
        span = list(range(years[0], years[-1] + 1)) if years else []
        series = list(dict.fromkeys(r["series"] for r in rows))
        table = {(r["series"], r["year"]): r["value"] for r in rows}
        if _choice(format, ("xlsx",), "format"):
            sheet = (["province", *map(str, span)],
                     [[s, *(table.get((s, y)) for y in span)] for s in series])
            return formats.xlsx_response(sheet, "so-sanh", provenance_headers(snap))
        form = {"kind": what, "province": chosen, "province_mode": "current" if current else "written",
                "award_type": filters["award_type"] or "", "status": filters["status"] or "",
                "indicator": picked or "", "year_from": filters["year_from"] or "",
                "year_to": filters["year_to"] or "", "year_axis": axis}
        title = ("Khen thưởng: " if what == "awards" else f"{picked}: ") + ", ".join(chosen)
        return render(request, "compare.html", form=form, series=series, years=span,
                      table=table, integer=integer, has_points=bool(rows),
                      spec=charts.compare_lines(rows, title, axis_title, y_title, years=span,
                                                integer=integer),
                      province_names=snap.provinces.current if current else snap.provinces.written,
                      indicator_names=indicator_list, limit=COMPARE_MAX,
                      excel_url=_link("/so-sanh", {**form, "format": "xlsx"}))


@router.get("/can-bo", response_class=HTMLResponse)
def officials_page(request: Request, q: str | None = None, province: str | None = None,
                   page: str | None = None, format: str | None = None) -> Any:
    text, folded, page_no = _text(q), search_text(_text(q)), _page(page)
    with reading(request) as (snap, cur):
        prov = _any_province(snap, province)
        searched = folded is not None or prov is not None
        if _choice(format, ("xlsx",), "format"):
            key = "current_province" if prov in snap.provinces.current and \
                prov not in snap.provinces.written else "province"
            return _excel(cur, snap, "officials", {"q": folded, key: prov}, "can-bo")
        total, people = (0, [])
        if searched:
            total, people = queries.search_people(cur, folded, prov, PER_PAGE,
                                                  (page_no - 1) * PER_PAGE)
        form = {"q": text or "", "province": prov or ""}
        return render(request, "officials.html", form=form, people=people, total=total,
                      searched=searched, page=page_no, per_page=PER_PAGE,
                      province_names=sorted(set(snap.provinces.written)
                                            | set(snap.provinces.current)),
                      excel_url=_link("/can-bo", {**form, "format": "xlsx"}),
                      page_url=lambda n: _link("/can-bo", {**form, "page": n}))


@router.get("/can-bo/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str) -> HTMLResponse:
    return _detail(request, person_id, "cán bộ", data.person_detail, "person.html", "person")


@router.get("/bai-viet", response_class=HTMLResponse)
def articles_page(request: Request, q: str | None = None, province: str | None = None,
                  person_id: str | None = None, bloc_id: str | None = None,
                  unit_id: str | None = None, year_from: str | None = None,
                  year_to: str | None = None, page: str | None = None,
                  format: str | None = None) -> Any:
    """Articles by headline, province, year, or the person, bloc or unit they are about
    (where a page's long list of sources leads)."""
    filters: dict[str, Any] = {
        "q": search_text(_text(q)),
        "person_id": _id(person_id, "cán bộ", 422) if person_id else None,
        "bloc_id": _id(bloc_id, "khối", 422) if bloc_id else None,
        "unit_id": _id(unit_id, "đơn vị", 422) if unit_id else None,
        "year_from": _year(year_from, "year_from"), "year_to": _year(year_to, "year_to")}
    year_range(filters["year_from"], filters["year_to"])
    page_no = _page(page)
    with reading(request) as (snap, cur):
        filters["province"] = snap.provinces.resolve(_text(province, 100))
        spec = snap.specs["articles"]
        if _choice(format, ("xlsx",), "format"):
            return _excel(cur, snap, "articles", filters, "bai-viet")
        total, columns, rows = queries.list_rows(cur, spec, filters, PER_PAGE,
                                                 (page_no - 1) * PER_PAGE)
        about = None
        if filters["person_id"]:
            about = ("cán bộ", (queries.person(cur, filters["person_id"]) or {}).get("name"))
        elif filters["bloc_id"]:
            about = ("khối", (queries.bloc(cur, filters["bloc_id"]) or {}).get("name"))
        elif filters["unit_id"]:
            about = ("đơn vị", (queries.unit(cur, filters["unit_id"]) or {}).get("name"))
        form = {"q": _text(q) or "", "province": filters["province"] or "",
                "person_id": filters["person_id"], "bloc_id": filters["bloc_id"],
                "unit_id": filters["unit_id"], "year_from": filters["year_from"] or "",
                "year_to": filters["year_to"] or ""}
        return render(request, "articles.html", form=form, about=about, total=total,
                      rows=[dict(zip(columns, r)) for r in rows], page=page_no,
                      per_page=PER_PAGE, province_names=snap.provinces.written,
                      excel_url=_link("/bai-viet", {**form, "format": "xlsx"}),
                      page_url=lambda n: _link("/bai-viet", {**form, "page": n}))


@router.get("/bai-viet/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, fact: str | None = None) -> HTMLResponse:
    with reading(request) as (_snap, cur):
        art = data.article_page(cur, _id(article_id, "bài viết"))
        if art is None:
            raise BadParam(f"không có bài viết mã {article_id!r}", status=404)
        focus = fact if fact and re.fullmatch(r"fact-[a-z_]+-[0-9]{1,6}", fact) else ""
        return render(request, "article.html", article=art, focus=focus)


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The API's endpoints and parameters, from the OpenAPI document (no external assets)."""
    spec = request.app.openapi()
    endpoints = [{"path": path, "summary": op.get("summary", ""),
                  "params": [prm for prm in op.get("parameters", [])]}
                 for path, ops in spec["paths"].items() for method, op in ops.items()
                 if method == "get"]
    return render(request, "api.html", endpoints=endpoints)
