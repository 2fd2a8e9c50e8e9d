select key, value from build_info order by key;
