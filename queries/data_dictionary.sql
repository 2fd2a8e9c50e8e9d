-- Every table and view with its columns, types and descriptions, read from the
-- database catalogue (descriptions come from fivebarriers/comments.sql).
with
objects as (
    select duckdb_tables.table_name, 'table' as object_kind, duckdb_tables.comment as object_comment
    from duckdb_tables()
    where not duckdb_tables.internal and duckdb_tables.schema_name = 'main'
        and duckdb_tables.database_name = current_database()
    union all
    select duckdb_views.view_name, 'view', duckdb_views.comment
    from duckdb_views()
    where not duckdb_views.internal and duckdb_views.schema_name = 'main'
        and duckdb_views.database_name = current_database()
),

final as (
    select
        objects.table_name,
        objects.object_kind,
        objects.object_comment,
        duckdb_columns.column_index,
        duckdb_columns.column_name,
        duckdb_columns.data_type,
        duckdb_columns.is_nullable,
        duckdb_columns.comment as column_comment
    from objects
    inner join duckdb_columns()
        on objects.table_name = duckdb_columns.table_name
        and duckdb_columns.schema_name = 'main'
        and duckdb_columns.database_name = current_database()
)

select * from final
order by final.object_kind, final.table_name, final.column_index;
