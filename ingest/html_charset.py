"""The text of a web page's bytes: the BOM, else the charset the page declares, else UTF-8, else cp1252.

This is what a browser does with a saved page (there is no HTTP header to go by), with WHATWG's
aliases: a page labelled ISO-8859-1 or ASCII is windows-1252, and a <meta> that says UTF-16 means
UTF-8. One departure: bytes labelled with a single-byte charset that are valid multi-byte UTF-8 are
read as UTF-8, since "£" as "Â£" is a wrong label far more often than the writer's intent.
"""

from __future__ import annotations

import codecs
import re

from ingest.errors import EncodingError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252; a <meta> saying UTF-16 means UTF-8
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252", "utf-16": "utf-8", "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}  # fmt: skip
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_html(data: bytes, name: str) -> tuple[str, list[str]]:
    """BOM, then the charset the page declares, then UTF-8, then cp1252: what a browser would try."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), []
            except UnicodeDecodeError as error:
                cause = f"starts with a {encoding} BOM but is not {encoding} (bad byte at {error.start})"
                raise EncodingError(name, cause) from None
    notes: list[str] = []
    head = data[:8192]
    declared_match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if declared_match:
        declared = declared_match.group(1).decode("ascii").lower()
        codec = _CHARSET_ALIASES.get(declared, declared)
        try:
            codecs.lookup(codec)
        except LookupError:
            notes.append(f"unknown charset {declared!r} declared; read as UTF-8 or cp1252")
        else:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                notes.append(f"declared charset {declared} does not fit the bytes (bad byte at {error.start})")
            else:
                if codec == "utf-8" or not _is_utf8(data):
                    return text, notes
                # multi-byte UTF-8 is no accident in cp1252 text ("Â£"): the label is wrong, as pages' often are
                return data.decode("utf-8"), [f"declared charset {declared}, but the bytes are UTF-8; read as UTF-8"]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise EncodingError(name, f"not UTF-8 (bad byte at {error.start}) and not cp1252 either") from None
        return text, [*notes, f"not UTF-8 (bad byte at {error.start}); decoded as cp1252"]
    return text, [*notes, "decoded as UTF-8"] if notes else notes


def _is_utf8(data: bytes) -> bool:
    """Non-ASCII bytes that all decode as UTF-8."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
