"""Citizen identity numbers (居民身份证号码, GB 11643) and phone numbers."""

from __future__ import annotations

import re
from datetime import date

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from jingkang.common.domain.regions import RegionTable

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
MAX_AGE_YEARS = 130


class InvalidIdentity(ValueError):
    pass


def validate_id_number(value: str, *, today: date, regions: RegionTable | None = None) -> str:
    """The number in canonical form (upper-case X), or ``InvalidIdentity`` saying what is wrong."""
    number = value.strip().upper()
    if len(number) != 18 or not re.fullmatch(r"\d{17}[\dX]", number):
        raise InvalidIdentity("must be 18 characters: 17 digits and a digit or X")
    try:
        birth = ric.get_birth_date(number)
    except ValidationError:
        raise InvalidIdentity("the birth date part is not a real date") from None
    if birth > today or birth.year < today.year - MAX_AGE_YEARS:
        raise InvalidIdentity("the birth date part is not plausible")
    if ric.calc_check_digit(number) != number[-1]:
        raise InvalidIdentity("the check digit does not match (GB 11643, ISO 7064 MOD 11-2)")
    table = regions or RegionTable.bundled()
    # The address part is judged against the codes of its time: any year since birth.
    if not table.existed_between(number[:6], birth.year, today.year):
        raise InvalidIdentity("the address part is not a division code of its time")
    return number


def mask_id_number(number: str) -> str:
    return number[:6] + "*" * 8 + number[-4:]


def mask_name(name: str) -> str:
    """The family name's first character and a star for each other one (``张*``); masking a
    masked name gives it back unchanged."""
    return name[:1] + "*" * max(len(name) - 1, 1)


def validate_phone(value: str) -> str:
    phone = value.strip().replace(" ", "")
    if phone.startswith("+86"):
        phone = phone[3:]
    if not (_MOBILE.match(phone) or _LANDLINE.match(phone)):
        raise ValueError("not a mainland mobile (11 digits from 13–19) or landline (0xx-xxxxxxx)")
    return phone
