"""YAML mistakes in words an author can act on: PyYAML's messages translated, and the traps
PyYAML does not report itself (nesting too deep to parse, keys indented with full-width spaces)."""

from __future__ import annotations

import re

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
    (
        "could not determine a constructor for the tag",
        "不认识以 ! 开头的类型标记（如 !!python/object）：请删掉它，直接写内容",
        "unknown tag (a word starting with !): remove it and write the value itself",
    ),
    (
        "found unhashable key",
        "键（冒号前面的部分）只能是一段文字，不能是列表 [ ] 或 { }",
        "a key (before the colon) must be plain text, not a [ ] list or { } mapping",
    ),
    (
        "but found another document",
        "一个文件里只能有一份内容：这一行的 --- 或上面的 ... 又开始了新的一份，请删掉它",
        "one file holds one document: remove the extra '---' (or '...') here",
    ),
]

MAX_DEPTH = 50  # real content nests 6 levels; more than this is a typo, not data

TOO_DEEP = (
    f"嵌套太深：列表和层级套了 {MAX_DEPTH} 层以上。多半是方括号 [ 或花括号 {{ 没有闭合，或缩进一行比一行多；请检查这一行",
    f"nested more than {MAX_DEPTH} levels deep: probably an unclosed [ or {{, or indentation that keeps growing",
)
FULL_WIDTH_INDENT = (
    "这一行开头有全角空格“　”（中文输入法下打的空格）。YAML 的缩进只认半角空格，"
    "全角空格会被当成文字，内容就放错了位置：请切换到英文输入法，把它换成半角空格",
    "this line is indented with the full-width space U+3000 (typed with a Chinese input method); "
    "YAML indents only with ASCII spaces: replace it with spaces",
)

_BRACKETS = re.compile(r"[\[\]{}]")
# A line starting with 500 of " ", "-", "?", ":": block nesting could be hundreds deep. Both
# searched in "\n" + text: a literal start is ten times faster over a long text than ^ and re.M.
_DEEP_INDENT = re.compile(r"\n[ ?:-]{500}")
_FULL_WIDTH_LINE = re.compile(r"\n[ ?-]*\u3000")
_FULL_WIDTH_INDENT = re.compile(r"^ *\u3000")
_SAFE_OPENERS = 1000  # fewer [ and { than this: libyaml's composer cannot reach the stack's end
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def too_deep(text: str, always: bool = False) -> tuple[int, int] | None:
    """(line, column) where nesting passes MAX_DEPTH, found before anything recurses; else None.

    libyaml composes recursively in C: some thousands of levels overflow the C stack and kill the
    program (no exception), and it slows down quadratically long before that; PyYAML's composer
    raises RecursionError a few hundred levels down. libyaml's parser keeps its own stack, so
    its events give the depth safely, but cost a third of a parse: they are walked only when the
    text could nest deeply, or `always` (before PyYAML's composer, slower than them anyway).
    """
    return _deepest_event(text) if always or _could_be_deep(text) else None


def _could_be_deep(text: str) -> bool:
    openers = text.count("[") + text.count("{")
    if openers >= _SAFE_OPENERS:
        return True  # brackets inside quotes could hide how deep the rest goes
    if openers > MAX_DEPTH:
        depth = 0
        for c in _BRACKETS.findall(text):  # findall: 3× faster than match objects
            if c in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return True
            elif depth:
                depth -= 1
    return _DEEP_INDENT.search("\n" + text) is not None


def _deepest_event(text: str) -> tuple[int, int] | None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        pass  # the loader reports it; it stops there too, no deeper than this
    return None


def full_width_key(text: str, node: yaml.Node) -> yaml.Node | None:
    """The first plain key that starts with U+3000: a line indented with full-width spaces.

    PyYAML reads such a line without complaint, as a key at the wrong level named “　　phone”.
    """
    if "\u3000" not in text or not _FULL_WIDTH_LINE.search("\n" + text):  # often inside lines
        return None
    todo = [node]
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            for knode, vnode in reversed(node.value):
                if isinstance(knode, yaml.ScalarNode) and not knode.style and knode.value[:1] == "\u3000":
                    return knode
                todo += (vnode, knode)
        elif isinstance(node, yaml.SequenceNode):
            todo += reversed(node.value)
    return None


def yaml_problem(err: yaml.YAMLError, path: str, problems: Problems, line_offset: int, text: str) -> None:
    """Record PyYAML's error `err` in `text` as a problem at its line, in the author's words."""
    lines = text.split("\n")
    if isinstance(err, yaml.reader.ReaderError):  # the reader gives a position, not a mark
        before = text[: err.position]
        where = Mark(before.count("\n") + 1 + line_offset, len(before) - before.rfind("\n"))
        code = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
        problems.add(
            path,
            where,
            "",
            f"这里有一个看不见的控制字符（{code}），多半是从网页、Word 或微信复制带进来的：请删掉它",
            f"an invisible control character ({code}), probably pasted from a web page or Word: delete it",
        )
        return
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if getattr(err, "context", None) == "while scanning a simple key" and err.context_mark:
        mark = err.context_mark  # the line of the key, not the line after it where PyYAML gave up
    raw = str(getattr(err, "problem", "") or err)
    zh, en = "YAML 格式有误，请检查这一行及上一行的缩进、冒号和引号", f"YAML syntax error: {raw}"
    for needle, hint_zh, hint_en in _YAML_HINTS:
        if needle in raw:
            zh, en = hint_zh, f"{hint_en} (YAML: {raw})"
            break
    for near in (getattr(err, "context_mark", None), getattr(err, "problem_mark", None)):
        if near and near.line < len(lines) and _FULL_WIDTH_INDENT.match(lines[near.line]):
            mark = near  # PyYAML reads U+3000 as text, not indentation; its message misleads
            zh, en = FULL_WIDTH_INDENT[0], f"{FULL_WIDTH_INDENT[1]} (YAML: {raw})"
            break
    if mark is None:
        problems.add(path, None, "", zh, en)
        return
    line, column = mark.line, mark.column + 1
    for n in (mark.line, mark.line - 1):  # this line, or the one above (a colon PyYAML read as text)
        code = lines[n].split("#", 1)[0] if 0 <= n < len(lines) else ""
        if "：" in code or ":\u3000" in code:
            if n != mark.line:
                line, column = n, 1
            if "：" in code:
                zh += "；注意：冒号要用英文半角“:”，不要用中文全角“：”"
                en += "; note: use the ASCII ':' not the full-width '：'"
            else:
                zh += "；注意：冒号后面要打半角空格，不要用全角空格"
                en += "; note: put an ASCII space after the colon, not a full-width one"
            break
    problems.add(path, Mark(line + 1 + line_offset, column), "", zh, en)
