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

from langchain_openrouter.platform.credits import (
    acreate_coinbase_charge,
    aget_credits,
    create_coinbase_charge,
    get_credits,
)
from langchain_openrouter.platform.generations import (
    aget_activity,
    aget_generation,
    get_activity,
    get_generation,
)
from langchain_openrouter.platform.keys import (
    acreate_api_key,
    adelete_api_key,
    aget_key_info,
    aiter_api_keys,
    alist_api_keys,
    aupdate_api_key,
    create_api_key,
    delete_api_key,
    get_key_info,
    iter_api_keys,
    list_api_keys,
    update_api_key,
)
from langchain_openrouter.platform.models import (
    aget_model,
    alist_models,
    get_model,
    list_models,
)

__all__ = [
    "acreate_api_key",
    "acreate_coinbase_charge",
    "adelete_api_key",
    "aget_activity",
    "aget_credits",
    "aget_generation",
    "aget_key_info",
    "aget_model",
    "aiter_api_keys",
    "alist_api_keys",
    "alist_models",
    "aupdate_api_key",
    "create_api_key",
    "create_coinbase_charge",
    "delete_api_key",
    "get_activity",
    "get_credits",
    "get_generation",
    "get_key_info",
    "get_model",
    "iter_api_keys",
    "list_api_keys",
    "list_models",
    "update_api_key",
]
