"""Request bodies that an operation reads itself, documented in the OpenAPI schema.

Incident reports are checked by one validator (``records.validation``) for the web form, the
API and the import, so the API must not let pydantic refuse a body first with other words.
Such an operation reads ``request.body`` itself and declares its documented shape with
``openapi_extra=json_body(ReportIn)``; the schema and its nested models then appear under
``components/schemas`` like any other.
"""

from __future__ import annotations

from ninja import Schema
from ninja.openapi.schema import REF_TEMPLATE
from ninja.schema import NinjaGenerateJsonSchema

BODY_SCHEMAS: dict[str, type[Schema]] = {}


def json_body(model: type[Schema], description: str = "") -> dict:
    BODY_SCHEMAS[model.__name__] = model
    body = {"required": True, "content": {"application/json": {"schema": {"$ref": REF_TEMPLATE.format(model=model.__name__)}}}}
    if description:
        body["description"] = description
    return {"requestBody": body}


def add_body_schemas(schema: dict) -> dict:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, model in BODY_SCHEMAS.items():
        spec = model.model_json_schema(ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema, mode="validation")
        components.update(spec.pop("$defs", {}))
        components[name] = spec
    return schema
