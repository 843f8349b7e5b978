from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.feed_page_out import FeedPageOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    params["limit"] = limit

    params["wait"] = wait


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FeedPageOut | Problem | None:
    if response.status_code == 200:
        response_200 = FeedPageOut.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[FeedPageOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> Response[FeedPageOut | Problem]:
    """ 事件流 The global event feed

     事件流：按永不改变的全序返回游标之后的事件 (docs/event-store.md, The feed).

    A consumer that keeps `next` and calls again receives every event exactly once, even
    while many writers commit concurrently.

    Args:
        after (None | str | Unset): 上次返回的 `next` 游标 the `next` cursor of the previous page; omit
            to start from the beginning (two numbers below 2^63, `t:p`)
        limit (int | Unset): 每页事件数 page size Default: 100.
        wait (float | Unset): 长轮询秒数 seconds to hold the call when no newer event exists Default:
            0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedPageOut | Problem]
     """


    kwargs = _get_kwargs(
        after=after,
limit=limit,
wait=wait,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> FeedPageOut | Problem | None:
    """ 事件流 The global event feed

     事件流：按永不改变的全序返回游标之后的事件 (docs/event-store.md, The feed).

    A consumer that keeps `next` and calls again receives every event exactly once, even
    while many writers commit concurrently.

    Args:
        after (None | str | Unset): 上次返回的 `next` 游标 the `next` cursor of the previous page; omit
            to start from the beginning (two numbers below 2^63, `t:p`)
        limit (int | Unset): 每页事件数 page size Default: 100.
        wait (float | Unset): 长轮询秒数 seconds to hold the call when no newer event exists Default:
            0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedPageOut | Problem
     """


    return sync_detailed(
        client=client,
after=after,
limit=limit,
wait=wait,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> Response[FeedPageOut | Problem]:
    """ 事件流 The global event feed

     事件流：按永不改变的全序返回游标之后的事件 (docs/event-store.md, The feed).

    A consumer that keeps `next` and calls again receives every event exactly once, even
    while many writers commit concurrently.

    Args:
        after (None | str | Unset): 上次返回的 `next` 游标 the `next` cursor of the previous page; omit
            to start from the beginning (two numbers below 2^63, `t:p`)
        limit (int | Unset): 每页事件数 page size Default: 100.
        wait (float | Unset): 长轮询秒数 seconds to hold the call when no newer event exists Default:
            0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FeedPageOut | Problem]
     """


    kwargs = _get_kwargs(
        after=after,
limit=limit,
wait=wait,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> FeedPageOut | Problem | None:
    """ 事件流 The global event feed

     事件流：按永不改变的全序返回游标之后的事件 (docs/event-store.md, The feed).

    A consumer that keeps `next` and calls again receives every event exactly once, even
    while many writers commit concurrently.

    Args:
        after (None | str | Unset): 上次返回的 `next` 游标 the `next` cursor of the previous page; omit
            to start from the beginning (two numbers below 2^63, `t:p`)
        limit (int | Unset): 每页事件数 page size Default: 100.
        wait (float | Unset): 长轮询秒数 seconds to hold the call when no newer event exists Default:
            0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FeedPageOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
after=after,
limit=limit,
wait=wait,

    )).parsed
