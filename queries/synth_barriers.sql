-- The five barriers keep their real names so the pages read naturally; the
-- summaries are short stand-ins and the source is the synthetic register.
insert into barriers
with
final (barrier_id, number, name, summary, display_order, source_id, locator) as (
    values
    ('structures', 1, 'Structures', 'Finding the right team in central government takes many conversations.',
        1, 'synth-evidence', 'Barrier 1'),
    ('priorities', 2, 'Priorities', 'National programmes leave little room to fit a place''s own aims.',
        2, 'synth-evidence', 'Barrier 2'),
    ('funding', 3, 'Funding', 'Money comes in small ring-fenced pots with reporting that misses local outcomes.',
        3, 'synth-evidence', 'Barrier 3'),
    ('data-sharing', 4, 'Data-sharing', 'Agencies hold data back, often for limits they only believe exist.',
        4, 'synth-evidence', 'Barrier 4'),
    ('culture', 5, 'Culture', 'Working across organisations still depends on a few committed people.',
        5, 'synth-evidence', 'Barrier 5')
)

select * from final;
