"""The API's OpenAPI 3.1 description (``GET /openapi.json``) and its readable page (``/docs``).

The page is drawn on the server from the same description, with no scripts and nothing
loaded from anywhere (the server may have no internet access, and its pages allow none).
"""

from __future__ import annotations

from html import escape
from typing import Any

from govcheck import __version__

PROBLEMS = {
    "bad-request": (400, "The request is malformed (JSON, field types, form fields)."),
    "not-found": (404, "No such route, or no such rule."),
    "method-not-allowed": (405, "The route exists but not for this method."),
    "too-large": (413, "The body is larger than the server's --max-body."),
    "unsupported-media-type": (415, "POST /v1/check takes application/yaml or application/json."),
    "unprocessable": (422, "A choice names no profile, format or law, or the as-of date is not a date."),
    "busy": (429, "Every worker is busy and the queue is full: retry after Retry-After seconds."),
    "internal": (500, "The server failed (a report format plugin raised, say); the decision id is logged."),
    "unavailable": (503, "The check outlived --request-timeout, its worker died, or no worker is ready."),
}

_PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_DECISION_HEADERS = {
    "Govcheck-Decision-Id": {"description": "A UUID naming this decision (also in the audit log).",
                             "schema": {"type": "string"}},
    "Govcheck-Version": {"description": "The govcheck version.", "schema": {"type": "string"}},
    "Govcheck-Rules-Version": {"description": "Digest of the rules and plugins loaded at start.",
                               "schema": {"type": "string"}},
    "Govcheck-Law": {"description": "The law version the document was judged against.", "schema": {"type": "string"}},
    "Govcheck-Document-SHA256": {"description": "SHA-256 of the document's bytes (checks only).",
                                "schema": {"type": "string"}},
    "Govcheck-Exit-Code": {"description": "0 compliant, 1 findings at or above fail-on, 2 a rule errored.",
                           "schema": {"type": "integer"}},
}


def _problems(*statuses: int) -> dict[str, Any]:
    return {
        str(status): {
            "description": "; ".join(text for s, text in PROBLEMS.values() if s == status),
            "content": {"application/problem+json": {"schema": _PROBLEM_REF}},
        }
        for status in statuses
    }


def _json(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema or {"type": "object"}}}}


