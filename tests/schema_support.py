"""Checks every JSON Schema sent to a model must pass, shared by the answers' tests (v1, v2, alignment)."""

from __future__ import annotations

import json
from typing import Any


def walk(node: Any, path: str = "$") -> list[tuple[str, dict[str, Any]]]:
    """Every object of a JSON document with its path."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        found.append((path, node))
        for key, value in node.items():
            found.extend(walk(value, f"{path}.{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(walk(value, f"{path}[{i}]"))
    return found


def assert_strict_compatible(schema: dict[str, Any]) -> None:
    """What strict structured output takes: no oneOf or discriminator, closed objects, every property required."""
    text = json.dumps(schema)
    assert "oneOf" not in text and "discriminator" not in text
    for path, node in walk(schema):
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, path
            assert sorted(node["required"]) == sorted(node["properties"]), path


def undescribed(schema: dict[str, Any], *, constants_explain: bool = False) -> list[str]:
    """The properties a model reads without a description: its own, or the one of the definition a
    bare ``$ref`` points to (and, with ``constants_explain``, a constant explains itself)."""
    definitions = schema.get("$defs", {})

    def described(prop: dict[str, Any]) -> bool:
        if "description" in prop or (constants_explain and "const" in prop):
            return True
        ref = prop.get("$ref", "")
        return set(prop) == {"$ref"} and "description" in definitions[ref.removeprefix("#/$defs/")]

    return [
        f"{path}.{name}"
        for path, node in walk(schema)
        if node.get("type") == "object"
        for name, prop in node.get("properties", {}).items()
        if not described(prop)
    ]
