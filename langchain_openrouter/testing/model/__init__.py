"""The scripted model: the deterministic stand-in for the LLM behind every completion."""
