-- Words too common to search by. Short on purpose: the fts extension's own
-- English list (571 words) drops "help" and "new", which are in the names
-- of pilots and programmes ("Good Help Hub", "New Deal for Communities").
create or replace table stop_list as
select unnest([
    'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'from', 'had', 'has', 'have',
    'in', 'into', 'is', 'it', 'its', 'of', 'on', 'or', 'so', 'than', 'that', 'the', 'their',
    'them', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'were', 'which', 'will', 'with'
]) as sw;
