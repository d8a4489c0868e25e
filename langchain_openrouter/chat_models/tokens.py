"""Token counts of LangChain messages and tools, as the request OpenRouter would bill.

The messages and tools are converted exactly as a request converts them, then counted by the
package's one prompt counter (``langchain_openrouter._prompt_tokens``), which the emulator bills
with too. The rules and the tokenizer per model family are in ``docs/token-counting.md``.

Example:
    >>> from langchain_core.messages import HumanMessage
    >>> count_messages("openai/gpt-4o-mini", [HumanMessage("hi")])
    8
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import BaseMessage, MessageLikeRepresentation, convert_to_messages
from langchain_core.prompt_values import PromptValue

from langchain_openrouter import _tokens
from langchain_openrouter._prompt_tokens import count_prompt_tokens
from langchain_openrouter.chat_models.messages import _wire_messages
from langchain_openrouter.chat_models.tools import ToolLike, format_tools

__all__: list[str] = []


Conversation = Sequence[MessageLikeRepresentation] | str | PromptValue
"""What ``invoke`` takes as a conversation: messages or message-likes (``("user", "hi")``,
``{"role": "user", "content": "hi"}``, a plain string), one string, or a prompt value."""


def as_messages(messages: Conversation) -> list[BaseMessage]:
    """``messages`` as LangChain messages, converted as ``invoke`` converts its input.

    Raises:
        TypeError: ``messages`` or one of them is of no message-like type (its position named).
        ValueError: A message-like that does not convert (an unknown role, ...).

    Example:
        >>> conversation = [("system", "Be brief"), {"role": "user", "content": "hi"}, "thanks"]
        >>> [m.type for m in as_messages(conversation)]
        ['system', 'human', 'human']
    """
    if isinstance(messages, PromptValue):
        return messages.to_messages()
    if isinstance(messages, str):
        return convert_to_messages([messages])
    if not isinstance(messages, Sequence):
        raise TypeError(
            "messages must be a list of messages or message-likes (a str, a (role, text) "
            f"tuple, a {{'role', 'content'}} dict), got {type(messages).__name__}"
        )
    converted: list[BaseMessage] = []
    for position, message in enumerate(messages):
        try:
            converted.extend(convert_to_messages([message]))
        except NotImplementedError as err:
            raise TypeError(f"messages[{position}]: {err}") from None
        except ValueError as err:
            raise ValueError(f"messages[{position}]: {err}") from None
    return converted


def count_messages(
    model: str, messages: Conversation, tools: Sequence[ToolLike] | None = None
) -> int:
    """Prompt tokens of ``messages`` (and ``tools``) for ``model``.

    Messages are converted one by one, so any slice of a conversation can be counted (a tool
    result whose call was trimmed away, as ``trim_messages`` produces, still counts).

    Args:
        model: The OpenRouter model id (picks the tokenizer: exact for OpenAI models).
        messages: The conversation: messages or message-likes, as ``invoke`` takes them.
        tools: Tools as ``bind_tools`` takes them.

    Returns:
        Tokens, including the 3 that prime the answer.

    Raises:
        TypeError: A message of no message-like type (as the request would raise).
        ValueError: A message or tool cannot be converted (as the request would raise).
    """
    wire: list[dict[str, Any]] = []
    for position, message in enumerate(as_messages(messages)):
        try:
            wire.extend(_wire_messages(message, keep_reasoning_ids=False))
        except ValueError as err:
            raise ValueError(f"messages[{position}] ({type(message).__name__}): {err}") from None
    wire_tools = format_tools(tools) if tools else []
    return count_prompt_tokens(model, wire, wire_tools).total


def count_text(model: str, text: str) -> int:
    """Tokens of ``text`` with ``model``'s tokenizer (no message overhead)."""
    return _tokens.count_tokens(text, model)


def token_ids(model: str, text: str) -> list[int]:
    """Token ids of ``text`` with ``model``'s tokenizer.

    Raises:
        RuntimeError: The tokenizer's file is not available offline (the message says how to
            install it).
    """
    name = _tokens.encoding_for_model(model)
    enc = _tokens.encoding(name)
    if enc is None:
        raise RuntimeError(
            f"token ids need tiktoken's {name} file; set TIKTOKEN_CACHE_DIR to a directory "
            "holding it (get_num_tokens works without it, with an estimate)"
        )
    return list(enc.encode(text, disallowed_special=()))
