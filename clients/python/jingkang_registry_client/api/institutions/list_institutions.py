from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.area import Area
from ...models.institution_list_out import InstitutionListOut
from ...models.kind import Kind
from ...models.level import Level
from ...models.problem import Problem
from ...models.status import Status
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    region: None | str | Unset = UNSET,
    kind: Kind | None | Unset = UNSET,
    level: Level | None | Unset = UNSET,
    status: None | Status | Unset = UNSET,
    area: Area | None | Unset = UNSET,
    accepting: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, Kind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_level: None | str | Unset
    if isinstance(level, Unset):
        json_level = UNSET
    elif isinstance(level, Level):
        json_level = level.value
    else:
        json_level = level
    params["level"] = json_level

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, Status):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_area: None | str | Unset
    if isinstance(area, Unset):
        json_area = UNSET
    elif isinstance(area, Area):
        json_area = area.value
    else:
        json_area = area
    params["area"] = json_area

    json_accepting: bool | None | Unset
    if isinstance(accepting, Unset):
        json_accepting = UNSET
    else:
        json_accepting = accepting
    params["accepting"] = json_accepting

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
        "url": "/v1/institutions",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> InstitutionListOut | Problem | None:
    if response.status_code == 200:
        response_200 = InstitutionListOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[InstitutionListOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    kind: Kind | None | Unset = UNSET,
    level: Level | None | Unset = UNSET,
    status: None | Status | Unset = UNSET,
    area: Area | None | Unset = UNSET,
    accepting: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[InstitutionListOut | Problem]:
    """ 服务机构列表 List institutions

     Institutions in institution-id order, filtered; any authenticated caller may read them.

    Args:
        region (None | str | Unset): 行政区划 province, city or county code; matches everything inside
            it
        kind (Kind | None | Unset):
        level (Level | None | Unset):
        status (None | Status | Unset):
        area (Area | None | Unset):
        accepting (bool | None | Unset):
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InstitutionListOut | Problem]
     """


    kwargs = _get_kwargs(
        region=region,
kind=kind,
level=level,
status=status,
area=area,
accepting=accepting,
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
    region: None | str | Unset = UNSET,
    kind: Kind | None | Unset = UNSET,
    level: Level | None | Unset = UNSET,
    status: None | Status | Unset = UNSET,
    area: Area | None | Unset = UNSET,
    accepting: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> InstitutionListOut | Problem | None:
    """ 服务机构列表 List institutions

     Institutions in institution-id order, filtered; any authenticated caller may read them.

    Args:
        region (None | str | Unset): 行政区划 province, city or county code; matches everything inside
            it
        kind (Kind | None | Unset):
        level (Level | None | Unset):
        status (None | Status | Unset):
        area (Area | None | Unset):
        accepting (bool | None | Unset):
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InstitutionListOut | Problem
     """


    return sync_detailed(
        client=client,
region=region,
kind=kind,
level=level,
status=status,
area=area,
accepting=accepting,
cursor=cursor,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    kind: Kind | None | Unset = UNSET,
    level: Level | None | Unset = UNSET,
    status: None | Status | Unset = UNSET,
    area: Area | None | Unset = UNSET,
    accepting: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[InstitutionListOut | Problem]:
    """ 服务机构列表 List institutions

     Institutions in institution-id order, filtered; any authenticated caller may read them.

    Args:
        region (None | str | Unset): 行政区划 province, city or county code; matches everything inside
            it
        kind (Kind | None | Unset):
        level (Level | None | Unset):
        status (None | Status | Unset):
        area (Area | None | Unset):
        accepting (bool | None | Unset):
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InstitutionListOut | Problem]
     """


    kwargs = _get_kwargs(
        region=region,
kind=kind,
level=level,
status=status,
area=area,
accepting=accepting,
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
    region: None | str | Unset = UNSET,
    kind: Kind | None | Unset = UNSET,
    level: Level | None | Unset = UNSET,
    status: None | Status | Unset = UNSET,
    area: Area | None | Unset = UNSET,
    accepting: bool | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> InstitutionListOut | Problem | None:
    """ 服务机构列表 List institutions

     Institutions in institution-id order, filtered; any authenticated caller may read them.

    Args:
        region (None | str | Unset): 行政区划 province, city or county code; matches everything inside
            it
        kind (Kind | None | Unset):
        level (Level | None | Unset):
        status (None | Status | Unset):
        area (Area | None | Unset):
        accepting (bool | None | Unset):
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InstitutionListOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
region=region,
kind=kind,
level=level,
status=status,
area=area,
accepting=accepting,
cursor=cursor,
limit=limit,

    )).parsed
