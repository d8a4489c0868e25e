"""``make demo``: langchain-openrouter in seven scenes, drawn with rich.

With no ``OPENROUTER_API_KEY`` it runs against the local emulator served on 127.0.0.1 (offline,
free, a few seconds) and says so in its first line; with a key it runs against the real
OpenRouter after asking to spend the estimated few cents. The scenes: picking a model with
``OpenRouterModelRetriever``; a ``create_agent`` agent with a calculator and a unit converter,
streamed live; structured output into a pydantic model; a reasoning model's reasoning apart from
its answer; a fallback list serving from the second model; semantic search with
``OpenRouterEmbeddings``; and the cost per model from ``get_openrouter_callback()``.

Modules: ``app`` (the run), ``backend`` (emulator or OpenRouter), ``budget`` (the estimate and
the question), ``scenes``, ``tools`` (the agent's tools) and ``render`` (rich helpers).

Example:
    .. code-block:: bash

        python -m demo
"""
