"""YAML syntax errors in words an author can act on (PyYAML's own messages, translated)."""

from __future__ import annotations

import yaml

from .problems import Mark, Problems

# PyYAML's own messages → what an author can act on.
_YAML_HINTS = [
    (
        "found character '\\t'",
        "YAML 不允许用 Tab 键缩进，请改用空格",
        "tabs are not allowed in YAML; indent with spaces",
    ),
    (
        "aliases",
        "不支持锚点/别名（& 和 *），请把内容直接写出来",
        "anchors and aliases (& and *) are not supported; write the content out",
    ),
    (
        "mapping values are not allowed",
        "这里多了一个冒号，或上一行缩进不对；含冒号的文字请加引号",
        "a colon where none is expected, or the indentation above is off; quote text that contains a colon",
    ),
    (
        "could not find expected ':'",
        "缺少冒号“:”（注意用英文半角冒号，冒号后加空格）",
        "a ':' is missing (use the ASCII colon followed by a space)",
    ),
    (
        "expected <block end>",
        "缩进不一致：同一层的内容要对齐",
        "inconsistent indentation: items at one level must line up",
    ),
    ("found unexpected end of stream", "引号没有成对闭合", "a quotation mark is not closed"),
    (
        "did not find expected '-' indicator",
        "列表项的缩进不一致：每一项要以“- ”开头并对齐",
        "list items must start with '- ' and line up",
    ),
    (
        "expected ',' or ']'",
        "方括号 [ ] 没有成对闭合，或其中的逗号不对",
        "a [ ... ] list is not closed, or a comma is off",
    ),
    (
        "expected ',' or '}'",
        "花括号 { } 没有成对闭合，或其中的逗号不对",
        "a { ... } mapping is not closed, or a comma is off",
    ),
    ("found undefined alias", "不支持别名（*name）", "aliases (*name) are not supported"),
]


def yaml_problem(err: yaml.YAMLError, path: str, problems: Problems, line_offset: int) -> None:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    where = Mark(mark.line + 1 + line_offset, mark.column + 1) if mark else None
    raw = str(getattr(err, "problem", "") or err)
    zh, en = "YAML 格式有误，请检查这一行及上一行的缩进、冒号和引号", f"YAML syntax error: {raw}"
    for needle, hint_zh, hint_en in _YAML_HINTS:
        if needle in raw:
            zh, en = hint_zh, f"{hint_en} (YAML: {raw})"
            break
    if "：" in _line_of(err, where):
        zh += "；注意：冒号要用英文半角“:”，不要用中文全角“：”"
        en += "; note: use the ASCII ':' not the full-width '：'"
    problems.add(path, where, "", zh, en)


def _line_of(err: yaml.YAMLError, where: Mark | None) -> str:
    mark = getattr(err, "problem_mark", None)
    buf = getattr(mark, "buffer", None) if mark else None
    if not buf or not where:
        return ""
    lines = buf.split("\n")
    near = lines[max(0, mark.line - 1) : mark.line + 1]
    return "\n".join(line.split("#", 1)[0] for line in near)
