"""OpenRouter's platform routes as typed functions, each sync and async.

Every function takes keyword-only ``api_key=None`` (default from the environment:
``OPENROUTER_API_KEY``; ``OPENROUTER_PROVISIONING_KEY`` first for management routes),
``base_url=None`` (default ``OPENROUTER_API_BASE``, then ``OPENROUTER_BASE_URL``, else
``https://openrouter.ai/api/v1``) and ``client=None`` (an ``httpx.Client`` for the sync
function, an ``httpx.AsyncClient`` for the async one; used as is, never closed), and returns
objects of :mod:`langchain_openrouter.types`.
The same names are importable from the package root.

Example:
    .. code-block:: python

        from langchain_openrouter.platform import get_credits

        print(get_credits().balance)
"""

from langchain_openrouter.platform._login import alogin, login
from langchain_openrouter.platform.auth import (
    acreate_auth_code,
    aexchange_code_for_api_key,
    build_authorization_url,
    create_auth_code,
    create_pkce_pair,
    exchange_code_for_api_key,
)
from langchain_openrouter.platform.credits import aget_credits, get_credits
from langchain_openrouter.platform.models import aget_model, alist_models, get_model, list_models

__all__ = [
    "acreate_auth_code",
    "aexchange_code_for_api_key",
    "aget_credits",
    "aget_model",
    "alist_models",
    "alogin",
    "build_authorization_url",
    "create_auth_code",
    "create_pkce_pair",
    "exchange_code_for_api_key",
    "get_credits",
    "get_model",
    "list_models",
    "login",
]
