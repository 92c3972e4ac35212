"""The security headers of every response of every server (demo pages, helpdesk, Rasa, action server).

One Sanic response middleware per server, from `response_middleware`: the common headers, the server's
Cache-Control, and its default Content-Security-Policy when the handler chose none (the demo pages need
their own scripts). Plain Python: imported by both environments.
"""

from __future__ import annotations

# The demo pages work under a strict policy: no inline script or style is needed by the widget.
DEMO_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self' http: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The sheet pages, the list of sheets, the 404 page and every file: no script, the stylesheet of /sources/.
SHEET_CSP = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
# The helpdesk's pages: its stylesheet and forms to itself, no script at all.
HELPDESK_CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                "base-uri 'none'")
# JSON servers (Rasa's channels, the action server): nothing a browser should render or run.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # not no-referrer: Chromium then sends « Origin: null » on the helpdesk's own forms
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def response_middleware(default_csp: str, cache_control: str = "no-cache", extra: dict | None = None):
    """A Sanic response middleware: the common headers, Cache-Control, the CSP unless the handler set one."""
    headers = {**COMMON_HEADERS, "Cache-Control": cache_control, **(extra or {})}

    def add_security_headers(request, response) -> None:
        for name, value in headers.items():
            response.headers[name] = value
        if "content-security-policy" not in response.headers:
            response.headers["Content-Security-Policy"] = default_csp

    return add_security_headers
