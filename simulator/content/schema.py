"""JSON Schema for pack files, for editors (yaml-language-server: completion and inline errors).

Generated from the pydantic models, then made draft-7 (what yaml-language-server supports):
`$defs` become `definitions`, a `$ref` with sibling keywords is wrapped in `allOf` (draft 7
ignores a `$ref`'s siblings), and `$schema`/`$id` are added. The checked-in copies in `schemas/`
are kept equal to this by a test; `yesable schema` writes them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from simulator.content.models import Manifest, Persona, Scenario

DRAFT_7 = "http://json-schema.org/draft-07/schema#"
FILES: dict[str, tuple[type[BaseModel], str, str]] = {
    "manifest.schema.json": (
        Manifest, "Yesable pack manifest (pack.yaml)",
        "What a pack is and which files belong to it. Reference: docs/format.md."),
    "persona.schema.json": (
        Persona, "Yesable persona",
        ("A stakeholder the player can meet in any scenario, one per file in personas/. "
        "Reference: docs/format.md.")),
    "scenario.schema.json": (
        Scenario, "Yesable scenario",
        ("One negotiation: the player's brief, the cast, the issues, scenes, choices and endings. "
        "Reference: docs/format.md.")),
}
"""file name -> (model, title, description)."""

_NOT_DRAFT_7 = {"prefixItems", "$defs", "unevaluatedProperties", "dependentRequired",
                "dependentSchemas", "$dynamicRef", "$anchor"}


def schema(name: str) -> dict[str, Any]:
    """The draft-7 JSON Schema written to `name` (a key of FILES)."""
    model, title, description = FILES[name]
    raw = model.model_json_schema(by_alias=True, mode="validation")
    definitions = raw.pop("$defs", {})
    raw.pop("title", None)
    raw.pop("description", None)
    out: dict[str, Any] = {
        "$schema": DRAFT_7,
        "$id": f"urn:yesable:schema:1:{name.split('.')[0]}",
        "title": title,
        "description": description,
        **raw,
    }
    if definitions:
        out["definitions"] = definitions
    converted = _draft7(out)
    assert isinstance(converted, dict)
    return converted


def schemas() -> dict[str, dict[str, Any]]:
    return {name: schema(name) for name in FILES}


def dump(value: dict[str, Any]) -> str:
    """The text written to disk: stable, readable, one trailing newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _draft7(node: Any) -> Any:
    if isinstance(node, list):
        return [_draft7(item) for item in node]
    if not isinstance(node, dict):
        return node
    bad = _NOT_DRAFT_7 & node.keys()
    if bad:
        raise ValueError(f"not expressible in draft 7: {sorted(bad)}")
    out = {key: _draft7(value) for key, value in node.items()}
    ref = out.get("$ref")
    if isinstance(ref, str):
        out["$ref"] = ref.replace("#/$defs/", "#/definitions/")
        if len(out) > 1:
            out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return out
