-- Every column of our tables in one attached catalog, in table order: the
-- migration refuses a source whose tables do not match the schema it creates.
select
    columns.table_name,
    columns.column_name,
    columns.data_type
from information_schema.columns as columns
where columns.table_catalog = $catalog and columns.table_schema = 'main'
    and list_contains($tables, columns.table_name)
order by columns.table_name, columns.ordinal_position
