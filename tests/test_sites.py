"""The blind site registers (tests/sites/: layouts real centres keep, written from DOMAIN.md and
issue #19 by someone who had not read the reader, with an answer key; tests/sites/more/: further
sites, described nowhere, written the same way later) are validated by the CLI and scored. The
reader is held to the figures in tests/sites/held.json: per register, no fewer planted defects
found and no more false findings. When the reader improves, raise held.json; docs/development.md's table
of the scores is printed by `tests/sites/score.py --markdown`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import ROOT, TOOLKIT

SITES = ROOT / "tests" / "sites"
# (generator, the key it writes and the one committed, the figures held in held.json)
SETS = {"first ten": (SITES / "make_sites.py", SITES / "answers.json", "registers"),
        "further sites": (SITES / "more" / "make_more.py", SITES / "more" / "answers.json", "more")}


def _scored(tmp_path, generator=SITES / "make_sites.py"):
    subprocess.run([sys.executable, str(generator), str(tmp_path)], check=True, capture_output=True)
    report = tmp_path / "report.json"
    run = subprocess.run([*TOOLKIT, "validate", str(tmp_path), "--as-of", "2026-11-25 09:00", "--format", "json",
                          "--output", str(report)], capture_output=True, text=True)
    assert run.returncode in (0, 1), run.stderr
    sys.path.insert(0, str(SITES))
    try:
        from score import score
    finally:
        sys.path.remove(str(SITES))
    answers = json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))
    return score(json.loads(report.read_text(encoding="utf-8")), answers)


@pytest.mark.parametrize("generator, answers", [s[:2] for s in SETS.values()], ids=list(SETS))
def test_the_answer_key_in_the_repository_is_what_the_generator_writes(tmp_path, generator, answers):
    subprocess.run([sys.executable, str(generator), str(tmp_path)], check=True, capture_output=True)
    assert json.loads((tmp_path / "answers.json").read_text(encoding="utf-8")) == \
        json.loads(answers.read_text(encoding="utf-8"))


@pytest.mark.parametrize("generator, section", [(s[0], s[2]) for s in SETS.values()], ids=list(SETS))
def test_every_site_register_is_read_and_scores_at_least_what_is_held(tmp_path, generator, section):
    held = json.loads((SITES / "held.json").read_text(encoding="utf-8"))[section]
    rows = {r["file"]: r for r in _scored(tmp_path, generator)}
    assert set(rows) == set(held), "held.json names every register of the generator"
    worse = []
    for name, r in rows.items():
        assert r["status"] == "read", f"{name}: {r['status']}"
        if r["found"] < held[name]["found"]:
            worse.append(f"{name}: {r['found']}/{r['planted']} found, held {held[name]['found']}; "
                         f"missed {r['missed']}")
        if r["false"] > held[name]["false"]:
            worse.append(f"{name}: {r['false']} false findings, held {held[name]['false']}; "
                         f"{r['false_findings'][:5]}")
    assert not worse, "\n".join(worse)
