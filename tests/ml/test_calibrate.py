"""pipeline.ml.calibrate: the isotonic fit, the bundled map, the table, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import ConfigError
from pipeline.ml.calibrate import (
    DEFAULT_CALIBRATION,
    TupleRow,
    calibration_table,
    confidence,
    fit_isotonic,
    load_calibration,
    raw_score,
)

ROOT = Path(__file__).resolve().parents[2]


def test_fit_isotonic_is_monotone_and_smoothed():
    pairs = [(0.2, False)] * 6 + [(0.3, True), (0.3, False)] + [(0.5, False)] + [(0.7, True)] * 18
    cal = fit_isotonic(pairs)
    values = [v for _, v in cal.points]
    assert values == sorted(values)
    assert cal(0.2) == pytest.approx(1 / 8)  # 0 right of 6, +1/+2 smoothing
    assert cal(0.7) == pytest.approx(19 / 20)  # never 1.0 from a finite sample
    assert cal(0.5) <= cal(0.7)
    assert cal(0.0) == cal.points[0][1] and cal(1.0) == cal.points[-1][1]


def test_fit_isotonic_pools_violators():
    cal = fit_isotonic([(0.3, True)] * 3 + [(0.4, False)] * 3)  # higher score, worse: one block
    assert len(cal.points) == 1 and cal.points[0][1] == pytest.approx(4 / 8)


def test_fit_isotonic_needs_rows():
    with pytest.raises(ConfigError):
        fit_isotonic([])


def test_bundled_calibration_is_monotone_and_used():
    cal = load_calibration()
    data = json.loads(DEFAULT_CALIBRATION.read_text())
    check_sets = {"heldout", "blind", "dev2", "regional", "regional2", "regional3"}
    assert "seeds" in data["fitted_on"] and not check_sets & set(data["fitted_on"])
    assert confidence(3, 1.0) == round(cal(raw_score(3, 1.0)), 3)
    assert confidence(3, 1.0, ocr=0.5) == pytest.approx(confidence(3, 1.0) * 0.5, abs=1e-3)
    assert confidence(0, 0.0) <= confidence(2, 0.6) <= confidence(5, 1.0)


@pytest.mark.parametrize("content", ["{", '{"points": []}', '{"points": [[0, 0.9], [0.5, 0.2]]}'])
def test_broken_calibration_is_a_loud_error(tmp_path, content):
    path = tmp_path / "cal.json"
    path.write_text(content)
    with pytest.raises(ConfigError, match="calibration"):
        load_calibration(str(path))
    with pytest.raises(ConfigError, match="calibration missing"):
        load_calibration(str(tmp_path / "nothing.json"))


def test_calibration_table_bins_and_targets():
    rows = [TupleRow(0.95, True, "authority", "a")] * 9 + [TupleRow(0.95, False, "quota", "a")] \
        + [TupleRow(0.55, True, "start", "b"), TupleRow(0.55, False, "end", "b")]
    t = calibration_table(rows)
    by_bin = {b["bin"]: b for b in t["bins"]}
    assert by_bin["[0.9, 1.0]"] == {"bin": "[0.9, 1.0]", "count": 10, "right": 9, "precision": 0.9}
    assert by_bin["[0.5, 0.6)"]["count"] == 2
    assert t["precision_at_0.8"] == 0.9 and t["right_share_at_0.8"] == 0.9


def test_cli_evaluate_prints_the_calibration_table(seed_run):
    res = CliRunner().invoke(app, ["evaluate", "--gold", str(ROOT / "annotations" / "seeds"), "--run",
                                   str(seed_run), "--calibration"])
    assert res.exit_code == 0, res.output
    assert "confidence calibration" in res.output and "[0.9, 1.0]" in res.output
    assert "precision at confidence >= 0.8" in res.output
    assert res.output.strip().splitlines()[-1].startswith("headline F1")
