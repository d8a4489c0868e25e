"""The browser side of PKCE on the site root: ``GET /auth`` (consent page), ``POST /auth``.

OpenRouter's ``https://openrouter.ai/auth?callback_url=...&code_challenge=...`` is a page where
a signed-in user approves an app (``openrouter-api.md`` §12). Here the page names the app (its
callback's host) and has Authorize and Deny buttons; the form posts back to ``/auth``, which
redirects (303) to the callback with ``code=`` (a fresh code, as ``POST /auth/keys/code`` makes)
or ``error=access_denied``. The callback URL's own query (an app's ``state``) is kept. Without
a callback URL (headless mode) the page shows the code to paste.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from langchain_openrouter.testing.context import Ctx
from langchain_openrouter.testing.routes.pkce import check_callback, invalid, issue_code
from langchain_openrouter.testing.wire import Response

__all__ = ["auth_page", "decide"]

# The query of GET /auth that the form carries over to POST /auth.
_FIELDS = (
    "callback_url",
    "code_challenge",
    "code_challenge_method",
    "key_label",
    "limit",
    "expires_at",
)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 4em auto">
{body}
</body></html>
"""


def _html(title: str, body: str, status: int = 200) -> Response:
    page = _PAGE.format(title=html.escape(title), body=body).encode()
    headers = {"content-type": "text/html; charset=utf-8", "cache-control": "no-store"}
    return Response(status, headers, page)


def _fields(values: Mapping[str, str]) -> dict[str, str]:
    """The authorization request, checked as OpenRouter checks it (400 otherwise)."""
    fields = {k: values[k] for k in _FIELDS if values.get(k)}
    if "callback_url" in fields:
        check_callback(fields["callback_url"])
    elif "code_challenge" not in fields:
        raise invalid("code_challenge is required without a callback_url")
    if "code_challenge" in fields:
        fields.setdefault("code_challenge_method", "S256")
    if fields.get("code_challenge_method") not in (None, "S256", "plain"):
        raise invalid("code_challenge_method: Expected 'S256' | 'plain'")
    if "limit" in fields:
        try:
            float(fields["limit"])
        except ValueError:
            raise invalid("limit: Expected number") from None
    return fields


def _redirect(callback_url: str, **params: str) -> Response:
    parts = urlsplit(callback_url)
    query = [*parse_qsl(parts.query, keep_blank_values=True), *params.items()]
    return Response(303, {"location": urlunsplit(parts._replace(query=urlencode(query)))})


def auth_page(ctx: Ctx) -> Response:
    """``GET /auth``: the consent page for the query's app and callback."""
    fields = _fields(ctx.request.query)
    callback = fields.get("callback_url")
    app = urlsplit(callback).netloc if callback else "an app without a callback"
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items()
    )
    details = [f"<li>Callback: <code>{html.escape(callback or 'none (headless)')}</code></li>"]
    if "key_label" in fields:
        details.append(f"<li>Key name: {html.escape(fields['key_label'])}</li>")
    if "limit" in fields:
        details.append(f"<li>Credit limit: {html.escape(fields['limit'])} USD</li>")
    if "expires_at" in fields:
        details.append(f"<li>Expires: {html.escape(fields['expires_at'])}</li>")
    body = (
        f"<h1>Authorize {html.escape(app)}</h1>"
        f"<p><strong>{html.escape(app)}</strong> asks for an OpenRouter API key of yours.</p>"
        f"<ul>{''.join(details)}</ul>"
        f'<form method="post" action="/auth">{hidden}'
        '<button type="submit" name="decision" value="authorize" id="authorize">Authorize</button> '
        '<button type="submit" name="decision" value="deny" id="deny">Deny</button>'
        "</form>"
    )
    return _html("Authorize app - OpenRouter", body)


def decide(ctx: Ctx) -> Response:
    """``POST /auth`` (the form): redirect to the callback with a new code or the refusal."""
    form = dict(parse_qsl(ctx.request.body.decode("utf-8", "replace")))
    fields = _fields(form)
    callback = fields.get("callback_url")
    if form.get("decision") != "authorize":
        if callback is None:
            return _html("Denied - OpenRouter", "<h1>Denied</h1><p>No key was created.</p>")
        return _redirect(callback, error="access_denied")
    limit = fields.get("limit")
    code = issue_code(
        ctx.state,
        challenge=fields.get("code_challenge"),
        method=fields.get("code_challenge_method"),
        key_label=fields.get("key_label"),
        limit=float(limit) if limit is not None else None,
        expires_at=fields.get("expires_at"),
    )
    if callback is None:
        return _html(
            "Your code - OpenRouter",
            f'<h1>Your code</h1><p>Paste it into the app: <code id="code">{code}</code></p>',
        )
    return _redirect(callback, code=code)
