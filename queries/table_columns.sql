-- Every table's columns in the default catalog and schema, in table order.
-- information_schema spans every attached catalog (a migration attaches two):
-- only the default one counts.
select columns.table_name, columns.column_name
from information_schema.columns as columns
where columns.table_catalog = current_database() and columns.table_schema = current_schema()
order by columns.table_name, columns.ordinal_position;
