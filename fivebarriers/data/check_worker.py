"""The Add data page's check of a file, run in a worker process of its own.

Checking a file is all CPU (reading a workbook, every row against the
data). Run in the dashboard's process it holds the interpreter that every
reader's page needs, and anyone may ask for a check without signing in: 12
visitors checking a 4.9 MB workbook of 1.9 million empty cells kept the
Overview at a median 4.3 s for 9 minutes (security review 2026-12-06,
finding 6). Here each check:

- runs in a process of its own, forked from a small server process started
  once with the reading code already imported (`python -m
  fivebarriers.data.check_worker SOCKET`), so a check starts in milliseconds
  and nothing is forked from the dashboard's own threads; the server listens
  on a socket in a folder only this user can open, and ends with the dashboard;
- runs at low priority (nice 10), so readers come first on a shared core;
- is stopped after a CPU-time limit (RLIMIT_CPU: the kernel ends the process),
  lower for a visitor who has not signed in; the file then gets one problem
  that says so;
- when the visitor has not signed in: waits for the single slot anonymous
  checks share on this server, and a workbook is refused before it is read if
  it holds more than limits.ANON_MAX_XLSX_CELLS cells, counting empty ones.

multiprocessing is not used: under Streamlit, `__main__` is the page script,
and a spawned or forkserver child would run app.py again.

One check per browser session at a time comes from Streamlit itself: a
session's next run waits for the run that is checking."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import resource
import shutil
import signal
import socket
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from fivebarriers.data import ingest, limits
from fivebarriers.data.load_report import Report
from fivebarriers.data.readers import Upload
from fivebarriers.data.sheet import file_problem

log = logging.getLogger(__name__)
_NICE = 10
# Wall-clock bound on top of the CPU limit: a check waiting for a busy CPU is
# slow without using its own time; past this the page stops waiting.
_WALL_FACTOR = 4
_START_SECONDS = 120  # for the server to import what it needs, on a busy machine
_ANON_SLOT = threading.BoundedSemaphore(1)
_SERVER_LOCK = threading.Lock()
_server: tuple[subprocess.Popen, str] | None = None
_LENGTH = struct.Struct("!Q")


def check(data: bytes, file_name: str, table: str | None, signed_in: bool) -> Report:
    """The report of checking `data` (a CSV or .xlsx called `file_name`) as rows
    of `table` (None: found from its columns) against the database, as
    ingest.validate_file gives it, with the page's size limit. Raises
    ingest.IngestError, as validate_file does, when the database cannot be read
    or (not signed in) the server is still busy with other visitors' checks."""
    if signed_in:
        return _in_worker(data, file_name, table, limits.SIGNED_IN_CHECK_CPU_SECONDS, None)
    if not _ANON_SLOT.acquire(timeout=limits.ANON_CHECK_WAIT_SECONDS):
        raise ingest.IngestError(
            "The dashboard is busy checking other files. Try again in a few minutes, "
            "or sign in to check and load it."
        )
    try:
        return _in_worker(data, file_name, table, limits.ANON_CHECK_CPU_SECONDS, limits.ANON_MAX_XLSX_CELLS)
    finally:
        _ANON_SLOT.release()


def _in_worker(
    data: bytes, file_name: str, table: str | None, cpu_seconds: int, max_cells: int | None
) -> Report:
    # The database the page reads, as the dashboard sees it now (the server
    # keeps the environment it started with).
    env = {k: v for k, v in os.environ.items() if k.startswith("FIVEBARRIERS_")}
    request = (data, file_name, table, cpu_seconds, max_cells, env)
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(cpu_seconds * _WALL_FACTOR)
            conn.connect(_server_socket())
            _send(conn, request)
            kind, value = _receive(conn)
    except (EOFError, OSError):  # ended without answering (its CPU limit), or too slow
        return _stopped(data, file_name, table, cpu_seconds)
    if kind == "refused":
        raise ingest.IngestError(value)
    return value


