from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.access_log_out import AccessLogOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    actor: None | str | Unset = UNSET,
    case: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_actor: None | str | Unset
    if isinstance(actor, Unset):
        json_actor = UNSET
    else:
        json_actor = actor
    params["actor"] = json_actor

    json_case: None | str | Unset
    if isinstance(case, Unset):
        json_case = UNSET
    else:
        json_case = case
    params["case"] = json_case

    json_outcome: None | str | Unset
    if isinstance(outcome, Unset):
        json_outcome = UNSET
    else:
        json_outcome = outcome
    params["outcome"] = json_outcome

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    elif isinstance(since, datetime.datetime):
        json_since = since.isoformat()
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    elif isinstance(until, datetime.datetime):
        json_until = until.isoformat()
    else:
        json_until = until
    params["until"] = json_until

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/audit/access-log",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AccessLogOut | Problem | None:
    if response.status_code == 200:
        response_200 = AccessLogOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AccessLogOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    case: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[AccessLogOut | Problem]:
    """ 访问日志 The access log

     Who read or tried to read what, when and from where, newest first (auditors).

    Args:
        actor (None | str | Unset): 访问者 actor id
        case (None | str | Unset): 对象 a case, person or institution id
        outcome (None | str | Unset): 结果 success or refused
        since (datetime.datetime | None | Unset): 起 at or after (RFC 3339)
        until (datetime.datetime | None | Unset): 止 before (RFC 3339)
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessLogOut | Problem]
     """


    kwargs = _get_kwargs(
        actor=actor,
case=case,
outcome=outcome,
since=since,
until=until,
cursor=cursor,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    case: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> AccessLogOut | Problem | None:
    """ 访问日志 The access log

     Who read or tried to read what, when and from where, newest first (auditors).

    Args:
        actor (None | str | Unset): 访问者 actor id
        case (None | str | Unset): 对象 a case, person or institution id
        outcome (None | str | Unset): 结果 success or refused
        since (datetime.datetime | None | Unset): 起 at or after (RFC 3339)
        until (datetime.datetime | None | Unset): 止 before (RFC 3339)
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessLogOut | Problem
     """


    return sync_detailed(
        client=client,
actor=actor,
case=case,
outcome=outcome,
since=since,
until=until,
cursor=cursor,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    case: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[AccessLogOut | Problem]:
    """ 访问日志 The access log

     Who read or tried to read what, when and from where, newest first (auditors).

    Args:
        actor (None | str | Unset): 访问者 actor id
        case (None | str | Unset): 对象 a case, person or institution id
        outcome (None | str | Unset): 结果 success or refused
        since (datetime.datetime | None | Unset): 起 at or after (RFC 3339)
        until (datetime.datetime | None | Unset): 止 before (RFC 3339)
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AccessLogOut | Problem]
     """


    kwargs = _get_kwargs(
        actor=actor,
case=case,
outcome=outcome,
since=since,
until=until,
cursor=cursor,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    actor: None | str | Unset = UNSET,
    case: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    since: datetime.datetime | None | Unset = UNSET,
    until: datetime.datetime | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> AccessLogOut | Problem | None:
    """ 访问日志 The access log

     Who read or tried to read what, when and from where, newest first (auditors).

    Args:
        actor (None | str | Unset): 访问者 actor id
        case (None | str | Unset): 对象 a case, person or institution id
        outcome (None | str | Unset): 结果 success or refused
        since (datetime.datetime | None | Unset): 起 at or after (RFC 3339)
        until (datetime.datetime | None | Unset): 止 before (RFC 3339)
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AccessLogOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
actor=actor,
case=case,
outcome=outcome,
since=since,
until=until,
cursor=cursor,
limit=limit,

    )).parsed
