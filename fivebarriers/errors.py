"""The error every command shares. It lives at the bottom of the package so
that the data pipeline (e.g. migrate) can raise it without importing the CLI."""


class UserError(Exception):
    """A problem the user can fix; printed as one line, no traceback."""
