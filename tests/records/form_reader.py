"""Reading a rendered report form back into the data a browser would send, so tests send
exactly what the page offered."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._selected: list[str] = []
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._in_template = 0

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self._in_template += 1
        if self._in_template or "name" not in a and tag not in ("option",):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._add(a["name"], a.get("value", "on"))
            elif kind not in ("submit", "button"):
                self._add(a["name"], a.get("value", ""))
        elif tag == "select":
            self._select, self._selected, self._first_option = a["name"], [], None
        elif tag == "option" and self._select is not None:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self._selected.append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []

    def handle_endtag(self, tag):
        if tag == "template":
            self._in_template -= 1
        elif tag == "select" and self._select is not None:
            self._add(self._select, self._selected[0] if self._selected else (self._first_option or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)


def browser_post_data(html: str) -> dict:
    """The fields of ``html``'s report form as a browser would submit them (save pressed)."""
    start = html.index('<form method="post" novalidate id="report-form"')
    reader = _FormReader()
    reader.feed(html[start: html.index("</form>", start)])
    data = {name: values if len(values) > 1 or name.endswith(("claims", "injuries", "resistance", "impairments"))
            else values[0] for name, values in reader.data.items()}
    data["save"] = "1"
    return data
