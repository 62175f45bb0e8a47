"""The published JSON Schema of an event, rendered from the pydantic models (kept in schemas/event.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

from schemas.models import SCHEMA_VERSION, Event

SCHEMA_FILE = Path(__file__).with_name("event.schema.json")


def render() -> str:
    schema = Event.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://newsevents.example/schemas/event/{SCHEMA_VERSION}"
    schema["version"] = SCHEMA_VERSION
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
