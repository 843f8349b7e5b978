from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.report_comparison_out import ReportComparisonOut
from ...types import UNSET, Unset
from typing import cast
from typing import Literal, cast



def _get_kwargs(
    region: str,
    period: str,
    *,
    form: Literal['progress'] | Unset = 'progress',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["form"] = form


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/{region}/{period}/comparison".format(region=quote(str(region), safe=""),period=quote(str(period), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportComparisonOut | None:
    if response.status_code == 200:
        response_200 = ReportComparisonOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ReportComparisonOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    region: str,
    period: str,
    *,
    client: AuthenticatedClient,
    form: Literal['progress'] | Unset = 'progress',

) -> Response[Problem | ReportComparisonOut]:
    """ 对比 Accepted figures next to live ones

     The children's accepted reports summed (the official chain) beside the figures the
    system counts now, and per child the columns where they differ.

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportComparisonOut]
     """


    kwargs = _get_kwargs(
        region=region,
period=period,
form=form,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    region: str,
    period: str,
    *,
    client: AuthenticatedClient,
    form: Literal['progress'] | Unset = 'progress',

) -> Problem | ReportComparisonOut | None:
    """ 对比 Accepted figures next to live ones

     The children's accepted reports summed (the official chain) beside the figures the
    system counts now, and per child the columns where they differ.

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportComparisonOut
     """


    return sync_detailed(
        region=region,
period=period,
client=client,
form=form,

    ).parsed

async def asyncio_detailed(
    region: str,
    period: str,
    *,
    client: AuthenticatedClient,
    form: Literal['progress'] | Unset = 'progress',

) -> Response[Problem | ReportComparisonOut]:
    """ 对比 Accepted figures next to live ones

     The children's accepted reports summed (the official chain) beside the figures the
    system counts now, and per child the columns where they differ.

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportComparisonOut]
     """


    kwargs = _get_kwargs(
        region=region,
period=period,
form=form,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    region: str,
    period: str,
    *,
    client: AuthenticatedClient,
    form: Literal['progress'] | Unset = 'progress',

) -> Problem | ReportComparisonOut | None:
    """ 对比 Accepted figures next to live ones

     The children's accepted reports summed (the official chain) beside the figures the
    system counts now, and per child the columns where they differ.

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportComparisonOut
     """


    return (await asyncio_detailed(
        region=region,
period=period,
client=client,
form=form,

    )).parsed
