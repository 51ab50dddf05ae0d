"""JSON Schema of the output contract, generated from the pydantic models in pipeline/models.py."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.models import DocumentLine, Record

__all__ = ["SCHEMA_DIR", "schemas", "write_schemas"]

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


def schemas() -> dict[str, str]:
    """File name -> schema text, exactly as committed."""
    return {
        "record.schema.json": json.dumps(Record.model_json_schema(), indent=2, ensure_ascii=False) + "\n",
        "document.schema.json": json.dumps(DocumentLine.model_json_schema(), indent=2, ensure_ascii=False) + "\n",
    }


def write_schemas(check: bool = False, directory: Path = SCHEMA_DIR) -> list[str]:
    """Write the schema files (or only compare when ``check``); returns the names that differed."""
    changed = []
    for name, text in schemas().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            changed.append(name)
            if not check:
                directory.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return changed


if __name__ == "__main__":
    print(write_schemas() or "schema up to date")
