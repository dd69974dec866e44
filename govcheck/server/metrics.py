"""Prometheus metrics for ``GET /metrics``, in the text exposition format (version 0.0.4).

Counted in the web process (the only one that sees every request): requests by route,
method and status; request duration as a histogram by route; checks by result; open
findings by rule and severity; and the pool's workers, running and waiting checks. Route
labels are the API's route templates, never the raw path, so a client cannot create series.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self.buckets: dict[str, list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
        self.duration_sum: dict[str, float] = defaultdict(float)
        self.duration_count: dict[str, int] = defaultdict(int)
        self.checks: dict[str, int] = defaultdict(int)
        self.findings: dict[tuple[str, str], int] = defaultdict(int)
        self.gauges: dict[str, Callable[[], float]] = {}

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(route, method, str(status))] += 1
            counts = self.buckets[route]
            for i, bound in enumerate(BUCKETS):
                if seconds <= bound:
                    counts[i] += 1
            self.duration_sum[route] += seconds
            self.duration_count[route] += 1

    def checked(self, result: str, findings: dict[str, int], severities: dict[str, str]) -> None:
        with self._lock:
            self.checks[result] += 1
            for rule, n in findings.items():
                self.findings[(rule, severities.get(rule, ""))] += n

    def render(self) -> str:
        out: list[str] = []
        with self._lock:
            out += [
                "# HELP govcheck_http_requests_total HTTP requests answered, by route, method and status.",
                "# TYPE govcheck_http_requests_total counter",
            ]
            for (route, method, status), n in sorted(self.requests.items()):
                out.append(f'govcheck_http_requests_total{{route="{route}",method="{method}",status="{status}"}} {n}')
            out += [
                "# HELP govcheck_http_request_duration_seconds Time from request to response, by route.",
                "# TYPE govcheck_http_request_duration_seconds histogram",
            ]
            for route in sorted(self.buckets):
                for bound, n in zip(BUCKETS, self.buckets[route], strict=True):
                    out.append(f'govcheck_http_request_duration_seconds_bucket{{route="{route}",le="{bound}"}} {n}')
                count = self.duration_count[route]
                out.append(f'govcheck_http_request_duration_seconds_bucket{{route="{route}",le="+Inf"}} {count}')
                out.append(f'govcheck_http_request_duration_seconds_sum{{route="{route}"}} {self.duration_sum[route]:.6f}')
                out.append(f'govcheck_http_request_duration_seconds_count{{route="{route}"}} {count}')
            out += [
                "# HELP govcheck_checks_total Documents checked, by result (compliant, not_compliant, error).",
                "# TYPE govcheck_checks_total counter",
            ]
            out += [f'govcheck_checks_total{{result="{r}"}} {n}' for r, n in sorted(self.checks.items())]
            out += [
                "# HELP govcheck_findings_total Open findings reported, by rule and severity.",
                "# TYPE govcheck_findings_total counter",
            ]
            out += [
                f'govcheck_findings_total{{rule="{_label(rule)}",severity="{sev}"}} {n}'
                for (rule, sev), n in sorted(self.findings.items())
            ]
            for name, read in sorted(self.gauges.items()):
                out += [f"# TYPE {name} gauge", f"{name} {read():g}"]
        return "\n".join(out) + "\n"


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
