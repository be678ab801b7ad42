"""OpenAPI post-processing (drf-spectacular POSTPROCESSING_HOOKS): errors are declared as what they are.

Every error the API sends is `application/problem+json` (core.api), but the views' declarations come out
as `application/json`; and the 401 of wrong Basic credentials (with its challenge) and the 429 of a
locked-out pair (django-axes) belong to every operation that accepts Basic authentication. One hook
says both for all operations, instead of repeating them on each view."""

PROBLEM = "application/problem+json"
# A pattern (ECMA-262, as JSON Schema reads it) for "not blank" as Python's str.split() sees it: at least one
# character that is not Python whitespace (which counts \x1c-\x1f and \x85, and not \ufeff, unlike ECMA's \s).
NOT_BLANK = r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
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

THROTTLED = {
    "description": "auth.locked_out, throttled",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    "content": {PROBLEM: {"schema": PROBLEM_REF}},
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
            security = operation.get("security", [])
            if security and {} not in security:  # no anonymous access: DRF refuses it with a 403
                responses.setdefault(
                    "403",
                    {"description": "auth.not_authenticated", "content": {PROBLEM: {"schema": PROBLEM_REF}}},
                )
            if any("basicAuth" in requirement for requirement in security):
                unauthorised = responses.setdefault(
                    "401", {"description": "auth.failed", "content": {PROBLEM: {"schema": PROBLEM_REF}}}
                )
                unauthorised.setdefault("headers", {})["WWW-Authenticate"] = {"schema": {"type": "string"}}
                responses.setdefault("429", THROTTLED)
    return result


GENERIC_SEGMENTS = {"[^/]+", "[^/.]+"}


def path_and_query_parameters(result, generator, request, public):
    """What the URL resolver and the query parsing enforce, said in the schema.

    - A path parameter's URL pattern (`re_path`'s named group, e.g. a procedure code `[0-9]+\\.[0-9]+`)
      becomes its `pattern`: a value outside it never reaches the view.
    - A throttled view may answer 429 (with Retry-After).
    - Every operation with a path parameter may answer 404: the resource is unknown, or the value does not
      match the pattern and the `/api/` catch-all answers (core.views.api_not_found).
    - An optional query parameter sent empty (`?at=`) is read as absent, by DRF's fields (HTML-form rules)
      and by the views' `params.get(...) or default` alike: `allowEmptyValue`."""
    from drf_spectacular.plumbing import analyze_named_regex_pattern

    patterns, throttled = {}, set()
    for path, path_regex, method, view in generator.endpoints or ():
        found = analyze_named_regex_pattern(path_regex)
        patterns[path] = {name: value for name, value in found.items() if value not in GENERIC_SEGMENTS}
        if getattr(getattr(view, "cls", None), "throttle_classes", None):
            throttled.add((path, method.lower()))
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if (path, method) in throttled:
                operation["responses"].setdefault("429", THROTTLED)
            has_path_parameter = False
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "path":
                    has_path_parameter = True
                    pattern = patterns.get(path, {}).get(parameter["name"])
                    if pattern and schema.get("type") == "string" and "pattern" not in schema:
                        schema["pattern"] = f"^{pattern}$"
                elif parameter.get("in") == "query" and not parameter.get("required"):
                    parameter["allowEmptyValue"] = True
            if has_path_parameter:
                operation["responses"].setdefault(
                    "404", {"description": "not_found", "content": {PROBLEM: {"schema": PROBLEM_REF}}}
                )
    return result


NO_NUL = "^[^\\x00]*$"
NOT_BLANK_NO_NUL = "^[^\\x00]*" + NOT_BLANK[:1] + "^\\x00" + NOT_BLANK[2:] + "[^\\x00]*$"


def request_texts(result, generator, request, public):
    """DRF's text fields in request bodies, as they read: a NUL character is refused (PostgreSQL cannot store
    it), and a text that may not be blank is stripped first, so spaces alone are blank. Said as a `pattern`
    on each free text of a request component (one with no pattern, format or enum of its own)."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request"):
            _texts(component)
    return result


def _texts(schema) -> None:
    if not isinstance(schema, dict):
        return
    if schema.get("type") == "string" and not {"pattern", "format", "enum"} & schema.keys():
        schema["pattern"] = NOT_BLANK_NO_NUL if schema.get("minLength", 0) >= 1 else NO_NUL
    for value in schema.get("properties", {}).values():
        _texts(value)
    _texts(schema.get("items"))
    for key in ("allOf", "anyOf", "oneOf"):
        for value in schema.get(key, []):
            _texts(value)
