"""The JSON API under /api/v1: the analyst views, the entities and the record's sections.

Lists take filters, `page` and `per_page`, and `format=csv|parquet` for a download of every
matching row. Every answer names the extractor versions and load time it comes from (in the
envelope and in X-Thidua-* headers).
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Optional, get_args

from fastapi import APIRouter, Path, Query, Request
from fastapi.routing import APIRoute

from thidua.schema.record import (AwardStatus, AwardType, BlocKind, EventType, LeadershipRole,
                                  LeadershipStatus)
from thidua.web import data, formats, models, queries
from thidua.web.params import (ID_PATTERN, TEXT_PATTERN, YEAR_MAX, YEAR_MIN, BadParam,
                               search_text, unknown, year_range)
from thidua.web.store import Snapshot

ERRORS = {
    404: {"model": models.ErrorOut, "description": "No such entity, or unknown province."},
    422: {"model": models.ErrorOut, "description": "A parameter is invalid; `detail` says which."},
    503: {"model": models.ErrorOut, "description": "The warehouse cannot be read right now."},
}
class StrictRoute(APIRoute):
    """A route that answers a query parameter it does not take with a 422 naming it."""

    def get_route_handler(self):
        handler = super().get_route_handler()
        known = {p.alias for p in self.dependant.query_params}

        async def strict(request: Request):
            unknown(set(request.query_params.keys()), known)
            return await handler(request)
        return strict


router = APIRouter(prefix="/api/v1", tags=["api"], responses=ERRORS, route_class=StrictRoute)

Format = Literal["json", "csv", "parquet", "xlsx"]
SectionName = Literal[tuple(queries.SECTION_COLUMNS)]  # the record's lists of facts

# Shared parameter declarations (validated before any query runs).
Text = Annotated[Optional[str], Query(max_length=200, pattern=TEXT_PATTERN)]
Id = Annotated[Optional[str], Query(pattern=ID_PATTERN)]
ProvinceQ = Annotated[Optional[str], Query(
    max_length=100, pattern=TEXT_PATTERN,
    description="Province as written in the articles (before the 2025 merger); "
                "diacritics and case do not matter.")]
CurrentProvinceQ = Annotated[Optional[str], Query(
    max_length=100, pattern=TEXT_PATTERN,
    description="Province since 1 July 2025 (34 provinces); diacritics and case do not matter.")]
YearFrom = Annotated[Optional[int], Query(ge=YEAR_MIN, le=YEAR_MAX, description="First year.")]
YearTo = Annotated[Optional[int], Query(ge=YEAR_MIN, le=YEAR_MAX, description="Last year.")]
NamePartQ = Annotated[Optional[str], Query(max_length=200, pattern=TEXT_PATTERN,
                                           description="Part of the name.")]
PageQ = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=500, description="Rows per page (at most 500).")]
FormatQ = Annotated[Format, Query(description="json (paged), or csv / parquet / xlsx: every "
                                              "matching row as a file (xlsx: Vietnamese column "
                                              "names and labels).")]


@contextlib.contextmanager
def reading(request: Request) -> Iterator[tuple[Snapshot, queries.Cursor]]:
    """The snapshot this request reads (remembered for the X-Thidua-* headers) and a cursor."""
    snap = request.app.state.store.current()
    request.state.snapshot = snap
    with snap.cursor() as cur:
        yield snap, cur


def envelope(snap: Snapshot, rows: Any, page: int | None = None, per_page: int | None = None,
             total: int | None = None) -> dict[str, Any]:
    return {"data": rows, "page": page, "per_page": per_page, "total": total,
            "extractor_versions": snap.info["extractor_versions"],
            "loaded_at": snap.info["loaded_at"], "schema_version": snap.info["schema_version"]}


def provenance_headers(snap: Snapshot) -> dict[str, str]:
    loaded = snap.info.get("loaded_at")
    return {"X-Thidua-Extractor": ", ".join(snap.info["extractor_versions"]) or "unknown",
            # stored as UTC without a zone
            "X-Thidua-Loaded-At": (loaded.isoformat() + ("Z" if loaded.tzinfo is None else ""))
            if loaded else "",
            "X-Thidua-Schema": str(snap.info.get("schema_version"))}


def _list(request: Request, spec_name: str, filters: dict[str, Any],
          page: int, per_page: int, fmt: str, resolve: dict[str, bool] | None = None) -> Any:
    year_range(filters.get("year_from"), filters.get("year_to"))
    with reading(request) as (snap, cur):
        spec = snap.specs[spec_name]
        for name, current in (resolve or {}).items():
            filters[name] = snap.provinces.resolve(filters.get(name), current=current)
        if fmt in formats.DOWNLOADS:
            return formats.download(fmt, queries.list_arrow(cur, spec, filters),
                                    spec_name.split("/")[-1], provenance_headers(snap))
        total, columns, rows = queries.list_rows(cur, spec, filters, per_page,
                                                 (page - 1) * per_page)
        names = [c.split(".")[-1] for c in columns]
        return envelope(snap, [dict(zip(names, r)) for r in rows], page, per_page, total)


PROVINCES = {"province": False, "current_province": True}


# ---------------------------------------------------------------- warehouse

@router.get("/meta", response_model=models.Envelope[models.Summary],
            summary="What the warehouse holds")
def meta(request: Request) -> Any:
    with reading(request) as (snap, _cur):
        info = snap.info
        return envelope(snap, {k: info[k] for k in models.Summary.model_fields})


@router.get("/provinces", response_model=models.Envelope[list[models.ProvinceRow]],
            summary="Provinces with articles, their blocs and clusters")
def provinces(request: Request) -> Any:
    with reading(request) as (snap, cur):
        rows = queries.provinces(cur)
        return envelope(snap, rows, 1, len(rows), len(rows))


# ---------------------------------------------------------------- analyst views

@router.get("/bloc-leadership", response_model=models.Envelope[list[models.BlocLeadershipRow]],
            responses=formats.download_responses("Leader and deputy of each bloc by year."),
            summary="Bloc leadership history (view bloc_leadership_history)")
def bloc_leadership(request: Request, province: ProvinceQ = None,
                    current_province: CurrentProvinceQ = None, bloc_id: Id = None,
                    bloc: Text = None, status: Optional[LeadershipStatus] = None,
                    conflict: Optional[bool] = None, year_from: YearFrom = None,
                    year_to: YearTo = None, page: PageQ = 1, per_page: PerPage = 50,
                    format: FormatQ = "json") -> Any:
    filters = {"province": province, "current_province": current_province, "bloc_id": bloc_id,
               "bloc": search_text(bloc), "status": status, "conflict": conflict,
               "year_from": year_from, "year_to": year_to}
    return _list(request, "bloc_leadership_history", filters, page, per_page, format, PROVINCES)


@router.get("/award-trends", response_model=models.Envelope[list[models.AwardTrendRow]],
            responses=formats.download_responses("Award counts by year, place, bloc, type."),
            summary="Award trends (view award_trends)")
def award_trends(request: Request, province: ProvinceQ = None,
                 current_province: CurrentProvinceQ = None, bloc_id: Id = None,
                 award_type: Optional[AwardType] = None, status: Optional[AwardStatus] = None,
                 year_from: YearFrom = None, year_to: YearTo = None, page: PageQ = 1,
                 per_page: PerPage = 50, format: FormatQ = "json") -> Any:
    filters = {"province": province, "current_province": current_province, "bloc_id": bloc_id,
               "award_type": award_type, "status": status, "year_from": year_from,
               "year_to": year_to}
    return _list(request, "award_trends", filters, page,
                 per_page, format, PROVINCES)


@router.get("/indicator-series", response_model=models.Envelope[list[models.IndicatorRow]],
            responses=formats.download_responses("Reported figures by place and period."),
            summary="Indicator series (view indicator_series)")
def indicator_series(request: Request, province: ProvinceQ = None,
                     current_province: CurrentProvinceQ = None,
                     indicator: Annotated[Optional[str], Query(
                         max_length=200, pattern=TEXT_PATTERN,
                         description="Part of the indicator's name (diacritics ignored).")] = None,
                     region: Annotated[Optional[str], Query(
                         max_length=200, pattern=TEXT_PATTERN,
                         description="Part of the region's name (diacritics ignored).")] = None,
                     unit: Text = None, year_from: YearFrom = None, year_to: YearTo = None,
                     page: PageQ = 1, per_page: PerPage = 50, format: FormatQ = "json") -> Any:
    filters = {"province": province, "current_province": current_province,
               "indicator": search_text(indicator), "region": search_text(region), "unit": unit,
               "year_from": year_from, "year_to": year_to}
    return _list(request, "indicator_series", filters, page,
                 per_page, format, PROVINCES)


@router.get("/officials", response_model=models.Envelope[list[models.OfficialRow]],
            responses=formats.download_responses("Titles people held, first and last seen."),
            summary="Officials and their titles (view officials)")
def officials(request: Request,
              q: Annotated[Optional[str], Query(
                  max_length=200, pattern=TEXT_PATTERN,
                  description="Part of the name; diacritics and tone placement are ignored "
                              "(nguyen van a finds Nguyễn Văn A).")] = None,
              province: ProvinceQ = None, current_province: CurrentProvinceQ = None,
              person_id: Id = None, organisation_id: Id = None, year_from: YearFrom = None,
              year_to: YearTo = None, page: PageQ = 1, per_page: PerPage = 50,
              format: FormatQ = "json") -> Any:
    filters = {"q": search_text(q), "province": province, "current_province": current_province,
               "person_id": person_id, "organisation_id": organisation_id,
               "year_from": year_from, "year_to": year_to}
    return _list(request, "officials", filters, page, per_page,
                 format, PROVINCES)


@router.get("/coverage", response_model=models.Envelope[list[models.CoverageRow]],
            responses=formats.download_responses("Articles and failures per source and month."),
            summary="Coverage per source and month (view coverage)")
def coverage(request: Request, source: Text = None, year_from: YearFrom = None,
             year_to: YearTo = None, page: PageQ = 1, per_page: PerPage = 50,
             format: FormatQ = "json") -> Any:
    filters = {"source": source, "year_from": year_from, "year_to": year_to}
    return _list(request, "coverage", filters, page, per_page, format)


# ---------------------------------------------------------------- entities

def _detail(request: Request, find, ident: str, what: str) -> Any:
    """One entity or article by id, or a 404 naming what was not found."""
    with reading(request) as (snap, cur):
        detail = find(cur, ident)
        if detail is None:
            raise BadParam(f"no {what} with id {ident!r}", status=404)
        return envelope(snap, detail)


@router.get("/blocs", response_model=models.Envelope[list[models.BlocRow]],
            responses=formats.download_responses("Resolved blocs and clusters."),
            summary="Blocs and clusters")
def blocs(request: Request, province: ProvinceQ = None, current_province: CurrentProvinceQ = None,
          kind: Optional[BlocKind] = None,
          q: NamePartQ = None,
          page: PageQ = 1, per_page: PerPage = 50, format: FormatQ = "json") -> Any:
    filters = {"province": province, "current_province": current_province, "kind": kind,
               "q": search_text(q)}
    return _list(request, "blocs", filters, page, per_page, format,
                 PROVINCES)


@router.get("/blocs/{bloc_id}", response_model=models.Envelope[models.BlocDetail],
            summary="A bloc: names, leadership by year with its sources, members, events, awards")
def bloc_detail(request: Request, bloc_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> Any:
    return _detail(request, data.bloc_detail, bloc_id, "bloc")


@router.get("/units", response_model=models.Envelope[list[models.UnitRow]],
            responses=formats.download_responses("Resolved units (agencies, localities)."),
            summary="Units")
def units(request: Request, province: ProvinceQ = None, current_province: CurrentProvinceQ = None,
          type: Text = None,
          q: NamePartQ = None,
          page: PageQ = 1, per_page: PerPage = 50, format: FormatQ = "json") -> Any:
    filters = {"province": province, "current_province": current_province, "type": type,
               "q": search_text(q)}
    return _list(request, "units", filters, page, per_page, format,
                 PROVINCES)


@router.get("/units/{unit_id}", response_model=models.Envelope[models.UnitDetail],
            summary="A unit and the spellings it was found under")
def unit_detail(request: Request, unit_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> Any:
    return _detail(request, queries.unit, unit_id, "unit")


@router.get("/people", response_model=models.Envelope[list[models.PersonHit]],
            summary="Search people by name, ignoring diacritics and tone placement")
def people(request: Request,
           q: Annotated[str, Query(min_length=1, max_length=200, pattern=TEXT_PATTERN,
                                   description="Part of the name (nguyen van a).")],
           province: ProvinceQ = None, page: PageQ = 1, per_page: PerPage = 50) -> Any:
    folded = search_text(q)
    if folded is None:
        raise BadParam("q is empty: give part of a name")
    with reading(request) as (snap, cur):
        prov = snap.provinces.resolve_any(province, status=422) if province else None
        total, rows = queries.search_people(cur, folded, prov, per_page, (page - 1) * per_page)
        return envelope(snap, rows, page, per_page, total)


@router.get("/people/{person_id}", response_model=models.Envelope[models.PersonDetail],
            summary="A person: titles over time and the articles and events they appear in")
def person_detail(request: Request, person_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> Any:
    return _detail(request, data.person_detail, person_id, "person")


# ---------------------------------------------------------------- articles and sections

@router.get("/articles", response_model=models.Envelope[list[models.ArticleRow]],
            responses=formats.download_responses("Loaded articles (without their text)."),
            summary="Articles")
def articles(request: Request, province: ProvinceQ = None,
             current_province: CurrentProvinceQ = None, source: Text = None,
             q: Annotated[Optional[str], Query(max_length=200, pattern=TEXT_PATTERN,
                                               description="Part of the headline.")] = None,
             year_from: YearFrom = None, year_to: YearTo = None, page: PageQ = 1,
             per_page: PerPage = 50, format: FormatQ = "json") -> Any:
    filters = {"province": province, "current_province": current_province, "source": source,
               "q": search_text(q), "year_from": year_from, "year_to": year_to}
    return _list(request, "articles", filters, page, per_page, format,
                 PROVINCES)


@router.get("/articles/{article_id}", response_model=models.Envelope[models.ArticleDetail],
            summary="One article: its text and every fact read from it, with evidence offsets")
def article_detail(request: Request,
                   article_id: Annotated[str, Path(pattern=ID_PATTERN)]) -> Any:
    return _detail(request, data.article_detail, article_id, "article")


# Values a section's `type` filter may take, where the record fixes them.
_SECTION_TYPES = {"events": get_args(EventType), "awards": get_args(AwardType)}
_SECTION_STATUS = {"awards": get_args(AwardStatus), "bloc_leadership": get_args(LeadershipStatus)}


@router.get("/sections/{section}", response_model=models.Envelope[list[dict[str, Any]]],
            responses=formats.download_responses("Rows of one section of the record."),
            summary="Facts of one record section, with their article's place and date")
def section_rows(request: Request, section: SectionName, province: ProvinceQ = None,
                 current_province: CurrentProvinceQ = None, article_id: Id = None,
                 type: Annotated[Optional[str], Query(
                     max_length=100, pattern=TEXT_PATTERN,
                     description="events, awards: a type code; documents: as written.")] = None,
                 status: Annotated[Optional[str], Query(
                     max_length=40, pattern=TEXT_PATTERN,
                     description="awards: proposed|voted|conferred; "
                                 "bloc_leadership: serving|elected.")] = None,
                 bloc: Annotated[Optional[str], Query(
                     max_length=200, pattern=TEXT_PATTERN,
                     description="events, blocs, bloc_leadership: the bloc's name.")] = None,
                 role: Optional[LeadershipRole] = None, kind: Optional[BlocKind] = None,
                 year_from: YearFrom = None, year_to: YearTo = None, page: PageQ = 1,
                 per_page: PerPage = 50, format: FormatQ = "json") -> Any:
    spec = request.app.state.store.current().specs[f"sections/{section}"]
    filters = {"province": province, "current_province": current_province,
               "article_id": article_id, "type": type, "status": status, "bloc": bloc,
               "role": role, "kind": kind, "year_from": year_from, "year_to": year_to}
    for name, value in filters.items():
        if value is not None and name not in spec.equals and name not in ("year_from", "year_to"):
            raise BadParam(f"filter {name!r} does not apply to section {section!r}")
    if type is not None and section in _SECTION_TYPES and type not in _SECTION_TYPES[section]:
        raise BadParam(f"unknown {section} type {type!r}", hint=list(_SECTION_TYPES[section]))
    if status is not None and status not in _SECTION_STATUS.get(section, ()):
        raise BadParam(f"unknown {section} status {status!r}",
                       hint=list(_SECTION_STATUS.get(section, ())))
    return _list(request, f"sections/{section}", filters, page, per_page, format, PROVINCES)
