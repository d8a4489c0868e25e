"""Integration tests talk real HTTP to the emulator on 127.0.0.1, and nowhere else.

The live service is reached only when ``OPENROUTER_API_KEY`` is set (tests marked ``live``).
"""

from __future__ import annotations

import os

import pytest
from pytest_socket import socket_allow_hosts


@pytest.fixture(autouse=True)
def _loopback_only(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("live") and os.environ.get("OPENROUTER_API_KEY"):
        return
    socket_allow_hosts(["127.0.0.1", "localhost", "::1"], allow_unix_socket=True)
