"""The ``langchain-openrouter`` command line (also ``python -m langchain_openrouter``).

Its libraries, click and rich, come with the ``cli`` extra
(``pip install "langchain-openrouter[cli]"``) and load only when the command runs: no other
module of the package imports them (``import langchain_openrouter`` loads neither). Without
them, the command says how to install them and exits with status 2.

Example:
    .. code-block:: console

        $ langchain-openrouter credits
        $ langchain-openrouter models search "cheap tools 64k" -k 3 --json
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

INSTALL_HINT = (
    'The command line needs its extra: pip install "langchain-openrouter[cli]" (click and rich)'
)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line; exits 0 (done), 1 (an OpenRouter error) or 2 (a usage error).

    Args:
        argv: The arguments after the program name; default ``sys.argv[1:]``.
    """
    try:
        import click  # noqa: F401
        import rich  # noqa: F401
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        raise SystemExit(2) from None
    from langchain_openrouter.cli.app import cli

    cli.main(args=list(argv) if argv is not None else None, prog_name="langchain-openrouter")
