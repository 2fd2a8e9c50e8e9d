-- One page of outputs for the results explorer, with the names of their
-- barriers and departments. $limit and $offset page through (ordered by
-- output_id). The filters are applied once, in explorer_counts: $pilot_ids
-- is the list of matching pilots it returns (null: every pilot); $kinds,
-- $statuses and $strengths (lists, or null for all) filter the outputs themselves.
-- Bounded by pilot first: output_summary gives each pilot's span of output
-- ids. Taking pilots in order of their first id until $offset + $limit
-- outputs are covered gives an id M (the largest id among them) that the
-- page cannot go past, so only pilots whose first id is at most M can hold
-- rows of the page; DuckDB then reads only their row groups of outputs
-- (stored in id order). Same rows as filtering the results view.
with
pilot_spans as (
    select
        output_summary.pilot_id,
        min(output_summary.first_output_id) as first_output_id,
        max(output_summary.last_output_id) as last_output_id,
        sum(output_summary.outputs) as outputs
    from output_summary
    inner join sources on output_summary.source_id = sources.source_id
    where
        ($pilot_ids is null or output_summary.pilot_id in (select unnest($pilot_ids::varchar[])))
        and ($kinds is null or list_contains($kinds::varchar[], output_summary.kind))
        and ($statuses is null or list_contains($statuses::varchar[], output_summary.status))
        and ($strengths is null or list_contains($strengths::varchar[], output_summary.evidence_strength))
    group by output_summary.pilot_id
),

ranked as (
    select
        pilot_spans.*,
        coalesce(
            sum(pilot_spans.outputs) over (
                order by pilot_spans.first_output_id, pilot_spans.pilot_id
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) as outputs_before
    from pilot_spans
),

bound as (
    select max(ranked.last_output_id) as last_needed
    from ranked
    where ranked.outputs_before < $offset + $limit
),

needed as (
    select pilot_spans.pilot_id
    from pilot_spans, bound
    where pilot_spans.first_output_id <= bound.last_needed
),

page as (
    select
        outputs.*,
        pilot_summary.pilot_name,
        pilot_summary.place_id,
        pilot_summary.place_name,
        pilot_summary.programme_id,
        pilot_summary.programme_name,
        pilot_summary.barrier_ids,
        pilot_summary.department_ids,
        sources.title as source_title
    from outputs
    inner join pilot_summary on outputs.pilot_id = pilot_summary.pilot_id
    inner join sources on outputs.source_id = sources.source_id
    where
        outputs.pilot_id in (select needed.pilot_id from needed)
        and ($kinds is null or list_contains($kinds::varchar[], outputs.kind))
        and ($statuses is null or list_contains($statuses::varchar[], outputs.status))
        and ($strengths is null or list_contains($strengths::varchar[], outputs.evidence_strength))
    order by outputs.output_id
    limit $limit offset $offset
),

barrier_links as (
    select page.output_id, unnest(page.barrier_ids) as barrier_id from page
),

barrier_text as (
    select
        barrier_links.output_id,
        string_agg(barriers.name, '; ' order by barriers.display_order) as barriers
    from barrier_links
    inner join barriers on barrier_links.barrier_id = barriers.barrier_id
    group by barrier_links.output_id
),

department_links as (
    select page.output_id, unnest(page.department_ids) as lineage_id from page
),

department_text as (
    select
        department_links.output_id,
        string_agg(
            coalesce(department_lineages.current_abbreviation, department_lineages.current_name),
            '; ' order by department_lineages.current_name
        ) as departments
    from department_links
    inner join department_lineages on department_links.lineage_id = department_lineages.lineage_id
    group by department_links.output_id
),

final as (
    select
        page.output_id,
        page.pilot_id,
        page.pilot_name,
        page.place_id,
        page.place_name,
        page.programme_id,
        page.programme_name,
        page.measure,
        page.unit,
        page.target_low,
        page.target_high,
        page.target_qualifier,
        page.actual,
        page.qualifier,
        page.kind,
        page.status,
        page.period_end,
        page.goal_same_measure,
        page.goal_measure,
        page.disputed_note,
        page.source_compares_goal,
        page.source_judgement,
        page.goal_caveat,
        page.evidence_strength,
        page.evidence_basis,
        barrier_text.barriers,
        department_text.departments,
        page.source_id,
        page.source_title,
        page.locator
    from page
    left join barrier_text on page.output_id = barrier_text.output_id
    left join department_text on page.output_id = department_text.output_id
)

select * from final
order by final.output_id;
