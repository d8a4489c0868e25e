"""A user on the emulator's consent page, played with plain httpx: load it, press a button.

Used as ``login(open_browser=...)`` (and in place of ``webbrowser.open`` for the docs' examples).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

import httpx


def httpx_browser(decision: str = "authorize", *, tamper: bool = False) -> Callable[[str], bool]:
    """An ``open_browser`` that loads the page, submits its form and follows the redirect.

    ``decision`` is the button (``"authorize"`` or ``"deny"``); ``tamper`` swaps the
    callback's ``state``, as a forged redirect would.
    """

    def open_browser(url: str) -> bool:
        with httpx.Client(follow_redirects=True) as http:
            page = http.get(url)
            assert page.status_code == 200, page.text
            assert ">Authorize</button>" in page.text
            assert ">Deny</button>" in page.text
            form = {
                name: html.unescape(value)
                for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', page.text)
                if name != "decision"
            }
            if tamper:
                parts = urlsplit(form["callback_url"])
                form["callback_url"] = urlunsplit(parts._replace(query="state=forged"))
            action = re.search(r'<form method="post" action="([^"]+)"', page.text)
            assert action is not None
            done = http.post(
                str(page.url.join(action.group(1))), data={**form, "decision": decision}
            )
            assert done.history[0].status_code == 303
            assert (done.url.host, done.url.path) == ("127.0.0.1", "/callback")
        return True

    return open_browser
