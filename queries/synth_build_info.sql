-- What made this database: the generator, its seed and size.
insert into build_info
with
final (key, value) as (
    values
    ('built_by', 'fivebarriers synth'),
    ('synthetic_seed', $seed::varchar),
    ('synthetic_outputs', $outputs::varchar),
    ('schema_sha256', $schema_sha256),
    ('data_sha256', 'synthetic seed ' || $seed || ', ' || $outputs || ' outputs')
)

select * from final
order by key;
