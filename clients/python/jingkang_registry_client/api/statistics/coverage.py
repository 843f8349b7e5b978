from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.coverage_out import CoverageOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    region: str,
    as_of: datetime.date | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["region"] = region

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.date):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/statistics/coverage",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CoverageOut | Problem | None:
    if response.status_code == 200:
        response_200 = CoverageOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CoverageOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    region: str,
    as_of: datetime.date | None | Unset = UNSET,

) -> Response[CoverageOut | Problem]:
    """ 覆盖率与规范服务率 Coverage against the yearly targets

     Share of counties with an operating institution, the standardized service rate of the
    last complete quarter, and the 5 + 5 working-day deadlines met, next to the year's targets.

    Args:
        region (str): 行政区划 province, city or county code
        as_of (datetime.date | None | Unset): 截至 the end of this day (default: now)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoverageOut | Problem]
     """


    kwargs = _get_kwargs(
        region=region,
as_of=as_of,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    region: str,
    as_of: datetime.date | None | Unset = UNSET,

) -> CoverageOut | Problem | None:
    """ 覆盖率与规范服务率 Coverage against the yearly targets

     Share of counties with an operating institution, the standardized service rate of the
    last complete quarter, and the 5 + 5 working-day deadlines met, next to the year's targets.

    Args:
        region (str): 行政区划 province, city or county code
        as_of (datetime.date | None | Unset): 截至 the end of this day (default: now)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoverageOut | Problem
     """


    return sync_detailed(
        client=client,
region=region,
as_of=as_of,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: str,
    as_of: datetime.date | None | Unset = UNSET,

) -> Response[CoverageOut | Problem]:
    """ 覆盖率与规范服务率 Coverage against the yearly targets

     Share of counties with an operating institution, the standardized service rate of the
    last complete quarter, and the 5 + 5 working-day deadlines met, next to the year's targets.

    Args:
        region (str): 行政区划 province, city or county code
        as_of (datetime.date | None | Unset): 截至 the end of this day (default: now)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoverageOut | Problem]
     """


    kwargs = _get_kwargs(
        region=region,
as_of=as_of,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    region: str,
    as_of: datetime.date | None | Unset = UNSET,

) -> CoverageOut | Problem | None:
    """ 覆盖率与规范服务率 Coverage against the yearly targets

     Share of counties with an operating institution, the standardized service rate of the
    last complete quarter, and the 5 + 5 working-day deadlines met, next to the year's targets.

    Args:
        region (str): 行政区划 province, city or county code
        as_of (datetime.date | None | Unset): 截至 the end of this day (default: now)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoverageOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
region=region,
as_of=as_of,

    )).parsed
