"""Checks an Excel file before openpyxl reads it: hostile or unusable workbooks are refused.

A workbook from outside (a customer, another department, a download) may be a zip bomb, carry
macros, be encrypted, or hold XML built to make a parser expand entities without end. check()
looks at the file's bytes, its zip directory and the start of every part, and returns the
reason to refuse it (a validation.FieldError, bilingual) or None. Nothing is unpacked beyond
the prolog of each XML part, so a refusal costs milliseconds whatever the file claims.

openpyxl itself parses with defusedxml when it is installed (openpyxl.xml.DEFUSEDXML), so an
entity declaration that slipped past this check still fails with an error, never a hang. The
sheet being imported is limited while it is read (customer_import.read_sheet, MAX_ROWS and
MAX_COLUMNS): the range a sheet claims and the rows actually present.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from app.services.validation import FieldError

MAX_UNPACKED_MB = 200  # all parts together, unpacked
MAX_RATIO = 100  # unpacked : packed, for a part of at least BIG_PART bytes
BIG_PART = 10 * 1024 * 1024
MAX_PARTS = 10_000
MAX_ROWS = 100_000  # rows of the sheet read (Excel row numbers)
MAX_COLUMNS = 200
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # a compound file: old .xls, or an encrypted .xlsx
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")

_SPREADSHEET_MAIN = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
)
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def check(path: str | Path) -> FieldError | None:
    """Why the file at path must not be opened as a workbook, or None when it may be.

    OSError (unreadable file) is left to the caller.
    """
    path = Path(path)
    name = path.name
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head == OLE2_MAGIC:
        return _compound_file(path)
    if path.suffix.lower() in MACRO_SUFFIXES:
        return FieldError("file_macros", {"path": name})
    try:
        with zipfile.ZipFile(path) as archive:
            return _archive_problem(archive, name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        return FieldError("file_not_xlsx", {"path": name})


def _compound_file(path: Path) -> FieldError:
    """An OLE2 compound file: Excel's encrypted package, or an old binary .xls (or another file)."""
    found = _stream_names(path, ("EncryptedPackage", "Workbook", "Book"))
    if "EncryptedPackage" in found:
        return FieldError("file_encrypted", {"path": path.name})
    if found:
        return FieldError("file_xls", {"path": path.name})
    return FieldError("file_not_xlsx", {"path": path.name})


def _stream_names(path: Path, names: tuple[str, ...]) -> set[str]:
    """Which of names occur as stream names (UTF-16LE) in a compound file, read in chunks."""
    wanted = {name: name.encode("utf-16-le") for name in names}
    overlap = max(len(encoded) for encoded in wanted.values())
    found: set[str] = set()
    tail = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            window = tail + chunk
            found |= {name for name, encoded in wanted.items() if encoded in window}
            tail = window[-overlap:]
    return found


def _archive_problem(archive: zipfile.ZipFile, name: str) -> FieldError | None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        return FieldError(
            "file_too_many_parts", {"path": name, "count": len(parts), "max": MAX_PARTS}
        )
    if any(part.flag_bits & 0x1 for part in parts):  # a zip entry with a password
        return FieldError("file_encrypted", {"path": name})
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_MB * 1024 * 1024:
        size = -(-unpacked // (1024 * 1024))
        return FieldError(
            "file_unpacks_too_big", {"path": name, "size": size, "max": MAX_UNPACKED_MB}
        )
    for part in parts:
        if part.file_size >= BIG_PART and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            ratio = part.file_size // max(part.compress_size, 1)
            return FieldError(
                "file_packed_too_tight",
                {"path": name, "part": part.filename, "ratio": ratio, "max": MAX_RATIO},
            )
    names = {part.filename.lower() for part in parts}
    if any(n.endswith("vbaproject.bin") or n.startswith("xl/macrosheets/") for n in names):
        return FieldError("file_macros", {"path": name})
    for part in parts:
        if _declares_a_dtd(archive, part):
            return FieldError("file_xml_entities", {"path": name, "part": part.filename})
    return _content_types_problem(archive, name)


def _declares_a_dtd(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """True when the part's prolog has a DOCTYPE (where entities are declared).

    Parsing stops at the root element, after which XML allows no DOCTYPE: only the prolog is
    read. A part that is not XML (an image) fails on its first bytes and counts as no DTD.
    """
    if part.is_dir():
        return False
    try:
        with archive.open(part) as stream:
            for _event, _element in iterparse(stream, events=("start",), forbid_dtd=True):
                return False
    except DefusedXmlException:
        return True
    except Exception:  # noqa: BLE001  (not XML, or broken XML: openpyxl reports what it needs)
        return False
    return False


def _content_types_problem(archive: zipfile.ZipFile, name: str) -> FieldError | None:
    """The package must say it is a workbook, and not a macro-enabled or binary one."""
    try:
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size > 1024 * 1024:
            return FieldError("file_not_xlsx", {"path": name})
        root = fromstring(archive.read(info), forbid_dtd=True)
    except KeyError:
        return FieldError("file_not_xlsx", {"path": name})
    except DefusedXmlException:
        return FieldError("file_xml_entities", {"path": name, "part": "[Content_Types].xml"})
    except Exception:  # noqa: BLE001  (unparsable: not an Office package)
        return FieldError("file_not_xlsx", {"path": name})
    types = [
        element.get("ContentType", "")
        for element in root
        if element.tag in (f"{_CONTENT_TYPES_NS}Override", f"{_CONTENT_TYPES_NS}Default")
    ]
    lowered = [t.lower() for t in types]
    if any("sheet.binary" in t for t in lowered):  # .xlsb: a binary workbook openpyxl cannot read
        return FieldError("file_not_xlsx", {"path": name})
    if any("macroenabled" in t or "vbaproject" in t or "macrosheet" in t for t in lowered):
        return FieldError("file_macros", {"path": name})
    if not any(t in _SPREADSHEET_MAIN for t in types):
        return FieldError("file_not_xlsx", {"path": name})
    return None
