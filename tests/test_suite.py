"""The suite's own house rules, read from its source: shared helpers come from helpers.py (and
smtp_server.py, xlsx_dressed.py), never from another test file or conftest.py; a test that
needs the corpus or LibreOffice says so with its marker, so that it skips with the reason on a
newcomer's clone and fails under CI=true instead of failing in one place and passing in another."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _needs(marker: str, name: str) -> bool:
    """Whether using this name means the test needs what the marker stands for."""
    if marker == "requires_corpus":
        return name == "SHARED" or name.startswith("CORPUS")  # CORPUS, CORPUS_EXCEL, CORPUS_ENGINE…
    return name == "soffice"


MARKERS = ("requires_corpus", "requires_soffice")


def _modules() -> dict[str, ast.Module]:
    return {str(path.relative_to(TESTS)): ast.parse(path.read_text(encoding="utf-8"), str(path))
            for path in sorted(TESTS.rglob("*.py")) if "__pycache__" not in path.parts}


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    return []


def test_no_test_file_imports_another_test_file_or_conftest():
    wrong = []
    for name, tree in _modules().items():
        for node in ast.walk(tree):
            for module in _imported(node):
                first = module.removeprefix("tests.").split(".")[0]
                if first.startswith("test_") or first == "conftest":
                    wrong.append(f"tests/{name}:{node.lineno} imports {module}")
    assert wrong == [], "shared helpers belong in tests/helpers.py (fixtures in conftest.py):\n" + "\n".join(wrong)


def _functions(tree: ast.Module):
    return [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _names(fn) -> set[str]:
    """The names a function uses, its parameters (pytest's fixtures) among them."""
    used = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name)}
    return used | {a.arg for a in fn.args.args}


def _markers(fn) -> set[str]:
    found = set()
    for decorator in fn.decorator_list:
        node = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "mark":
            found.add(node.attr)
    return found


def test_every_test_that_needs_the_corpus_or_libreoffice_carries_its_marker():
    modules = _modules()
    functions = [fn for tree in modules.values() for fn in _functions(tree)]
    # a helper or fixture that uses the corpus (or calls one that does) makes its callers need it too
    used = {name for fn in functions for name in _names(fn)} | {
        n.id for tree in modules.values() for n in ast.walk(tree) if isinstance(n, ast.Name)}
    needing = {marker: {name for name in used if _needs(marker, name)} for marker in MARKERS}
    for marker, names in needing.items():
        grew = True
        while grew:
            more = {fn.name for fn in functions if not fn.name.startswith("test_") and _names(fn) & names}
            grew = not more <= names
            names |= more
    unmarked = []
    for file, tree in modules.items():
        for fn in _functions(tree):
            if not fn.name.startswith("test_"):
                continue
            for marker, names in needing.items():
                if _names(fn) & names and marker not in _markers(fn):
                    unmarked.append(f"tests/{file}::{fn.name} uses {sorted(_names(fn) & names)} without "
                                    f"@pytest.mark.{marker}")
    assert unmarked == [], "\n".join(unmarked)
