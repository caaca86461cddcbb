"""Parse: YAML and Markdown text → source documents that remember each value's line and column."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .encoding import read_text
from .problems import Mark, Problems
from .yaml_errors import FULL_WIDTH_INDENT, MAX_DEPTH, TOO_DEEP, full_width_key, too_deep, yaml_problem

Key = tuple[str | int, ...]


@dataclass
class SourceDoc:
    """One parsed file: its data, where each value stands, and (for Markdown) the body.

    Marks are found lazily: a clean file is parsed once, straight to data; only when a problem
    needs a line number is the text composed again into nodes and walked.
    """

    path: str  # relative to the site folder, e.g. content/grids/wangsheren.yml
    data: Any
    _marks: dict[Key, Mark] | None = None
    body: str = ""
    body_line: int = 1  # line where the Markdown body starts
    text: str = ""  # the YAML text, to find marks on demand
    offset: int = 0  # lines before the YAML text (front matter starts on line 2)

    @property
    def marks(self) -> dict[Key, Mark]:
        if self._marks is None:
            self._marks = {}
            node = _FastLoader(self.text).get_single_node()
            if node is not None:
                _walk(node, (), self._marks, self.path, Problems(), self.offset)
        return self._marks

    def mark(self, *key: str | int) -> Mark | None:
        """The mark of `key`, or of its nearest ancestor that has one."""
        marks = self.marks
        k = tuple(key)
        while k:
            if k in marks:
                return marks[k]
            k = k[:-1]
        return marks.get((), Mark(1 + self.offset, 1))


class _Rules:
    """Constructor rules shared by the fast (libyaml) and the pure-Python loader.

    A value its tag cannot read stays text, so validation names it: a date that does not exist
    (2026-02-30), a number Python will not convert or print (over 4,300 digits), `!!int abc`.
    For a list or mapping so tagged, construct_scalar raises PyYAML's own error.
    """

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except Exception:
            return self.construct_scalar(node)

    def construct_yaml_bool(self, node):
        try:
            return super().construct_yaml_bool(node)
        except Exception:
            return self.construct_scalar(node)

    def construct_yaml_int(self, node):
        """YAML 1.1 reads 9:00 as the base-60 number 540; keep such values as the text written."""
        value = node.value.lstrip("+-") if isinstance(node.value, str) else ""
        if ":" in value or (len(value) > 1 and value[0] == "0" and value[1].isdigit()):
            return self.construct_scalar(node)  # 9:00, or 0531…: a code or phone, keep its zeros
        try:
            number = super().construct_yaml_int(node)
        except Exception:
            return self.construct_scalar(node)
        return self.construct_scalar(node) if number.bit_length() > 14_000 else number  # 0x…

    def construct_yaml_float(self, node):
        """As for ints: 1:30.5 stays text."""
        if isinstance(node.value, str) and ":" in node.value:
            return self.construct_scalar(node)
        try:
            return super().construct_yaml_float(node)
        except Exception:
            return self.construct_scalar(node)


class _Loader(_Rules, yaml.SafeLoader):
    """Pure-Python SafeLoader that refuses aliases (billion-laughs) and gives the best error text."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "anchors/aliases (*name) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


