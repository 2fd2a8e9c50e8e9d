-- Views the pages read. Lists are built per pilot (thousands of rows), not
-- per output (millions), so the join stays cheap at 10M outputs.

create or replace view place_lineage as
with recursive
walk (place_id, ancestor_id, depth) as (
    select
        places.place_id,
        places.place_id,
        0
    from places
    union all
    select
        walk.place_id,
        parent.parent_id,
        walk.depth + 1
    from walk
    inner join places as parent on walk.ancestor_id = parent.place_id
    where parent.parent_id is not null and walk.depth < 12
),

final as (
    select
        walk.place_id,
        list(walk.ancestor_id order by walk.depth) as ancestor_ids
    from walk
    group by walk.place_id
)

select * from final;

create or replace view department_lineages as
with
current_names as (
    select
        departments.lineage_id,
        arg_max(departments.name, coalesce(departments.valid_from, date '1900-01-01')) as current_name,
        arg_max(departments.abbreviation, coalesce(departments.valid_from, date '1900-01-01')) as current_abbreviation,
        list(departments.abbreviation order by departments.valid_from nulls first) as abbreviations,
        count(*) as name_count
    from departments
    group by departments.lineage_id
)

select * from current_names;

-- One row per pilot with everything the pages filter on. The results view
-- joins it to outputs once, so a filter on place, barrier, department or
-- programme is applied to thousands of pilots before the join, not to
-- millions of outputs after it (about 15x faster at 10M outputs).
create or replace view pilot_facts as
with
pilot_barrier_lists as (
    select
        pilot_barriers.pilot_id,
        list(distinct pilot_barriers.barrier_id order by pilot_barriers.barrier_id) as barrier_ids,
        list(distinct pilot_barriers.barrier_id order by pilot_barriers.barrier_id)
            filter (where pilot_barriers.role = 'addressed') as barriers_addressed
    from pilot_barriers
    group by pilot_barriers.pilot_id
),

pilot_department_lists as (
    select
        pilot_departments.pilot_id,
        list(distinct departments.lineage_id order by departments.lineage_id) as department_ids
    from pilot_departments
    inner join departments on pilot_departments.department_id = departments.department_id
    group by pilot_departments.pilot_id
),

final as (
    select
        pilots.pilot_id,
        pilots.name as pilot_name,
        pilots.programme_id,
        programmes.short_name as programme_name,
        pilots.place_id,
        places.name as place_name,
        coalesce(place_lineage.ancestor_ids, [pilots.place_id]) as place_ancestor_ids,
        coalesce(pilot_barrier_lists.barrier_ids, []) as barrier_ids,
        coalesce(pilot_barrier_lists.barriers_addressed, []) as barriers_addressed,
        coalesce(pilot_department_lists.department_ids, []) as department_ids
    from pilots
    inner join programmes on pilots.programme_id = programmes.programme_id
    inner join places on pilots.place_id = places.place_id
    left join place_lineage on pilots.place_id = place_lineage.place_id
    left join pilot_barrier_lists on pilots.pilot_id = pilot_barrier_lists.pilot_id
    left join pilot_department_lists on pilots.pilot_id = pilot_department_lists.pilot_id
)

select * from final;

create or replace view results as
with
final as (
    select
        outputs.output_id,
        outputs.pilot_id,
        pilot_facts.pilot_name,
        pilot_facts.programme_id,
        pilot_facts.programme_name,
        pilot_facts.place_id,
        pilot_facts.place_name,
        pilot_facts.place_ancestor_ids,
        pilot_facts.barrier_ids,
        pilot_facts.barriers_addressed,
        pilot_facts.department_ids,
        outputs.measure,
        outputs.unit,
        outputs.baseline,
        outputs.target_low,
        outputs.target_high,
        outputs.target_qualifier,
        outputs.actual,
        outputs.qualifier,
        outputs.kind,
        outputs.status,
        outputs.period_end,
        outputs.note,
        outputs.goal_same_measure,
        outputs.goal_measure,
        outputs.disputed_note,
        outputs.source_compares_goal,
        outputs.source_judgement,
        outputs.goal_caveat,
        outputs.evidence_strength,
        outputs.evidence_basis,
        outputs.source_id,
        sources.title as source_title,
        outputs.locator,
        outputs.batch_id
    from outputs
    inner join pilot_facts on outputs.pilot_id = pilot_facts.pilot_id
    inner join sources on outputs.source_id = sources.source_id
)

