"""OpenAPI post-processing (drf-spectacular POSTPROCESSING_HOOKS): errors are declared as what they are.

Every error the API sends is `application/problem+json` (core.api), but the views' declarations come out
as `application/json`; and the 401 of wrong Basic credentials (with its challenge) and the 429 of a
locked-out pair (django-axes) belong to every operation that accepts Basic authentication. One hook
says both for all operations, instead of repeating them on each view."""

PROBLEM = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "details": {"type": "object", "additionalProperties": {}},
    },
    "required": ["code", "status", "title"],
}


def problem_json(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {}).setdefault("Problem", PROBLEM_SCHEMA)
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for status, response in responses.items():
                content = response.get("content")
                if str(status)[0] in "45" and content and "application/json" in content:
                    content.setdefault(PROBLEM, content.pop("application/json"))
            if any("basicAuth" in requirement for requirement in operation.get("security", [])):
                unauthorised = responses.setdefault(
                    "401", {"description": "auth.failed", "content": {PROBLEM: {"schema": PROBLEM_REF}}}
                )
                unauthorised.setdefault("headers", {})["WWW-Authenticate"] = {"schema": {"type": "string"}}
                responses.setdefault(
                    "429",
                    {
                        "description": "auth.locked_out, throttled",
                        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                        "content": {PROBLEM: {"schema": PROBLEM_REF}},
                    },
                )
    return result
