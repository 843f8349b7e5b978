from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.patient_list_out import PatientListOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    region: None | str | Unset = UNSET,
    institution_id: None | str | Unset = UNSET,
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

    json_institution_id: None | str | Unset
    if isinstance(institution_id, Unset):
        json_institution_id = UNSET
    else:
        json_institution_id = institution_id
    params["institution_id"] = json_institution_id

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
        "url": "/v1/archives/patients",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PatientListOut | Problem | None:
    if response.status_code == 200:
        response_200 = PatientListOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PatientListOut | Problem]:
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
    institution_id: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[PatientListOut | Problem]:
    """ 康复对象档案列表 Patient archives

     Persons in the caller's scope (identity masked), in patient-id order: civil affairs and
    social workers by residence, an institution its own, a hospital those it referred.

    Args:
        region (None | str | Unset): 行政区划 residence inside this province, city or county
        institution_id (None | str | Unset): 机构
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientListOut | Problem]
     """


    kwargs = _get_kwargs(
        region=region,
institution_id=institution_id,
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
    institution_id: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> PatientListOut | Problem | None:
    """ 康复对象档案列表 Patient archives

     Persons in the caller's scope (identity masked), in patient-id order: civil affairs and
    social workers by residence, an institution its own, a hospital those it referred.

    Args:
        region (None | str | Unset): 行政区划 residence inside this province, city or county
        institution_id (None | str | Unset): 机构
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientListOut | Problem
     """


    return sync_detailed(
        client=client,
region=region,
institution_id=institution_id,
cursor=cursor,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: None | str | Unset = UNSET,
    institution_id: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> Response[PatientListOut | Problem]:
    """ 康复对象档案列表 Patient archives

     Persons in the caller's scope (identity masked), in patient-id order: civil affairs and
    social workers by residence, an institution its own, a hospital those it referred.

    Args:
        region (None | str | Unset): 行政区划 residence inside this province, city or county
        institution_id (None | str | Unset): 机构
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientListOut | Problem]
     """


    kwargs = _get_kwargs(
        region=region,
institution_id=institution_id,
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
    institution_id: None | str | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,

) -> PatientListOut | Problem | None:
    """ 康复对象档案列表 Patient archives

     Persons in the caller's scope (identity masked), in patient-id order: civil affairs and
    social workers by residence, an institution its own, a hospital those it referred.

    Args:
        region (None | str | Unset): 行政区划 residence inside this province, city or county
        institution_id (None | str | Unset): 机构
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientListOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
region=region,
institution_id=institution_id,
cursor=cursor,
limit=limit,

    )).parsed
