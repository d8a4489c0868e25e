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

from langchain_openrouter.platform._login import (
    alogin,
    login,
)
from langchain_openrouter.platform.auth import (
    acreate_auth_code,
    aexchange_code_for_api_key,
    build_authorization_url,
    create_auth_code,
    create_pkce_pair,
    exchange_code_for_api_key,
)
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
from langchain_openrouter.platform.guardrail_assignments import (
    aassign_guardrail_keys,
    aassign_guardrail_members,
    alist_guardrail_key_assignments,
    alist_guardrail_member_assignments,
    assign_guardrail_keys,
    assign_guardrail_members,
    aunassign_guardrail_keys,
    aunassign_guardrail_members,
    list_guardrail_key_assignments,
    list_guardrail_member_assignments,
    unassign_guardrail_keys,
    unassign_guardrail_members,
)
from langchain_openrouter.platform.guardrails import (
    acreate_guardrail,
    adelete_guardrail,
    aget_guardrail,
    alist_guardrails,
    aupdate_guardrail,
    create_guardrail,
    delete_guardrail,
    get_guardrail,
    list_guardrails,
    update_guardrail,
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
    acount_models,
    aget_model,
    alist_embedding_models,
    alist_models,
    alist_user_models,
    count_models,
    get_model,
    list_embedding_models,
    list_models,
    list_user_models,
)
from langchain_openrouter.platform.providers import (
    alist_endpoints,
    alist_providers,
    alist_zdr_endpoints,
    list_endpoints,
    list_providers,
    list_zdr_endpoints,
)

__all__ = [
    "aassign_guardrail_keys",
    "aassign_guardrail_members",
    "acount_models",
    "acreate_api_key",
    "acreate_auth_code",
    "acreate_coinbase_charge",
    "acreate_guardrail",
    "adelete_api_key",
    "adelete_guardrail",
    "aexchange_code_for_api_key",
    "aget_activity",
    "aget_credits",
    "aget_generation",
    "aget_guardrail",
    "aget_key_info",
    "aget_model",
    "aiter_api_keys",
    "alist_api_keys",
    "alist_embedding_models",
    "alist_endpoints",
    "alist_guardrail_key_assignments",
    "alist_guardrail_member_assignments",
    "alist_guardrails",
    "alist_models",
    "alist_providers",
    "alist_user_models",
    "alist_zdr_endpoints",
    "alogin",
    "assign_guardrail_keys",
    "assign_guardrail_members",
    "aunassign_guardrail_keys",
    "aunassign_guardrail_members",
    "aupdate_api_key",
    "aupdate_guardrail",
    "build_authorization_url",
    "count_models",
    "create_api_key",
    "create_auth_code",
    "create_coinbase_charge",
    "create_guardrail",
    "create_pkce_pair",
    "delete_api_key",
    "delete_guardrail",
    "exchange_code_for_api_key",
    "get_activity",
    "get_credits",
    "get_generation",
    "get_guardrail",
    "get_key_info",
    "get_model",
    "iter_api_keys",
    "list_api_keys",
    "list_embedding_models",
    "list_endpoints",
    "list_guardrail_key_assignments",
    "list_guardrail_member_assignments",
    "list_guardrails",
    "list_models",
    "list_providers",
    "list_user_models",
    "list_zdr_endpoints",
    "login",
    "unassign_guardrail_keys",
    "unassign_guardrail_members",
    "update_api_key",
    "update_guardrail",
]
