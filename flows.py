"""The design card's entry point. The Prefect wiring lives in ``pipeline/flows.py``; this runs its
flow ``edaran-run`` over PATH (default ``corpus/``) into ``outputs/``, exactly as
``edaran run PATH --out outputs --prefect`` (same options, progress, exit codes).

    python flows.py [PATH...]
"""

import sys

from pipeline.cli import app

if __name__ == "__main__":
    app(["run", *(sys.argv[1:] or ["corpus"]), "--out", "outputs", "--prefect"])