def spec(formats: list[str], profiles: list[str]) -> dict[str, Any]:
    check_body = {
        "type": "object",
        "required": ["document"],
        "additionalProperties": False,
        "properties": {
            "document": {"type": "string", "description": "The constitution, as YAML text."},
            "profiles": {"type": "array", "items": {"type": "string", "enum": profiles},
                         "description": "Profiles to run (default: the server's configuration)."},
            "as_of": {"type": "string", "format": "date", "description": "Judge dates at YYYY-MM-DD."},
            "law": {"type": "string", "description": "The law version to judge against."},
            "format": {"type": "string", "enum": formats, "default": "json"},
        },
    }
    query: list[dict[str, Any]] = [
        {"name": "profiles", "in": "query", "schema": {"type": "string"}, "description": "Comma-separated profiles."},
        {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}},
        {"name": "law", "in": "query", "schema": {"type": "string"}},
        {"name": "format", "in": "query", "schema": {"type": "string", "enum": formats, "default": "json"}},
    ]
    report_types = {
        "application/json": {"schema": {"$ref": "#/components/schemas/Decision"}},
        "application/sarif+json": {"schema": {"type": "object"}},
        "text/html": {"schema": {"type": "string"}},
        "text/markdown": {"schema": {"type": "string"}},
        "application/xml": {"schema": {"type": "string"}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "govcheck",
            "version": __version__,
            "description": "Check an ICB constitution (YAML) against the compliance rules the server was started with.",
        },
        "paths": {
            "/v1/check": {
                "post": {
                    "summary": "Check one constitution and return the report in the chosen format",
                    "parameters": [{**q, "description": q.get("description", "") + " (application/yaml bodies)"}
                                   for q in query],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/yaml": {"schema": {"type": "string"}},
                            "application/json": {"schema": check_body},
                        },
                    },
                    "responses": {
                        "200": {"description": "The report (exit code in Govcheck-Exit-Code).",
                                "headers": _DECISION_HEADERS, "content": report_types},
                        **_problems(400, 413, 415, 422, 429, 500, 503),
                    },
                }
            },
            "/v1/rules": {"get": {"summary": "Every rule loaded", "responses": {"200": _json("The rules.")}}},
            "/v1/rules/{id}": {
                "get": {
                    "summary": "One rule, by id or slug",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {"200": _json("The rule."), **_problems(404)},
                }
            },
            "/v1/schema": {"get": {"summary": "JSON Schema of constitution format v1",
                                   "responses": {"200": _json("The schema.")}}},
            "/healthz": {"get": {"summary": "The process is alive", "responses": {"200": _json("ok")}}},
            "/readyz": {"get": {"summary": "Workers are ready to check",
                                "responses": {"200": _json("ready"), **_problems(503)}}},
            "/metrics": {"get": {"summary": "Prometheus metrics",
                                 "responses": {"200": {"description": "Text exposition format 0.0.4",
                                                       "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
            "/": {"get": {"summary": "The upload page", "responses": {"200": {"description": "HTML"}}},
                  "post": {"summary": "The upload form's check (multipart/form-data): the HTML report",
                           "responses": {"200": {"description": "HTML"}}}},
        },
        "components": {
            "schemas": {
                "Decision": {
                    "type": "object",
                    "required": ["decision_id", "tool", "rules_version", "law", "document_sha256", "result"],
                    "properties": {
                        "decision_id": {"type": "string", "format": "uuid"},
                        "tool": {"type": "object"},
                        "rules_version": {"type": "string"},
                        "plugins": {"type": "array"},
                        "law": {"type": "string"},
                        "document_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                        "exit_code": {"type": "integer", "enum": [0, 1, 2]},
                        "result": {"description": "The JSON report (govcheck schema --report)", "type": "object"},
                    },
                },
                "Problem": {
                    "description": "RFC 9457 problem details, with the decision's identifiers.",
                    "type": "object",
                    "required": ["type", "title", "status", "detail", "decision_id"],
                    "properties": {
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                        "instance": {"type": "string"},
                        "decision_id": {"type": "string"},
                    },
                },
            }
        },
    }


def docs_page(api: dict[str, Any], csp: str) -> str:
    rows = []
    for path, methods in api["paths"].items():
        for method, op in methods.items():
            statuses = ", ".join(op.get("responses", {}))
            params = ", ".join(p["name"] for p in op.get("parameters", []))
            body = ", ".join(op.get("requestBody", {}).get("content", {}))
            rows.append(
                f'<tr id="{escape(method)}-{escape(path)}"><td><code>{escape(method.upper())}</code></td>'
                f"<td><code>{escape(path)}</code></td><td>{escape(op.get('summary', ''))}</td>"
                f"<td>{escape(params)}</td><td>{escape(body)}</td><td>{escape(statuses)}</td></tr>"
            )
    problems = "".join(
        f'<tr id="problem-{slug}"><td><code>{slug}</code></td><td>{status}</td><td>{escape(text)}</td></tr>'
        for slug, (status, text) in PROBLEMS.items()
    )
    body = api["paths"]["/v1/check"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    fields = "".join(
        f"<tr><td><code>{escape(name)}</code></td><td>{escape(str(prop.get('type', '')))}</td>"
        f"<td>{escape(', '.join(map(str, prop.get('enum', prop.get('items', {}).get('enum', [])))))}</td>"
        f"<td>{escape(prop.get('description', ''))}</td></tr>"
        for name, prop in body["properties"].items()
    )
    info = api["info"]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(info['title'])} API {escape(info['version'])}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(info['title'])} API <small>{escape(info['version'])}</small></h1>"
        f"<p>{escape(info['description'])} The machine-readable description is "
        '<a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). '
        'Upload a document on <a href="/">the upload page</a>.</p>'
        "<h2>Routes</h2><table><thead><tr><th>method</th><th>path</th><th>what</th><th>parameters</th>"
        f"<th>body</th><th>statuses</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "<h2>POST /v1/check</h2><p>Send <code>application/yaml</code> (the document; the fields below as query "
        "parameters, <code>profiles</code> comma-separated) or <code>application/json</code>:</p>"
        "<table><thead><tr><th>field</th><th>type</th><th>values</th><th>what</th></tr></thead>"
        f"<tbody>{fields}</tbody></table>"
        "<h2>Problems</h2><p>Errors are <code>application/problem+json</code> (RFC 9457); "
        "<code>type</code> is <code>/docs#problem-NAME</code>.</p>"
        f"<table><thead><tr><th>name</th><th>status</th><th>when</th></tr></thead><tbody>{problems}</tbody></table>"
        "</body></html>\n"
    )


_CSS = (
    "body{font:15px/1.5 Arial,sans-serif;color:#212B32;margin:24px auto;max-width:1100px;padding:0 16px}"
    "table{border-collapse:collapse;width:100%;margin:8px 0 24px;display:block;overflow-x:auto}"
    "th,td{border:1px solid #D8DDE0;padding:6px 8px;text-align:left;vertical-align:top}"
    "th{background:#F0F4F5}h1 small{font-size:14px;color:#4C6272}a{color:#005EB8}"
)
