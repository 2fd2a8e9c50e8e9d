"""Build the database from data/*.csv: validate every file first, then write
everything in one backend.write_transaction (a temporary file os.replace()d
over the old one, or one lake snapshot), so a failed build leaves the
previous database untouched. Same CSVs, same table contents.

Nothing an analyst loaded is ever dropped silently: on a database holding
loads, build refuses (LoadsWouldBeLost says how many loads and rows) unless
told to keep them (re-applied in order on the new curated base, then the
whole `fivebarriers check`) or to discard them (each batch written to a CSV
beside the database first). The file a build replaces is kept as a backup
(fivebarriers.store.backups; `fivebarriers restore`)."""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from fivebarriers.config import DATA_DIR
from fivebarriers.data import carry_over, check, curated_date, tables, validate
from fivebarriers.progress import Draw, Progress
from fivebarriers.store import backend, schema, search_index, summaries, version
from fivebarriers.store.locking import exclusive_lock

KEEP, DISCARD, REFUSE = "keep", "discard", "refuse"


class LoadsWouldBeLost(Exception):
    """The database holds analysts' loads and the build was not told what to do with them."""

    def __init__(self, target: backend.Target, loads: carry_over.Loads):
        self.loads = loads
        super().__init__(
            f"{target} holds {loads.describe()}: a build from data/ would drop them, so nothing was "
            "changed. Run again with --keep-loads (rebuild data/ and re-apply every load in order, "
            "checked) or --discard-loads (write each load to a CSV beside the database, then drop them)"
        )


class BuildError(Exception):
    """The curated data breaks a rule; `problems` lists every one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in data/: " + "; ".join(problems[:3]))


@dataclass
class CsvTable:
    name: str
    path: Path
    frame: pd.DataFrame
    lines: list[int] = field(default_factory=list)  # file line where each row starts


def read_csv(path: Path, table: str) -> tuple[CsvTable, list[str]]:
    """Read a curated CSV as text, remembering each row's line in the file."""
    problems: list[str] = []
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None) or []
    expected = tables.user_columns(table)
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    if missing:
        problems.append(f"{path.name} line 1: missing column(s) {', '.join(missing)}")
    if extra:
        problems.append(f"{path.name} line 1: unknown column(s) {', '.join(extra)}")
    rows, lines = [], []
    start = reader.line_num + 1
    for record in reader:
        if any(cell.strip() for cell in record):
            if len(record) != len(header):
                problems.append(
                    f"{path.name} line {start}: {len(record)} cells but the header has {len(header)}"
                )
            else:
                rows.append(record)
                lines.append(start)
        start = reader.line_num + 1
    frame = pd.DataFrame(rows, columns=header, dtype="str")
    frame = frame.replace({"": None})
    return CsvTable(table, path, frame, lines), problems


