"""Shapes of the JSON API's answers: what the OpenAPI document promises, field by field."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Annotated, Any, Generic, Optional, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

T = TypeVar("T")


def _utc(value: datetime) -> datetime:
    # The warehouse stores load times as UTC without a zone; JSON date-times carry one.
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


UTCDateTime = Annotated[datetime, AfterValidator(_utc)]


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Envelope(Out, Generic[T]):
    """Every answer: the rows, where they sit in the whole, and which load produced them."""

    data: T
    page: Optional[int] = Field(None, description="Page number (1-based) for lists.")
    per_page: Optional[int] = None
    total: Optional[int] = Field(None, description="Rows matching the filters, all pages.")
    extractor_versions: list[str] = Field(description="Extractor versions of the loaded articles.")
    loaded_at: Optional[UTCDateTime] = Field(
        description="When the newest articles were loaded (UTC).")
    schema_version: Optional[int] = Field(description="Warehouse schema version.")


class ErrorOut(Out):
    detail: str = Field(description="What is wrong, in one sentence.")
    errors: Optional[list[dict[str, Any]]] = Field(None, description="Each invalid parameter.")
    hint: Optional[list[str]] = Field(None, description="Accepted values, when there is a list.")


# ---------------------------------------------------------------- analyst views

_PYTHON = {"VARCHAR": str, "INTEGER": int, "BIGINT": int, "HUGEINT": int, "DOUBLE": float,
           "BOOLEAN": bool, "DATE": date, "TIMESTAMP": UTCDateTime, "VARCHAR[]": list[str]}


_VIEW_MODEL_NAMES = {"bloc_leadership_history": "BlocLeadershipRow",
                     "award_trends": "AwardTrendRow", "indicator_series": "IndicatorRow",
                     "officials": "OfficialRow", "coverage": "CoverageRow"}


def _view_models() -> dict[str, type[Out]]:
    """One model per analyst view, its fields read from the view itself (DESCRIBE of an
    empty warehouse made by warehouse/sql's DDL), their descriptions from the record models
    (datapackage.view_column_doc): a column is declared once, in SQL."""
    import duckdb

    from thidua.warehouse import datapackage
    from thidua.warehouse.db import VIEWS, sql_files

    con = duckdb.connect()
    try:
        # the DDL alone: no data files read, nothing converted through pyarrow (which would
        # import pandas, when installed, into every server worker)
        for _name, text in sql_files():
            con.execute(text)
        docs = datapackage.table_docs()
        out = {}
        for view in VIEWS:
            fields: dict[str, Any] = {}
            for column, dtype, _null in datapackage.describe(con, view):
                doc = datapackage.view_column_doc(view, column, docs)
                fields[column] = (Optional[_PYTHON[dtype]],
                                  Field(description=doc.description if doc else None))
            out[view] = create_model(_VIEW_MODEL_NAMES[view], __base__=Out, **fields)
        return out
    finally:
        con.close()


VIEW_ROWS = _view_models()
BlocLeadershipRow = VIEW_ROWS["bloc_leadership_history"]
AwardTrendRow = VIEW_ROWS["award_trends"]
IndicatorRow = VIEW_ROWS["indicator_series"]
OfficialRow = VIEW_ROWS["officials"]
CoverageRow = VIEW_ROWS["coverage"]


class ArticleRow(Out):
    article_id: str
    url: Optional[str]
    source: Optional[str]
    province: Optional[str]
    current_province: Optional[str]
    district: Optional[str]
    title: Optional[str]
    published: Optional[date]
    author: Optional[str]
    extractor_version: Optional[str]
    loaded_at: UTCDateTime


class BlocRow(Out):
    bloc_id: str
    name: str
    kind: str
    province: Optional[str]
    current_province: Optional[str]
    mentions: int


class UnitRow(Out):
    unit_id: str
    name: str
    province: Optional[str]
    current_province: Optional[str]
    type: Optional[str]
    mentions: int


class ProvinceRow(Out):
    province: Optional[str] = Field(description="As written; null for the articles whose "
                                                "province was not read (so rows add up).")
    current_province: Optional[str]
    articles: int
    year_min: Optional[int]
    year_max: Optional[int]
    khoi: int = Field(description="Emulation blocs (khối thi đua) of the province.")
    cum: int = Field(description="Emulation clusters (cụm thi đua) of the province.")


class Summary(Out):
    articles: int
    without_province: int = Field(description="Articles whose province was not read.")
    provinces: int
    sources: int
    year_min: Optional[int]
    year_max: Optional[int]
    last_published: Optional[date]


# ---------------------------------------------------------------- details

class FactRef(Out):
    article_id: str
    item_no: int
    title: Optional[str] = None


class HistoryEntry(Out):
    year: Optional[int]
    leader: Optional[str]
    leader_unit_id: Optional[str]
    deputy: Optional[str]
    deputy_unit_id: Optional[str]
    status: Optional[str]
    conflict: bool
    sources: list[str]
    leader_facts: list[FactRef]
    deputy_facts: list[FactRef]


class MemberEntry(Out):
    name: Optional[str]
    unit_id: Optional[str]
    roles: list[str]
    first_seen: Optional[date]
    last_seen: Optional[date]
    articles: int = Field(description="Articles listing the unit as a member.")


class EventEntry(Out):
    type: str
    date: Optional[date]
    location: Optional[str]
    article_id: str
    item_no: int
    title: Optional[str]
    published: Optional[date]


class AwardEntry(Out):
    year: Optional[int] = Field(description="Year of the stage reported (event, else article).")
    achievement_year: Optional[int] = Field(description="Year of the achievement rewarded.")
    award_type: str
    label: str
    recipient: Optional[str]
    recipient_count: Optional[int]
    status: str
    decision: Optional[str]
    article_id: str
    item_no: int
    title: Optional[str]


class BlocDetail(BlocRow):
    aliases: list[str]
    member_count: Optional[int]
    history: list[HistoryEntry]
    members: list[MemberEntry]
    events: list[EventEntry] = Field(description="The newest events (at most 100).")
    awards: list[AwardEntry] = Field(description="The newest awards (at most 100).")
    event_count: int
    award_count: int


class UnitDetail(UnitRow):
    aliases: list[str]


class SourceLink(Out):
    article_id: str
    title: Optional[str]


class TitleEntry(Out):
    title: Optional[str]
    organisation: Optional[str]
    organisation_id: Optional[str]
    first_seen: Optional[date]
    last_seen: Optional[date]
    articles: int
    sources: list[str]
    links: list[SourceLink] = Field(description="The source articles, by id.")


class AppearanceEntry(Out):
    article_id: str
    item_no: int
    role: Optional[str]
    titles: Optional[list[str]]
    article_title: Optional[str]
    published: Optional[date]
    event_type: Optional[str]
    event_date: Optional[date]
    location: Optional[str]
    bloc: Optional[str]


class PersonDetail(Out):
    person_id: str
    name: str
    province: Optional[str]
    current_province: Optional[str]
    mentions: int
    aliases: list[str]
    titles: list[TitleEntry]
    appearances: list[AppearanceEntry]


class PersonHit(Out):
    person_id: str
    name: str
    province: Optional[str]
    current_province: Optional[str]
    mentions: int
    title: Optional[str]
    organisation: Optional[str]
    last_seen: Optional[date]


class ArticleDetail(ArticleRow):
    body: str
    schema_version: Optional[str]
    facts: dict[str, list[dict[str, Any]]] = Field(
        description="The record's sections, each fact with item_no and its evidence span "
                    "(evidence_text, evidence_start, evidence_end: offsets into body; "
                    "evidence_span_start, evidence_span_end: the words that state the fact, "
                    "null where the record has none).")
