"""httpx transports that count requests in flight, to check a fan-out's bound.

The first requests matching ``gate`` are held until ``bound`` of them are in flight together,
which proves the fan-out reaches its bound; ``peak`` proves it never goes beyond. If the bound is
never reached (a sequential implementation), the hold gives up after ``patience`` seconds and
``starved`` is set, so the test fails instead of hanging.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import httpx

Gate = Callable[[httpx.Request], bool]


def endpoints_route(request: httpx.Request) -> bool:
    """The per-model endpoints route (``/models/{author}/{slug}/endpoints``)."""
    return request.url.path.endswith("/endpoints")


class CountingTransport(httpx.BaseTransport):
    """A sync transport around ``inner`` that records the peak of requests in flight."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        bound: int,
        gate: Gate = endpoints_route,
        patience: float = 10.0,
    ) -> None:
        self.inner, self.bound, self.gate, self.patience = inner, bound, gate, patience
        self.in_flight = self.peak = self.seen = 0
        self.starved = False
        self._lock = threading.Lock()
        self._full = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not self.gate(request):
            return self.inner.handle_request(request)
        with self._lock:
            self.seen += 1
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            if self.in_flight >= self.bound:
                self._full.set()
        try:
            if not self._full.wait(self.patience):
                self.starved = True
                self._full.set()
            response = self.inner.handle_request(request)
            response.read()
            return response
        finally:
            with self._lock:
                self.in_flight -= 1

    def close(self) -> None:
        self.inner.close()


class AsyncCountingTransport(httpx.AsyncBaseTransport):
    """The async :class:`CountingTransport`."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        bound: int,
        gate: Gate = endpoints_route,
        patience: float = 10.0,
    ) -> None:
        self.inner, self.bound, self.gate, self.patience = inner, bound, gate, patience
        self.in_flight = self.peak = self.seen = 0
        self.starved = False
        self._full = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not self.gate(request):
            return await self.inner.handle_async_request(request)
        self.seen += 1
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        if self.in_flight >= self.bound:
            self._full.set()
        try:
            try:
                await asyncio.wait_for(self._full.wait(), self.patience)
            except asyncio.TimeoutError:
                self.starved = True
                self._full.set()
            response = await self.inner.handle_async_request(request)
            await response.aread()
            return response
        finally:
            self.in_flight -= 1

    async def aclose(self) -> None:
        await self.inner.aclose()