def _server_socket() -> str:
    """The server's socket, starting the server if it is not running."""
    global _server
    with _SERVER_LOCK:
        if _server is not None and _server[0].poll() is None:
            return _server[1]
        # A folder only this user can open (mkdtemp makes it 0700): nobody else can connect.
        path = str(Path(tempfile.mkdtemp(prefix="fivebarriers-check-")) / "socket")
        process = subprocess.Popen(
            [sys.executable, "-m", "fivebarriers.data.check_worker", path],
            stdin=subprocess.PIPE,  # closed when the dashboard ends: then the server ends
            close_fds=True,
        )
        deadline = time.monotonic() + _START_SECONDS
        while not os.path.exists(path):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise ingest.IngestError("the file checker could not start: see the server's log")
            time.sleep(0.05)
        _server = (process, path)
        return path


def _send(conn: socket.socket, value: Any) -> None:
    raw = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    conn.sendall(_LENGTH.pack(len(raw)) + raw)


def _receive(conn: socket.socket) -> Any:
    (length,) = _LENGTH.unpack(_read_exactly(conn, _LENGTH.size))
    # Only the dashboard's own processes can reach the socket's folder.
    return pickle.loads(_read_exactly(conn, length))


def _read_exactly(conn: socket.socket, n: int) -> bytes:
    parts, left = [], n
    while left:
        part = conn.recv(min(left, 1 << 20))
        if not part:
            raise EOFError
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _stopped(data: bytes, file_name: str, table: str | None, cpu_seconds: int) -> Report:
    report = Report(file_name, table, hashlib.sha256(data).hexdigest(), 0)
    report.problems.append(
        file_problem(
            f"checking this file took more than {cpu_seconds:,} second{'s' if cpu_seconds != 1 else ''} "
            "of the server's time, so it was "
            "stopped: split it into smaller files (or save a workbook as CSV UTF-8) and check each one"
        )
    )
    report.dry_run = True
    return report


def _too_many_cells(data: bytes, file_name: str, table: str | None, cells: int, max_cells: int) -> Report:
    report = Report(file_name, table, hashlib.sha256(data).hexdigest(), 0)
    report.problems.append(
        file_problem(
            f"the workbook holds more than {max_cells:,} cells ({cells:,} counted, empty ones included); "
            f"a file checked without signing in may hold {max_cells:,}. Delete the rows and columns beyond "
            "your data (select them, right-click, Delete) and save, or save the sheet as CSV UTF-8"
        )
    )
    report.dry_run = True
    return report


def _check_here(conn: socket.socket) -> None:
    """In a forked worker: limit it, check, answer ("report", Report) or ("refused", message)."""
    data, file_name, table, cpu_seconds, max_cells, env = _receive(conn)
    # SIGXCPU at the soft limit ends the process (its default action); the hard
    # limit, a little later, ends it even if something ignores that signal.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 2))
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    os.nice(_NICE)
    for key in [k for k in os.environ if k.startswith("FIVEBARRIERS_")]:
        del os.environ[key]
    os.environ.update(env)
    try:
        if max_cells is not None and data.startswith(b"PK\x03\x04"):
            from fivebarriers.data.read_xlsx import count_cells

            cells = count_cells(data, max_cells)
            if cells > max_cells:
                _send(conn, ("report", _too_many_cells(data, file_name, table, cells, max_cells)))
                return
        report = ingest.validate_file(Upload(file_name, data), table, max_bytes=limits.UPLOAD_MAX_BYTES)
        _send(conn, ("report", report))
    except ingest.IngestError as exc:
        _send(conn, ("refused", str(exc)))
    except Exception as exc:  # a failure we did not foresee: one line for the page, the rest in the log
        log.exception("checking %s failed", file_name)
        _send(
            conn,
            (
                "refused",
                f"the check failed ({type(exc).__name__}): send the file to the team that runs the dashboard",
            ),
        )


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:  # in the child ForkingMixIn forked for this request
        _check_here(self.request)


class _Server(socketserver.ForkingMixIn, socketserver.UnixStreamServer):
    pass


def serve(path: str) -> None:
    """The server: every module a check needs imported, then one forked child per check."""
    from fivebarriers.data import read_xlsx  # noqa: F401  imported once, here, for every check

    server = _Server(path, _Handler)
    os.chmod(path, 0o600)

    def end_with_the_dashboard() -> None:
        sys.stdin.buffer.read()  # returns when the dashboard's end of the pipe closes
        shutil.rmtree(Path(path).parent, ignore_errors=True)  # the socket and its private folder
        os._exit(0)

    threading.Thread(target=end_with_the_dashboard, daemon=True).start()
    server.serve_forever(poll_interval=0.5)


if __name__ == "__main__":
    serve(sys.argv[1])
