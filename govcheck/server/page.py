"""The upload page at ``/``: choose a file or paste YAML, pick profiles, read the HTML report.

A plain HTML form (``multipart/form-data``, POST to ``/``): no scripts, nothing loaded from
anywhere. The answer is the HTML report itself (the same reporter as ``--format html``)
with the form above it, so a second draft can be checked from the report. Its policy is the
HTML report's, allowing only this form to post back to this server.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from email import policy
from email.parser import BytesParser
from html import escape

from govcheck.reporters.html_report import CSP as REPORT_CSP
from govcheck.server.service import CheckRequest, RequestError

# The HTML report's policy, but a form on the page may post to this server (and only here),
# and no other site may frame it.
PAGE_CSP = REPORT_CSP.replace("form-action 'none'", "form-action 'self'") + "; frame-ancestors 'none'"

_CSS = (
    "body{margin:0;font:15px/1.5 Arial,'Liberation Sans',sans-serif;color:#212B32;background:#F0F4F5}"
    ".upload{background:#fff;border-bottom:4px solid #005EB8;padding:16px 24px}"
    ".upload form{max-width:1180px;margin:0 auto;display:grid;gap:10px}"
    ".upload h1{font-size:22px;margin:0;color:#003087}"
    ".upload textarea{width:100%;min-height:9em;font:13px/1.4 'DejaVu Sans Mono',monospace}"
    ".upload fieldset{border:1px solid #D8DDE0;padding:6px 12px}"
    ".upload label{margin-right:14px;white-space:nowrap}"
    ".upload button{justify-self:start;background:#007F3B;color:#fff;border:0;border-radius:4px;"
    "padding:8px 18px;font-size:16px;font-weight:bold;cursor:pointer}"
    ".upload .error{background:#FDECEA;border-left:6px solid #DA291C;padding:8px 12px;margin:0}"
    ".upload .hint{color:#4C6272;margin:0}"
)


KEEPS_RECORD = ("Nothing is stored but a record of the decision (its id, the document's SHA-256 and the "
                "outcome).")
KEEPS_TEXT = "This server keeps a record of each decision with the document's text."


def _form(profiles: Sequence[str], chosen: Sequence[str], error: str = "", as_of: str = "",
          keeps_text: bool = False) -> str:
    boxes = "".join(
        f'<label><input type="checkbox" name="profile" value="{escape(p)}"'
        f"{' checked' if p in chosen else ''}> {escape(p)}</label>"
        for p in profiles
        if p != "core"
    )
    problem = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    return (
        '<section class="upload"><form method="post" action="/" enctype="multipart/form-data">'
        "<h1>Check an ICB constitution</h1>"
        f'<p class="hint">Choose a YAML file or paste the YAML below. {KEEPS_TEXT if keeps_text else KEEPS_RECORD} '
        '<a href="/docs">API</a></p>'
        f"{problem}"
        '<label for="file">Constitution file (YAML)</label>'
        '<input type="file" id="file" name="file" accept=".yaml,.yml,application/yaml,text/yaml">'
        '<label for="text">or paste the YAML</label>'
        '<textarea id="text" name="text" spellcheck="false"></textarea>'
        f"<fieldset><legend>Profiles</legend>{boxes}</fieldset>"
        f'<label for="as_of">Judge dates at (optional)</label>'
        f'<input type="date" id="as_of" name="as_of" value="{escape(as_of)}">'
        '<button type="submit">Check</button>'
        "</form></section>"
    )


def form_page(profiles: Sequence[str], defaults: Sequence[str], error: str = "", keeps_text: bool = False) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>Check a constitution (govcheck)</title><style>{_CSS}</style></head><body>"
        f"{_form(profiles, defaults, error, keeps_text=keeps_text)}</body></html>\n"
    )


def with_report(
    report_html: str, profiles: Sequence[str], defaults: Sequence[str], request: CheckRequest, keeps_text: bool = False
) -> str:
    """The HTML report with the form above it, under the page's policy."""
    chosen = request.profiles or defaults
    page = report_html.replace(f'content="{REPORT_CSP}"', f'content="{PAGE_CSP}"', 1)
    page = page.replace("</style>", f"{_CSS}</style>", 1)
    return page.replace("<body>", "<body>" + _form(profiles, chosen, as_of=request.as_of or "", keeps_text=keeps_text), 1)


def parse_form(body: bytes, content_type: str, profiles: Sequence[str]) -> CheckRequest:
    """The upload form's fields: ``file`` or ``text``, ``profile`` (repeated), ``as_of``."""
    media = content_type.split(";")[0].strip().lower()
    fields: dict[str, list[bytes]] = {}
    if media == "multipart/form-data":
        message = BytesParser(policy=policy.HTTP).parsebytes(
            b"MIME-Version: 1.0\r\nContent-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n" + body
        )
        if not message.is_multipart():
            raise RequestError("the form is not valid multipart/form-data", 400)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if isinstance(name, str):
                payload = part.get_payload(decode=True)
                fields.setdefault(name, []).append(payload if isinstance(payload, bytes) else b"")
    elif media == "application/x-www-form-urlencoded":
        for name, value in urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True):
            fields.setdefault(name, []).append(value.encode("utf-8"))
    else:
        raise RequestError("the upload form posts multipart/form-data", 415)
    document = next((v for v in fields.get("file", []) if v), b"") or next(
        (v for v in fields.get("text", []) if v.strip()), b""
    )
    if not document:
        raise RequestError("choose a file or paste the YAML", 400)
    chosen = [v.decode("utf-8", "replace") for v in fields.get("profile", [])]
    as_of = next((v.decode("utf-8", "replace") for v in fields.get("as_of", []) if v.strip()), None)
    return CheckRequest(document, tuple(chosen) if chosen else None, as_of, None, "html")
