"""How the user ran the command line, so that what it prints can be typed
back as it is. `./dev cli` changes to the repository before it runs us, so
it says how it was called (FIVEBARRIERS_PROG, e.g. `./dev cli`) and which
folder the user was in (FIVEBARRIERS_CWD); installed, we are `fivebarriers`
and the folder is the current one."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from fivebarriers.config import ENV_DB
from fivebarriers.store.target import LAKE_PREFIX

ENV_PROG = "FIVEBARRIERS_PROG"
ENV_CWD = "FIVEBARRIERS_CWD"
INSTALLED = "fivebarriers"

# Arguments that name a file or folder (deck --out, ingest PATH, build --data, migrate --from...).
PATH_ARGUMENTS = ("path", "db", "data", "source", "out", "file")

# `fivebarriers <command>` in a message, wherever it was written (data/ and
# store/ name the installed command; they do not know how we were run).
_COMMAND = re.compile(
    r"\bfivebarriers(?= (?:build|check|template|ingest|batches|undo|restore|upgrade|migrate|"
    r"hash-password|synth|deck|handout|export)\b)"
)


def prog() -> str:
    """The command as the user ran it: `./dev cli`, or `fivebarriers`."""
    return os.environ.get(ENV_PROG, "").strip() or INSTALLED


def say(text: str) -> str:
    """`text` with every `fivebarriers <command>` written as the user runs it."""
    name = prog()
    return text if name == INSTALLED else _COMMAND.sub(lambda _m: name, text)


def user_folder() -> Path:
    """The folder the user ran the command from."""
    given = os.environ.get(ENV_CWD, "").strip()
    return Path(given) if given else Path.cwd()


def from_user(path: str | None) -> str | None:
    """A path as the user meant it: relative to their folder, made absolute so
    every message shows where it looked. A lake's address is left as it is."""
    if not path or path.startswith(LAKE_PREFIX):
        return path
    p = Path(path).expanduser()
    return str(p if p.is_absolute() else user_folder() / p)


def resolve_paths(args: argparse.Namespace) -> None:
    """Every path argument, and a relative FIVEBARRIERS_DB, from the user's folder."""
    for name in PATH_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, from_user(value))
        elif isinstance(value, list):
            setattr(args, name, [from_user(v) if isinstance(v, str) else v for v in value])
    env_db = os.environ.get(ENV_DB)
    if env_db:
        os.environ[ENV_DB] = from_user(env_db) or env_db
