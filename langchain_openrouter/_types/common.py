"""The base of every platform object, UTC times, USD prices, pages and delete answers.

Private: import these names from :mod:`langchain_openrouter.types`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Annotated, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PlainSerializer,
)


class APIObject(BaseModel):
    """Base of every object returned by the API: undeclared fields are kept as attributes.

    Example:
        >>> obj = APIObject.model_validate({"new_field": 1})
        >>> obj.new_field
        1
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())


def _as_utc(value: datetime) -> datetime:
    """OpenRouter writes UTC; a time without an offset is read as UTC, an aware one moved to UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


_UTCDateTime = Annotated[datetime, AfterValidator(_as_utc)]
"""A ``datetime`` always in UTC with its ``tzinfo`` set, from ISO-8601 text or Unix seconds."""

_Price = Annotated[Decimal, PlainSerializer(lambda d: format(d, "f"), when_used="json")]
"""A USD price, parsed from OpenRouter's decimal string and dumped back to it in JSON mode
(positional notation, as sent: ``"0.00000015"``, never ``"1.5E-7"``)."""

_ItemT = TypeVar("_ItemT")


class Page(APIObject, Generic[_ItemT]):
    """One page of a paginated list: ``{"data": [...], "total_count": int}``.

    Example:
        >>> page = Page[int].model_validate({"data": [], "total_count": 0})
        >>> page.data, page.total_count
        ([], 0)
    """

    data: list[_ItemT]
    """The items of this page."""

    total_count: int | None = None
    """Items across all pages (``offset``/``limit`` select the page)."""


class DeleteResult(APIObject):
    """The answer of a ``DELETE`` (a key, a guardrail): ``{"deleted": true}``."""

    deleted: bool
    """``True`` once the object is gone."""
