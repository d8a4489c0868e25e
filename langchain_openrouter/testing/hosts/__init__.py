"""Where the emulator runs: a real HTTP server on 127.0.0.1, or an httpx transport."""
