"""The machine description and the results table (Markdown, so it pastes into the docs)."""

from __future__ import annotations

import datetime
import os
import platform
from importlib import metadata

from bench.importtime import ImportTimes
from bench.runner import Scenario

TARGET = 1.5
"""ChatOpenRouter should stay within this factor of the floor."""

_PACKAGES = ("langchain-openrouter", "langchain-core", "httpx", "pydantic")


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    if package == "langchain-openrouter":
        from langchain_openrouter import __version__

        return __version__
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    """Where and when the numbers were taken."""
    info = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpu": f"{_cpu()} ({os.cpu_count()} logical CPUs)",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
    }
    info.update({package: _version(package) for package in _PACKAGES})
    info["load"] = load()
    return info


def load() -> str:
    """The 1-minute load average: other work on the machine skews every number."""
    try:
        return f"{os.getloadavg()[0]:.2f} (1-minute load average)"
    except OSError:
        return "unknown"


def _duration(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def table(scenarios: list[Scenario]) -> str:
    """The Markdown results table, one row per scenario."""
    head = (
        "| scenario | raw httpx | floor | ChatOpenRouter "
        "| floor/raw | ChatOpenRouter/raw | ChatOpenRouter/floor |"
    )
    rows = [head, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for s in scenarios:
        verdict = "" if s.ratio("chat", "floor") <= TARGET else " (over target)"
        rows.append(
            f"| {s.name} ({s.unit}) | {_duration(s.median('raw'))} "
            f"| {_duration(s.median('floor'))} | {_duration(s.median('chat'))} "
            f"| {s.ratio('floor', 'raw'):.2f}x | {s.ratio('chat', 'raw'):.2f}x "
            f"| **{s.ratio('chat', 'floor'):.2f}x**{verdict} |"
        )
    return "\n".join(rows)


def import_line(times: ImportTimes) -> str:
    return (
        f"Import (medians of {len(times.extra)} fresh interpreters): "
        f"`import langchain_openrouter; langchain_openrouter.ChatOpenRouter` takes "
        f"{_duration(times.extra_median)} beyond `import langchain_core.language_models` "
        f"({_duration(times.core_median)}); the floor (BaseChatModel + httpx) takes "
        f"{_duration(times.floor_median)} beyond it; timed after the floor, ChatOpenRouter "
        f"takes {_duration(times.own_median)}."
    )


def machine_lines(info: dict[str, str]) -> str:
    return "\n".join(f"- {key}: {value}" for key, value in info.items())
