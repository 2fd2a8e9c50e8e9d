"""A real, throwaway Postgres for the lake tests and benchmarks.

Debian's `postgresql` package (.ci/run installs it): initdb in a temporary
folder, the server on a free loopback port with its Unix socket in the same
folder, fsync off (a test catalog is worth nothing after the run), and always
stopped afterwards. initdb refuses to run as root, so as root the cluster
runs as the `postgres` user the package creates.

Under CI=true a Postgres that cannot start is a FAILURE, never a skip; on a
developer machine without the package the lake tests fail too, with the
command that installs it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from fivebarriers.config import ENV_DATA_PATH, ENV_DB
from fivebarriers.store import backend


def _bin(name: str) -> str | None:
    # Debian keeps the server binaries off PATH, under /usr/lib/postgresql/<major>/bin.
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    import socket

    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgCluster:
    root: Path
    port: int
    user: str = "postgres"

    @property
    def host(self) -> str:
        return "127.0.0.1"

    def conninfo(self, dbname: str) -> str:
        # No password: the cluster trusts loopback. Production passes secrets via PG* variables.
        return f"dbname={dbname} host={self.host} port={self.port} user={self.user}"

    def createdb(self, dbname: str) -> str:
        _run_as_owner([_bin("createdb"), "-h", self.host, "-p", str(self.port), "-U", self.user, dbname])
        return self.conninfo(dbname)

    def lake(self, name: str) -> backend.Target:
        """A new empty database for one lake, with its own Parquet folder."""
        conninfo = self.createdb(name)
        data = self.root / "parquet" / name
        data.mkdir(parents=True, exist_ok=True)
        return backend.Target(backend.POSTGRES_PREFIX + conninfo, str(data) + "/")

    def stop(self) -> None:
        _run_as_owner(
            [_bin("pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop"], check=False
        )


def _run_as_owner(cmd: list[str | None], check: bool = True) -> subprocess.CompletedProcess:
    if None in cmd:
        raise RuntimeError(f"Postgres binary missing for {cmd}: apt-get install -y postgresql")
    args = [str(c) for c in cmd]
    if os.geteuid() == 0:
        import shlex

        args = ["su", "postgres", "-s", "/bin/sh", "-c", shlex.join(args)]
    return subprocess.run(args, check=check, capture_output=True, text=True, timeout=60)


@contextlib.contextmanager
def postgres() -> Iterator[PgCluster]:
    """Start a private Postgres cluster; stop it and delete its files afterwards."""
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("Postgres is not installed: apt-get install -y postgresql (Debian)")
    root = Path(tempfile.mkdtemp(prefix="fivebarriers-pg-"))
    root.chmod(0o777)  # the postgres user writes its data, socket and the Parquet files here
    cluster = PgCluster(root, _free_port())
    started = False
    try:
        _run_as_owner(
            [initdb, "-D", str(root / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]
        )
        options = f"-h 127.0.0.1 -p {cluster.port} -k {root} -c fsync=off -c full_page_writes=off"
        result = _run_as_owner(
            [
                pg_ctl,
                "-D",
                str(root / "data"),
                "-l",
                str(root / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "30",
                "start",
            ],
            check=False,
        )
        if result.returncode != 0:
            log = (
                (root / "server.log").read_text(errors="replace")[-2000:]
                if (root / "server.log").exists()
                else ""
            )
            raise RuntimeError(f"pg_ctl start failed: {result.stderr.strip()} {log}")
        started = True
        yield cluster
    finally:
        if started:
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    try:
        manager = postgres()
        cluster = manager.__enter__()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        # Never a skip: the lake tests are part of the suite (CI installs postgresql).
        ci = " (CI=true)" if os.environ.get("CI") == "true" else ""
        pytest.fail(f"cannot start a test Postgres{ci}: {exc}", pytrace=False)
    try:
        yield cluster
    finally:
        manager.__exit__(None, None, None)


@pytest.fixture(scope="session")
def built_lake(pg_cluster: PgCluster) -> backend.Target:
    """A lake built from data/ once per session; treat it as read-only."""
    from fivebarriers.data import build

    target = pg_cluster.lake("built")
    build.build(target)
    return target


def lake_env(target: backend.Target) -> dict[str, str]:
    """The two variables that move the whole product onto `target`."""
    return {ENV_DB: target.url, ENV_DATA_PATH: target.data_path or ""}
