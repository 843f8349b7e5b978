from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.outcomes_out import OutcomesOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    *,
    region: str,
    period: str,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["region"] = region

    params["period"] = period


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/statistics/outcomes",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OutcomesOut | Problem | None:
    if response.status_code == 200:
        response_200 = OutcomesOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OutcomesOut | Problem]:
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
    period: str,

) -> Response[OutcomesOut | Problem]:
    """ 康复成效 Relapse, rehospitalisation, employment and self-care

     The outcomes the documents set as goals, over the cases served in the period, each
    defined in docs/registry.md (Outcomes).

    Args:
        region (str): 行政区划 province, city or county code
        period (str): 报告期 2024Q2, 2024H1 or 2024

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OutcomesOut | Problem]
     """


    kwargs = _get_kwargs(
        region=region,
period=period,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    region: str,
    period: str,

) -> OutcomesOut | Problem | None:
    """ 康复成效 Relapse, rehospitalisation, employment and self-care

     The outcomes the documents set as goals, over the cases served in the period, each
    defined in docs/registry.md (Outcomes).

    Args:
        region (str): 行政区划 province, city or county code
        period (str): 报告期 2024Q2, 2024H1 or 2024

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OutcomesOut | Problem
     """


    return sync_detailed(
        client=client,
region=region,
period=period,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    region: str,
    period: str,

) -> Response[OutcomesOut | Problem]:
    """ 康复成效 Relapse, rehospitalisation, employment and self-care

     The outcomes the documents set as goals, over the cases served in the period, each
    defined in docs/registry.md (Outcomes).

    Args:
        region (str): 行政区划 province, city or county code
        period (str): 报告期 2024Q2, 2024H1 or 2024

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OutcomesOut | Problem]
     """


    kwargs = _get_kwargs(
        region=region,
period=period,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    region: str,
    period: str,

) -> OutcomesOut | Problem | None:
    """ 康复成效 Relapse, rehospitalisation, employment and self-care

     The outcomes the documents set as goals, over the cases served in the period, each
    defined in docs/registry.md (Outcomes).

    Args:
        region (str): 行政区划 province, city or county code
        period (str): 报告期 2024Q2, 2024H1 or 2024

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OutcomesOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
region=region,
period=period,

    )).parsed
