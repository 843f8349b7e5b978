from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.inclusion_proof_out import InclusionProofOut
from ...models.problem import Problem
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    event_id: UUID,
    tree_size: int,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_event_id = str(event_id)
    params["event_id"] = json_event_id

    params["tree_size"] = tree_size


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/integrity/proofs/inclusion",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> InclusionProofOut | Problem | None:
    if response.status_code == 200:
        response_200 = InclusionProofOut.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())



        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[InclusionProofOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    event_id: UUID,
    tree_size: int,

) -> Response[InclusionProofOut | Problem]:
    """ 包含证明 An event is in the tree

     RFC 9162 inclusion proof of the event in the tree of the first `tree_size` events
    (the size of a checkpoint the auditor holds).

    Args:
        event_id (UUID): 事件 event id
        tree_size (int): 树大小 a tree size

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InclusionProofOut | Problem]
     """


    kwargs = _get_kwargs(
        event_id=event_id,
tree_size=tree_size,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    event_id: UUID,
    tree_size: int,

) -> InclusionProofOut | Problem | None:
    """ 包含证明 An event is in the tree

     RFC 9162 inclusion proof of the event in the tree of the first `tree_size` events
    (the size of a checkpoint the auditor holds).

    Args:
        event_id (UUID): 事件 event id
        tree_size (int): 树大小 a tree size

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InclusionProofOut | Problem
     """


    return sync_detailed(
        client=client,
event_id=event_id,
tree_size=tree_size,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    event_id: UUID,
    tree_size: int,

) -> Response[InclusionProofOut | Problem]:
    """ 包含证明 An event is in the tree

     RFC 9162 inclusion proof of the event in the tree of the first `tree_size` events
    (the size of a checkpoint the auditor holds).

    Args:
        event_id (UUID): 事件 event id
        tree_size (int): 树大小 a tree size

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InclusionProofOut | Problem]
     """


    kwargs = _get_kwargs(
        event_id=event_id,
tree_size=tree_size,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    event_id: UUID,
    tree_size: int,

) -> InclusionProofOut | Problem | None:
    """ 包含证明 An event is in the tree

     RFC 9162 inclusion proof of the event in the tree of the first `tree_size` events
    (the size of a checkpoint the auditor holds).

    Args:
        event_id (UUID): 事件 event id
        tree_size (int): 树大小 a tree size

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InclusionProofOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
event_id=event_id,
tree_size=tree_size,

    )).parsed
