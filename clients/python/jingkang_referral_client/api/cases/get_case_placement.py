from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.placement_out import PlacementOut
from ...models.problem import Problem
from typing import cast



def _get_kwargs(
    case_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cases/{case_id}/placement".format(case_id=quote(str(case_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PlacementOut | Problem | None:
    if response.status_code == 200:
        response_200 = PlacementOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PlacementOut | Problem]:
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

) -> Response[PlacementOut | Problem]:
    """ 可分派机构 Institutions of the residence with their free places

     For the roles that dispatch: the institutions of the case's residence county, then of
    the rest of its city (for a relocating case, of its new residence, without the sending
    institution), least occupied first, each with capacity, cases placed there now and free
    places, and the one dispatch by residence would choose now (`null`: it would waitlist).
    The dispatch decides again when it is made, under the institution's room lock.

    Args:
        case_id (str): 个案标识 case id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlacementOut | Problem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    case_id: str,
    *,
    client: AuthenticatedClient,

) -> PlacementOut | Problem | None:
    """ 可分派机构 Institutions of the residence with their free places

     For the roles that dispatch: the institutions of the case's residence county, then of
    the rest of its city (for a relocating case, of its new residence, without the sending
    institution), least occupied first, each with capacity, cases placed there now and free
    places, and the one dispatch by residence would choose now (`null`: it would waitlist).
    The dispatch decides again when it is made, under the institution's room lock.

    Args:
        case_id (str): 个案标识 case id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlacementOut | Problem
     """


    return sync_detailed(
        case_id=case_id,
client=client,

    ).parsed

async def asyncio_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,

) -> Response[PlacementOut | Problem]:
    """ 可分派机构 Institutions of the residence with their free places

     For the roles that dispatch: the institutions of the case's residence county, then of
    the rest of its city (for a relocating case, of its new residence, without the sending
    institution), least occupied first, each with capacity, cases placed there now and free
    places, and the one dispatch by residence would choose now (`null`: it would waitlist).
    The dispatch decides again when it is made, under the institution's room lock.

    Args:
        case_id (str): 个案标识 case id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlacementOut | Problem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    case_id: str,
    *,
    client: AuthenticatedClient,

) -> PlacementOut | Problem | None:
    """ 可分派机构 Institutions of the residence with their free places

     For the roles that dispatch: the institutions of the case's residence county, then of
    the rest of its city (for a relocating case, of its new residence, without the sending
    institution), least occupied first, each with capacity, cases placed there now and free
    places, and the one dispatch by residence would choose now (`null`: it would waitlist).
    The dispatch decides again when it is made, under the institution's room lock.

    Args:
        case_id (str): 个案标识 case id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlacementOut | Problem
     """


    return (await asyncio_detailed(
        case_id=case_id,
client=client,

    )).parsed
