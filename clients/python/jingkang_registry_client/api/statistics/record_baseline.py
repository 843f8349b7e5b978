from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.baseline_out import BaselineOut
from ...models.problem import Problem
from ...models.record_baseline import RecordBaseline
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    region_code: str,
    period: str,
    *,
    body: RecordBaseline,
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



    

    

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/regions/{region_code}/baselines/{period}".format(region_code=quote(str(region_code), safe=""),period=quote(str(period), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BaselineOut | Problem | None:
    if response.status_code == 200:
        response_200 = BaselineOut.from_dict(response.json())



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

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())



        return response_408

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BaselineOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    region_code: str,
    period: str,
    *,
    client: AuthenticatedClient,
    body: RecordBaseline,
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> Response[BaselineOut | Problem]:
    """ 摸底情况 Record baseline survey figures

     Columns 1–4, 14, 15 and 19 for a region and period; each change is an event, and the
    same figures again change nothing.

    Args:
        region_code (str): 行政区划代码: province, city or county (six digits) or township (nine digits)
        period (str): 报告期 e.g. 2024Q2
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (RecordBaseline): 摸底 figures for one region and period: columns 1–4, 14, 15 and 19 of
            the annex.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BaselineOut | Problem]
     """


    kwargs = _get_kwargs(
        region_code=region_code,
period=period,
body=body,
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
    region_code: str,
    period: str,
    *,
    client: AuthenticatedClient,
    body: RecordBaseline,
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> BaselineOut | Problem | None:
    """ 摸底情况 Record baseline survey figures

     Columns 1–4, 14, 15 and 19 for a region and period; each change is an event, and the
    same figures again change nothing.

    Args:
        region_code (str): 行政区划代码: province, city or county (six digits) or township (nine digits)
        period (str): 报告期 e.g. 2024Q2
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (RecordBaseline): 摸底 figures for one region and period: columns 1–4, 14, 15 and 19 of
            the annex.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BaselineOut | Problem
     """


    return sync_detailed(
        region_code=region_code,
period=period,
client=client,
body=body,
idempotency_key=idempotency_key,
if_match=if_match,
x_request_id=x_request_id,
x_correlation_id=x_correlation_id,

    ).parsed

async def asyncio_detailed(
    region_code: str,
    period: str,
    *,
    client: AuthenticatedClient,
    body: RecordBaseline,
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> Response[BaselineOut | Problem]:
    """ 摸底情况 Record baseline survey figures

     Columns 1–4, 14, 15 and 19 for a region and period; each change is an event, and the
    same figures again change nothing.

    Args:
        region_code (str): 行政区划代码: province, city or county (six digits) or township (nine digits)
        period (str): 报告期 e.g. 2024Q2
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (RecordBaseline): 摸底 figures for one region and period: columns 1–4, 14, 15 and 19 of
            the annex.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BaselineOut | Problem]
     """


    kwargs = _get_kwargs(
        region_code=region_code,
period=period,
body=body,
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
    region_code: str,
    period: str,
    *,
    client: AuthenticatedClient,
    body: RecordBaseline,
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> BaselineOut | Problem | None:
    """ 摸底情况 Record baseline survey figures

     Columns 1–4, 14, 15 and 19 for a region and period; each change is an event, and the
    same figures again change nothing.

    Args:
        region_code (str): 行政区划代码: province, city or county (six digits) or township (nine digits)
        period (str): 报告期 e.g. 2024Q2
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (RecordBaseline): 摸底 figures for one region and period: columns 1–4, 14, 15 and 19 of
            the annex.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BaselineOut | Problem
     """


    return (await asyncio_detailed(
        region_code=region_code,
period=period,
client=client,
body=body,
idempotency_key=idempotency_key,
if_match=if_match,
x_request_id=x_request_id,
x_correlation_id=x_correlation_id,

    )).parsed
