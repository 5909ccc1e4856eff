"""The JSON contract as pydantic models: what the OpenAPI schema (``/api/openapi.json``) documents.

The API returns the dictionaries :mod:`storyline.render` builds for the CLI's ``--json`` (so both say the
same thing); these models describe them for clients and are not used to re-validate each response.
Every model allows extra keys: stages may add fields before the contract names them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Flags(_Open):
    conflicts: int = Field(description="Facts whose sources disagree (status conflict).")
    rewrites: int = Field(description="Relations judged machine rewrites.")


class StoryItem(_Open):
    id: str
    title: str
    storyline: str
    articles: list[str] = Field(description="Article ids, oldest first.")
    sources: list[str]
    first_published: str | None
    last_published: str | None
    level: str = Field(description="event or storyline.")
    events: list[dict[str, Any]] | None = Field(None, description="A storyline's events.")
    flags: Flags


class ShowArticle(_Open):
    id: str
    title: str | None
    source: str | None
    published: str | None


class Origin(_Open):
    article: str | None = Field(description="The earliest carrier of the report inside the library.")
    external: str | None = Field(description="An outlet outside the library the articles credit.")
    evidence: list[str]


class RelationOut(_Open):
    source: str
    target: str = Field(description="The article that derives from source.")
    relation: str = Field(description="duplicate, syndicated, edited, partial, rewrite or independent.")
    score: float
    spans: list[list[int]] = Field(description="Reused passages: [source_start, source_end, target_start, target_end].")


class MentionOut(_Open):
    article: str
    span: list[int] = Field(description="[start, end) character offsets into the article's clean text.")
    text: str


class Fact(_Open):
    kind: str = Field(description="quantity, date, entity or quote.")
    subject: str
    value: Any
    unit: str | None
    status: str = Field(description="agreed, conflict, unique or updated.")
    mentions: list[MentionOut]


class Cited(_Open):
    text: str
    citations: list[str]


class Dated(Cited):
    date: str


class Show(_Open):
    id: str
    title: str
    storyline: str
    level: str
    articles: list[ShowArticle]
    origin: Origin
    relations: list[RelationOut]
    facts: list[Fact]
    brief: list[Cited]
    timeline: list[Dated]
    analysed_at: str | None = Field(None, description="When the analysis was stored; null: not analysed yet.")


class FamilyMember(_Open):
    id: str
    kind: str
    matched: str | None
    similarity: float
    containment: float


class ArticleOut(_Open):
    id: str
    title: str | None
    text: str = Field(description="The clean text every offset refers to.")
    published: str | None
    source: str | None
    url: str | None
    byline: str | None
    dateline: str | None
    attributed_to: list[str]
    family: str | None
    story: str | None
    removed_boilerplate: list[str]
    family_members: list[FamilyMember]
    sightings: list[str]


class Compare(_Open):
    source: str
    target: str
    relation: str | None = Field(description="null when the two articles are unrelated.")
    score: float
    spans: list[list[int]]


class SourceCount(_Open):
    source: str
    articles: int
