"""Run the emulator as a server: ``python -m langchain_openrouter.testing --port 8080``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from langchain_openrouter.testing.emulator import OpenRouterEmulator
from langchain_openrouter.testing.hosts.server import EmulatorServer


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, print the base URL and keys, and serve until interrupted."""
    parser = argparse.ArgumentParser(
        prog="python -m langchain_openrouter.testing",
        description="A local OpenRouter emulator (no network, deterministic scripted model).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port (default 8080; 0 = any)")
    parser.add_argument("--credits", type=float, default=100.0, help="starting credits in USD")
    parser.add_argument("--seed", type=int, default=0, help="seed of ids and keys")
    parser.add_argument("--chunk-delay", type=float, default=0.0, help="seconds between events")
    args = parser.parse_args(argv)
    emu = OpenRouterEmulator(credits=args.credits, seed=args.seed, chunk_delay=args.chunk_delay)
    server = EmulatorServer(emu.handle, args.host, args.port)

    def announce(base_url: str) -> None:
        # Printing the keys is the point: they are the emulator's own fakes, valid nowhere else.
        print(f"OpenRouter emulator on {base_url}", flush=True)
        print(f"  OPENROUTER_BASE_URL={base_url}", flush=True)
        print(f"  OPENROUTER_API_KEY={emu.api_key}", flush=True)
        print(f"  OPENROUTER_PROVISIONING_KEY={emu.provisioning_key}", flush=True)

    try:
        server.serve_forever(announce)
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
