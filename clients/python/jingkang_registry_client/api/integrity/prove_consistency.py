from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.consistency_proof_out import ConsistencyProofOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    *,
    first: int,
    second: int,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["first"] = first

    params["second"] = second


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/integrity/proofs/consistency",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ConsistencyProofOut | Problem | None:
    if response.status_code == 200:
        response_200 = ConsistencyProofOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ConsistencyProofOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    first: int,
    second: int,

) -> Response[ConsistencyProofOut | Problem]:
    """ 一致性证明 A later tree extends an earlier one

     RFC 9162 consistency proof that the tree of the first `first` events is a prefix of
    the tree of the first `second` events.

    Args:
        first (int): 树大小 a tree size
        second (int): 树大小 a tree size

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsistencyProofOut | Problem]
     """


    kwargs = _get_kwargs(
        first=first,
second=second,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    first: int,
    second: int,

) -> ConsistencyProofOut | Problem | None:
    """ 一致性证明 A later tree extends an earlier one

     RFC 9162 consistency proof that the tree of the first `first` events is a prefix of
    the tree of the first `second` events.

    Args:
        first (int): 树大小 a tree size
        second (int): 树大小 a tree size

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsistencyProofOut | Problem
     """


    return sync_detailed(
        client=client,
first=first,
second=second,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    first: int,
    second: int,

) -> Response[ConsistencyProofOut | Problem]:
    """ 一致性证明 A later tree extends an earlier one

     RFC 9162 consistency proof that the tree of the first `first` events is a prefix of
    the tree of the first `second` events.

    Args:
        first (int): 树大小 a tree size
        second (int): 树大小 a tree size

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsistencyProofOut | Problem]
     """


    kwargs = _get_kwargs(
        first=first,
second=second,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    first: int,
    second: int,

) -> ConsistencyProofOut | Problem | None:
    """ 一致性证明 A later tree extends an earlier one

     RFC 9162 consistency proof that the tree of the first `first` events is a prefix of
    the tree of the first `second` events.

    Args:
        first (int): 树大小 a tree size
        second (int): 树大小 a tree size

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsistencyProofOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
first=first,
second=second,

    )).parsed
