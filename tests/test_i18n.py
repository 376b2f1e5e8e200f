"""Translation is a mechanism, not a convention: toolkit/i18n.py alone tells the languages apart,
its catalog is complete in both languages, and English counts read "1 file", "2 files"."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from toolkit import i18n
from toolkit.i18n import LANGS, conventions, join, pick, plural_category, t

TOOLKIT = Path(i18n.__file__).parent
CODES = set(LANGS)
PLURAL_CATEGORIES = {"zh": {"other"}, "en": {"one", "other"}}  # CLDR's cardinal categories


# ---- no branch on the language outside i18n.py ----------------------------------------------

def _names_a_language(node: ast.AST) -> bool:
    """lang, lang_code, language, mail_lang, self.lang, recipients.lang …"""
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return "lang" in name.lower()


def _is_code(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in CODES
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return any(_is_code(e) for e in node.elts)
    return False


def language_branches(source: str) -> list[str]:
    """Every comparison of something named like a language with a language code, as "line: code"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(map(_names_a_language, operands)) and any(map(_is_code, operands)):
                found.append(f"{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Match) and _names_a_language(node.subject):
            for case in node.cases:
                if any(isinstance(p, ast.MatchValue) and _is_code(p.value) for p in ast.walk(case.pattern)):
                    found.append(f"{case.pattern.lineno}: match {ast.unparse(node.subject)}: case {ast.unparse(case.pattern)}")
    return found


def test_no_module_but_i18n_branches_on_the_language():
    found = [f"{path.relative_to(TOOLKIT.parent)}:{where}"
             for path in sorted(TOOLKIT.rglob("*.py")) if path != TOOLKIT / "i18n.py"
             for where in language_branches(path.read_text(encoding="utf-8"))]
    assert not found, ("text chosen by comparing the language; put it in the catalog (t), choose a (zh, en) pair "
                       "with pick, or take the punctuation from conventions:\n" + "\n".join(found))


@pytest.mark.parametrize("source", [
    'x = "甲" if lang == "zh" else "a"',
    'zh = lang_code == "zh"',
    'if self.lang != "en": pass',
    'ok = language in ("zh", "en")',
    'name = "a" if mail_lang == "zh" else "b"',
    'match lang:\n    case "zh": pass',
])
def test_the_check_sees_each_way_of_branching_on_the_language(source):
    assert language_branches(source)


@pytest.mark.parametrize("source", ['x = t("weekly.none", lang)', 'if lang is None: pass', 'kind == "zh"',
                                    'x = pick(texts, lang)'])
def test_the_check_passes_what_is_not_a_branch_on_the_language(source):
    assert not language_branches(source)


# ---- the catalog is complete ------------------------------------------------------------------

def _forms(text) -> dict[str, str]:
    return text if isinstance(text, dict) else {"other": text}


def _placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_every_key_has_both_languages_with_the_same_placeholders():
    problems = []
    for key, texts in i18n._TEXT.items():
        if not (isinstance(texts, tuple) and len(texts) == len(LANGS)):
            problems.append(f"{key}: not one text per language {LANGS}")
            continue
        wanted = None
        for lang, text in zip(LANGS, texts):
            forms = _forms(text)
            if not forms or "other" not in forms or set(forms) - PLURAL_CATEGORIES[lang]:
                problems.append(f"{key} [{lang}]: plural forms {sorted(forms)}, not among {sorted(PLURAL_CATEGORIES[lang])}")
            for category, template in forms.items():
                if not isinstance(template, str) or not template:
                    problems.append(f"{key} [{lang}/{category}]: empty")
                    continue
                names = _placeholders(template)
                if wanted is None:
                    wanted = names
                elif names != wanted:
                    problems.append(f"{key} [{lang}/{category}]: placeholders {sorted(names)}, not {sorted(wanted)}")
    assert not problems, "\n".join(problems)


def test_every_key_the_code_names_is_in_the_catalog():
    """t("some.key", …) with a written key: a typo would fail only when that line runs."""
    missing = []
    for path in sorted(TOOLKIT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                    and not i18n.has_text(node.args[0].value)):
                missing.append(f"{path.relative_to(TOOLKIT.parent)}:{node.lineno}: {node.args[0].value}")
    assert not missing, "\n".join(missing)


# ---- plural forms -------------------------------------------------------------------------------

@pytest.mark.parametrize("count, english", [(0, "0 files"), (1, "1 file"), (2, "2 files"), (21, "21 files")])
def test_english_counts_take_the_plural_form_of_their_number(count, english):
    assert t("summary.files", "en", count=count) == english
    assert t("summary.files", "zh", count=count) == f"{count} 个文件"  # Chinese has one form


def test_the_summary_line_reads_right_for_one_and_for_many():
    def summary(lang, **counts):
        return t("summary", lang, **{key: t(f"summary.{key}", lang, count=n) for key, n in counts.items()})

    assert summary("en", files=1, registers=1, records=1, errors=1, warnings=1) == \
        "1 file, 1 register, 1 record: 1 error, 1 warning"
    assert summary("en", files=2, registers=3, records=0, errors=0, warnings=5) == \
        "2 files, 3 registers, 0 records: 0 errors, 5 warnings"
    assert summary("zh", files=1, registers=2, records=3, errors=0, warnings=1) == \
        "共 1 个文件，2 个登记表，3 条记录：0 个错误，1 个警告"
    assert t("summary.unusable", "en", count=1) == ", 1 file could not be used"
    assert t("summary.unusable", "en", count=2) == ", 2 files could not be used"


def test_the_reminder_subject_says_item_for_one_and_items_for_more():
    one = t("remind.subject", "en", count=1, record="TS001", urgent="due soon")
    assert one == "[Complaint reply reminder] 1 item, most urgent: TS001 due soon"
    assert t("remind.subject", "en", count=3, record="TS001", urgent="due soon").startswith(
        "[Complaint reply reminder] 3 items,")


def test_a_counted_text_without_its_count_is_a_mistake_said_at_once():
    with pytest.raises(TypeError, match="summary.files"):
        t("summary.files", "en")


def test_plural_categories():
    assert [plural_category(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]
    assert {plural_category(n, "zh") for n in (0, 1, 2)} == {"other"}


# ---- choosing text and punctuation ---------------------------------------------------------------

def test_pick_chooses_from_a_zh_en_pair():
    assert pick(("单号", "order no."), "zh") == "单号"
    assert pick(("单号", "order no."), "en") == "order no."


def test_lists_are_joined_as_each_language_writes_them():
    assert join(["a", "b"], "zh") == "a，b" and join(["a", "b"], "en") == "a, b"
    assert join(["a", "b"], "zh", "semicolon") == "a；b" and join(["a", "b"], "en", "semicolon") == "a; b"
    assert join(["甲", "乙"], "zh", "enumeration") == "甲、乙" and join(["a", "b"], "en", "enumeration") == "a, b"
    assert conventions("zh").quote("明天") == "“明天”" and conventions("en").quote("tomorrow") == '"tomorrow"'
    assert conventions("zh").colon == "：" and conventions("en").colon == ": "
