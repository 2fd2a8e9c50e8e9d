"""The data pipeline: table descriptions, reading and validating files, building
the curated database, loading analysts' batches, checking, templates and synthetic data."""
