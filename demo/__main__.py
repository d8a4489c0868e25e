"""``python -m demo`` (``make demo``): run the demo and exit with its code."""

from __future__ import annotations

import logging

from rich.logging import RichHandler

from demo.app import main
from demo.render import make_console

if __name__ == "__main__":
    console = make_console()
    # The package's warnings (e.g. token counts estimated offline) are drawn in the story's style.
    logging.basicConfig(
        format="%(message)s",
        handlers=[RichHandler(console=console, show_time=False, show_path=False)],
    )
    raise SystemExit(main(console=console))
