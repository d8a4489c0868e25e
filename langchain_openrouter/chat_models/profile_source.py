"""Live model profiles: ``ChatOpenRouter.profile`` from the model's ``GET /models`` entry.

The catalog comes from the process-wide
:data:`~langchain_openrouter.retrievers._catalog().CATALOG_CACHE` (one snapshot per base URL,
fresh for :data:`PROFILE_TTL` seconds, shared with every chat model and model retriever; the
first of several concurrent readers fetches, the others wait for it). It is fetched at the
first read of ``profile``, never when a model is built.

Where the catalog cannot be had, the built-in table (:mod:`.profiles`) answers instead, quietly
(one ``DEBUG`` record per failed fetch): no API key configured, a network error, a timeout
(:data:`FETCH_TIMEOUT` seconds) or an error status. After a failure the catalog is not asked
again for :data:`RETRY_AFTER` seconds. A model the catalog does not list has no profile.

On an event loop's thread ``profile`` never waits for the network: it reads the cached catalog
(even one older than the TTL) and, when that is missing or stale, starts the fetch as a task on
the loop and answers from what it has (the built-in table the first time). ``await
llm.aget_profile()`` waits for the catalog without blocking the loop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from langchain_core.language_models import ModelProfile
from pydantic import PrivateAttr, model_validator
from typing_extensions import Self

if TYPE_CHECKING:
    from types import ModuleType

    from langchain_openrouter.retrievers.catalog_cache import CatalogKind, Snapshot

from langchain_openrouter._client.config import resolve_base_url
from langchain_openrouter._settings import OpenRouterSettings
from langchain_openrouter.chat_models.profiles import get_profile as table_profile

__all__: list[str] = []


def _catalog() -> ModuleType:
    """The catalog cache module, imported at the first profile read.

    It brings the retriever and the platform functions; importing them with the chat model
    would add them to every ``import langchain_openrouter`` for a feature read lazily anyway.
    """
    from langchain_openrouter.retrievers import catalog_cache

    return catalog_cache


logger = logging.getLogger(__name__)

PROFILE_TTL = 3600.0
"""Seconds a fetched catalog serves profiles before the next read fetches it again."""

RETRY_AFTER = 300.0
"""Seconds after a failed catalog fetch during which profiles come from the built-in table."""

FETCH_TIMEOUT = 10.0
"""Seconds one catalog request for profiles may take."""

_KIND: CatalogKind = "chat"
_INPUTS = {
    "text": "text_inputs",
    "image": "image_inputs",
    "audio": "audio_inputs",
    "video": "video_inputs",
}
_OUTPUTS = {
    "text": "text_outputs",
    "image": "image_outputs",
    "audio": "audio_outputs",
    "video": "video_outputs",
}
# Base URL -> clock time of the last failed fetch.
_failures: dict[str, float] = {}
# Running fetch tasks by (event loop, base URL): at most one is started per loop and catalog.
_tasks: dict[tuple[asyncio.AbstractEventLoop, str], asyncio.Task[None]] = {}


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _positive_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def profile_from_entry(entry: Mapping[str, Any]) -> ModelProfile:
    """The LangChain profile of one ``GET /models`` model object (§7.2); pure.

    ``max_input_tokens`` is ``context_length`` (else ``top_provider.context_length``);
    ``max_output_tokens`` is ``top_provider.max_completion_tokens`` (absent when null). Input
    and output flags come from ``architecture.input_modalities`` / ``output_modalities``
    (``file`` means PDF input). ``tool_calling``, ``tool_choice``, ``structured_output``
    (``structured_outputs``: JSON schema), ``reasoning_output`` and ``temperature`` say whether
    ``supported_parameters`` lists the matching parameter; the reasoning efforts and default
    come from ``reasoning``. Tool calls stream as chunks wherever tools are supported
    (OpenRouter streams every provider's calls in the OpenAI shape); ``open_weights`` is true
    when the model names a Hugging Face repository.

    Args:
        entry: One model object of the catalog.

    Returns:
        A new ``ModelProfile``.

    Example:
        >>> profile = profile_from_entry({
        ...     "id": "a/b", "name": "A: B", "context_length": 8192,
        ...     "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
        ...     "top_provider": {"max_completion_tokens": 1024},
        ...     "supported_parameters": ["tools", "temperature"],
        ... })
        >>> profile["max_input_tokens"], profile["tool_calling"], profile["structured_output"]
        (8192, True, False)
    """
    architecture = entry.get("architecture") or {}
    top = entry.get("top_provider") or {}
    params = set(_strings(entry.get("supported_parameters")))
    inputs = set(_strings(architecture.get("input_modalities")))
    outputs = set(_strings(architecture.get("output_modalities")))
    profile = ModelProfile(name=str(entry.get("name") or entry.get("id") or ""))
    context = _positive_int(entry.get("context_length")) or _positive_int(top.get("context_length"))
    if context is not None:
        profile["max_input_tokens"] = context
    max_output = _positive_int(top.get("max_completion_tokens"))
    if max_output is not None:
        profile["max_output_tokens"] = max_output
    for modality, key in _INPUTS.items():
        profile[key] = modality in inputs  # type: ignore[literal-required]
    # OpenRouter fetches https image URLs itself, so every image-capable model takes them.
    profile["image_url_inputs"] = "image" in inputs
    profile["pdf_inputs"] = "file" in inputs
    for modality, key in _OUTPUTS.items():
        profile[key] = modality in outputs  # type: ignore[literal-required]
    profile["tool_calling"] = "tools" in params
    profile["tool_choice"] = "tool_choice" in params
    profile["tool_call_streaming"] = "tools" in params
    profile["structured_output"] = "structured_outputs" in params
    reasoning = entry.get("reasoning")
    reasoning = reasoning if isinstance(reasoning, Mapping) else {}
    profile["reasoning_output"] = "reasoning" in params or bool(reasoning)
    efforts = _strings(reasoning.get("supported_efforts"))
    if efforts:
        profile["reasoning_effort_levels"] = efforts
    default_effort = reasoning.get("default_effort")
    if isinstance(default_effort, str) and default_effort:
        profile["reasoning_effort_default"] = default_effort
    profile["temperature"] = "temperature" in params
    profile["open_weights"] = bool(entry.get("hugging_face_id"))
    return profile


def find_entry(index: Mapping[str, Mapping[str, Any]], model: str) -> Mapping[str, Any] | None:
    """The catalog entry serving ``model``, the way OpenRouter routes it; pure.

    An exact ``id`` (``:free`` variants are entries of their own) or ``canonical_slug`` wins;
    otherwise variant suffixes are dropped from the right (``a/b:free:online`` tries
    ``a/b:free``, then ``a/b``), since ``:nitro``, ``:online``, ``:floor``... route the same
    model (§1.5).

    Args:
        index: Entries by id and canonical slug (:attr:`Snapshot.by_id`).
        model: The model id as given to ``ChatOpenRouter``.

    Returns:
        The entry, or ``None`` when the catalog does not list the model.

    Example:
        >>> index = {"a/b": {"id": "a/b"}, "a/b:free": {"id": "a/b:free"}}
        >>> find_entry(index, "a/b:free:online")["id"], find_entry(index, "a/b:nitro")["id"]
        ('a/b:free', 'a/b')
    """
    candidate = model
    while True:
        entry = index.get(candidate)
        if entry is not None or ":" not in candidate:
            return entry
        candidate = candidate.rsplit(":", 1)[0]


def _profile_for(snapshot: Snapshot | None, model: str) -> ModelProfile | None:
    if snapshot is None:
        return table_profile(model)
    entry = find_entry(snapshot.by_id, model)
    return None if entry is None else profile_from_entry(entry)


def _failed_recently(base_url: str) -> bool:
    failed_at = _failures.get(base_url)
    clock = _catalog().CATALOG_CACHE.clock
    return failed_at is not None and clock() - failed_at < RETRY_AFTER


def _note_failure(base_url: str, error: BaseException) -> None:
    _failures[base_url] = _catalog().CATALOG_CACHE.clock()
    logger.debug(
        "model profiles: the catalog at %s could not be fetched (%s: %s); using the built-in "
        "table for %.0f s",
        base_url,
        type(error).__name__,
        error,
        RETRY_AFTER,
    )


def forget_failures() -> None:
    """Forget failed fetches: the next profile read asks the catalog again."""
    _failures.clear()


def _state(settings: OpenRouterSettings) -> tuple[str, Snapshot | None, bool] | None:
    """(base URL, stored snapshot, whether to use it as is), or ``None`` for the table."""
    if not _catalog()._authenticate(settings):
        return None
    base_url = resolve_base_url(settings.openrouter_api_base)
    cache = _catalog().CATALOG_CACHE
    snapshot = cache.peek(base_url, _KIND)
    fresh = snapshot is not None and cache.clock() - snapshot.fetched_at < PROFILE_TTL
    return base_url, snapshot, fresh or _failed_recently(base_url)


def current_snapshot(settings: OpenRouterSettings) -> Snapshot | None:
    """The catalog profiles are read from now (``None``: the built-in table); never raises.

    Fetches (blocking) when the catalog is missing or stale, except on an event loop's thread,
    where the fetch is started as a task and the stored snapshot, if any, answers meanwhile.
    """
    try:
        state = _state(settings)
    except Exception:
        return None
    if state is None:
        return None
    base_url, snapshot, settled = state
    if settled:
        return snapshot
    try:
        loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is not None:
        _start_fetch(loop, settings, base_url)
        return snapshot
    try:
        fetched: Snapshot = _catalog().CATALOG_CACHE.get(
            base_url,
            _KIND,
            PROFILE_TTL,
            lambda: _catalog().fetch_catalog(settings, _KIND, timeout=FETCH_TIMEOUT),
        )
    except Exception as error:
        _note_failure(base_url, error)
        return snapshot
    return fetched


async def acurrent_snapshot(settings: OpenRouterSettings) -> Snapshot | None:
    """Async :func:`current_snapshot`: waits for the fetch on the loop; never raises."""
    try:
        state = _state(settings)
    except Exception:
        return None
    if state is None:
        return None
    base_url, snapshot, settled = state
    if settled:
        return snapshot
    try:
        fetched: Snapshot = await _catalog().CATALOG_CACHE.aget(
            base_url,
            _KIND,
            PROFILE_TTL,
            lambda: _catalog().afetch_catalog(settings, _KIND, timeout=FETCH_TIMEOUT),
        )
    except Exception as error:
        _note_failure(base_url, error)
        return snapshot
    return fetched


def _start_fetch(
    loop: asyncio.AbstractEventLoop, settings: OpenRouterSettings, base_url: str
) -> None:
    key = (loop, base_url)
    if key in _tasks:
        return
    task = loop.create_task(_prefetch(settings))
    _tasks[key] = task
    task.add_done_callback(lambda _: _tasks.pop(key, None))


async def _prefetch(settings: OpenRouterSettings) -> None:
    await acurrent_snapshot(settings)


class LiveProfile(OpenRouterSettings):
    """``profile`` read from the live catalog at first access (see the module docstring).

    A ``profile=`` given to the constructor, or assigned later, is kept as is. Otherwise the
    value follows the shared catalog: a fresh snapshot gives a new profile (the same object
    between refreshes, so changes to it stay until the next refresh).
    """

    _profile_memo: tuple[tuple[int, str], ModelProfile | None] | None = PrivateAttr(default=None)

    if TYPE_CHECKING:
        model_name: str

    @model_validator(mode="after")
    def _lazy_profile(self) -> Self:
        # BaseChatModel's validators stored ``None``; without a stored value, reads of
        # ``profile`` reach ``__getattr__`` below, which resolves it.
        if self.__dict__.get("profile") is None:
            self.__dict__.pop("profile", None)
        return self

    def _live_profile(self, snapshot: Snapshot | None) -> ModelProfile | None:
        # Keyed by the model too: ``model_copy(update={"model": ...})`` copies the memo.
        key = (0 if snapshot is None else snapshot.version, self.model_name)
        memo = self._profile_memo
        if memo is None or memo[0] != key:
            memo = self._profile_memo = (key, _profile_for(snapshot, self.model_name))
        return memo[1]

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            if name == "profile":
                return self._live_profile(current_snapshot(self))
            return super().__getattr__(name)

    async def aget_profile(self) -> ModelProfile | None:
        """The model's profile, fetching the catalog on the running loop if needed.

        Use it in async code to get the live profile on the first read (``profile`` there
        never waits for the network). A ``profile=`` given to the constructor wins.

        Returns:
            The ``ModelProfile`` from the model's ``GET /models`` entry; the built-in table's
            when the catalog cannot be fetched; ``None`` for a model the catalog does not list.

        Example:
            .. code-block:: python

                profile = await llm.aget_profile()
                print(profile["max_input_tokens"])
        """
        if "profile" in self.__dict__:
            return self.__dict__["profile"]  # type: ignore[no-any-return]
        return self._live_profile(await acurrent_snapshot(self))
