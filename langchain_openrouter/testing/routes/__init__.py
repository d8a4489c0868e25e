"""The emulator's routes, one module per OpenRouter API area."""
