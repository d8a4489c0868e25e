from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from pydantic import SecretStr

from langchain_openrouter.cli import views
from langchain_openrouter.cli.render import money, per_million, plain, when
from langchain_openrouter.types import CreatedAPIKey

SECRET = "sk-or-v1-" + "ab" * 32


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.23, "$1.23"),
        (1234.5, "$1,234.50"),
        (0, "$0.00"),
        (0.05, "$0.05"),
        (0.000063, "$0.000063"),
        (6.3e-06, "$0.0000063"),
        (0.00015, "$0.00015"),
        (0.0000012345, "$0.0000012"),
        (0.009999, "$0.01"),
        (-0.5, "-$0.50"),
        (Decimal("2.5"), "$2.50"),
        (None, "-"),
    ],
)
def test_money(value: float | Decimal | None, text: str) -> None:
    assert money(value) == text


def test_money_names_what_none_means() -> None:
    assert money(None, none="unlimited") == "unlimited"


@pytest.mark.parametrize(
    ("price", "text"),
    [
        (Decimal("0.00000015"), "$0.15/M"),
        ("0.000003", "$3.00/M"),
        (Decimal("0"), "$0.00/M"),
        ("-1", "variable"),
        (None, "-"),
    ],
)
def test_per_million(price: Decimal | str | None, text: str) -> None:
    assert per_million(price) == text


def test_when_is_utc_to_the_minute() -> None:
    utc = datetime(2025, 2, 19, 20, 52, 27, tzinfo=timezone.utc)
    assert when(utc) == "2025-02-19 20:52 UTC"
    paris = utc.astimezone(timezone(timedelta(hours=1)))
    assert when(paris) == "2025-02-19 20:52 UTC"
    assert when(date(2025, 2, 19)) == "2025-02-19"
    assert when(None, none="never") == "never"


def test_plain_cells() -> None:
    assert [plain(True), plain(False), plain(None), plain([]), plain(65536)] == [
        "yes",
        "no",
        "-",
        "-",
        "65,536",
    ]
    assert plain(["tools", "vision"]) == "tools, vision"


def created() -> CreatedAPIKey:
    return CreatedAPIKey.model_validate(
        {
            "key": SECRET,
            "data": {
                "hash": "0" * 64,
                "name": "ci",
                "label": "sk-or-v1-ab...abab",
                "disabled": False,
                "limit": 2.5,
                "created_at": "2025-02-19T20:52:27+00:00",
            },
        }
    )


def test_a_created_key_shows_its_secret_once(capsys: pytest.CaptureFixture[str]) -> None:
    views.show_created(created(), as_json=False)
    out = capsys.readouterr().out
    assert out.count(SECRET) == 1
    assert "$2.50" in out
    assert "2025-02-19 20:52 UTC" in out


def test_a_created_key_as_json_has_the_secret_and_the_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    views.show_created(created(), as_json=True)
    data = json.loads(capsys.readouterr().out)
    assert (data["key"], data["name"], data["limit"], data["hash"]) == (SECRET, "ci", 2.5, "0" * 64)


def test_stored_keys_never_show_a_secret(capsys: pytest.CaptureFixture[str]) -> None:
    views.show_keys([created()], as_json=True)
    views.show_keys([created()], as_json=False)
    out = capsys.readouterr().out
    assert SECRET not in out
    assert '"key": "**********"' in out


def test_a_login_key_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    views.show_new_key(SecretStr(SECRET), None, as_json=True)
    assert json.loads(capsys.readouterr().out) == {"key": SECRET}
