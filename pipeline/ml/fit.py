"""The deterministic spaCy update loop both trainers use (the textcat in ``train.py``, the name
tagger in ``names.py``): initialise on the examples, then per epoch shuffle with a seeded RNG and
update in fixed-size batches. Returns the trained pipeline's loss per epoch."""

from __future__ import annotations

import random
from typing import Any

__all__ = ["fit_epochs"]


def fit_epochs(nlp: Any, data: list[Any], *, component: str, epochs: int, seed: int, batch: int,
               drop: float = 0.0, digits: int = 5) -> list[float]:
    """Train ``nlp`` in place on ``data`` (spaCy ``Example``s); the losses of ``component``."""
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    losses_per_epoch: list[float] = []
    for _ in range(epochs):
        order = list(data)
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for i in range(0, len(order), batch):
            nlp.update(order[i : i + batch], sgd=optimizer, drop=drop, losses=losses)
        losses_per_epoch.append(round(losses.get(component, 0.0), digits))
    return losses_per_epoch
