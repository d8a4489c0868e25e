"""The package version, read by the build backend and sent in ``User-Agent``."""

__version__ = "0.3.0"
