"""What a load, a dry run or an undo found and did (ingest.py, undo.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from fivebarriers.data.validate import Problem


class IngestError(Exception):
    """A load or undo that could not start or finish; the database is unchanged."""


@dataclass
class Report:
    """What a validation or a load found and did."""

    file_name: str
    table: str | None
    sha256: str
    rows: int
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    batch_id: str | None = None
    dry_run: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    # A workbook with a sheet per table: its tables, parents first, and the
    # rows of each. Empty for a file of one table.
    sheets: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def several(self) -> bool:
        """One batch from several sheets: each problem names its sheet."""
        return len(self.sheets) > 1

    def _sheet_of(self, problem: Problem) -> str:
        return problem.table if problem.table in self.sheets else ""

    @property
    def loaded(self) -> bool:
        return self.batch_id is not None

    def problem_table(self) -> pd.DataFrame:
        """Row, column and problem, in file order (file-level problems first)."""
        order = list(self.sheets)

        def place(p: Problem) -> tuple:
            sheet = self._sheet_of(p)
            return (order.index(sheet) if sheet else -1, p.row is not None, p.row or 0, p.column or "")

        rows = [
            {"sheet": self._sheet_of(p), "row": p.row, "column": p.column or "", "problem": p.message}
            for p in sorted(self.problems, key=place)
        ]
        columns = ["sheet", "row", "column", "problem"] if self.several else ["row", "column", "problem"]
        frame = pd.DataFrame(rows, columns=["sheet", "row", "column", "problem"])[columns]
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def lines(self) -> list[str]:
        """One line per problem: 'file, row 5, column actual: message'."""
        out = []
        for record in self.problem_table().itertuples(index=False):
            where = [self.file_name]
            if self.several and record.sheet:
                where.append(f"sheet {record.sheet}")
            if not pd.isna(record.row):
                where.append(f"row {record.row}")
            if record.column:
                where.append(f"column {record.column}")
            out.append(f"{', '.join(where)}: {record.problem}")
        return out


@dataclass(frozen=True)
class UndoReport:
    batch_id: str
    table: str
    rows_removed: int
