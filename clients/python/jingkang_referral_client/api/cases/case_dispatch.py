from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.case_out import CaseOut
from ...models.dispatch import Dispatch
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    case_id: str,
    *,
    body: Dispatch,
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
        "method": "post",
        "url": "/v1/cases/{case_id}/dispatch".format(case_id=quote(str(case_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
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
    body: Dispatch,
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> Response[CaseOut | Problem]:
    """ 分派 Dispatch to an institution (named or by residence)

     汇总、分派、转送: to a named institution, or automatically by residence.

    Args:
        case_id (str): 个案标识 case id
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (Dispatch): 汇总、分派、转送: to a named institution, or automatically by residence.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseOut | Problem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,
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
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: Dispatch,
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> CaseOut | Problem | None:
    """ 分派 Dispatch to an institution (named or by residence)

     汇总、分派、转送: to a named institution, or automatically by residence.

    Args:
        case_id (str): 个案标识 case id
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (Dispatch): 汇总、分派、转送: to a named institution, or automatically by residence.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseOut | Problem
     """


    return sync_detailed(
        case_id=case_id,
client=client,
body=body,
idempotency_key=idempotency_key,
if_match=if_match,
x_request_id=x_request_id,
x_correlation_id=x_correlation_id,

    ).parsed

async def asyncio_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: Dispatch,
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> Response[CaseOut | Problem]:
    """ 分派 Dispatch to an institution (named or by residence)

     汇总、分派、转送: to a named institution, or automatically by residence.

    Args:
        case_id (str): 个案标识 case id
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (Dispatch): 汇总、分派、转送: to a named institution, or automatically by residence.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseOut | Problem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,
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
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: Dispatch,
    idempotency_key: None | str | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    x_request_id: None | str | Unset = UNSET,
    x_correlation_id: None | str | Unset = UNSET,

) -> CaseOut | Problem | None:
    """ 分派 Dispatch to an institution (named or by residence)

     汇总、分派、转送: to a named institution, or automatically by residence.

    Args:
        case_id (str): 个案标识 case id
        idempotency_key (None | str | Unset): 幂等键 retries with the same key and body get the first
            answer
        if_match (None | str | Unset): 版本 the ETag ("<version>") the command was decided against
        x_request_id (None | str | Unset): 请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a
            new one is made)
        x_correlation_id (None | str | Unset): 关联标识 correlation id, like the request id
        body (Dispatch): 汇总、分派、转送: to a named institution, or automatically by residence.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseOut | Problem
     """


    return (await asyncio_detailed(
        case_id=case_id,
client=client,
body=body,
idempotency_key=idempotency_key,
if_match=if_match,
x_request_id=x_request_id,
x_correlation_id=x_correlation_id,

    )).parsed
