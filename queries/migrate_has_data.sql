-- Does the target already hold tables of ours (a migration would replace them)?
select count(*) > 0 as has_tables
from duckdb_tables() as tables
where tables.database_name = current_database() and tables.schema_name = 'main'
    and not tables.internal
