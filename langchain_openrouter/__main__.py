"""``python -m langchain_openrouter``: the command line (see :mod:`langchain_openrouter.cli`)."""

from langchain_openrouter.cli import main

if __name__ == "__main__":
    main()
