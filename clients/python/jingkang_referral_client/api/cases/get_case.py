from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.case_out import CaseOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    case_id: str,
    *,
    version: int | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_version: int | None | Unset
    if isinstance(version, Unset):
        json_version = UNSET
    else:
        json_version = version
    params["version"] = json_version

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.datetime):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cases/{case_id}".format(case_id=quote(str(case_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CaseOut | Problem | None:
    if response.status_code == 200:
        response_200 = CaseOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CaseOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

) -> Response[CaseOut | Problem]:
    """ 个案 One case, now or as it was

     The case's current state, or with `version` / `as_of` the state rebuilt from its events
    up to that point.  The ETag is the version.

    Args:
        case_id (str): 个案标识 case id
        version (int | None | Unset): 版本 the state after this many events
        as_of (datetime.datetime | None | Unset): 时点 the state at this time (RFC 3339)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseOut | Problem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,
version=version,
as_of=as_of,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    case_id: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

) -> CaseOut | Problem | None:
    """ 个案 One case, now or as it was

     The case's current state, or with `version` / `as_of` the state rebuilt from its events
    up to that point.  The ETag is the version.

    Args:
        case_id (str): 个案标识 case id
        version (int | None | Unset): 版本 the state after this many events
        as_of (datetime.datetime | None | Unset): 时点 the state at this time (RFC 3339)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseOut | Problem
     """


    return sync_detailed(
        case_id=case_id,
client=client,
version=version,
as_of=as_of,

    ).parsed

async def asyncio_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

) -> Response[CaseOut | Problem]:
    """ 个案 One case, now or as it was

     The case's current state, or with `version` / `as_of` the state rebuilt from its events
    up to that point.  The ETag is the version.

    Args:
        case_id (str): 个案标识 case id
        version (int | None | Unset): 版本 the state after this many events
        as_of (datetime.datetime | None | Unset): 时点 the state at this time (RFC 3339)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseOut | Problem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,
version=version,
as_of=as_of,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    case_id: str,
    *,
    client: AuthenticatedClient,
    version: int | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

) -> CaseOut | Problem | None:
    """ 个案 One case, now or as it was

     The case's current state, or with `version` / `as_of` the state rebuilt from its events
    up to that point.  The ETag is the version.

    Args:
        case_id (str): 个案标识 case id
        version (int | None | Unset): 版本 the state after this many events
        as_of (datetime.datetime | None | Unset): 时点 the state at this time (RFC 3339)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseOut | Problem
     """


    return (await asyncio_detailed(
        case_id=case_id,
client=client,
version=version,
as_of=as_of,

    )).parsed
