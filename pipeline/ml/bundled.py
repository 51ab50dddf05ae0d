"""Where the bundled models live: ``models/`` of a checkout (or an editable install); in a wheel,
the ``edaran_models`` package (pyproject.toml maps ``models/`` onto it, so the models are package
data). One lookup for the classifier, the name tagger and the calibration map."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

__all__ = ["models_dir"]


@cache
def models_dir() -> Path:
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "models").is_dir():
        return root / "models"
    spec = importlib.util.find_spec("edaran_models")
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return root / "models"
