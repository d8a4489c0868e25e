"""The classes of :mod:`langchain_openrouter.types`, by area (private: import them from there)."""
