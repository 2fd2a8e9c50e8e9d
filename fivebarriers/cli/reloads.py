"""Loads an older version may have stored wrongly (data.check.shifted_flags),
as `check` and `upgrade` print them: what each is and what to run."""

from __future__ import annotations

from fivebarriers.cli.invocation import say
from fivebarriers.data.check import Finding


def show(reload: list[Finding]) -> None:
    if not reload:
        return
    n = len(reload)
    print(f"{n} load{'s' if n != 1 else ''} to make again (the rest of the check does not depend on this):")
    for finding in reload:
        print(say(f"  batch {finding.key}: {finding.problem}"))
