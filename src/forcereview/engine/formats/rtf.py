"""Transcripts released as Rich Text (``.rtf``), as court reporters' software and word
processors save them: the text the document shows, a line per paragraph, then read like any
other transcript.

What is read: plain text; ``\\par``, ``\\line``, ``\\sect`` and ``\\page`` as line breaks and
``\\tab`` as a tab; the typographic characters (``\\rquote``, ``\\ldblquote``, ``\\emdash``, ...);
a character written in the document's code page (``\\'e9``, code page from ``\\ansicpg``, else
cp1252) or as Unicode (``\\u233?``, its stand-in characters skipped as ``\\ucN`` says); escaped
braces and backslashes. What is passed over: every other control word and the groups that hold
no text of the page: font, colour and style tables, document information, pictures, headers
and footers, field instructions (a field's result is kept), and any group marked ``\\*``.
"""

from __future__ import annotations

import re

from ..errors import TranscriptError

# a control word with its number and the one space that ends it, a control symbol, a hex
# character, a brace, a line end (no text in Rich Text), or a run of plain text
_TOKEN = re.compile(r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|[\r\n]+|([^\\{}\r\n]+)",
                    re.S)
_SKIPPED = frozenset("fonttbl colortbl stylesheet info pict header headerl headerr headerf footer footerl footerr "
                     "footerf fldinst object themedata colorschememapping datastore latentstyles listtable "
                     "listoverridetable rsidtbl generator xmlnstbl mmathpr revtbl filetbl private pgdsctbl "
                     "listtext pntext pntxta pntxtb footnote annotation atnid atnauthor bkmkstart bkmkend "
                     "nonshppict shppict".split())
_CHARACTERS = {"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "tab": "\t", "cell": "\t",
               "emdash": "\u2014", "endash": "\u2013", "lquote": "\u2018", "rquote": "\u2019",
               "ldblquote": "\u201c", "rdblquote": "\u201d", "bullet": "\u2022", "emspace": " ", "enspace": " ",
               "qmspace": " "}
_SYMBOLS = {"~": "\u00a0", "-": "", "_": "-", "{": "{", "}": "}", "\\": "\\", "\n": "\n", "\r": "\n"}
MAX_DEPTH = 512


def looks_like_rtf(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:5] == "{\\rtf"


def rtf_text(text: str, source: str | None = None) -> str:
    """The text a Rich Text document shows; ``TranscriptError`` when it is nested too deeply."""
    codepage = "cp1252"
    out: list[str] = []
    skip_depth = 0  # while above zero, inside a group whose text is not shown
    depth = 0
    fallback = 1  # how many characters stand in after a \uN (\ucN)
    pending_fallback = 0
    group_start = False  # just after "{": a "\*" or a destination word there makes the group skipped
    for m in _TOKEN.finditer(text):
        word, number, hexa, symbol, brace, plain = m.groups()
        if brace is not None:
            if brace == "{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise TranscriptError("the Rich Text document is nested too deeply", source=source)
                if skip_depth:
                    skip_depth += 1
                group_start = True
            else:
                depth = max(depth - 1, 0)
                if skip_depth:
                    skip_depth -= 1
                group_start = False
            pending_fallback = 0
            continue
        starting, group_start = group_start, False
        if pending_fallback and (plain is not None or hexa is not None or symbol is not None):
            if plain is not None and len(plain) > pending_fallback:
                plain = plain[pending_fallback:]
                pending_fallback = 0
            else:
                pending_fallback -= 1 if plain is None else len(plain)
                pending_fallback = max(pending_fallback, 0)
                continue
        if word is not None:
            if skip_depth:
                continue
            if starting and word in _SKIPPED:
                skip_depth = 1
            elif word == "ansicpg" and number:
                codepage = f"cp{number}"
            elif word == "uc" and number:
                fallback = max(int(number), 0)
            elif word == "u" and number:
                code = int(number)
                out.append(chr(code + 65536 if code < 0 else code) if -32768 <= code <= 1114111 else "\ufffd")
                pending_fallback = fallback
            else:
                character = _CHARACTERS.get(word)
                if character is not None:
                    out.append(character)
        elif symbol is not None:
            if symbol == "*":
                if starting:
                    skip_depth = 1
            elif not skip_depth:
                out.append(_SYMBOLS.get(symbol, ""))
        elif hexa is not None:
            if not skip_depth:
                try:
                    out.append(bytes([int(hexa, 16)]).decode(codepage))
                except (LookupError, UnicodeDecodeError):
                    out.append(bytes([int(hexa, 16)]).decode("cp1252", errors="replace"))
        elif plain is not None and not skip_depth:
            out.append(plain)
    # a character beyond the first 65,536 comes as two \uN, a surrogate pair: joined here, and a
    # surrogate left alone becomes U+FFFD (no text store takes it)
    return "".join(out).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
