from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.report_figures_out import ReportFiguresOut
from ...models.report_version_format import ReportVersionFormat
from ...types import UNSET, Unset
from typing import cast
from typing import Literal, cast



def _get_kwargs(
    region: str,
    period: str,
    version: int,
    *,
    form: Literal['progress'] | Unset = 'progress',
    format_: ReportVersionFormat | Unset = ReportVersionFormat.JSON,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["form"] = form

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/{region}/{period}/versions/{version}".format(region=quote(str(region), safe=""),period=quote(str(period), safe=""),version=quote(str(version), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportFiguresOut | None:
    if response.status_code == 200:
        response_200 = ReportFiguresOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ReportFiguresOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    region: str,
    period: str,
    version: int,
    *,
    client: AuthenticatedClient,
    form: Literal['progress'] | Unset = 'progress',
    format_: ReportVersionFormat | Unset = ReportVersionFormat.JSON,

) -> Response[Problem | ReportFiguresOut]:
    """ 报送版本 A submitted version, as frozen

     The figures as submitted, with the sign-off lines of that submission; CSV, XLSX and
    PDF carry them under the table, with the version and the 填表说明.

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        version (int):
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.
        format_ (ReportVersionFormat | Unset): json, csv, xlsx or pdf (to print, sign and
            stamp)。取值：json JSON；csv CSV；xlsx Excel 表格（XLSX）；pdf PDF（打印签章用） Default:
            ReportVersionFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportFiguresOut]
     """


    kwargs = _get_kwargs(
        region=region,
period=period,
version=version,
form=form,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    region: str,
    period: str,
    version: int,
    *,
    client: AuthenticatedClient,
    form: Literal['progress'] | Unset = 'progress',
    format_: ReportVersionFormat | Unset = ReportVersionFormat.JSON,

) -> Problem | ReportFiguresOut | None:
    """ 报送版本 A submitted version, as frozen

     The figures as submitted, with the sign-off lines of that submission; CSV, XLSX and
    PDF carry them under the table, with the version and the 填表说明.

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        version (int):
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.
        format_ (ReportVersionFormat | Unset): json, csv, xlsx or pdf (to print, sign and
            stamp)。取值：json JSON；csv CSV；xlsx Excel 表格（XLSX）；pdf PDF（打印签章用） Default:
            ReportVersionFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportFiguresOut
     """


    return sync_detailed(
        region=region,
period=period,
version=version,
client=client,
form=form,
format_=format_,

    ).parsed

async def asyncio_detailed(
    region: str,
    period: str,
    version: int,
    *,
    client: AuthenticatedClient,
    form: Literal['progress'] | Unset = 'progress',
    format_: ReportVersionFormat | Unset = ReportVersionFormat.JSON,

) -> Response[Problem | ReportFiguresOut]:
    """ 报送版本 A submitted version, as frozen

     The figures as submitted, with the sign-off lines of that submission; CSV, XLSX and
    PDF carry them under the table, with the version and the 填表说明.

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        version (int):
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.
        format_ (ReportVersionFormat | Unset): json, csv, xlsx or pdf (to print, sign and
            stamp)。取值：json JSON；csv CSV；xlsx Excel 表格（XLSX）；pdf PDF（打印签章用） Default:
            ReportVersionFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportFiguresOut]
     """


    kwargs = _get_kwargs(
        region=region,
period=period,
version=version,
form=form,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    region: str,
    period: str,
    version: int,
    *,
    client: AuthenticatedClient,
    form: Literal['progress'] | Unset = 'progress',
    format_: ReportVersionFormat | Unset = ReportVersionFormat.JSON,

) -> Problem | ReportFiguresOut | None:
    """ 报送版本 A submitted version, as frozen

     The figures as submitted, with the sign-off lines of that submission; CSV, XLSX and
    PDF carry them under the table, with the version and the 填表说明.

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        version (int):
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.
        format_ (ReportVersionFormat | Unset): json, csv, xlsx or pdf (to print, sign and
            stamp)。取值：json JSON；csv CSV；xlsx Excel 表格（XLSX）；pdf PDF（打印签章用） Default:
            ReportVersionFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportFiguresOut
     """


    return (await asyncio_detailed(
        region=region,
period=period,
version=version,
client=client,
form=form,
format_=format_,

    )).parsed
