"""The policy model: one entry per real policy, consolidated from the records of many documents.

``Policy.model_dump(mode="json")`` is exactly one item of ``edaran query --format json`` (the
contract shared with the policy engine, see docs/archive.md). Fields may be added, never renamed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "HORIZON_DAYS",
    "Conflict",
    "ConflictValue",
    "EvidenceSentence",
    "Policy",
    "PolicyAuthority",
    "PolicyEffective",
    "PolicyExemption",
    "PolicyLink",
    "PolicyQuota",
    "PolicySource",
    "Recurrence",
]

HORIZON_DAYS = 60  # a policy whose end is unknown is "in force" at most this long after its last source

Change = Literal["new", "extension", "amendment", "revocation"]
Precision = Literal["day", "week", "month"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PolicyAuthority(_Model):
    id: str = Field(description="'region:<Kemendagri code>' or 'central:<slug>'")
    name: str
    level: Literal["provinsi", "kota", "kabupaten", "central"]
    parent: str | None = Field(default=None, description="the province of a kota/kabupaten; null otherwise")


class Recurrence(_Model):
    days_of_week: list[Weekday] = Field(description="the rule holds only on these weekdays")


class PolicyEffective(_Model):
    from_day: str | None = Field(default=None, description="ISO day; a week/month start is its first day")
    from_precision: Precision | None = None
    to_day: str | None = Field(default=None, description="ISO day; a week/month end is its last day")
    to_precision: Precision | None = None
    open_ended: bool = Field(default=False, description="the text says 'until further notice'")
    horizon_day: str | None = Field(
        default=None, description="to_day unknown and not open-ended: last source published + 60 days")
    recurrence: Recurrence | None = None


class PolicyQuota(_Model):
    mode: Literal["WFO", "WFH", "WFA", "WFF"]
    op: Literal["<=", ">=", "="]
    percent: float = Field(ge=0, le=100)
    scope: str
    condition: str | None = Field(default=None, description="'zone:red', 'ppkm_level:4', ... or null")


class PolicyExemption(_Model):
    category: str


class PolicyLink(_Model):
    type: Literal["extends", "amends", "revokes"]
    policy_id: str


class ConflictValue(_Model):
    value: str | None
    sources: list[str] = Field(description="doc_ids stating this value")


class Conflict(_Model):
    field: str
    values: list[ConflictValue]
    chosen: str | None
    rule: str


class PolicySource(_Model):
    doc_id: str
    record_id: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    genre: str | None = Field(default=None, description="'news' | 'circular'")


class Policy(_Model):
    """One real policy: its authority, normalised period, rules and every source."""

    policy_id: str
    authority: PolicyAuthority
    change: Change = "new"
    effective: PolicyEffective = PolicyEffective()
    modes: list[Literal["WFO", "WFH", "WFA", "WFF"]] = []
    quotas: list[PolicyQuota] = []
    exemptions: list[PolicyExemption] = []
    instrument: str | None = None
    legal_basis: list[str] = []
    follows: list[str] = Field(default=[], description="policy_ids of central policies this one applies")
    links: list[PolicyLink] = Field(default=[], description="this policy -> the earlier one it changes")
    conflicts: list[Conflict] = []
    reasons: list[str] = []
    confidence: float = Field(ge=0, le=1)
    sources: list[PolicySource] = []


class EvidenceSentence(_Model):
    """One piece of evidence of a policy: the sentence around an extracted span, and its source."""

    policy_id: str
    record_id: str
    doc_id: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    field: str = Field(description="the record field it supports, e.g. 'quotas[0]'")
    rule: str | None = None
    text: str = Field(description="the sentence of the document's cleaned text that holds the span")
    start: int = Field(description="offset of the sentence in the document's cleaned text")
    end: int
    span_start: int = Field(description="offset of the extracted span itself")
    span_end: int
