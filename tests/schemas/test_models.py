import json
from datetime import date

import pytest
from pydantic import ValidationError

from schemas.jsonschema import SCHEMA_FILE, render
from schemas.models import Actor, Event


def test_json_schema_file_matches_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(), "run `newsevents schema` to refresh it"


def _event(**kw: object) -> Event:
    base = dict(event_id="e1", event_date=date(2024, 5, 1), event_type="Battles", sub_event_type="Armed clash",
                cameo_code="190", cameo_root="19", quad_class=4, goldstein=-10.0, plover_event="ASSAULT",
                confidence=0.5, coder_version="t")
    base.update(kw)
    return Event.model_validate(base)


def test_event_round_trips_through_json() -> None:
    ev = _event(actor1=Actor(name="Military Forces of Ukraine", country="UKR", cameo="UKRMIL", inter=1))
    assert Event.model_validate_json(ev.model_dump_json()) == ev
    assert json.loads(ev.model_dump_json())["cameo_code"] == "190"


@pytest.mark.parametrize("bad", [{"cameo_code": "19"}, {"quad_class": 5}, {"confidence": 1.5},
                                 {"actor1": {"name": "x", "country": "ua"}}, {"fatalities": -1}])
def test_event_rejects_out_of_contract_values(bad: dict) -> None:
    with pytest.raises(ValidationError):
        _event(**bad)
