"""Rules for other systems: compile archive policies into atomic rules, decide, export.

::

    policies (pipeline.archive contract)  --compile-->  atomic rules (data.json)
        |                                                   |
        +-- ask.py     decide() in Python                   +-- rego/wfh.rego  decision in Rego (OPA)
        +-- opendata.py  Parquet/CSV + datapackage.json     +-- bundle.py      OUT/opa/
        +-- stringency.py  daily OxCGRT-C2-style index      +-- plot.py        timeline PNG
"""

from __future__ import annotations

from pipeline.engine.ask import decide
from pipeline.engine.compile import compile_rules
from pipeline.engine.source import load_policies, open_source

__all__ = ["compile_rules", "decide", "load_policies", "open_source"]
