"""Read an analyst's file (CSV or XLSX) into a frame of text cells.

The program reads the bytes itself (DuckDB is never handed a user path), and
every cell stays text until validate.convert types it. Rows are numbered as
the analyst sees them in a spreadsheet: the header is row 1, and blank rows
keep their number even though they are skipped.

A file that cannot be read at all comes back with no rows and a problem that
says why and what to do (save as CSV UTF-8, pass --encoding, pick a sheet...).
Nothing here raises on a bad file: `read` turns any failure it did not
foresee into a problem too. The limits a file must keep are in `limits`;
CSV and XLSX parsing in `read_csv` and `read_xlsx`."""

from __future__ import annotations

import logging
import stat
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from fivebarriers.data import tables
from fivebarriers.data.limits import DEFAULT_MAX_BYTES, MB, human_size
from fivebarriers.data.read_csv import read_csv
from fivebarriers.data.sheet import Sheet, empty, file_problem, sha

__all__ = ["DEFAULT_MAX_BYTES", "MB", "Sheet", "Upload", "human_size", "load_bytes", "read", "read_batch"]

log = logging.getLogger(__name__)

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old-format Excel (.xls) or password-protected workbook",
}
_SAVE_AS = "save it from your spreadsheet as 'CSV UTF-8 (comma delimited)' or as an .xlsx workbook"


@dataclass(frozen=True)
class Upload:
    """A file that arrived as bytes (the upload page) rather than as a path."""

    name: str
    data: bytes


def load_bytes(
    source: Path | str | Upload, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, bytes | None, str]:
    """(file name, bytes or None, problem). The size is checked before reading."""
    if isinstance(source, Upload):
        size = len(source.data)
        name, data = source.name, source.data
    else:
        path = Path(source)
        name = path.name
        try:
            st = path.stat()
        except FileNotFoundError:
            return name, None, f"no file at {path}: check the path"
        except OSError as exc:
            return name, None, _unreadable(path, exc)
        if stat.S_ISDIR(st.st_mode):
            return name, None, f"{path} is a folder, not a file: give the path of a CSV or XLSX file"
        if not stat.S_ISREG(st.st_mode):
            return (
                name,
                None,
                (
                    f"{path} is not a regular file (a device, a pipe or a socket): "
                    "give the path of a CSV or XLSX file"
                ),
            )
        size = st.st_size
        data = None
    if size > max_bytes:
        return (
            name,
            None,
            f"the file is {human_size(size)}; the limit is {human_size(max_bytes)}: "
            "split it into smaller files and load each one",
        )
    if data is None:
        try:
            with open(source, "rb") as f:
                data = f.read(max_bytes + 1)  # a file that grew since: still bounded
        except FileNotFoundError:
            return name, None, f"no file at {source}: it was moved or deleted while being read"
        except OSError as exc:
            return name, None, _unreadable(Path(source), exc)
        if len(data) > max_bytes:
            return name, None, f"the file grew past {human_size(max_bytes)} while being read: load it again"
    return name, data, ""


def _unreadable(path: Path, exc: OSError) -> str:
    why = (
        "this user may not read it"
        if isinstance(exc, PermissionError)
        else exc.strerror or type(exc).__name__
    )
    return f"cannot read {path} ({why}): check the file and its permissions"


