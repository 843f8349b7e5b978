"""Service records entered fast (a clerk records dozens a day): the defaults a row starts with
— the last service the clerk recorded (type, form, method, minutes, staff), now as the start —
and the cookie that remembers them."""

from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any

from .action_forms import SERVICE_FORMS, SERVICE_METHODS, SERVICE_TYPES

COOKIE = "jk_last_service"
FIRST = {"service_type": "life_skills", "form": "day_training", "method": "group_work",
         "duration_minutes": "60", "staff": ""}
_CHOICES = {"service_type": SERVICE_TYPES, "form": SERVICE_FORMS, "method": SERVICE_METHODS}


def remembered(cookie: str | None) -> dict[str, str]:
    """The last service's fields from the cookie; the first defaults for what it lacks or
    holds wrong (a cookie is the browser's to change)."""
    try:
        found = json.loads(base64.urlsafe_b64decode((cookie or "").encode()).decode())
    except (ValueError, UnicodeDecodeError):
        found = {}
    if not isinstance(found, dict):
        found = {}
    values = dict(FIRST)
    for name, choices in _CHOICES.items():
        if found.get(name) in choices:
            values[name] = found[name]
    minutes = str(found.get("duration_minutes", ""))
    if minutes.isdigit() and 0 < int(minutes) <= 1440:
        values["duration_minutes"] = minutes
    staff = found.get("staff")
    if isinstance(staff, str) and len(staff) <= 200:
        values["staff"] = staff
    return values


def to_remember(submitted: dict[str, Any]) -> str:
    """The cookie's value after a service recorded with ``submitted``."""
    kept = {name: str(submitted.get(name, "")) for name in FIRST}
    return base64.urlsafe_b64encode(json.dumps(kept, ensure_ascii=False).encode()).decode()


def start_now(now: datetime) -> str:
    """Now in China as the browser's datetime-local value (to the minute)."""
    return now.strftime("%Y-%m-%dT%H:%M")
