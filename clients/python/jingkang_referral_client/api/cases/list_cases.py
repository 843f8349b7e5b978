from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.case_list_out import CaseListOut
from ...models.list_cases_due_type_0 import ListCasesDueType0
from ...models.list_cases_sort_type_0 import ListCasesSortType0
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    state: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    institution_id: None | str | Unset = UNSET,
    due: ListCasesDueType0 | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    risk_level_min: int | None | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    sort: ListCasesSortType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    else:
        json_state = state
    params["state"] = json_state

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

    json_due: None | str | Unset
    if isinstance(due, Unset):
        json_due = UNSET
    elif isinstance(due, ListCasesDueType0):
        json_due = due.value
    else:
        json_due = due
    params["due"] = json_due

    json_overdue: bool | None | Unset
    if isinstance(overdue, Unset):
        json_overdue = UNSET
    else:
        json_overdue = overdue
    params["overdue"] = json_overdue

    json_risk_level_min: int | None | Unset
    if isinstance(risk_level_min, Unset):
        json_risk_level_min = UNSET
    else:
        json_risk_level_min = risk_level_min
    params["risk_level_min"] = json_risk_level_min

    json_updated_since: None | str | Unset
    if isinstance(updated_since, Unset):
        json_updated_since = UNSET
    elif isinstance(updated_since, datetime.datetime):
        json_updated_since = updated_since.isoformat()
    else:
        json_updated_since = updated_since
    params["updated_since"] = json_updated_since

    json_sort: None | str | Unset
    if isinstance(sort, Unset):
        json_sort = UNSET
    elif isinstance(sort, ListCasesSortType0):
        json_sort = sort.value
    else:
        json_sort = sort
    params["sort"] = json_sort

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
        "url": "/v1/cases",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CaseListOut | Problem | None:
    if response.status_code == 200:
        response_200 = CaseListOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CaseListOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    institution_id: None | str | Unset = UNSET,
    due: ListCasesDueType0 | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    risk_level_min: int | None | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    sort: ListCasesSortType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[CaseListOut | Problem]:
    """ 个案列表与工作队列 List cases and work queues

     Cases in the caller's scope, newest first (or oldest first with `sort=updated_at`); with
    `due`, a work queue in which cases of risk level 3 or more come first, then the soonest
    due.

    Args:
        state (None | str | Unset): 状态 state
        region (None | str | Unset): 行政区划 province, city or county code; matches everything inside
            it
        institution_id (None | str | Unset): 机构 institution
        due (ListCasesDueType0 | None | Unset): 待办 work queue: the step that waits, soonest due
            first
        overdue (bool | None | Unset): 逾期 only past due (true) or not yet due (false); with `due`
        risk_level_min (int | None | Unset): 最低危险等级 risk level at least
        updated_since (datetime.datetime | None | Unset): 更新起 updated at or after (RFC 3339)
        sort (ListCasesSortType0 | None | Unset): 排序 without `due`: `-updated_at` newest first
            (the default) or `updated_at` oldest first; a queue (`due`) keeps its own order
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseListOut | Problem]
     """


    kwargs = _get_kwargs(
        state=state,
region=region,
institution_id=institution_id,
due=due,
overdue=overdue,
risk_level_min=risk_level_min,
updated_since=updated_since,
sort=sort,
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
    state: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    institution_id: None | str | Unset = UNSET,
    due: ListCasesDueType0 | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    risk_level_min: int | None | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    sort: ListCasesSortType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> CaseListOut | Problem | None:
    """ 个案列表与工作队列 List cases and work queues

     Cases in the caller's scope, newest first (or oldest first with `sort=updated_at`); with
    `due`, a work queue in which cases of risk level 3 or more come first, then the soonest
    due.

    Args:
        state (None | str | Unset): 状态 state
        region (None | str | Unset): 行政区划 province, city or county code; matches everything inside
            it
        institution_id (None | str | Unset): 机构 institution
        due (ListCasesDueType0 | None | Unset): 待办 work queue: the step that waits, soonest due
            first
        overdue (bool | None | Unset): 逾期 only past due (true) or not yet due (false); with `due`
        risk_level_min (int | None | Unset): 最低危险等级 risk level at least
        updated_since (datetime.datetime | None | Unset): 更新起 updated at or after (RFC 3339)
        sort (ListCasesSortType0 | None | Unset): 排序 without `due`: `-updated_at` newest first
            (the default) or `updated_at` oldest first; a queue (`due`) keeps its own order
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseListOut | Problem
     """


    return sync_detailed(
        client=client,
state=state,
region=region,
institution_id=institution_id,
due=due,
overdue=overdue,
risk_level_min=risk_level_min,
updated_since=updated_since,
sort=sort,
cursor=cursor,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    institution_id: None | str | Unset = UNSET,
    due: ListCasesDueType0 | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    risk_level_min: int | None | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    sort: ListCasesSortType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[CaseListOut | Problem]:
    """ 个案列表与工作队列 List cases and work queues

     Cases in the caller's scope, newest first (or oldest first with `sort=updated_at`); with
    `due`, a work queue in which cases of risk level 3 or more come first, then the soonest
    due.

    Args:
        state (None | str | Unset): 状态 state
        region (None | str | Unset): 行政区划 province, city or county code; matches everything inside
            it
        institution_id (None | str | Unset): 机构 institution
        due (ListCasesDueType0 | None | Unset): 待办 work queue: the step that waits, soonest due
            first
        overdue (bool | None | Unset): 逾期 only past due (true) or not yet due (false); with `due`
        risk_level_min (int | None | Unset): 最低危险等级 risk level at least
        updated_since (datetime.datetime | None | Unset): 更新起 updated at or after (RFC 3339)
        sort (ListCasesSortType0 | None | Unset): 排序 without `due`: `-updated_at` newest first
            (the default) or `updated_at` oldest first; a queue (`due`) keeps its own order
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseListOut | Problem]
     """


    kwargs = _get_kwargs(
        state=state,
region=region,
institution_id=institution_id,
due=due,
overdue=overdue,
risk_level_min=risk_level_min,
updated_since=updated_since,
sort=sort,
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
    state: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    institution_id: None | str | Unset = UNSET,
    due: ListCasesDueType0 | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    risk_level_min: int | None | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    sort: ListCasesSortType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> CaseListOut | Problem | None:
    """ 个案列表与工作队列 List cases and work queues

     Cases in the caller's scope, newest first (or oldest first with `sort=updated_at`); with
    `due`, a work queue in which cases of risk level 3 or more come first, then the soonest
    due.

    Args:
        state (None | str | Unset): 状态 state
        region (None | str | Unset): 行政区划 province, city or county code; matches everything inside
            it
        institution_id (None | str | Unset): 机构 institution
        due (ListCasesDueType0 | None | Unset): 待办 work queue: the step that waits, soonest due
            first
        overdue (bool | None | Unset): 逾期 only past due (true) or not yet due (false); with `due`
        risk_level_min (int | None | Unset): 最低危险等级 risk level at least
        updated_since (datetime.datetime | None | Unset): 更新起 updated at or after (RFC 3339)
        sort (ListCasesSortType0 | None | Unset): 排序 without `due`: `-updated_at` newest first
            (the default) or `updated_at` oldest first; a queue (`due`) keeps its own order
        cursor (None | str | Unset): 游标 from `next_cursor`
        limit (int | Unset): 每页 page size Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseListOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
state=state,
region=region,
institution_id=institution_id,
due=due,
overdue=overdue,
risk_level_min=risk_level_min,
updated_since=updated_since,
sort=sort,
cursor=cursor,
limit=limit,

    )).parsed
