"""The HTTP ceiling for bench/http_bench.py: the least a FastAPI service that writes can do.

One endpoint, ``POST /items``: FastAPI parses the JSON body, then one asyncpg INSERT of a row
(uuid, text, jsonb) inside a transaction, then a small JSON answer (201).  Served like the
services (uvicorn, uvloop, httptools, one process), on a pool made like the event store's
(asyncpg, 10 connections, no reset query on release), so the difference to the referral service
is the service's own work per request.

Run by http_bench.py; by hand::

    CEILING_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/some_db CEILING_PORT=8010 \\
        .venv/bin/python bench/http_ceiling_app.py
"""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

POOL_SIZE = 10  # the size jingkang_events.connect() gives the services

CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS items (
    id uuid PRIMARY KEY,
    kind text NOT NULL,
    body jsonb NOT NULL
)
"""
INSERT = "INSERT INTO items (id, kind, body) VALUES ($1, $2, $3::jsonb)"


async def _no_reset(_: asyncpg.Connection) -> None:
    return None


def create_app(dsn: str) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = await asyncpg.create_pool(dsn, min_size=1, max_size=POOL_SIZE, reset=_no_reset)
        app.state.pool = pool
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(title="HTTP ceiling", lifespan=lifespan)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/items", status_code=201)
    async def create_item(body: dict[str, Any], request: Request) -> JSONResponse:
        item_id = uuid.uuid4()
        pool: asyncpg.Pool = request.app.state.pool
        async with pool.acquire() as conn, conn.transaction():
            await conn.execute(INSERT, item_id, str(body.get("kind", "")),
                               json.dumps(body, ensure_ascii=False, separators=(",", ":")))
        return JSONResponse({"id": str(item_id)}, status_code=201)

    return app


def app_from_environment() -> FastAPI:
    return create_app(os.environ["CEILING_DATABASE_URL"])


async def _create_table(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(CREATE_TABLE)
    finally:
        await conn.close()


def main() -> None:
    # Once, before any worker starts (workers creating it at once could collide).
    asyncio.run(_create_table(os.environ["CEILING_DATABASE_URL"]))
    # CEILING_WORKERS > 1: uvicorn's supervisor and that many workers sharing the socket, as
    # `jingkang serve --workers` runs the service.
    workers = int(os.environ.get("CEILING_WORKERS", "1"))
    config = uvicorn.Config(
        "http_ceiling_app:app_from_environment", factory=True, host="127.0.0.1",
        port=int(os.environ.get("CEILING_PORT", "8010")), loop="uvloop", http="httptools",
        log_level=os.environ.get("CEILING_LOG_LEVEL", "warning"), timeout_graceful_shutdown=10,
        workers=workers)
    if workers > 1:
        from uvicorn.supervisors import Multiprocess
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