class _FastLoader(_Rules, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser; an alias or a duplicate key sends the file back to _Loader for the message."""

    def resolve(self, kind, value, implicit):
        """Resolver.resolve without its per-scalar list building (SafeLoader has no path resolvers)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node, current_index):
        pass  # no path resolvers: libyaml calls this for every node

    def ascend_resolver(self):
        pass

    def construct_fast(self, node: yaml.Node, seen: set[int], depth: int = 0) -> Any:
        """The data of `node` as construct_document makes it, for the tags content uses.

        Raises _Duplicate for a repeated key, and _Unusual for anything else (other tags, merge
        keys, aliases): the caller then constructs the document the standard way, which decides
        what happens.
        Raises _TooDeep below MAX_DEPTH levels.
        """
        if id(node) in seen:
            raise _Unusual
        if depth > MAX_DEPTH:
            raise _TooDeep(*_line_column(node.start_mark))
        seen.add(id(node))
        tag, cls = node.tag, type(node)
        if cls is yaml.ScalarNode:
            if tag == _STR:
                return node.value
            if tag in _SCALAR_TAGS:
                return self.yaml_constructors[tag](self, node)
        elif cls is yaml.MappingNode and tag == _MAP:
            data = {}
            for knode, vnode in node.value:
                if type(knode) is not yaml.ScalarNode or knode.tag != _STR or id(knode) in seen:
                    raise _Unusual
                seen.add(id(knode))
                if type(vnode) is yaml.ScalarNode and vnode.tag == _STR and id(vnode) not in seen:
                    seen.add(id(vnode))  # most values are text: skip the call
                    data[knode.value] = vnode.value
                else:
                    data[knode.value] = self.construct_fast(vnode, seen, depth + 1)
            if len(data) == len(node.value):
                return data
            raise _Duplicate  # every key was plain text: one came twice
        elif cls is yaml.SequenceNode and tag == _SEQ:
            return [self.construct_fast(item, seen, depth + 1) for item in node.value]
        raise _Unusual

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects:  # reached twice: an alias
            raise _Alias
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            keys = [_key_value(k) if isinstance(k, yaml.ScalarNode) else id(k) for k, _ in node.value]
            if len(set(keys)) != len(keys):
                raise _Duplicate
        return super().construct_mapping(node, deep)


for _cls in (_Loader, _FastLoader):
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _cls.construct_yaml_timestamp)
    _cls.add_constructor("tag:yaml.org,2002:int", _cls.construct_yaml_int)
    _cls.add_constructor("tag:yaml.org,2002:float", _cls.construct_yaml_float)
    _cls.add_constructor("tag:yaml.org,2002:bool", _cls.construct_yaml_bool)


class _Alias(Exception):
    """An alias or a duplicate key: _Loader reports it with its line."""


class _Duplicate(_Alias):
    """A key repeated in one mapping: reported from libyaml's own nodes, no second parse needed."""


class _Unusual(Exception):
    """Something construct_fast leaves to PyYAML's own constructor."""


class _TooDeep(Exception):
    """Nesting deeper than MAX_DEPTH, at this line and column of the YAML text."""

    def __init__(self, line: int, column: int):
        super().__init__(line, column)
        self.line, self.column = line, column


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALAR_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "timestamp")}


def _key_value(node: yaml.Node) -> str | int:
    """A mapping key as the constructed data will have it (years like 2024 are ints)."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:int" and node.value.isdigit() and not node.value.startswith("0"):
            with contextlib.suppress(ValueError):  # not 4,300 digits, nor digits like ²
                return int(node.value)
        return node.value
    return str(node.value)


def _walk(
    node: yaml.Node,
    key: Key,
    marks: dict[Key, Mark],
    path: str,
    problems: Problems,
    offset: int,
) -> None:
    """Record the mark of every value; duplicate keys in one mapping are errors."""
    if len(key) > MAX_DEPTH:
        raise _TooDeep(*_line_column(node.start_mark))
    marks[key] = Mark(node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str | int, int] = {}
        for knode, vnode in node.value:
            k = _key_value(knode)
            line = knode.start_mark.line + 1 + offset
            if k in seen:
                problems.add(
                    path,
                    Mark(line, knode.start_mark.column + 1),
                    _field(key + (k,)),
                    f"键“{k}”重复出现（第 {seen[k]} 行和第 {line} 行），后一个会悄悄覆盖前一个；请删掉或合并其中一个",
                    f"duplicate key '{k}' (lines {seen[k]} and {line}); keep one",
                )
            seen[k] = line
            _walk(vnode, key + (k,), marks, path, problems, offset)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, key + (i,), marks, path, problems, offset)


def _field(key: Key) -> str:
    """('team', 2, 'phone') → 'team[2].phone', the way authors read a field path."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


field_path = _field


def parse_yaml(text: str, path: str, problems: Problems, line_offset: int = 0) -> SourceDoc | None:
    """Parse YAML text; on a syntax error (or nesting too deep) record a problem and return None."""
    try:
        doc, node = _parse_fast(text, path, problems, line_offset)
        if doc is None:  # the pure-Python composer recurses: check the depth first
            _check_depth(too_deep(text, always=True))
            doc, node = _parse_slow(text, path, problems, line_offset)
    except _TooDeep as err:
        problems.add(path, Mark(err.line + line_offset, err.column), "", *TOO_DEEP)
        return None
    knode = full_width_key(text, node) if node is not None else None
    if knode is not None:
        problems.add(path, _mark(knode, line_offset), "", *FULL_WIDTH_INDENT)
        return None
    return doc


