"""The web application (Starlette): routes, limits, decision ids, problems, metrics, audit.

Every response carries ``Govcheck-Decision-Id``, ``Govcheck-Version``, ``Govcheck-Rules-Version``
and ``Govcheck-Law``; a check's response adds ``Govcheck-Document-SHA256`` and
``Govcheck-Exit-Code``, and its JSON body holds the same values. Every error is an RFC 9457
``application/problem+json`` body (the upload page shows it as HTML).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from govcheck.reporters import html_report
from govcheck.server import page
from govcheck.server.audit import AuditLog
from govcheck.server.metrics import CONTENT_TYPE, Metrics
from govcheck.server.openapi import PROBLEMS, docs_page, spec
from govcheck.server.pool import Busy, CheckFailed, Pool, TimedOut, WorkerLost
from govcheck.server.service import (
    CheckRequest,
    CheckResult,
    RequestError,
    Service,
    document_digest,
    parse_request,
)

DRAIN_BYTES = 64 * 1024 * 1024  # past --max-body, read (and discard) this much more before giving up
RETRY_AFTER = "1"
logger = logging.getLogger("govcheck.server")
ROUTES = ("/", "/docs", "/openapi.json", "/v1/check", "/v1/rules", "/v1/schema", "/healthz", "/readyz", "/metrics")


class TooLarge(Exception):
    """The request body is over --max-body (413)."""


class State:
    """What the handlers share: the service, its pool, the metrics and the audit log."""

    def __init__(self, service: Service, pool: Pool, audit: AuditLog) -> None:
        self.service = service
        self.pool = pool
        self.audit = audit
        self.metrics = Metrics()
        self.versions = service.versions()
        self.law = service.default_law()
        self.metrics.gauges = {
            "govcheck_workers": lambda: len(pool.workers),
            "govcheck_checks_running": lambda: pool.running,
            "govcheck_checks_waiting": lambda: pool.waiting,
            "govcheck_workers_replaced_total": lambda: pool.replaced,
        }
        self.api = spec(service.formats(), service.profiles)


def create_app(state: State) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state.pool.idle  # noqa: B018 - the queue of idle workers belongs to this event loop
        try:
            yield
        finally:
            await asyncio.to_thread(state.pool.close)
            state.audit.close()

    async def check(request: Request) -> Response:
        try:
            body = await _read_body(request, state.service.options.max_body)
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            parsed = parse_request(body, media, request.query_params)
        except (TooLarge, RequestError) as exc:
            _audit_refusal(request, exc)
            raise
        return await _decide(request, parsed, api=True)

    def _audit_refusal(request: Request, exc: Exception) -> None:
        """A request refused before there was a document to check (400, 413, 415)."""
        status, _, detail = _problem_of(exc, state)
        state.audit.write({
            "decision_id": request.scope["govcheck.decision_id"],
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "client": request.client.host if request.client else None,
            "route": request.url.path,
            "status": status,
            "error": detail,
            "tool_version": state.versions["tool"]["version"],
            "rules_version": state.versions["rules_version"],
        })

    async def _decide(request: Request, parsed: CheckRequest, api: bool) -> Response:
        did = request.scope["govcheck.decision_id"]
        digest = document_digest(parsed.document)
        request.scope["govcheck.document_sha256"] = digest
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        entry: dict[str, Any] = {
            "decision_id": did,
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "client": request.client.host if request.client else None,
            "route": request.url.path,
            "document_sha256": digest,
            "document_bytes": len(parsed.document),
            "profiles": list(parsed.profiles) if parsed.profiles is not None else None,
            "as_of": parsed.as_of,
            "law_requested": parsed.law,
            "format": parsed.format,
            "tool_version": state.versions["tool"]["version"],
            "rules_version": state.versions["rules_version"],
        }
        try:
            result = await state.pool.check(parsed, loop.time() + state.service.options.request_timeout)
        except (RequestError, Busy, TimedOut, WorkerLost, CheckFailed) as exc:
            status, _, detail = _problem_of(exc, state)
            state.audit.write({**entry, "status": status, "error": detail,
                               "duration_ms": round((time.monotonic() - started) * 1000, 1)}, parsed.document)
            if isinstance(exc, CheckFailed):
                state.metrics.checked("error", {}, {})
            raise
        verdict = ("compliant", "not_compliant", "error")[result.exit_code]
        state.metrics.checked(verdict, result.findings_by_rule, result.severities)
        request.scope["govcheck.law"] = result.law
        state.audit.write(
            {**entry, "status": 200, "law": result.law, "exit_code": result.exit_code, "result": verdict,
             "counts": result.counts, "findings_by_rule": result.findings_by_rule,
             "duration_ms": round((time.monotonic() - started) * 1000, 1)},
            parsed.document,
        )
        if not api:
            html = page.with_report(result.body, state.service.profiles, state.service.settings.profiles, parsed,
                                    keeps_text=state.audit.keeps_text)
            return HTMLResponse(html, headers=_check_headers(result))
        if parsed.format == "json":
            # The worker sent the JSON report as text: wrap it in the decision without parsing it.
            head = json.dumps({
                "decision_id": did,
                **state.versions,
                "law": result.law,
                "document_sha256": digest,
                "exit_code": result.exit_code,
            })
            body = f'{head[:-1]}, "result": {result.body.strip()}}}'
            return Response(body, media_type="application/json", headers=_check_headers(result))
        headers = _check_headers(result)
        if parsed.format == "html":
            headers["Content-Security-Policy"] = html_report.CSP
        return Response(result.body, media_type=result.media_type, headers=headers)

    async def upload_form(request: Request) -> Response:
        return HTMLResponse(page.form_page(state.service.profiles, state.service.settings.profiles,
                                           keeps_text=state.audit.keeps_text))

    async def upload_check(request: Request) -> Response:
        try:
            try:
                body = await _read_body(request, state.service.options.max_body)
                parsed = page.parse_form(body, request.headers.get("content-type", ""), state.service.profiles)
            except (TooLarge, RequestError) as exc:
                _audit_refusal(request, exc)
                raise
            return await _decide(request, parsed, api=False)
        except (TooLarge, RequestError, Busy, TimedOut, WorkerLost, CheckFailed) as exc:
            status, title, detail = _problem_of(exc, state)
            html = page.form_page(state.service.profiles, state.service.settings.profiles,
                                  error=f"{title}: {detail}", keeps_text=state.audit.keeps_text)
            return HTMLResponse(html, status_code=status, headers=_retry(status))

    async def rules(request: Request) -> Response:
        found = [r.to_dict() for _, r in sorted(state.service.registry.rules.items())]
        return JSONResponse({**state.versions, "rules": found})

    async def rule(request: Request) -> Response:
        found = state.service.registry.rule(request.path_params["id"])
        if found is None:
            raise HTTPException(404, f"no rule {request.path_params['id']!r}; GET /v1/rules lists them")
        return JSONResponse({**state.versions, "rule": found.to_dict()})

    async def schema(request: Request) -> Response:
        from govcheck.engine import schema_path

        return Response(schema_path("constitution-v1.schema.json").read_bytes(), media_type="application/schema+json")

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", **state.versions})

    async def readyz(request: Request) -> Response:
        if not state.pool.ready:
            raise WorkerLost("no worker is ready")
        return JSONResponse({"status": "ready", "workers": len(state.pool.workers), **state.versions})

    async def metrics(request: Request) -> Response:
        return Response(state.metrics.render(), media_type=CONTENT_TYPE)

    async def openapi(request: Request) -> Response:
        return JSONResponse(state.api)

    async def docs(request: Request) -> Response:
        return HTMLResponse(docs_page(state.api, page.PAGE_CSP))

    async def on_error(request: Request, exc: Exception) -> Response:
        status, title, detail = _problem_of(exc, state)
        return _problem(request, status, title, detail)

    app = Starlette(
        routes=[
            Route("/", upload_form, methods=["GET"]),
            Route("/", upload_check, methods=["POST"]),
            Route("/v1/check", check, methods=["POST"]),
            Route("/v1/rules", rules, methods=["GET"]),
            Route("/v1/rules/{id}", rule, methods=["GET"]),
            Route("/v1/schema", schema, methods=["GET"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
            Route("/openapi.json", openapi, methods=["GET"]),
            Route("/docs", docs, methods=["GET"]),
        ],
        exception_handlers={
            HTTPException: on_error,
            RequestError: on_error,
            TooLarge: on_error,
            Busy: on_error,
            TimedOut: on_error,
            WorkerLost: on_error,
            CheckFailed: on_error,
            Exception: on_error,
        },
        lifespan=lifespan,
    )
    return DecisionMiddleware(app, state)  # type: ignore[return-value]


def _check_headers(result: CheckResult) -> dict[str, str]:
    return {"Govcheck-Exit-Code": str(result.exit_code)}


def _retry(status: int) -> dict[str, str]:
    return {"Retry-After": RETRY_AFTER} if status in (429, 503) else {}


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, at most ``limit`` bytes; past that, TooLarge once the body is read (so the
    client, still sending, gets the 413 rather than a reset connection)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)
        elif size > limit + DRAIN_BYTES:
            break
    if size > limit:
        raise TooLarge(f"the body is {'over ' if size > limit + DRAIN_BYTES else ''}{size:,} bytes; "
                       f"this server takes at most {limit:,} (--max-body)")
    return b"".join(chunks)


def _problem_of(exc: Exception, state: State) -> tuple[int, str, str]:
    """(status, title, detail) for an exception."""
    if isinstance(exc, HTTPException):
        detail = str(exc.detail)
        if exc.status_code in (404, 405) and detail == _title(exc.status_code):
            detail += "; the routes are listed at /docs"
        return exc.status_code, _title(exc.status_code), detail
    if isinstance(exc, RequestError):
        return exc.status, _title(exc.status), exc.detail
    if isinstance(exc, TooLarge):
        return 413, _title(413), str(exc)
    if isinstance(exc, Busy):
        options = state.service.options
        return 429, _title(429), (f"all {options.workers} worker(s) are busy and {options.queue} request(s) "
                                  "are waiting; retry later")
    if isinstance(exc, TimedOut):
        timeout = state.service.options.request_timeout
        return 503, _title(503), f"the check did not finish within the {timeout:g}-second request time limit"
    if isinstance(exc, WorkerLost):
        return 503, _title(503), str(exc) or "the worker checking the document stopped; it has been replaced"
    if isinstance(exc, CheckFailed):
        return 500, _title(500), f"the check failed: {exc}"
    return 500, _title(500), f"{type(exc).__name__}: {exc}"


_SLUGS = {status: slug for slug, (status, _) in PROBLEMS.items()}


def _title(status: int) -> str:
    from http import HTTPStatus

    return HTTPStatus(status).phrase


def _problem(request: Request, status: int, title: str, detail: str) -> Response:
    scope = request.scope
    body = {
        "type": f"/docs#problem-{_SLUGS.get(status, 'internal')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": f"urn:uuid:{scope.get('govcheck.decision_id', '')}",
        "decision_id": scope.get("govcheck.decision_id", ""),
    }
    if "govcheck.document_sha256" in scope:
        body["document_sha256"] = scope["govcheck.document_sha256"]
    headers = _retry(status)
    if status == 405:
        headers["Allow"] = ", ".join(sorted(_allowed(request.url.path)))
    return JSONResponse(body, status_code=status, media_type="application/problem+json", headers=headers)


def _allowed(path: str) -> set[str]:
    if path == "/":
        return {"GET", "POST"}
    if path == "/v1/check":
        return {"POST"}
    return {"GET"}


def route_label(path: str) -> str:
    """The route template for metrics (bounded label values)."""
    if path in ROUTES:
        return path
    if path.startswith("/v1/rules/"):
        return "/v1/rules/{id}"
    return "other"


Send = Callable[[dict[str, Any]], Awaitable[None]]


class DecisionMiddleware:
    """Give every request a decision id; stamp the identifying headers; time it for /metrics."""

    def __init__(self, app: Any, state: State) -> None:
        self.app = app
        self.state = state
        versions = state.versions
        self.fixed = [
            (b"govcheck-version", versions["tool"]["version"].encode()),
            (b"govcheck-rules-version", versions["rules_version"].encode()),
            (b"x-content-type-options", b"nosniff"),
        ]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        did = str(uuid.uuid4())
        scope["govcheck.decision_id"] = did
        started = time.monotonic()
        status = 500

        async def stamped(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                law = scope.get("govcheck.law", self.state.law)
                headers += [(b"govcheck-decision-id", did.encode()), (b"govcheck-law", law.encode()), *self.fixed]
                if "govcheck.document_sha256" in scope:
                    headers.append((b"govcheck-document-sha256", scope["govcheck.document_sha256"].encode()))
                if not any(k.lower() == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", page.PAGE_CSP.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, stamped)
        except Exception as exc:  # answered by the 500 handler already; a server bug, logged once
            if status != 500:
                raise
            logger.error("decision %s: %s: %s", did, type(exc).__name__, exc)
        finally:
            label = route_label(scope.get("path", ""))
            self.state.metrics.observe(label, scope.get("method", ""), status, time.monotonic() - started)
