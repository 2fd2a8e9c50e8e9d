"""Root conftest: only what must be shared by the whole test session.

The lake fixtures (a throwaway Postgres cluster and a lake built from data/)
are session-scoped plugins, so every lake test module shares ONE cluster
instead of starting its own; they start only when a test asks for them."""

pytest_plugins = ["tests.pg_fixture"]
