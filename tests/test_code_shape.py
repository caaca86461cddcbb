"""The size rule (issue 16): no module in builder/ over 400 lines, no function over 80.

Measured as a reader meets them: a module by its lines, a function (def or async def, methods and
nested functions included) from its `def` line to its last line, decorators not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent / "builder"
MODULE_MAX = 400
FUNCTION_MAX = 80


def _modules() -> list[Path]:
    return sorted(BUILDER.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(BUILDER.parent).as_posix()


def _functions(tree: ast.AST):
    """(qualified name, first line, last line) of every function, nested ones included."""

    def walk(node: ast.AST, prefix: str):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                yield name, child.lineno, child.end_lineno
                yield from walk(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, f"{prefix}{child.name}.")
            else:
                yield from walk(child, prefix)

    yield from walk(tree, "")


def test_builder_is_found():
    assert len(_modules()) > 20, BUILDER


def test_no_module_over_400_lines():
    too_long = []
    for path in _modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MODULE_MAX:
            too_long.append(f"{_name(path)}: {lines} lines")
    assert not too_long, f"modules over {MODULE_MAX} lines:\n" + "\n".join(too_long)


def test_no_function_over_80_lines():
    too_long = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, first, last in _functions(tree):
            length = last - first + 1
            if length > FUNCTION_MAX:
                too_long.append(f"{_name(path)}:{first} {name}: {length} lines")
    assert not too_long, f"functions over {FUNCTION_MAX} lines:\n" + "\n".join(too_long)
