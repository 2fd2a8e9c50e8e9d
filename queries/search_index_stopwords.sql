-- The stop words the index left out (a query ignores them too).
select stop_list.sw as word from stop_list;
