"""What a file may be, stated once (the README's "Limits on a file" table
quotes these). Each is checked before the part of the file it guards is
read, so no file, however it lies, makes the reader allocate past them."""

from __future__ import annotations

MB = 1024 * 1024
# The command line accepts big files (the benchmark loads a million rows);
# the upload page passes its own, smaller limit.
DEFAULT_MAX_BYTES = 1024 * MB
# The Add data page's (server.maxUploadSize in .streamlit/config.toml, and
# views/upload.py's UPLOAD_MAX_MB): its checks run with this (data/check_worker.py).
UPLOAD_MAX_BYTES = 50 * MB
# Columns in a file (the widest table, outputs, has 24).
MAX_COLUMNS = 200
# One row of a CSV (one record), and so the header too.
MAX_ROW_BYTES = 1 * MB
# Rows times columns: a CSV (a million rows of the widest table, outputs, whose
# 24 columns made a million-row file 24,000,000 cells) ...
MAX_CELLS = 25_000_000
# ... and a workbook, whose cells cost far more to read (a 100,000-row sheet of 20 columns).
MAX_XLSX_CELLS = 2_000_000
MAX_XLSX_ROWS = 1_048_576  # Excel's own limit
# An XLSX is a zip of XML: refuse one that would expand past these when opened.
MAX_XLSX_EXPANDED = 256 * MB
MAX_XLSX_SHARED_STRINGS = 64 * MB
MAX_XLSX_RATIO = 100

# A check from the Add data page runs in a worker process of its own
# (data/check_worker.py), at low priority, stopped after this much CPU time:
# a file that takes longer gets a problem, never a busy server.
SIGNED_IN_CHECK_CPU_SECONDS = 300
# A visitor who has not signed in (loading switched off, or before signing in)
# gets less: anyone can ask, so 12 of them at once must not hold the server
# (security review 2026-12-06, finding 6: a 1.9-million-cell workbook of empty
# cells cost 18 s of CPU each). A workbook's cells are counted first, empty ones
# included, on every sheet; 200,000 is 10,000 rows of 20 columns, about 2 s of work.
ANON_CHECK_CPU_SECONDS = 20
ANON_MAX_XLSX_CELLS = 200_000
# Anonymous checks run one at a time on the whole server; the next waits this
# long for its turn, then is told to try again.
ANON_CHECK_WAIT_SECONDS = 120


def human_size(n: int) -> str:
    if n >= MB:
        return f"{n / MB:,.1f} MB"
    if n >= 1024:
        return f"{n / 1024:,.1f} KB"
    return f"{n} bytes"
