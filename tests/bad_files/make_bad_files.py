"""Writes the corpus of bad (and tricky) analyst files in this folder.

The files are committed; this script documents how each was made and can
regenerate them: `.venv/bin/python tests/bad_files/make_bad_files.py`.
Every file is what an analyst could really send: a CSV saved by a
spreadsheet, a workbook, an image with the wrong name, and so on."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl

from fivebarriers.data import tables, templates

HERE = Path(__file__).resolve().parent
COLUMNS = tables.user_columns("outputs")


def row(n: int, **changes: str) -> dict[str, str]:
    base = dict(templates.EXAMPLES["outputs"])
    base["output_id"] = f"bad-file-row-{n}"
    base.update(changes)
    return base


def csv_text(rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({c: r.get(c, "") for c in columns})
    return out.getvalue()


def write_csv(name: str, rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> None:
    (HERE / name).write_text(csv_text(rows, columns), encoding="utf-8", newline="")


def workbook(sheets: dict[str, list[list[object]]]) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for r in rows:
            sheet.append(r)
    return book


def values(r: dict[str, str]) -> list[object]:
    """Cells as a spreadsheet holds them: numbers as numbers, dates as dates."""
    out: list[object] = []
    for c in COLUMNS:
        v = r.get(c, "") or None
        if v and c in ("baseline", "target_low", "target_high", "actual"):
            v = float(v) if "." in v else int(v)
        elif v and c == "period_end":
            v = dt.datetime.fromisoformat(v)
        out.append(v)
    return out


def main() -> None:
    # Encodings
    text = csv_text([row(1, measure="Café visits (wave two)")])
    (HERE / "latin1_encoding.csv").write_bytes(text.encode("latin-1"))
    (HERE / "utf16_unicode_text.csv").write_bytes(text.encode("utf-16"))
    (HERE / "bom_utf8_valid.csv").write_bytes(
        b"\xef\xbb\xbf" + csv_text([row(1, measure="Café visits")]).encode()
    )

    # Not a CSV at all
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "image_renamed.csv").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    )
    (HERE / "binary_renamed.csv").write_bytes(bytes(range(256)) * 4)
    (HERE / "old_excel.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (HERE / "semicolons.csv").write_text(csv_text([row(1)]).replace(",", ";"), encoding="utf-8")

    # Layout
    lines = csv_text([row(1), row(2), row(3, target_low="150", target_high="100")]).split("\r\n")
    (HERE / "blank_lines.csv").write_text("\r\n".join([*lines[:2], "", ",,,", *lines[2:]]), encoding="utf-8")
    ragged = csv_text([row(1), row(2)]).split("\r\n")
    ragged[2] = ragged[2].replace("Example row: replace with your own figures.", "Example, with a comma")
    (HERE / "ragged_row.csv").write_text("\r\n".join(ragged), encoding="utf-8")
    write_csv(
        "header_typos.csv",
        [row(1, comments="x")],
        ["output_id", "pilot", *COLUMNS[2:8], "acutal", *COLUMNS[9:], "comments"],
    )
    dup_header = csv_text([row(1)]).split("\r\n")
    dup_header[0] += ",actual"
    dup_header[1] += ",310"
    (HERE / "duplicate_header.csv").write_text("\r\n".join(dup_header), encoding="utf-8")
    write_csv("unknown_table.csv", [{"name": "x", "colour": "blue"}], ["name", "colour", "size"])

    # Keys
    write_csv("duplicate_in_file.csv", [row(1), row(2), row(1)])
    write_csv("duplicate_vs_db.csv", [row(1, output_id="ghh-people-helped")])
    write_csv("unknown_keys.csv", [row(1, pilot_id="good-help-hb", source_id="pfpp-guidance")])

    # Honesty rules and numbers
    write_csv("reversed_range.csv", [row(1, target_low="250", target_high="200")])
    write_csv(
        "not_reported_with_number.csv", [row(1, status="not reported", actual="0", qualifier="exactly")]
    )
    write_csv("huge_numbers.csv", [row(1, actual="5e15")])
    write_csv("nan_inf.csv", [row(1, actual="NaN", qualifier=""), row(2, target_low="inf")])
    write_csv("thousands_comma.csv", [row(1, actual="1,234")])
    write_csv("over_550_in_number.csv", [row(1, actual="over 550", qualifier="")])
    write_csv("number_with_unit.csv", [row(1, actual="550 people")])
    write_csv("not_allowed_values.csv", [row(1, kind="Achieved", status="reportd", qualifier="approx")])
    write_csv("missing_required.csv", [row(1, measure="", source_id="  ")])
    write_csv("future_date.csv", [row(1, period_end="2031-03-31")])
    write_csv("impossible_date.csv", [row(1, period_end="2023-02-30"), row(2, period_end="31/03/2023")])
    write_csv("control_characters.csv", [row(1, note="tab\tis fine but this \x07 bell is not")])
    # Issue 25: a file from the template before strength of evidence (its columns
    # absent), and a comparison with the goal that the source does not make.
    older = [c for c in COLUMNS if c not in ("evidence_strength", "evidence_basis")]
    write_csv("no_strength_of_evidence.csv", [row(1)], older)
    write_csv("comparison_not_in_source.csv", [row(1, source_judgement="passed its goal")])

    # Text that looks dangerous but is data: stored as typed, exported safely.
    write_csv(
        "injection_text_valid.csv",
        [
            row(
                1,
                measure='=HYPERLINK("http://example.invalid/?leak=1","click me")',
                note="'); drop table outputs; --",
                unit="<script>alert(1)</script>",
                locator="@SUM(1+1) -- and **bold** [link](http://example.invalid)",
            )
        ],
    )

    # Other tables
    place_columns = tables.user_columns("places")
    example = templates.EXAMPLES["places"]
    write_csv(
        "places_cycle.csv",
        [
            {**example, "place_id": "ward-a", "parent_id": "ward-b"},
            {**example, "place_id": "ward-b", "parent_id": "ward-a"},
        ],
        place_columns,
    )
    write_csv(
        "pilots_reversed_dates.csv",
        [
            {
                **templates.EXAMPLES["pilots"],
                "pilot_id": "wakefield-example-pilot",
                "start_date": "2023-03-31",
                "end_date": "2021-02-01",
            }
        ],
        tables.user_columns("pilots"),
    )

    # Workbooks
    header = list(COLUMNS)
    book = workbook({"outputs": [header, values(row(1)), values(row(2))]})
    book["outputs"]["I3"] = "=SUM(F3:G3)"
    book.save(HERE / "formula_cells.xlsx")
    book = workbook({"Sheet1": [header, values(row(1))], "Notes": [["Checked by"], ["A. Analyst"]]})
    book.save(HERE / "several_sheets.xlsx")
    book = workbook({"outputs": [header, values(row(1))]})
    cell = book["outputs"]["I2"]
    cell.value = "#DIV/0!"
    cell.data_type = "e"
    book.save(HERE / "excel_error.xlsx")
    text_cell = workbook({"outputs": [header, values(row(1))]})
    text_cell["outputs"]["N2"].value = '=HYPERLINK("http://example.invalid")'
    text_cell["outputs"]["N2"].data_type = "s"  # typed as text, not a formula
    text_cell.save(HERE / "formula_as_text_valid.xlsx")
    with zipfile.ZipFile(HERE / "expands_hugely.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (60 * 1024 * 1024))
    issue_16()


def issue_16() -> None:
    """Files from the red-team review of issue 16: headers that say nothing,
    templates loaded unchanged, cells people type, and files that lie."""
    (HERE / "blank_header.csv").write_text(",,,\r\n" + csv_text([row(1), row(2)]).split("\r\n", 1)[1])
    (HERE / "whitespace_only.csv").write_text("  \n\n \n")
    (HERE / "header_only.csv").write_text(",".join(COLUMNS) + "\r\n")
    (HERE / "template_unchanged.csv").write_text(templates.template("outputs"))
    write_csv(
        "ambiguous_dates.csv",
        [
            row(1, period_end="03/31/2024"),
            row(2, period_end="31/03/24"),
            row(3, period_end="2011-12"),
            row(4, period_end="next year"),
        ],
    )
    write_csv(
        "no_figure_words.csv",
        [row(1, actual="TBC", qualifier=""), row(2, baseline="-"), row(3, actual="n/a", qualifier="")],
    )
    write_csv(
        "noncharacter_text.csv", [row(1, note="copied from a PDF \ufffe"), row(2, measure="odd \uffff")]
    )
    (HERE / "sparse_used_range.xlsx").write_bytes(sparse_xlsx(dimension="A1:XFD1048576"))
    (HERE / "sparse_no_dimension.xlsx").write_bytes(sparse_xlsx(dimension=None))


_PKG = "http://schemas.openxmlformats.org/package/2006"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_XML = '<?xml version="1.0" encoding="UTF-8"?>'


def raw_xlsx(sheet_xml: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal workbook written by hand, so it can say what openpyxl never would."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'{_XML}<Types xmlns="{_PKG}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'{_XML}<workbook xmlns="{_SML}" xmlns:r="{_REL}">'
            '<sheets><sheet name="outputs" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sparse_xlsx(dimension: str | None, wide: bool = True) -> bytes:
    """The review's 2 KB workbook: a header in A1:P1, a cell at XFD1 and one at
    A1048576, so its used range is the whole sheet (A1:XFD1048576)."""
    from openpyxl.utils import get_column_letter

    header = "".join(_inline(f"{get_column_letter(i + 1)}1", c) for i, c in enumerate(COLUMNS))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    xml = (
        f'{_XML}<worksheet xmlns="{_SML}">'
        f'{dim}<sheetData><row r="1">{header}{_inline("XFD1", "x") if wide else ""}</row>'
        f'<row r="1048576">{_inline("A1048576", "y")}</row></sheetData></worksheet>'
    )
    return raw_xlsx(xml)


def wide_header_csv(columns: int = 1_000_000) -> bytes:
    """The review's 7.9 MB CSV whose header has a million columns."""
    return (",".join(f"c{i}" for i in range(columns)) + "\r\n").encode()


def high_ratio_xlsx(expanded: int = 97 * 1024 * 1024) -> bytes:
    """A valid one-row workbook carrying a part that expands about 150 times
    (the review's 650 KB file that expanded to 97 MB)."""
    import random

    rng = random.Random(16)
    block = bytearray(4096)
    chunks = []
    for _ in range(expanded // len(block)):
        for _ in range(3):
            block[rng.randrange(len(block))] = rng.randrange(256)
        chunks.append(bytes(block))
    header = "".join(_inline(f"A{i + 1}", c) for i, c in enumerate(["output_id"]))
    xml = f'{_XML}<worksheet xmlns="{_SML}"><sheetData><row r="1">{header}</row></sheetData></worksheet>'
    return raw_xlsx(xml, {"xl/media/padding.bin": b"".join(chunks)})


if __name__ == "__main__":
    main()
