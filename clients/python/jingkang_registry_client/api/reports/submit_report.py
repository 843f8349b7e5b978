from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.report_out import ReportOut
from ...models.submit_report import SubmitReport
from ...types import UNSET, Unset
from typing import cast
from typing import Literal, cast



def _get_kwargs(
    region: str,
    period: str,
    *,
    body: SubmitReport,
    form: Literal['progress'] | Unset = 'progress',
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    if not isinstance(x_request_id, Unset):
        headers["x-request-id"] = x_request_id

    if not isinstance(x_correlation_id, Unset):
        headers["x-correlation-id"] = x_correlation_id



    

    params: dict[str, Any] = {}

    params["form"] = form


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/reports/{region}/{period}/submissions".format(region=quote(str(region), safe=""),period=quote(str(period), safe=""),),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportOut | None:
    if response.status_code == 201:
        response_201 = ReportOut.from_dict(response.json())



        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())



        return response_408

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())



        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ReportOut]:
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
    body: SubmitReport,
    form: Literal['progress'] | Unset = 'progress',
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> Response[Problem | ReportOut]:
    """ 报送 Submit the report with its figures frozen

     The region's own civil affairs send the report up; later events never change a
    submitted version (201, Location of the version).

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (SubmitReport): 报送: the report goes up the chain with its figures frozen.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportOut]
     """


    kwargs = _get_kwargs(
        region=region,
period=period,
body=body,
form=form,
idempotency_key=idempotency_key,
if_match=if_match,
x_request_id=x_request_id,
x_correlation_id=x_correlation_id,

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
    body: SubmitReport,
    form: Literal['progress'] | Unset = 'progress',
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> Problem | ReportOut | None:
    """ 报送 Submit the report with its figures frozen

     The region's own civil affairs send the report up; later events never change a
    submitted version (201, Location of the version).

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (SubmitReport): 报送: the report goes up the chain with its figures frozen.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportOut
     """


    return sync_detailed(
        region=region,
period=period,
client=client,
body=body,
form=form,
idempotency_key=idempotency_key,
if_match=if_match,
x_request_id=x_request_id,
x_correlation_id=x_correlation_id,

    ).parsed

async def asyncio_detailed(
    region: str,
    period: str,
    *,
    client: AuthenticatedClient,
    body: SubmitReport,
    form: Literal['progress'] | Unset = 'progress',
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> Response[Problem | ReportOut]:
    """ 报送 Submit the report with its figures frozen

     The region's own civil affairs send the report up; later events never change a
    submitted version (201, Location of the version).

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (SubmitReport): 报送: the report goes up the chain with its figures frozen.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportOut]
     """


    kwargs = _get_kwargs(
        region=region,
period=period,
body=body,
form=form,
idempotency_key=idempotency_key,
if_match=if_match,
x_request_id=x_request_id,
x_correlation_id=x_correlation_id,

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
    body: SubmitReport,
    form: Literal['progress'] | Unset = 'progress',
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> Problem | ReportOut | None:
    """ 报送 Submit the report with its figures frozen

     The region's own civil affairs send the report up; later events never change a
    submitted version (201, Location of the version).

    Args:
        region (str): 行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)
        period (str): 报告期 2026Q2, 2026H1 or 2026
        form (Literal['progress'] | Unset): 报表 progress: 推进情况汇总表 Default: 'progress'.
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (SubmitReport): 报送: the report goes up the chain with its figures frozen.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportOut
     """


    return (await asyncio_detailed(
        region=region,
period=period,
client=client,
body=body,
form=form,
idempotency_key=idempotency_key,
if_match=if_match,
x_request_id=x_request_id,
x_correlation_id=x_correlation_id,

    )).parsed
