"""Five Barriers: what place-based policy pilots achieved and what got in their way."""

# The release, as in pyproject.toml (tests/test_release.py fails if they differ).
# Read from here, not from the installed metadata: a checkout run with
# PYTHONPATH (or an editable install made before the number changed) would
# otherwise report the release it was installed at, not the one it runs.
__version__ = "0.7.3"
