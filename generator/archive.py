"""The one zip writer: the pack's and the templates' .docx, the download archives and the openpyxl workbooks
(roster, 汇总) go through here. Two kinds come whole from a library instead: the pack's workbooks (XlsxWriter,
which dates its entries 1980-01-01 itself) and the 学习手册 (pandoc).

Entries get a fixed timestamp, so the same content always gives the same bytes (a regenerated
file the user did not touch is recognised as unchanged). Members can be passed already
compressed, so template parts are copied as stored and never recompressed.
"""

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Entry:
    """One zip member, already compressed."""

    name: bytes
    method: int
    crc: int
    size: int
    data: bytes


def deflated(name: str, content: bytes) -> Entry:
    packer = zlib.compressobj(1, zlib.DEFLATED, -15)  # fastest: packs are written often, read by Word once
    data = packer.compress(content) + packer.flush()
    return Entry(name.encode("utf-8"), zipfile.ZIP_DEFLATED, zlib.crc32(content), len(content), data)


def stored_entries(blob: bytes) -> dict[str, Entry]:
    """Every member of a zip archive with its compressed bytes as stored."""
    entries = {}
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        for info in package.infolist():
            name_len, extra_len = struct.unpack_from("<HH", blob, info.header_offset + 26)
            start = info.header_offset + 30 + name_len + extra_len
            entries[info.filename] = Entry(info.filename.encode("utf-8"), info.compress_type, info.CRC,
                                           info.file_size, blob[start:start + info.compress_size])
    return entries


def file_entries(path: Path) -> dict[str, Entry]:
    return stored_entries(path.read_bytes())


_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, time 00:00
FIXED_TIME = datetime(1980, 1, 1)    # the same instant, for the dates a workbook records inside


def zip_bytes(entries: Iterable[Entry]) -> bytes:
    """A zip archive of already compressed members (UTF-8 names, fixed timestamps)."""
    out, central, count = bytearray(), bytearray(), 0
    for entry in entries:
        # method, time, date, crc, compressed size, size, name length
        fields = (entry.method, 0, _DOS_DATE, entry.crc, len(entry.data), entry.size, len(entry.name))
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0x800, *fields, 0, 0, 0, 0, 0, len(out))
        central += entry.name
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x800, *fields, 0) + entry.name + entry.data
        count += 1
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)


def archive(files: dict[str, bytes]) -> bytes:
    """A zip of named contents, in the given order."""
    return zip_bytes(deflated(name, data) for name, data in files.items())


def normalized(blob: bytes) -> bytes:
    """The same archive rewritten with fixed timestamps (members kept as compressed)."""
    return zip_bytes(stored_entries(blob).values())


def workbook_bytes(workbook) -> bytes:
    """An openpyxl workbook as .xlsx bytes with fixed dates (created, modified and every zip entry):
    the same content gives the same bytes, so a regenerated workbook is never taken for an edited one."""
    from openpyxl.writer.excel import ExcelWriter  # openpyxl is slow to import: only workbooks need it

    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        ExcelWriter(workbook, package).save()  # not openpyxl's save_workbook, which stamps the current time
    return normalized(buffer.getvalue())
