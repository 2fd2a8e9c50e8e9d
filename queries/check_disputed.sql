-- Sources disagree: both statements are kept, and each carries a
-- disputed_note that names the other fact's id in brackets, e.g.
-- "(ds-birmingham-leo)". A note without its pair would leave one side
-- looking settled.
with
disputed as (
    select 'outputs' as table_name, output_id as fact_id, disputed_note from outputs
    where disputed_note is not null
    union all
    select 'barrier_evidence', evidence_id, disputed_note from barrier_evidence where disputed_note is not null
    union all
    select 'funding_flows', flow_id, disputed_note from funding_flows where disputed_note is not null
    union all
    select 'context_figures', figure_id, disputed_note from context_figures where disputed_note is not null
),

paired as (
    select
        disputed.table_name,
        disputed.fact_id,
        disputed.disputed_note,
        bool_or(other.fact_id is not null) as has_pair
    from disputed
    left join disputed as other
        on other.fact_id <> disputed.fact_id
        and contains(disputed.disputed_note, '(' || other.fact_id || ')')
        and contains(other.disputed_note, '(' || disputed.fact_id || ')')
    group by disputed.table_name, disputed.fact_id, disputed.disputed_note
),

final as (
    select table_name, fact_id as row_key, 'sources disagree without a pair' as rule,
        'disputed_note must name, in brackets, the id of the other statement, whose own disputed_note '
        || 'names this one' as problem
    from paired
    where not has_pair
)

select * from final
order by table_name, row_key, rule;
