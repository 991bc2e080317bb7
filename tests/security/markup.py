"""Hostile values for forms, and a check that a rendered page runs none of them."""

from html.parser import HTMLParser

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "'><svg/onload=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "{{ 7|add:7 }}{% csrf_token %}",
]

SQL_PAYLOADS = ["' OR '1'='1", "1; DROP TABLE cases_client; --", "' UNION SELECT password FROM x--"]

ODD_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "99999999999999999999",
    "2026-02-30",
    "1e309",
    "null",
    "\u202etxet",
    "😀" * 50,
    "x" * 5000,
    "\x00",
    "a\r\nb",
]

HOSTILE = XSS_PAYLOADS + SQL_PAYLOADS + ODD_VALUES
DANGEROUS_TAGS = {"iframe", "object", "embed", "frame"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            if "nonce" not in attributes or "src" not in attributes:
                self.problems.append(f"script without a nonce and a source: {attributes}")
            self._in_script = True
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}={value!r} on <{tag}>")
            if (
                name in URL_ATTRIBUTES
                and value
                and "".join(value.split()).lower().startswith(("javascript:", "vbscript:"))
            ):
                self.problems.append(f"{name}={value!r} on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script body: {data[:60]!r}")


def active_markup(html: str) -> list[str]:
    """Anything in the page that could run script: should always be empty."""
    scanner = _Scanner()
    scanner.feed(html)
    return scanner.problems
