"""Shapes of the JSON API's answers: what the OpenAPI document promises, field by field."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Annotated, Any, Generic, Optional, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

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

class BlocLeadershipRow(Out):
    province: Optional[str]
    current_province: Optional[str]
    bloc: str
    bloc_id: str
    year: Optional[int]
    leader: Optional[str]
    leader_unit_id: Optional[str]
    deputy: Optional[str]
    deputy_unit_id: Optional[str]
    status: Optional[str] = Field(description="serving, or elected for a coming term.")
    conflict: bool = Field(description="True when sources name different holders for the year.")
    sources: list[str]


class AwardTrendRow(Out):
    year: Optional[int]
    province: Optional[str]
    current_province: Optional[str]
    bloc: Optional[str]
    bloc_id: Optional[str]
    award_type: str
    status: str
    count: int = Field(description="Recipients (counted, or one per named recipient).")
    items: int = Field(description="Distinct awards behind the count.")
    sources: list[str]


class IndicatorRow(Out):
    region: Optional[str]
    province: Optional[str]
    current_province: Optional[str]
    indicator: str
    period: Optional[str]
    value: float
    unit: Optional[str]
    estimate: Optional[bool]
    conflict: bool
    sources: list[str]


class OfficialRow(Out):
    person_id: str
    person: str
    title: Optional[str]
    organisation: Optional[str]
    organisation_id: Optional[str]
    province: Optional[str]
    current_province: Optional[str]
    first_seen: Optional[date]
    last_seen: Optional[date]
    articles: int
    sources: list[str]


class CoverageRow(Out):
    source: Optional[str]
    month: Optional[str]
    articles: int
    extraction_failures: int


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
    province: str
    current_province: Optional[str]
    articles: int
    year_min: Optional[int]
    year_max: Optional[int]
    khoi: int = Field(description="Emulation blocs (khối thi đua) of the province.")
    cum: int = Field(description="Emulation clusters (cụm thi đua) of the province.")


class Summary(Out):
    articles: int
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
    year: Optional[int]
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
                    "(evidence_text, evidence_start, evidence_end: offsets into body).")
