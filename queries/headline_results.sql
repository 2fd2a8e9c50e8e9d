-- Results that can be read against their own target, for the headline chart.
-- $programme: a programme_id or null for all. $limit bounds the rows drawn.
-- Bounded by pilot first: output_summary says how many outputs with a goal
-- each pilot has per status, so only the pilots whose outputs can reach the
-- first $limit rows in the final order (programme, status, pilot name) are
-- kept, and DuckDB reads only their row groups of outputs (stored in pilot
-- order). Same rows, same order as a top-N over every output with a goal.
with
key_counts as (
    select
        pilot_summary.programme_name,
        output_summary.status,
        pilot_summary.pilot_name,
        sum(output_summary.outputs) as with_goal
    from output_summary
    inner join pilot_summary on output_summary.pilot_id = pilot_summary.pilot_id
    inner join sources on output_summary.source_id = sources.source_id
    where output_summary.with_target and ($programme is null or pilot_summary.programme_id = $programme)
    group by pilot_summary.programme_name, output_summary.status, pilot_summary.pilot_name
),

ranked as (
    select
        key_counts.*,
        coalesce(
            sum(key_counts.with_goal) over (
                order by key_counts.programme_name, key_counts.status, key_counts.pilot_name
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as goal_before
    from key_counts
),

needed as (
    select distinct pilot_summary.pilot_id
    from pilot_summary
    inner join ranked
        on pilot_summary.programme_name = ranked.programme_name and pilot_summary.pilot_name = ranked.pilot_name
    where ranked.goal_before < $limit and ($programme is null or pilot_summary.programme_id = $programme)
),

final as (
    select
        outputs.output_id,
        pilot_summary.pilot_name,
        pilot_summary.place_name,
        pilot_summary.programme_name,
        outputs.measure,
        outputs.unit,
        outputs.target_low,
        outputs.target_high,
        outputs.target_qualifier,
        outputs.actual,
        outputs.qualifier,
        outputs.kind,
        outputs.status,
        sources.title as source_title,
        outputs.locator
    from outputs
    inner join pilot_summary on outputs.pilot_id = pilot_summary.pilot_id
    inner join sources on outputs.source_id = sources.source_id
    where
        outputs.target_low is not null
        and outputs.pilot_id in (select needed.pilot_id from needed)
        and ($programme is null or pilot_summary.programme_id = $programme)
)

select * from final
order by final.programme_name, final.status, final.pilot_name, final.output_id
limit $limit;
