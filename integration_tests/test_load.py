"""Load held: 1,000 concurrent ``astream`` and 1,000 concurrent ``ainvoke`` on one model.

Against the emulator served on 127.0.0.1 (in this process). Every prompt is distinct and the
emulator echoes it, so each answer is checked against its own prompt; afterwards no socket or
file descriptor is left open. Peak memory is printed and recorded, never asserted on time.
The figures of ``python -m bench.load`` (emulator in its own process) go in
docs/reliability.md.
"""

from __future__ import annotations

import asyncio
import gc
from collections import deque

import pytest

from bench.load import (
    chat_calls,
    open_fds,
    peak_rss_kib,
    prompts,
    reset_peak_rss,
    run_round,
)
from langchain_openrouter import ChatOpenRouter
from langchain_openrouter.testing import OpenRouterEmulator

CALLS = 1_000


def test_a_thousand_streams_and_a_thousand_invokes_at_once(
    record_property: pytest.RecordProperty, capsys: pytest.CaptureFixture[str]
) -> None:
    streams, invokes = prompts(CALLS)
    emu = OpenRouterEmulator()
    emu.app.requests = deque(maxlen=4 * CALLS)  # the log keeps 1,000 by default
    gc.collect()  # what earlier tests dropped closes now, not during the count
    before = open_fds()
    with emu.serve() as base_url:
        llm = ChatOpenRouter(
            model="openai/gpt-4o-mini", api_key=emu.api_key, base_url=base_url, timeout=120
        )

        async def main() -> tuple[list[str], int]:
            start_rss = reset_peak_rss()
            try:
                done = await run_round(chat_calls(llm, streams, invokes))
            finally:
                await llm.aclose()
            return done.answers, peak_rss_kib() - start_rss

        answers, growth_kib = asyncio.run(main())
        served = [request.json()["messages"][-1]["content"] for request in emu.requests]
    after = open_fds()

    # Each answer is its own prompt's, so all 2,000 are distinct.
    assert answers == streams + invokes
    assert len(set(answers)) == 2 * CALLS
    assert sorted(served) == sorted(streams + invokes)
    stream_flags = [request.json().get("stream", False) for request in emu.requests]
    assert stream_flags.count(True) == CALLS
    # The server and the client both closed every connection: nothing leaked (and a descriptor
    # of an earlier test may close meanwhile).
    assert after <= before
    peak = peak_rss_kib() / 1024
    record_property("peak_rss_mib", round(peak, 1))
    record_property("rss_growth_mib", round(growth_kib / 1024, 1))
    with capsys.disabled():
        print(
            f"\n{2 * CALLS} concurrent calls: peak RSS {peak:.0f} MiB "
            f"(+{growth_kib / 1024:.0f} MiB during the round)"
        )
