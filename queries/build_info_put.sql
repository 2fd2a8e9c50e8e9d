-- Record one fact about the database (upgrade sets the schema version so).
insert into build_info (key, value) values ($key, $value);
