"""The security headers of every response of the demo server (a Sanic response middleware).

Each response gets the common headers; its Content-Security-Policy is the one its handler chose (the demo
pages need their own scripts), else ``DEFAULT_CSP``: nothing but the sheet stylesheet.
"""

from __future__ import annotations

# The demo pages work under a strict policy: no inline script or style is needed by the widget.
DEMO_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self' http: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# The sheet pages, the list of sheets, the 404 page and every file: no script, the stylesheet of /sources/.
SHEET_CSP = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
DEFAULT_CSP = SHEET_CSP
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-cache",
}


def add_security_headers(request, response) -> None:
    """Response middleware: the common headers, and the default CSP when the handler set none."""
    for name, value in COMMON_HEADERS.items():
        response.headers[name] = value
    if "content-security-policy" not in response.headers:
        response.headers["Content-Security-Policy"] = DEFAULT_CSP
