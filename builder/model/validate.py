"""Validation in the author's words: pydantic's errors become Problems; records learn their place."""

from __future__ import annotations

import copy
import functools
from typing import Any, ForwardRef, Literal, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..load import SourceDoc, field_path
from ..problems import Problems
from .base import Record, _shown
from .read_notes import collecting, places

M = TypeVar("M", bound=Record)

# ---- validation errors → Problems -------------------------------------------------------

_TYPE_NAMES = {
    "int": ("整数", "a whole number"),
    "bool": (" true 或 false", "true or false"),
    "decimal": ("数字（不加单位和逗号），如 3200.50", "a number without units or commas"),
    "list": ("列表（每项以“- ”开头）", "a list (items start with '- ')"),
    "dict": ("一组“字段: 值”", "a mapping of 'field: value'"),
    "model": ("一组“字段: 值”", "a mapping of 'field: value'"),
    "string": ("文字", "text"),
    "float": ("数字", "a number"),
}


def _describe(err: dict[str, Any], model: type[BaseModel]) -> tuple[str, str]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "gridboard":
        return ctx["zh"], ctx["en"]
    name = str(err["loc"][-1]) if err["loc"] else ""
    if kind == "missing":
        return f"缺少必填字段“{name}”", f"required field '{name}' is missing"
    if kind == "extra_forbidden":
        return (
            f"不认识的字段“{name}”：可能拼错了，或放错了层级",
            f"unknown field '{name}': a typo, or at the wrong level",
        )
    if kind == "literal_error":
        return f"只能填以下之一：{ctx.get('expected')}", f"must be one of {ctx.get('expected')}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        limit = next(iter(ctx.values()), "")
        sign = {"greater_than_equal": "≥", "greater_than": ">", "less_than_equal": "≤", "less_than": "<"}[
            kind
        ]
        zh, en = _shown(err.get("input"))
        size, size_en = ("太小", "too small") if kind.startswith("greater") else ("太大", "too large")
        return (
            f"数值{zh}{size}：应 {sign} {limit}",
            f"the number {en} is {size_en}: it must be {sign} {limit}",
        )
    if kind in ("string_too_long", "too_long") and isinstance(err.get("input"), str):
        limit, length = ctx.get("max_length"), len(err["input"])
        return (
            f"文字太长：有 {length} 个字，这里最多 {limit} 个字",
            f"the text has {length} characters; at most {limit} are allowed here",
        )
    if kind == "too_short":
        return "这里至少要写一项", "at least one item is needed"
    if kind == "too_long":
        return "条目太多", "too many items"
    if kind == "finite_number":
        return (
            "这里应为普通的数字（YAML 把 .inf、.nan 读成了无穷大、非数）",
            "expected an ordinary number, not .inf/.nan",
        )
    if kind == "string_too_short":
        return "不能为空", "must not be empty"
    for prefix, (zh, en) in _TYPE_NAMES.items():
        if kind.startswith(prefix):
            got = err.get("input")
            extra = ""
            if isinstance(got, str) and prefix == "int":
                extra = "（不要加单位或引号）"
            return f"这里应为{zh}{extra}", f"expected {en}"
    return f"内容不合格：{err['msg']}", err["msg"]


def validate(model: type[M], data: Any, doc: SourceDoc, key: tuple, problems: Problems) -> M | None:
    """Validate `data` (found at `key` in `doc`) as `model`; record every error, return None on any."""
    with collecting() as noticed:
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
            for err in errors:
                loc = key + _clean(err["loc"])
                zh, en = _describe(err, model)
                problems.add(doc.path, doc.mark(*loc), field_path(loc), zh, en)
            record = _without_bad_fields(model, data, errors)
    if noticed:
        _warn_notices(noticed, data, doc, key, problems)
    if record is None:
        return None
    attach(record, doc, key)
    return record


def _warn_notices(noticed: list, data: Any, doc: SourceDoc, key: tuple, problems: Problems) -> None:
    """A warning at each place a noticed value is written (model/read_notes.py): once per place."""
    told: set[tuple] = set()
    for written, zh, en in noticed:
        # a value the validator first changed (： for :) is not found as written: said at the record
        for place in list(places(data, written)) or [()]:
            if (place, zh) not in told:
                told.add((place, zh))
                loc = key + place
                problems.warn(doc.path, doc.mark(*loc), field_path(loc), zh, en)


def _clean(loc: tuple) -> tuple:
    return tuple(p for p in loc if p != "[key]" and not str(p).startswith("function-"))


def _without_bad_fields(model: type[M], data: Any, errors: list) -> M | None:
    """The record with its invalid fields dropped, so cross-file checks still see it.

    Its own errors are already recorded (the build stops); this only lets the catalog report
    the rest of what is wrong in the same run — all mistakes at once.
    """
    data = copy.deepcopy(data)
    for err in errors:
        loc = _clean(err["loc"])
        if err["type"] == "missing" or not loc:
            return None
        # walk to the nearest dict that holds the bad value (a whole list if an item is bad)
        parent, name = data, None
        for i, part in enumerate(loc):
            if isinstance(parent, dict) and part in parent:
                holder, name = parent, part
                parent = parent[part]
                if isinstance(parent, list) and i + 1 < len(loc) and isinstance(loc[i + 1], int):
                    nxt = loc[i + 1]
                    if nxt < len(parent) and not isinstance(parent[nxt], dict):
                        break
            elif isinstance(parent, list) and isinstance(part, int) and part < len(parent):
                parent = parent[part]
            else:
                break
        if name is None:
            return None
        holder.pop(name, None)
    try:
        return model.model_validate(data)
    except ValidationError:
        return None


def attach(record: BaseModel, doc: SourceDoc, key: tuple) -> None:
    """Give a record and every record nested in it their place in the source."""
    if isinstance(record, Record):
        record._doc, record._key = doc, key
    for name in _nested_fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, BaseModel):
            attach(value, doc, key + (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    attach(item, doc, key + (name, i))


@functools.cache
def _nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` whose type mentions a model: the only ones attach() must look into."""
    return tuple(name for name, f in model.model_fields.items() if _mentions_model(f.annotation))


def _mentions_model(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin is None and isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    if origin is Literal:
        return False
    if isinstance(annotation, (str, ForwardRef)):
        return True  # not resolved: look into it to be safe
    return any(_mentions_model(arg) for arg in get_args(annotation))
