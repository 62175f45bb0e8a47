"""Contract tests: schemathesis generates requests from the OpenAPI spec and checks every answer against it
(status codes documented, bodies matching their schemas, no server errors)."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance
from sqlalchemy import Engine

from etl.api.app import create_app
from etl.publish import LocalSnapshotStore

EXAMPLES = 12  # per operation: enough to hit filters, bad values and empty pages in a few seconds


def test_api_honours_its_openapi_contract(loaded: Engine, snapshots: LocalSnapshotStore) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(loaded, snapshots))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/events", "/events.geojson", "/events/{event_id}", "/daily_counts",
                                              "/dyads", "/health", "/freshness"}
    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case) -> None:  # type: ignore[no-untyped-def]
            # a well-formed cursor or bbox can still be meaningless (a documented 400), so schema-valid requests
            # are not all accepted; every other check (no 5xx, documented status and type, body schema) runs
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
