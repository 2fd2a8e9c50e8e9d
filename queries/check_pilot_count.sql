-- How many pilots there are: a batch-scoped check is worth its temp copies
-- only while the batch touches at most a quarter of them (check.narrows).
select count(*) as pilots from pilots;
