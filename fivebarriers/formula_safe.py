"""Text that a spreadsheet shows as typed, never runs: the one rule for
every export (the Explorer's and charts' CSV and Excel downloads, the id
lists, and the workbook embedded in each chart of the workshop deck).

A cell that starts with =, +, -, @ (or a tab or carriage return that hides
one) runs as a formula in Excel and LibreOffice; such text gets an
apostrophe in front, so it shows as typed (OWASP's advice on CSV
injection). Numbers stay numbers. At the bottom of the package, so the
views and the workshop both use it without importing upward."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """`value`, with an apostrophe in front if it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_text(value: str) -> str:
    """safe_cell for a value known to be text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