select * from final;

-- One output as every results list shows it: its pilot's name, place and
-- programme from pilot_summary (stored, one row per pilot) and its source's
-- title. The results macros below filter it by pilot before the join.
create or replace view result_rows as
select
    outputs.output_id,
    outputs.pilot_id,
    pilot_summary.pilot_name,
    pilot_summary.place_id,
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
    outputs.period_end,
    outputs.goal_same_measure,
    outputs.goal_measure,
    outputs.disputed_note,
    outputs.source_compares_goal,
    outputs.source_judgement,
    outputs.goal_caveat,
    outputs.evidence_strength,
    outputs.evidence_basis,
    outputs.note,
    sources.source_id,
    sources.title as source_title,
    outputs.locator
from outputs
inner join pilot_summary on outputs.pilot_id = pilot_summary.pilot_id
inner join sources on outputs.source_id = sources.source_id;

-- Every fact row's citation, for `check`: which document and which section,
-- and whether the row is curated (no batch_id) or an analyst's load.
create or replace view fact_provenance as
select 'barriers' as table_name, barrier_id as row_key, source_id, locator, true as curated from barriers
union all select 'recommendations', recommendation_id, source_id, locator, true from recommendations
union all select 'departments', department_id, source_id, locator, true from departments
union all select 'places', place_id, source_id, locator, batch_id is null from places
union all select 'programmes', programme_id, source_id, locator, batch_id is null from programmes
union all select 'programme_places', programme_id || '/' || place_id, source_id, locator, true from programme_places
union all select 'pilots', pilot_id, source_id, locator, batch_id is null from pilots
union all select 'pilot_barriers', pilot_id || '/' || barrier_id, source_id, locator, batch_id is null
    from pilot_barriers
union all select 'pilot_departments', pilot_id || '/' || department_id, source_id, locator, batch_id is null
    from pilot_departments
union all select 'outputs', output_id, source_id, locator, batch_id is null from outputs
union all select 'barrier_evidence', evidence_id, source_id, locator, batch_id is null from barrier_evidence
union all select 'funding_flows', flow_id, source_id, locator, true from funding_flows
union all select 'context_figures', figure_id, source_id, locator, true from context_figures;

-- The one "pick the pilots" step of every results list and headline: the
-- pilots linked to a barrier, in a place or anywhere within it, worked with
-- by a department (over all its names) in one of `roles`, or in a programme
-- (NULL key: every pilot). Reads pilot_summary, one row per pilot.
create or replace macro scoped_pilots(dimension, scope_key, roles) as table
    select pilot_summary.pilot_id, pilot_summary.pilot_name
    from pilot_summary
    where case dimension
        when 'barrier' then list_contains(pilot_summary.barrier_ids, scope_key)
        when 'place' then list_contains(pilot_summary.place_ancestor_ids, scope_key)
        when 'department' then pilot_summary.pilot_id in (
            select pilot_departments.pilot_id
            from pilot_departments
            inner join departments on pilot_departments.department_id = departments.department_id
            where departments.lineage_id = scope_key and list_contains(roles, pilot_departments.role)
        )
        when 'programme' then scope_key is null or pilot_summary.programme_id = scope_key
        when 'pilot' then pilot_summary.pilot_id = scope_key
        else false
    end;

-- scoped_pilots narrowed to a place (or anywhere within it) and a programme;
-- NULL leaves either open. The Barriers page with ?place= or ?programme=
-- counts and draws these pilots' results.
create or replace macro scoped_pilots_within(dimension, scope_key, roles, within_place, within_programme)
as table
    select scoped.pilot_id, scoped.pilot_name
    from scoped_pilots(dimension, scope_key, roles) as scoped
    inner join pilot_summary on scoped.pilot_id = pilot_summary.pilot_id
    where (within_place is null or list_contains(pilot_summary.place_ancestor_ids, within_place))
        and (within_programme is null or pilot_summary.programme_id = within_programme);

-- The outputs of the scoped pilots in pilot order: results with a goal
-- first, then pilot name, then output_id; the first `row_limit` of them.
-- Bounded by pilot first: output_summary says how many outputs with and
-- without a goal each pilot has, so only the pilots whose outputs can reach
-- the first `row_limit` rows are kept, and DuckDB reads only their row
-- groups of outputs (stored in pilot order).
create or replace macro pilot_results(dimension, scope_key, roles, row_limit) as table
with
linked_pilots as (
    select * from scoped_pilots(dimension, scope_key, roles)
),

