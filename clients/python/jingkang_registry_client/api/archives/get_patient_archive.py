from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.patient_archive_out import PatientArchiveOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    patient_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/archives/patients/{patient_id}".format(patient_id=quote(str(patient_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PatientArchiveOut | Problem | None:
    if response.status_code == 200:
        response_200 = PatientArchiveOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PatientArchiveOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    patient_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[PatientArchiveOut | Problem]:
    """ 康复对象档案 One patient archive

     The person (masked), and each case in the caller's scope with its steps (evaluations,
    agreements, reassessments, relocations, relapses, exits) and services by type.

    Args:
        patient_id (str): 康复对象标识 patient id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientArchiveOut | Problem]
     """


    kwargs = _get_kwargs(
        patient_id=patient_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    patient_id: str,
    *,
    client: AuthenticatedClient,

) -> PatientArchiveOut | Problem | None:
    """ 康复对象档案 One patient archive

     The person (masked), and each case in the caller's scope with its steps (evaluations,
    agreements, reassessments, relocations, relapses, exits) and services by type.

    Args:
        patient_id (str): 康复对象标识 patient id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientArchiveOut | Problem
     """


    return sync_detailed(
        patient_id=patient_id,
client=client,

    ).parsed

async def asyncio_detailed(
    patient_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[PatientArchiveOut | Problem]:
    """ 康复对象档案 One patient archive

     The person (masked), and each case in the caller's scope with its steps (evaluations,
    agreements, reassessments, relocations, relapses, exits) and services by type.

    Args:
        patient_id (str): 康复对象标识 patient id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PatientArchiveOut | Problem]
     """


    kwargs = _get_kwargs(
        patient_id=patient_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    patient_id: str,
    *,
    client: AuthenticatedClient,

) -> PatientArchiveOut | Problem | None:
    """ 康复对象档案 One patient archive

     The person (masked), and each case in the caller's scope with its steps (evaluations,
    agreements, reassessments, relocations, relapses, exits) and services by type.

    Args:
        patient_id (str): 康复对象标识 patient id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PatientArchiveOut | Problem
     """


    return (await asyncio_detailed(
        patient_id=patient_id,
client=client,

    )).parsed
