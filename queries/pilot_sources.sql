-- Every source cited for a pilot (its description, results, barriers,
-- departments, findings), with what it was cited for. $pilot: a pilot_id.
with
cited as (
    select pilots.source_id, 'description' as what from pilots where pilots.pilot_id = $pilot
    union all
    select output_summary.source_id, 'results'
    from output_summary where output_summary.pilot_id = $pilot
    union all
    select pilot_barriers.source_id, 'barriers'
    from pilot_barriers where pilot_barriers.pilot_id = $pilot
    union all
    select pilot_departments.source_id, 'departments'
    from pilot_departments where pilot_departments.pilot_id = $pilot
    union all
    select barrier_evidence.source_id, 'findings'
    from barrier_evidence where barrier_evidence.pilot_id = $pilot
),

final as (
    select
        sources.source_id,
        sources.title,
        sources.publisher,
        sources.published_date,
        sources.url,
        string_agg(distinct cited.what, ', ' order by cited.what) as cited_for
    from cited
    inner join sources on cited.source_id = sources.source_id
    group by all
)

select * from final
order by final.title;