pilot_counts as (
    select
        output_summary.pilot_id,
        coalesce(sum(output_summary.outputs) filter (where output_summary.with_target), 0) as with_goal,
        coalesce(sum(output_summary.outputs) filter (where not output_summary.with_target), 0) as without_goal
    from output_summary
    inner join sources on output_summary.source_id = sources.source_id
    where output_summary.pilot_id in (select linked_pilots.pilot_id from linked_pilots)
    group by output_summary.pilot_id
),

-- Rows before a pilot in the final order: every row of a pilot with a
-- smaller name (EXCLUDE GROUP leaves out pilots sharing its name, whose rows
-- interleave with its own by output_id).
ranked as (
    select
        linked_pilots.pilot_id,
        pilot_counts.with_goal,
        pilot_counts.without_goal,
        coalesce(sum(pilot_counts.with_goal) over earlier, 0) as goal_before,
        coalesce(sum(pilot_counts.without_goal) over earlier, 0) as rest_before,
        sum(pilot_counts.with_goal) over () as goal_total
    from linked_pilots
    inner join pilot_counts on linked_pilots.pilot_id = pilot_counts.pilot_id
    window earlier as (
        order by linked_pilots.pilot_name
        range between unbounded preceding and current row exclude group
    )
),

needed as (
    select ranked.pilot_id
    from ranked
    where
        (ranked.with_goal > 0 and ranked.goal_before < row_limit)
        or (ranked.without_goal > 0 and ranked.goal_total + ranked.rest_before < row_limit)
)

select
    result_rows.*
from result_rows
where result_rows.pilot_id in (select needed.pilot_id from needed)
order by result_rows.target_low is null, result_rows.pilot_name, result_rows.output_id
limit row_limit;

