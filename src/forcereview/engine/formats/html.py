"""Transcripts published as a web page: the text of an HTML document, a line per block.

Agencies and newsrooms post body-camera transcripts as web pages. The page's visible text is
taken out with Python's own HTML parser, one line per paragraph, heading, list item, line break
or table row (script, style and head content dropped), and then read like any transcript:
usually by the plain-text reader, or as WebVTT or SRT when the page holds one in a ``<pre>``
block. A table row is read as one line, a speaker cell without a colon given one
(``Officer Diaz | Get down`` -> ``Officer Diaz: Get down``), as for Word tables; a row of
header cells only (``<th>Time</th><th>Speaker</th>``) names the columns and is left out.
"""

from __future__ import annotations

from .documents import row_line

_BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr blockquote section article header footer dt dd hr "
                    "title caption figcaption".split())
_HIDDEN = frozenset({"script", "style", "head", "noscript", "template"})


def looks_like_html(head: str) -> bool:
    """The text starts as an HTML document does (``<!DOCTYPE html>``, ``<html``)."""
    start = head.lstrip()[:15].lower()
    return start.startswith(("<!doctype html", "<html"))


def html_text(text: str) -> str:
    """The visible text of an HTML page, a line per block."""
    parser = _text_parser()()
    parser.feed(text)
    parser.close()
    parser._end_line()
    if parser.cells and parser.data_cells:  # a last row left open
        parser.lines.append(row_line(parser.cells))
    return "\n".join(parser.lines)


def _text_parser():
    from html.parser import HTMLParser  # (here: most transcripts are no web pages, start-up stays light)

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.lines: list[str] = []
            self.line: list[str] = []
            self.cells: list[str] | None = None
            self.data_cells = 0  # <td> cells in the row: a row of <th> only names the columns
            self.hidden = 0
            self.pre = 0

        def _end_line(self) -> None:
            text = "".join(self.line)
            self.line = []
            if self.cells is not None:
                if text.strip():
                    self.cells.append(" ".join(text.split()))
                return
            if self.pre:
                self.lines.extend(text.split("\n"))
            elif text.strip():
                self.lines.append(" ".join(text.split()))

        def handle_starttag(self, tag, attrs) -> None:
            if tag in _HIDDEN:
                self.hidden += 1
            elif tag == "pre":
                self._end_line()
                self.pre += 1
            elif tag == "tr":
                self._end_line()
                self.cells = []
                self.data_cells = 0
            elif tag in ("td", "th"):
                self._end_line()
                self.data_cells += tag == "td"
            elif tag in _BLOCKS:
                self._end_line()

        def handle_startendtag(self, tag, attrs) -> None:
            if tag in _BLOCKS:
                self._end_line()

        def handle_endtag(self, tag) -> None:
            if tag in _HIDDEN:
                self.hidden = max(0, self.hidden - 1)
            elif tag == "pre":
                self._end_line()
                self.pre = max(0, self.pre - 1)
            elif tag == "tr":
                self._end_line()
                if self.cells and self.data_cells:
                    self.lines.append(row_line(self.cells))
                self.cells = None
            elif tag in ("td", "th") or tag in _BLOCKS:
                self._end_line()

        def handle_data(self, data) -> None:
            if not self.hidden:
                self.line.append(data)

    return _Text
