"""Which characters a request may carry in its strings.

PostgreSQL text cannot hold NUL (U+0000) nor a lone surrogate (U+D800–U+DFFF; JSON's
``\\ud800`` escapes decode to one), and other control characters have no business in a name,
an id, a code or a relation: one such string stored in an event stops every consumer that
copies it into PostgreSQL.  So every string of every request body is checked here, before the
command is decided.  Free text (notes, reasons, opinions) may hold tabs and line breaks; nothing
else below U+0020, nor DEL.

Request bodies are the services' command models, which derive from ``CheckedStrings``; a field
marks itself as free text with ``MULTILINE`` in its ``Annotated`` metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel, ValidationInfo, field_validator

# C0 controls and DEL, and lone surrogates; free text also allows \t \n \r.
_NOT_TEXT = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
_NOT_FREE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class _Multiline:
    """Marks a string field as free text: tabs and line breaks allowed."""

    def __repr__(self) -> str:
        return "MULTILINE"


MULTILINE = _Multiline()


def refused_character(text: str, *, multiline: bool = False) -> str | None:
    """Why ``text`` may not be stored (naming the first bad character), or None."""
    match = (_NOT_FREE_TEXT if multiline else _NOT_TEXT).search(text)
    if match is None:
        return None
    code = ord(match[0])
    kind = ("a surrogate (not a Unicode character)" if 0xD800 <= code <= 0xDFFF
            else "the NUL character" if code == 0 else "a control character")
    return f"{kind} U+{code:04X} is not allowed here"


def _strings(value: Any) -> Iterator[str]:
    """Every string in a field's value: itself, list items, dict keys and values."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _strings(item)
    # nested models check their own fields; numbers, dates and enums hold no free characters


def _mentions_multiline(annotation: Any) -> bool:
    return any(item is MULTILINE or _mentions_multiline(item) for item in get_args(annotation))


@cache
def _is_multiline(model: type[BaseModel], field_name: str) -> bool:
    field = model.model_fields[field_name]
    return MULTILINE in field.metadata or _mentions_multiline(field.annotation)


class CheckedStrings(BaseModel):
    """A model whose every string field refuses NUL, surrogates and control characters
    (tabs and line breaks only in fields marked ``MULTILINE``), naming the field."""

    @field_validator("*", mode="after")
    @classmethod
    def _only_text(cls, value: Any, info: ValidationInfo) -> Any:
        multiline = info.field_name is not None and _is_multiline(cls, info.field_name)
        for text in _strings(value):
            reason = refused_character(text, multiline=multiline)
            if reason is not None:
                raise ValueError(reason)
        return value
