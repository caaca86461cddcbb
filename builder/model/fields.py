"""Fields: what the models say about their string fields, found by walking them.

Each string type carries how the public meets it (model/base.py `Published`: TEXT, MARKDOWN,
MEDIA, TYPED). The personal-number scan, the photo check and the tests read the fields from
here, so a new kind's published text is covered by its model alone, with no list to keep."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache

from pydantic import BaseModel

from .base import Published

Path = tuple[str | int, ...]  # field names; "*" for any item of a list or any key of a mapping


def _forms(annotation) -> Iterator[tuple[Path, str | BaseModel]]:
    """(path below this annotation, form or model) of the strings and records it may hold."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        marks = [m.form for m in meta if isinstance(m, Published)]
        if marks:
            yield (), marks[0]
        else:
            yield from _forms(base)
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _forms(arg)
    elif origin in (list, tuple, set, frozenset):
        for arg in typing.get_args(annotation):
            for path, form in _forms(arg):
                yield ("*", *path), form
    elif origin is dict:
        _key, value = typing.get_args(annotation)
        for path, form in _forms(value):
            yield ("*", *path), form
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield (), annotation
    elif annotation is str:
        yield (), "text"  # a plain str is shown as typed


@cache
def string_fields(model: type[BaseModel]) -> tuple[tuple[Path, str], ...]:
    """(path, form) of every string field of `model` and the records inside it, by the names
    written in the files (aliases), e.g. (('team', '*', 'phone'), 'typed')."""
    out: list[tuple[Path, str]] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        for path, form in _forms(_annotation(model, name)):
            if isinstance(form, str):
                out.append(((key, *path), form))
            elif form is not model:
                out += [((key, *path, *inner), f) for inner, f in string_fields(form)]
    return tuple(dict.fromkeys(out))


def _annotation(model: type[BaseModel], name: str):
    """The field's annotation with its Annotated metadata (pydantic keeps it in `metadata`)."""
    info = model.model_fields[name]
    if info.metadata:
        return typing.Annotated[(info.annotation, *info.metadata)]
    return info.annotation


@cache
def typed_keys(model: type[BaseModel]) -> frozenset[str]:
    """Names of the fields anywhere in `model` whose strings are typed values (phones, codes):
    checked by their own type, so not scanned as free text."""
    names = (
        next(str(p) for p in reversed(path) if p != "*")
        for path, form in string_fields(model)
        if form in ("typed", "private")
    )
    return frozenset(names)