-- A result a goal chart draws against its goal: it has a goal, it was
-- reported, and either its goal counts the same thing or the source itself
-- compares the two (the Good Help Hub: over 550 against its original goal of
-- 100; the page then says it is the report's judgement, with its caveat).
-- It beat its goal when its figure is exactly, over or at least what it
-- says and above the top of the goal; it fell short when its figure is
-- exactly, under or up to a number below the bottom. Counted in
-- output_summary (comparable, beat, source_beat, fell_short: below).
create or replace macro comparable_to_goal(target_low, status, goal_same_measure, source_compares_goal) as
    target_low is not null and status = 'reported'
    and (coalesce(goal_same_measure, false) or coalesce(source_compares_goal, false));

create or replace macro beat_goal(
    target_low, status, goal_same_measure, source_compares_goal, qualifier, actual, target_high
) as
    comparable_to_goal(target_low, status, goal_same_measure, source_compares_goal)
    and qualifier in ('exactly', 'over', 'at least')
    and actual / nullif(target_high, 0) > 1;

create or replace macro fell_short_of_goal(
    target_low, status, goal_same_measure, source_compares_goal, qualifier, actual
) as
    comparable_to_goal(target_low, status, goal_same_measure, source_compares_goal)
    and qualifier in ('exactly', 'under', 'up to')
    and actual < target_low;

-- output_summary's rows for the pilots in pilot_list: one per pilot, kind,
-- status, goal/no goal, source and strength of evidence, with how many outputs, how many a goal
-- chart can judge and beat, and the span of their ids. What summaries.py
-- stores (all pilots, or those a load touched) and check_summary.sql
-- derives again. A list, not a filter outside: DuckDB then reads only the
-- row groups of those pilots (0.24 s for 100 pilots at 10M, 0.7 s filtered after).
create or replace macro output_summary_rows(pilot_list) as table
select
    outputs.pilot_id,
    outputs.kind,
    outputs.status,
    outputs.target_low is not null as with_target,
    outputs.source_id,
    outputs.evidence_strength,
    count(*) as outputs,
    count(*) filter (
        where comparable_to_goal(
            outputs.target_low, outputs.status, outputs.goal_same_measure, outputs.source_compares_goal
        )
    ) as comparable,
    count(*) filter (
        where beat_goal(
            outputs.target_low, outputs.status, outputs.goal_same_measure, outputs.source_compares_goal,
            outputs.qualifier, outputs.actual, outputs.target_high
        )
    ) as beat,
    count(*) filter (
        where beat_goal(
            outputs.target_low, outputs.status, outputs.goal_same_measure, outputs.source_compares_goal,
            outputs.qualifier, outputs.actual, outputs.target_high
        ) and not coalesce(outputs.goal_same_measure, false)
    ) as source_beat,
    count(*) filter (
        where fell_short_of_goal(
            outputs.target_low, outputs.status, outputs.goal_same_measure, outputs.source_compares_goal,
            outputs.qualifier, outputs.actual
        )
    ) as fell_short,
    min(outputs.output_id) as first_output_id,
    max(outputs.output_id) as last_output_id
from outputs
where outputs.pilot_id in (select unnest(pilot_list))
group by outputs.pilot_id, outputs.kind, outputs.status, with_target, outputs.source_id, outputs.evidence_strength;

-- A result with a goal, ranked as a goal chart's headline claims: reported
-- results whose goal counts the same thing, furthest past their goal first
-- (the result as a multiple of the top of the goal, for figures that are at
-- least what they say, as "beat" is counted); then the others; within a
-- pilot, ties by output_id. For every pilot in pilot_list, the 12 it ranks
-- highest: what goal_summary stores (summaries.py), since no chart draws
-- more than 12 bars (result_tables.CHART_LIMIT, overview.HEADLINE_LIMIT).
create or replace macro goal_ranks(pilot_list) as table
with
keyed as (
    select
        outputs.pilot_id,
        outputs.output_id,
        outputs.status = 'not reported' as unreported,
        case when outputs.status = 'reported' and coalesce(outputs.goal_same_measure, false)
            and outputs.qualifier in ('exactly', 'over', 'at least')
            then outputs.actual / nullif(outputs.target_high, 0) end as times_goal
    from outputs
    where outputs.target_low is not null and outputs.pilot_id in (select unnest(pilot_list))
)

select keyed.pilot_id, keyed.output_id, keyed.unreported, keyed.times_goal
from keyed
qualify row_number() over (
    partition by keyed.pilot_id
    order by keyed.times_goal desc nulls last, keyed.unreported, keyed.output_id
) <= 12;

-- The results with a goal that a goal chart draws (at most 12), ranked as
-- goal_ranks ranks them, across pilots: ties by pilot name, then output_id.
-- Each pilot's 12 best come from goal_summary, so the chart sorts 12 rows
-- per pilot in scope, not every result with a goal.
create or replace macro goal_results(dimension, scope_key, roles, within_place, within_programme, row_limit)
as table
with
linked_pilots as (
    select * from scoped_pilots_within(dimension, scope_key, roles, within_place, within_programme)
),

ranked_keys as (
    select
        goal_summary.output_id,
        goal_summary.pilot_id,
        linked_pilots.pilot_name,
        goal_summary.unreported,
        goal_summary.times_goal
    from goal_summary
    inner join linked_pilots on goal_summary.pilot_id = linked_pilots.pilot_id
),

drawn as (
    select ranked_keys.*
    from ranked_keys
    order by ranked_keys.times_goal desc nulls last, ranked_keys.unreported, ranked_keys.pilot_name,
        ranked_keys.output_id
    limit least(row_limit, 12)
)

select result_rows.*, drawn.times_goal
from drawn
inner join result_rows on drawn.output_id = result_rows.output_id
where result_rows.pilot_id in (select drawn.pilot_id from drawn)
order by drawn.times_goal desc nulls last, drawn.unreported, drawn.pilot_name, drawn.output_id;

-- How many outputs the pilots of a programme and place (or anywhere within
-- it) have, by status, kind and goal; NULL keys mean all. Sums over
-- output_summary (derived from outputs in every write): the same counts as
-- a scan of outputs, without reading 10M rows. Shared by the Overview and
-- the workshop's "in numbers" slide.
create or replace macro output_totals(programme_key, place_key) as table
select
    coalesce(sum(output_summary.outputs), 0)::bigint as outputs,
    coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'reported'), 0)::bigint
        as reported,
    coalesce(sum(output_summary.outputs) filter (where output_summary.status = 'not reported'), 0)::bigint
        as not_reported,
    coalesce(sum(output_summary.outputs) filter (where output_summary.kind = 'expected'), 0)::bigint
        as expected,
    coalesce(sum(output_summary.outputs) filter (where output_summary.with_target), 0)::bigint
        as with_target
from output_summary
inner join pilot_summary on output_summary.pilot_id = pilot_summary.pilot_id
where
    (programme_key is null or pilot_summary.programme_id = programme_key)
    and (place_key is null or list_contains(pilot_summary.place_ancestor_ids, place_key));
