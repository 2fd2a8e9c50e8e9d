-- Programmes for a filter, in a stable order.
select programme_id, short_name, name
from programmes
order by coalesce(start_year, 9999), short_name;