def _parse_fast(text: str, path: str, problems: Problems, line_offset: int) -> tuple[SourceDoc | None, Any]:
    """(doc, node) by libyaml; (None, None) when _parse_slow must name a problem."""
    _check_depth(too_deep(text))
    try:
        fast = _FastLoader(text)
        node = fast.get_single_node()
        try:
            data = None if node is None else fast.construct_fast(node, set())
        except (_TooDeep, _Duplicate):
            raise
        except Exception:  # _Unusual, or an error the standard way must raise (or not) itself
            data = fast.construct_document(node)
            _walk(node, (), {}, path, Problems(), 0)  # no aliases (they raise _Alias): check depth
    except _Duplicate:  # name both lines from these nodes (a large file parsed again is slow)
        marks: dict[Key, Mark] = {}
        found = Problems()
        _walk(node, (), marks, path, found, line_offset)
        try:
            data = _Loader("").construct_document(node)  # as PyYAML reads it: the last one wins
        except (yaml.YAMLError, _Alias, RecursionError):  # a merge key of a scalar (<<: x) too
            return None, None  # _parse_slow names it all
        problems.extend(found)
        return SourceDoc(path, data, marks, text=text, offset=line_offset), node
    except (yaml.YAMLError, _Alias, RecursionError):
        return None, None
    return SourceDoc(path, data, text=text, offset=line_offset), node


def _parse_slow(text: str, path: str, problems: Problems, line_offset: int) -> tuple[SourceDoc | None, Any]:
    """(doc, node) by the pure-Python loader, whose errors name the problem as an author can act on it."""
    try:
        loader = _Loader(text)
    except yaml.YAMLError as err:  # its reader refuses control characters before parsing starts
        yaml_problem(err, path, problems, line_offset, text)
        return None, None
    try:
        node = loader.get_single_node()
        if node is None:
            return SourceDoc(path, None, {(): Mark(1 + line_offset, 1)}, text=text, offset=line_offset), None
        marks: dict[Key, Mark] = {}
        _walk(node, (), marks, path, problems, line_offset)
        return SourceDoc(path, loader.construct_document(node), marks, text=text, offset=line_offset), node
    except yaml.YAMLError as err:
        yaml_problem(err, path, problems, line_offset, text)
        return None, None
    except RecursionError:  # cannot happen after too_deep(); but never a traceback
        raise _TooDeep(*_line_column(loader.get_mark())) from None
    finally:
        loader.dispose()


def _check_depth(deep: tuple[int, int] | None) -> None:
    if deep:
        raise _TooDeep(*deep)


def _line_column(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _mark(node: yaml.Node, line_offset: int) -> Mark:
    line, column = _line_column(node.start_mark)
    return Mark(line + line_offset, column)


def load_yaml_file(file: Path, rel: str, problems: Problems) -> SourceDoc | None:
    """Read and parse one YAML file."""
    text = read_text(file, rel, problems)
    return None if text is None else parse_yaml(text, rel, problems)


def load_markdown_file(file: Path, rel: str, problems: Problems) -> SourceDoc | None:
    """Read a Markdown file and split its `---` front matter from the body."""
    text = read_text(file, rel, problems)
    if text is None:
        return None
    if not text.startswith("---\n"):
        problems.add(
            rel,
            Mark(1, 1),
            "",
            "文件开头缺少 front matter：第一行应为 ---，然后写 title、date 等，再以 --- 结束",
            "missing front matter: start the file with '---', the fields, then '---'",
        )
        return None
    end = text.find("\n---", 4)
    while end != -1 and text[end + 4 : end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1:
        problems.add(
            rel,
            Mark(1, 1),
            "",
            "front matter 没有结束：请在字段之后单独一行写 ---",
            "front matter is not closed: add a line '---' after the fields",
        )
        return None
    doc = parse_yaml(text[4 : end + 1], rel, problems, line_offset=1)
    if doc is None:
        return None
    body_start = text[: end + 4].count("\n") + 2
    doc.body = text[end + 5 :]
    doc.body_line = body_start
    return doc
