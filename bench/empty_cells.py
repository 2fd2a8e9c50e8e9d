"""The security review's workbook for finding 6 (2026-12-06): an outputs
header, then 100,000 rows of 19 empty cells (<c r="B2"/>), 1.9 million cells
under the 2,000,000-cell limit, about 4.9 MB zipped.

    python -m bench.empty_cells /tmp/empty_cells.xlsx            # the review's
    python -m bench.empty_cells /tmp/small.xlsx --rows 12500     # 237,500 cells"""

from __future__ import annotations

import argparse
import io
import zipfile
from pathlib import Path

from openpyxl.utils import get_column_letter

from fivebarriers.data import tables

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="outputs" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def workbook(rows: int = 100_000, columns: int = 19) -> bytes:
    """An outputs workbook: its header, then `rows` rows of `columns` empty cells."""
    header = tables.user_columns("outputs")[:columns]
    letters = [get_column_letter(i) for i in range(1, columns + 1)]
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    ]
    parts += [
        f'<c r="{c}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for c, name in zip(letters, header, strict=False)
    ]
    parts.append("</row>")
    for r in range(2, rows + 2):
        parts.append(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"/>' for c in letters) + "</row>")
    parts.append("</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", "".join(parts))
    return buffer.getvalue()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--columns", type=int, default=19)
    args = p.parse_args()
    data = workbook(args.rows, args.columns)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data) / 1024 / 1024:.1f} MB, {args.rows * args.columns:,} empty cells")


if __name__ == "__main__":
    main()
