"""Five Barriers: what place-based policy pilots achieved and what got in their way."""

__version__ = "0.1.0"
