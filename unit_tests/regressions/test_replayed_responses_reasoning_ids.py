"""OpenAI Responses reasoning ids (``rs_...``) must not be replayed by default.

Seen in langchain-ai/langchain#37777 (fixed in langchain-openrouter 0.2.x by #38383): sending
back ``reasoning_details`` with their ``rs_`` ids made later turns fail with a provider 404
("Item with id 'rs_...' not found"). The encrypted payload itself is still sent, in order.
"""

from __future__ import annotations

from langchain_openrouter.chat_models.messages import convert_message
from langchain_openrouter.chat_models.results import parse_chat_completion
from unit_tests.samples import load_json


def test_ids_dropped_payload_kept() -> None:
    body = load_json("chat_completion_file_annotation.json")
    summary, encrypted = body["choices"][0]["message"]["reasoning_details"]
    message = parse_chat_completion(body).generations[0].message
    sent = convert_message(message)["reasoning_details"]
    assert sent == [summary, {k: v for k, v in encrypted.items() if k != "id"}]
    assert encrypted["id"].startswith("rs_")
    assert convert_message(message, keep_reasoning_ids=True)["reasoning_details"] == [
        summary,
        encrypted,
    ]