def data_fingerprint(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load_curated(data_dir: Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Read and validate every curated CSV; raise BuildError listing all problems."""
    problems: list[str] = []
    typed: dict[str, pd.DataFrame] = {}
    sources: dict[str, CsvTable] = {}
    for table in schema.CURATED_TABLES:
        path = data_dir / f"{table}.csv"
        if not path.exists():
            problems.append(f"{path.name}: file is missing")
            continue
        csv_table, file_problems = read_csv(path, table)
        problems += file_problems
        if file_problems:
            continue
        result = validate.convert(table, csv_table.frame)
        result.problems += validate.duplicate_keys(table, result.frame)
        problems += [_located(p, csv_table) for p in result.problems]
        typed[table] = result.frame
        sources[table] = csv_table
    known = {
        name: set(frame[tables.PRIMARY_KEYS[name][0]].dropna())
        for name, frame in typed.items()
        if len(tables.PRIMARY_KEYS[name]) == 1
    }
    for table, frame in typed.items():
        problems += [_located(p, sources[table]) for p in validate.foreign_keys(table, frame, known)]
    if "places" in typed:
        problems += [_located(p, sources["places"]) for p in place_cycles(typed["places"])]
    if problems:
        raise BuildError(problems)
    return typed


def place_cycles(places: pd.DataFrame) -> list[validate.Problem]:
    parent = dict(zip(places["place_id"], places["parent_id"], strict=True))
    problems = []
    for i, start in enumerate(places["place_id"]):
        seen, node = set(), start
        while node is not None and not pd.isna(node) and node in parent:
            if node in seen:
                problems.append(
                    validate.Problem(
                        "places", i, "parent_id", f"place '{start}' is its own ancestor: break the loop"
                    )
                )
                break
            seen.add(node)
            node = parent[node]
    return problems


def _located(problem: validate.Problem, src: CsvTable) -> str:
    line = src.lines[problem.row] if problem.row is not None else None
    return f"{problem.where(src.path.name, line)}: {problem.message}"


def write_tables(
    con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame], bar: Progress | None = None
) -> None:
    for table in schema.TABLE_ORDER:
        frame = frames.get(table)
        if frame is None or frame.empty:
            continue
        cols = schema.columns(con, table)
        ordered = frame.reindex(columns=cols)
        con.from_df(ordered).insert_into(table)
        if bar is not None:
            bar.update(bar.done + len(frame))


# The steps a build's progress bar names (progress.py).
STEPS = ("writing", "checking")


class BuildResult(dict):
    """Row counts per table (a dict), plus what happened to the analysts' loads."""

    def __init__(self) -> None:
        super().__init__()
        self.loads = carry_over.Loads()
        self.kept = False
        self.csvs: list[Path] = []


def build(
    db: backend.Target | Path | str | None = None,
    data_dir: Path = DATA_DIR,
    constraints: bool = True,
    loads: str = REFUSE,
    progress: Draw | None = None,
) -> BuildResult:
    """(Re)build `db` (a file or a lake; default FIVEBARRIERS_DB) from
    `data_dir`; return the row count of each table. One write: readers see
    the old data until it has finished, and a failed build changes nothing.
    `loads`: what to do with analysts' loads already in `db` (module doc).
    `progress` draws its progress bar once it has run for two seconds."""
    target = backend.resolve(db)
    frames = _frames_with_info(data_dir)
    found = _existing_loads(target, loads)
    result = BuildResult()
    result.loads = found
    if found.count and loads == REFUSE:
        raise LoadsWouldBeLost(target, found)
    if found.count and loads == DISCARD:
        like = None if target.is_lake else target.path
        folder = carry_over.discard_folder(like or Path.cwd() / "lake")
        con = duckdb.connect()
        try:
            result.csvs = carry_over.write_csvs(con, found, folder, like=like)
        finally:
            con.close()
    keep = found if loads == KEEP else None
    result.kept = bool(keep and keep.count)
    rows = sum(len(f) for f in frames.values()) + (keep.row_count if keep else 0)
    with Progress(rows, STEPS, progress) as bar:
        result.update(_write_db(target, frames, constraints, keep=keep, bar=bar))
    return result


def _existing_loads(target: backend.Target, loads: str) -> carry_over.Loads:
    """The loads in the database about to be replaced (none if there is none yet)."""
    if not backend.exists(target):
        return carry_over.Loads()
    try:
        con = backend.connect_reader(target)
    except backend.BackendError as exc:
        if loads == DISCARD:
            return carry_over.Loads()  # unreadable: replaced, and kept as a backup
        raise backend.BackendError(
            f"{exc}; cannot tell whether it holds analysts' loads, so nothing was changed: "
            "run with --discard-loads to replace it anyway (the old file is kept as a backup)"
        ) from exc
    try:
        return carry_over.read_loads(con)
    except duckdb.CatalogException:
        return carry_over.Loads()  # not a database of ours: no loads in it
    finally:
        con.close()


def _frames_with_info(data_dir: Path) -> dict[str, pd.DataFrame]:
    frames = load_curated(data_dir)
    frames["build_info"] = pd.DataFrame(
        {
            "key": ["data_sha256", *version.build_info_rows(), curated_date.BUILD_INFO_KEY],
            "value": [
                data_fingerprint(data_dir),
                *version.build_info_rows().values(),
                curated_date.curated_changed(data_dir),
            ],
        }
    )
    return frames


def _write_db(
    target: backend.Target,
    frames: dict[str, pd.DataFrame],
    constraints: bool,
    keep: carry_over.Loads | None = None,
    bar: Progress | None = None,
) -> dict[str, int]:
    bar = bar or Progress(0, STEPS, None)

    def work(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
        bar.update(0, STEPS[0])
        backend.reset_schema(con, target, constraints=constraints)
        write_tables(con, frames, bar)
        if keep is not None and keep.count:
            try:
                carry_over.reapply(con, keep)
                bar.update(bar.total)
            except duckdb.ConstraintException as exc:
                raise BuildError(
                    [f"the analysts' loads no longer fit data/: {str(exc).splitlines()[0]}"]
                ) from exc
        bar.update(0, STEPS[1])
        summaries.refresh(con)
        if keep is not None and keep.count:
            findings = check.run_checks(con)
            if findings:
                raise BuildError([f"with the analysts' loads re-applied: {f}" for f in findings])
        search_index.rebuild(con)
        bar.update(bar.total, STEPS[1])
        return {
            t: con.execute("select count(*) from query_table($t)", {"t": t}).fetchone()[0]
            for t in schema.TABLE_ORDER
        }

    return backend.write_transaction(
        target, work, fresh=True, message="build from data/*.csv", backup="build"
    )


def ensure_built(db: backend.Target | Path | str | None = None, data_dir: Path = DATA_DIR) -> bool:
    """Build a database FILE if it does not exist yet; True when this call
    built it. A lake is never created here (many app replicas starting at
    once would race to create one catalog, ducklake#243): BackendError says
    to run `fivebarriers build` or `migrate`."""
    target = backend.resolve(db)
    if target.is_lake:
        if backend.exists(target):
            return False
        raise backend.BackendError(
            f"no lake at {target}: create it with `fivebarriers build` or `fivebarriers migrate`"
        )
    path = target.path
    if path.exists():
        return False
    with exclusive_lock(path):
        if path.exists():  # another process built it while we waited
            return False
    build_frames = _frames_with_info(data_dir)
    # The lock is taken again inside the write; a build that raced us in
    # between simply gets rebuilt from the same CSVs (same contents).
    _write_db(target, build_frames, constraints=True)
    return True
