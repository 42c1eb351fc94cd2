"""The article record: the contract between extraction, the warehouse and exports.

Field names follow ../shared/spec/RECORD.md and must never be renamed; new fields may
be added. Every model forbids unknown keys so a typo in an extractor fails loudly.
"""
from __future__ import annotations

from datetime import date as Date
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(Strict):
    """Where a fact was read: the sentence and its character span in the cleaned body."""

    text: str = Field(description="The sentence the fact came from.")
    start: int = Field(ge=0, description="Offset of the sentence's first character in `body`.")
    end: int = Field(ge=0, description="Offset just past the sentence's last character in `body`.")
    span_start: Optional[int] = Field(default=None, ge=0, description=(
        "Offset in `body` of the first character of the words that state the fact (within the sentence)."))
    span_end: Optional[int] = Field(default=None, ge=0, description=(
        "Offset in `body` just past the words that state the fact."))


class Fact(Strict):
    evidence: Optional[Evidence] = Field(default=None, description="Sentence the fact was read from.")


EventType = Literal[
    "annual_review", "interim_review", "pact_signing", "launch", "congress",
    "award_ceremony", "inspection", "other",
]
BlocKind = Literal["khoi", "cum"]
MemberRole = Literal["leader", "deputy", "member"]
PersonRole = Literal["chair", "speaker", "attendee", "presenter", "other"]
Honorific = Literal["ông", "bà", "đồng chí"]
AwardType = Literal[
    "government_emulation_flag", "provincial_emulation_flag", "ministry_emulation_flag",
    "pm_certificate_of_merit", "provincial_certificate_of_merit", "ministry_certificate_of_merit",
    "certificate_of_commendation", "labour_order", "order_other", "hero",
    "excellent_labour_collective", "advanced_labour_collective", "emulation_fighter",
    "rating_excellent", "rating_good", "other",
]
AwardStatus = Literal["proposed", "voted", "conferred"]
RecipientKind = Literal["collective", "individual"]
LeadershipRole = Literal["leader", "deputy"]
LeadershipStatus = Literal["serving", "elected"]


class Event(Fact):
    """A meeting or ceremony the article reports."""

    type: EventType = Field(description="Kind of event (tổng kết năm, sơ kết, ký kết giao ước…).")
    date: Optional[Date] = Field(default=None, description="Day the event took place.")
    period_start: Optional[Date] = Field(default=None, description="First day of the period reviewed.")
    period_end: Optional[Date] = Field(default=None, description="Last day of the period reviewed.")
    location: Optional[str] = Field(default=None, description="Place as written after 'tại'.")
    bloc: Optional[str] = Field(default=None, description="Canonical name of the bloc holding it.")


class Member(Strict):
    org: str = Field(description="Canonical unit name.")
    role: MemberRole = Field(description="leader, deputy or member of the bloc.")


class Bloc(Fact):
    """An emulation bloc (khối thi đua) or cluster (cụm thi đua)."""

    name: str = Field(description="Canonical full name, abbreviations expanded.")
    kind: BlocKind = Field(description="khoi: agencies by function; cum: localities by area.")
    province: Optional[str] = Field(default=None, description="Province, without 'tỉnh'.")
    aliases: list[str] = Field(default_factory=list, description="Abbreviations used in the article.")
    members: list[Member] = Field(default_factory=list, description="Member units, when listed.")
    member_count: Optional[int] = Field(default=None, description="Number of members when stated.")


class Person(Fact):
    """An official named with a title."""

    name: str = Field(description="Full name, title-cased.")
    honorific: Optional[Honorific] = Field(default=None, description="ông, bà, đồng chí or null.")
    titles: list[str] = Field(default_factory=list, description="Positions, abbreviations expanded.")
    role: PersonRole = Field(default="other", description="Part played in the event.")


class Award(Fact):
    """An award, title or rating proposed, voted or conferred."""

    type: AwardType = Field(description="Award code.")
    label: str = Field(description="The award as written.")
    conferrer: Optional[str] = Field(default=None, description="Who gives it (Chính phủ, UBND tỉnh…).")
    recipient: Optional[str] = Field(default=None, description="Canonical recipient name.")
    recipient_count: Optional[int] = Field(default=None, description="Number of recipients when counted.")
    recipient_kind: Optional[RecipientKind] = Field(default=None, description="collective or individual.")
    status: AwardStatus = Field(description="proposed, voted or conferred.")
    year: Optional[int] = Field(default=None, description="Year of achievement rewarded.")
    decision: Optional[str] = Field(default=None, description="Number of the conferring decision.")


class Leadership(Fact):
    """Which unit leads or deputises a bloc in which year."""

    bloc: str = Field(description="Canonical bloc name.")
    year: Optional[int] = Field(default=None, description="Year of the term.")
    role: LeadershipRole = Field(description="leader or deputy.")
    org: str = Field(description="Canonical unit name.")
    status: LeadershipStatus = Field(description="serving, or elected for a coming term.")


class Indicator(Fact):
    """A reported socio-economic or performance figure."""

    name: str = Field(description="What is measured, as written.")
    value: Optional[float] = Field(default=None, description="The number (1.334,251 → 1334.251).")
    unit: Optional[str] = Field(default=None, description="Unit, normalised (tỷ đồng, %, xã…).")
    total: Optional[float] = Field(default=None, description="Denominator of 'a/b'.")
    change_pct: Optional[float] = Field(default=None, description="Signed growth in percent.")
    compared_to: Optional[str] = Field(default=None, description="What the change is against.")
    plan_pct: Optional[float] = Field(default=None, description="Percent of plan.")
    estimate: bool = Field(default=False, description="True for ước đạt / ước tính.")
    period: Optional[str] = Field(default=None, description="Period covered, as written.")
    region: Optional[str] = Field(default=None, description="Place covered.")


class Document(Fact):
    """A legal or administrative document cited."""

    number: str = Field(description="Normalised number (21/KH-UBND).")
    type: Optional[str] = Field(default=None, description="Kế hoạch, Quyết định… as written.")
    date: Optional[Date] = Field(default=None, description="Date of issue.")
    issuer: Optional[str] = Field(default=None, description="Issuing body.")


class Record(Strict):
    """One article's facts."""

    id: Optional[str] = Field(default=None, description="Caller's identifier for the input.")
    url: Optional[str] = Field(default=None, description="Page address.")
    source: Optional[str] = Field(default=None, description="Host of the site.")
    province: Optional[str] = Field(default=None, description="Province the article is about.")
    title: Optional[str] = Field(default=None, description="Headline.")
    published: Optional[Date] = Field(default=None, description="Publication date on the page.")
    author: Optional[str] = Field(default=None, description="Byline.")
    body: str = Field(default="", description="Cleaned article text; evidence offsets point into it.")
    events: list[Event] = Field(default_factory=list)
    blocs: list[Bloc] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    bloc_leadership: list[Leadership] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    movements: list[str] = Field(default_factory=list, description="Names of emulation movements.")
    movement_evidence: list[Evidence] = Field(
        default_factory=list, description="Evidence for each entry of `movements`, same order.")
    warnings: list[str] = Field(
        default_factory=list,
        description="What was wrong with the input and how extraction dealt with it (repaired mojibake, "
                    "text that does not look Vietnamese …); empty for a clean input.")
    extractor_version: Optional[str] = Field(default=None, description="Version of the extractor.")
    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")


SECTIONS = ("events", "blocs", "people", "awards", "bloc_leadership", "indicators", "documents",
            "movements")
