"""Hostile Excel files are refused with a clear reason, quickly, and nothing is imported.

Every file is built here (zipfile/openpyxl into tmp_path); no binary fixture is committed.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest

from app import cli
from app.config import database_path
from app.db import open_database
from app.services import complaint_import, customer_import, customer_service, xlsx_safety
from app.services.customer_import import ImportFileError

# ---------------------------------------------------------------- building the files


def register(path: Path, rows: int = 2, extra: list[str] | None = None) -> Path:
    """A sound customer register: header, rows; extra columns on the header if asked."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "顾客档案"
    sheet.append(["客户编号", "客户名称", *(extra or [])])
    for i in range(1, rows + 1):
        sheet.append([f"KH{i:03}", f"顾客{i}"])
    workbook.save(path)
    return path


def rezip(source: Path, target: Path, replace: dict[str, bytes] | None = None, add=None) -> Path:
    """Copy a workbook's parts into a new zip, with some parts replaced or added."""
    replace = replace or {}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = replace.get(item.filename, old.read(item.filename))
            new.writestr(item.filename, data)
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


def part(path: Path, name: str) -> str:
    """A part's XML from its root element on (without an XML declaration)."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(name).decode("utf-8")
    return re.sub(r"^<\?xml[^>]*\?>\s*", "", xml)


def compound_file(streams: list[str]) -> bytes:
    """A minimal OLE2 compound file (what Excel writes for an encrypted or .xls workbook).

    Header, one FAT sector and one directory sector holding the root entry and the named
    (empty) streams, as MS-CFB lays them out with 512-byte sectors.
    """
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    header[80:512] = b"\xff" * 432
    fat = struct.pack("<II", fat_sector, end) + b"\xff\xff\xff\xff" * 126

    def entry(name: str, kind: int, child: int = free, right: int = free) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        raw = bytearray(128)
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBBIII", raw, 64, len(encoded), kind, 1, free, right, child)
        struct.pack_into("<IQ", raw, 116, end, 0)
        return bytes(raw)

    entries = [entry("Root Entry", 5, child=1)]
    for i, name in enumerate(streams, start=1):
        entries.append(entry(name, 2, right=i + 1 if i < len(streams) else free))
    directory = b"".join(entries).ljust(512, b"\0")
    return bytes(header) + fat + directory


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def refusal(path: Path) -> ImportFileError:
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as caught:
        customer_import.read_sheet(path)
    assert time.perf_counter() - started < 5, "a refusal must be quick, never a hang"
    return caught.value


# ---------------------------------------------------------------- the refusals


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_a_sound_register_passes(tmp_path):
    path = register(tmp_path / "顾客.xlsx")
    assert xlsx_safety.check(path) is None
    assert len(customer_import.read_sheet(path).rows) == 2


@pytest.mark.parametrize(
    "content",
    [b"code,name\nKH001,x\n", b"", b"PK\x03\x04 truncated", bytes(range(256)) * 40],
    ids=["csv", "empty", "broken-zip", "noise"],
)
def test_a_file_that_is_not_a_workbook(tmp_path, content):
    path = tmp_path / "顾客.xlsx"
    path.write_bytes(content)
    assert refusal(path).error.code == "file_not_xlsx"


def test_a_word_document_or_a_zip_of_photos_is_not_a_workbook(tmp_path):
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    photos = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(photos, "w") as archive:
        archive.writestr("1.jpg", b"\xff\xd8\xff" + bytes(100))
    assert refusal(docx).error.code == "file_not_xlsx"
    assert refusal(photos).error.code == "file_not_xlsx"


def test_a_zip_bomb_that_unpacks_past_the_limit(tmp_path):
    path = tmp_path / "bomb.xlsx"
    rezip(
        register(tmp_path / "plain.xlsx"),
        path,
        add={"xl/media/image1.bin": b"\0" * (xlsx_safety.MAX_UNPACKED_MB * 1024 * 1024 + 1)},
    )
    assert path.stat().st_size < 2 * 1024 * 1024
    error = refusal(path)
    assert error.error.code == "file_unpacks_too_big"
    assert error.message("en") == (
        f"bomb.xlsx would unpack to {xlsx_safety.MAX_UNPACKED_MB + 1} MB "
        f"(at most {xlsx_safety.MAX_UNPACKED_MB} MB); refused as a possible zip bomb."
    )
    assert "压缩炸弹" in error.message("zh_CN")


def test_a_part_packed_implausibly_tight(tmp_path):
    path = rezip(
        register(tmp_path / "plain.xlsx"),
        tmp_path / "tight.xlsx",
        replace={"xl/worksheets/sheet1.xml": b" " * (20 * 1024 * 1024)},
    )
    error = refusal(path)
    assert error.error.code == "file_packed_too_tight"
    assert "xl/worksheets/sheet1.xml" in error.message("en")


def test_too_many_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_safety, "MAX_PARTS", 50)
    path = rezip(
        register(tmp_path / "plain.xlsx"),
        tmp_path / "parts.xlsx",
        add={f"xl/media/{i}.bin": b"x" for i in range(60)},
    )
    assert refusal(path).error.code == "file_too_many_parts"


def test_macro_workbooks_are_refused_by_content_or_name(tmp_path):
    plain = register(tmp_path / "plain.xlsx")
    types = part(plain, "[Content_Types].xml")
    macro_types = types.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert macro_types != types
    as_xlsx = rezip(
        plain,
        tmp_path / "宏.xlsx",
        replace={"[Content_Types].xml": macro_types.encode()},
        add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA"},
    )
    content_type_only = rezip(
        plain, tmp_path / "ct.xlsx", replace={"[Content_Types].xml": macro_types.encode()}
    )
    vba_only = rezip(plain, tmp_path / "vba.xlsx", add={"xl/vbaProject.bin": b"VBA"})
    by_name = rezip(plain, tmp_path / "register.xlsm")
    for path in (as_xlsx, content_type_only, vba_only, by_name):
        assert refusal(path).error.code == "file_macros", path.name
    assert refusal(as_xlsx).message("en") == (
        "宏.xlsx contains macros (.xlsm / VBA) and is not imported; save it as an "
        "“Excel Workbook (*.xlsx)” and import that."
    )


def test_a_password_protected_workbook(tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage"]))
    error = refusal(path)
    assert error.error.code == "file_encrypted"
    assert error.message("en") == (
        "加密.xlsx is password-protected (encrypted); save it without a password, then import that."
    )
    assert "取消密码" in error.message("zh_CN")


def test_an_old_xls_under_an_xlsx_name_is_named_as_such(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(compound_file(["Workbook", "SummaryInformation"]))
    assert refusal(path).error.code == "file_xls"


@pytest.mark.parametrize("target", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_xml_entity_expansion_is_refused_not_expanded(tmp_path, target):
    plain = register(tmp_path / "plain.xlsx")
    hostile = BILLION_LAUGHS + part(plain, target).replace("KH001", "&lol9;")
    path = rezip(plain, tmp_path / "lol.xlsx", replace={target: hostile.encode()})
    error = refusal(path)
    assert error.error.code == "file_xml_entities"
    assert target in error.message("en") and "possibly malicious" in error.message("en")


def test_openpyxl_alone_refuses_entities_too(tmp_path, monkeypatch):
    """Behind the check, defusedxml in openpyxl still refuses: an error, never an expansion."""
    plain = register(tmp_path / "plain.xlsx")
    sheet = part(plain, "xl/worksheets/sheet1.xml")
    path = rezip(
        plain,
        tmp_path / "lol.xlsx",
        replace={"xl/worksheets/sheet1.xml": (BILLION_LAUGHS + sheet).encode()},
    )
    monkeypatch.setattr(xlsx_safety, "check", lambda _path: None)
    assert refusal(path).error.code == "file_xml_entities"


def test_a_sheet_that_claims_a_million_rows(tmp_path):
    plain = register(tmp_path / "plain.xlsx")
    sheet = part(plain, "xl/worksheets/sheet1.xml")
    spoofed = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:B1048576"', sheet)
    assert spoofed != sheet
    path = rezip(
        plain, tmp_path / "claims.xlsx", replace={"xl/worksheets/sheet1.xml": spoofed.encode()}
    )
    error = refusal(path)
    assert error.error.code == "sheet_claims_too_big"
    assert error.message("en") == (
        "Sheet “顾客档案” declares the range A1:B1048576, more than 100000 rows or 200 columns; "
        "it is not imported."
    )


def test_a_row_placed_a_million_rows_down_is_refused_quickly(tmp_path):
    plain = register(tmp_path / "plain.xlsx")
    sheet = part(plain, "xl/worksheets/sheet1.xml")
    sheet = re.sub(r"<dimension [^>]*/>", "", sheet)  # no claim: only what is there counts
    far = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    path = rezip(
        plain,
        tmp_path / "far.xlsx",
        replace={"xl/worksheets/sheet1.xml": sheet.replace("</sheetData>", far).encode()},
    )
    error = refusal(path)
    assert error.error.code == "sheet_too_big"
    assert "顾客档案" in error.message("zh_CN")


def test_a_cell_in_the_last_column_is_refused(tmp_path):
    plain = register(tmp_path / "plain.xlsx")
    sheet = re.sub(r"<dimension [^>]*/>", "", part(plain, "xl/worksheets/sheet1.xml"))
    wide = '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = sheet.replace("</row>", wide, 2)
    path = rezip(
        plain, tmp_path / "wide.xlsx", replace={"xl/worksheets/sheet1.xml": sheet.encode()}
    )
    assert refusal(path).error.code == "sheet_too_big"


def test_more_rows_than_allowed_are_refused_while_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_safety, "MAX_ROWS", 50)
    path = register(tmp_path / "long.xlsx", rows=60)
    sheet = re.sub(r"<dimension [^>]*/>", "", part(path, "xl/worksheets/sheet1.xml"))
    path = rezip(
        path, tmp_path / "long2.xlsx", replace={"xl/worksheets/sheet1.xml": sheet.encode()}
    )
    assert refusal(path).error.code == "sheet_too_big"
    assert (
        refusal(register(tmp_path / "claimed.xlsx", rows=60)).error.code == "sheet_claims_too_big"
    )
    assert len(customer_import.read_sheet(register(tmp_path / "ok.xlsx", rows=40)).rows) == 40


def test_the_complaint_import_refuses_the_same_files(tmp_path):
    path = rezip(register(tmp_path / "plain.xlsx"), tmp_path / "ledger.xlsm")
    with pytest.raises(complaint_import.ImportFileError) as caught:
        complaint_import.read_sheet(path)
    assert caught.value.error.code == "file_macros"


# ---------------------------------------------------------------- nothing written


def _hostile_files(tmp_path: Path) -> list[Path]:
    plain = register(tmp_path / "plain.xlsx")
    encrypted = tmp_path / "encrypted.xlsx"
    encrypted.write_bytes(compound_file(["EncryptionInfo", "EncryptedPackage"]))
    sheet = part(plain, "xl/worksheets/sheet1.xml")
    return [
        rezip(plain, tmp_path / "macro.xlsx", add={"xl/vbaProject.bin": b"VBA"}),
        encrypted,
        rezip(
            plain,
            tmp_path / "lol.xlsx",
            replace={"xl/worksheets/sheet1.xml": (BILLION_LAUGHS + sheet).encode()},
        ),  # fmt: skip
        rezip(plain, tmp_path / "bomb.xlsx", add={"xl/media/0.bin": b"\0" * (210 * 1024 * 1024)}),
    ]


@pytest.mark.parametrize("what", ["customers", "complaints"])
def test_the_command_line_refuses_in_one_line_and_writes_nothing(tmp_path, capsys, what):
    data = tmp_path / "data"
    engine = open_database(data)
    customer_service.create(engine, customer_service.CustomerData(code="KH900", name="在库"), "t")
    engine.dispose()
    before = database_path(data).read_bytes()
    for path in _hostile_files(tmp_path):
        code = cli.main(["--lang", "en", "--data-dir", str(data), "import", what, str(path)])
        out, err = capsys.readouterr()
        assert code == 1, (path.name, out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and path.name in lines[0], err
        assert out == ""
        assert database_path(data).read_bytes() == before, path.name
        assert not (data / "backups").exists()  # refused before any backup or write
    engine = open_database(data)
    assert customer_service.count(engine) == 1
    engine.dispose()


def test_refusals_read_no_more_than_the_prolog(tmp_path, monkeypatch):
    """The DTD scan stops at the first element: a large sound sheet is not read twice."""
    opened = []
    real_open = zipfile.ZipFile.open

    def counting_open(self, name, *args, **kwargs):
        stream = real_open(self, name, *args, **kwargs)
        opened.append(stream)
        return stream

    path = register(tmp_path / "big.xlsx", rows=3000)
    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    assert xlsx_safety.check(path) is None
    assert opened and all(isinstance(s, io.IOBase) for s in opened)
    sheet_stream = next(s for s in opened if s.name == "xl/worksheets/sheet1.xml")
    assert sheet_stream._left > 0  # noqa: SLF001  (most of the sheet was never unpacked)
