-- What made this database: its schema version (absent before version 2) and
-- the fingerprint of the schema.sql and views.sql it was built with.
select
    max(build_info.value) filter (where build_info.key = 'schema_version') as schema_version,
    max(build_info.value) filter (where build_info.key = 'schema_sha256') as schema_sha256
from build_info;