def read(
    source: Path | str | Upload,
    table: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Sheet:
    """Read a CSV or XLSX file. `table` picks the sheet of a workbook."""
    name, data, problem = load_bytes(source, max_bytes)
    if data is None:
        return Sheet(name, [], pd.DataFrame(), [file_problem(problem)])
    return _read_guarded(name, data, table, encoding)


def read_batch(
    source: Path | str | Upload,
    table: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Sheet]:
    """The sheets of one load: a workbook with a sheet per table (sources,
    source_sections, outputs...) when no single table is asked for, each
    Sheet's `sheet` naming its table; otherwise the one sheet `read` gives."""
    name, data, problem = load_bytes(source, max_bytes)
    if data is None:
        return [Sheet(name, [], pd.DataFrame(), [file_problem(problem)])]
    if data.startswith(b"PK\x03\x04") and (table is None or len(tables.batch_table_names(table)) > 1):
        from fivebarriers.data.read_xlsx import table_sheets

        try:
            sheets = table_sheets(name, data)
        except MemoryError:
            sheets = None  # read as one table, which says so
        except Exception:  # a workbook we did not foresee: the one-table read reports it
            log.exception("reading the sheets of %s failed", name)
            sheets = None
        if sheets:
            return sheets
    return [_read_guarded(name, data, table, encoding)]


def _read_guarded(name: str, data: bytes, table: str | None, encoding: str | None) -> Sheet:
    try:
        return _read(name, data, table, encoding)
    except MemoryError:
        return empty(name, data, "the file needs more memory to read than the server has: split it")
    except Exception as exc:  # a file we did not foresee: a problem, never a traceback
        log.exception("reading %s failed", name)
        return empty(
            name,
            data,
            f"the file cannot be read ({type(exc).__name__}): {_SAVE_AS}, and if it still fails, "
            "send it to the team that runs the dashboard",
        )


def _read(name: str, data: bytes, table: str | None, encoding: str | None) -> Sheet:
    if not data:
        return empty(name, data, "the file is empty (0 bytes): export your spreadsheet again")
    if data.startswith(b"PK\x03\x04"):
        # openpyxl is imported only for a spreadsheet: a CSV load starts 0.1 s sooner.
        from fivebarriers.data.read_xlsx import read_xlsx

        sheet = read_xlsx(name, data, table)
        if not name.lower().endswith((".xlsx", ".xlsm")) and not sheet.problems:
            sheet.notes.append(f"{name} is an Excel workbook (read as .xlsx despite its name)")
        return sheet
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return empty(name, data, f"this is {what}, not a CSV or .xlsx file: {_SAVE_AS}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not encoding:
        return empty(
            name,
            data,
            "the file is UTF-16 text (Excel's 'Unicode Text'): save it as 'CSV UTF-8 (comma delimited)', "
            "or load it with --encoding utf-16",
        )
    if b"\x00" in data[:65536] and not (encoding or "").lower().startswith("utf-16"):
        return empty(name, data, f"this is not a text file (it contains binary data): {_SAVE_AS}")
    text_bytes, problem = _to_utf8(data, encoding)
    if text_bytes is None:
        return empty(name, data, problem)
    sheet = read_csv(name, text_bytes)
    sheet.sha256, sheet.size = sha(data), len(data)
    return sheet


def _to_utf8(data: bytes, encoding: str | None) -> tuple[bytes | None, str]:
    """UTF-8 bytes without a BOM, or None and the reason."""
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            return None, f"unknown encoding '{encoding}': use e.g. utf-8, latin-1 or cp1252"
        except UnicodeDecodeError as exc:
            return None, f"the file cannot be read as {encoding}: {_position(data, exc)}"
        try:
            return text.removeprefix("\ufeff").encode("utf-8"), ""
        except UnicodeEncodeError as exc:  # a lone surrogate from a UTF-16 file
            return None, f"the file holds a broken character at position {exc.start}: save it again as UTF-8"
    body = data.removeprefix(b"\xef\xbb\xbf")
    if body.isascii():
        return body, ""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, (
            f"the file is not UTF-8: {_position(body, exc)}. Save it as 'CSV UTF-8 (comma delimited)', "
            "or if it was saved as Latin-1 / Windows text, load it with --encoding latin-1"
        )
    return body, ""


def _position(data: bytes, exc: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, exc.start) + 1
    bad = data[exc.start : exc.start + 1].hex().upper()
    return f"byte 0x{bad} at position {exc.start} (line {line}) is not valid"
