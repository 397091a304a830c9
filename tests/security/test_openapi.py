"""The OpenAPI document names every schema once: a reader and a fuzzer see the shape each operation has.

django-ninja files each schema under its class name and keeps the last one built, so two apps' classes
of the same name would silently document one app's shape for the other's operations.
"""

import json
from collections import defaultdict

from ninja.openapi.schema import OpenAPISchema

from sahabat.api import api


def _definitions_by_name(monkeypatch) -> dict[str, set[str]]:
    """Every definition offered for each component name while the document is built."""
    offered = defaultdict(set)
    add_schema_definitions = OpenAPISchema.add_schema_definitions

    def recording(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            offered[name].add(json.dumps(definition, sort_keys=True))
        add_schema_definitions(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", recording)
    api.get_openapi_schema()
    return offered


def test_no_two_different_schemas_share_a_component_name(monkeypatch):
    offered = _definitions_by_name(monkeypatch)
    assert offered
    assert sorted(name for name, definitions in offered.items() if len(definitions) > 1) == []


def test_event_progress_documents_the_events_own_schema():
    document = api.get_openapi_schema()
    answer = document["paths"]["/api/events/{event_id}/progress"]["get"]["responses"][200]
    name = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "by_sector" in document["components"]["schemas"][name]["properties"]
