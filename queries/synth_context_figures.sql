-- Context for places: residents, households and two rates, per authority.
insert into context_figures by name
with
authorities as (
    select places.place_id, places.name
    from places where places.kind not in ('country', 'region', 'neighbourhood')
),

measures (measure_idx, measure, unit, low, high, decimals) as (
    values
    (0, 'Residents', 'people', 60000, 400000, -2),
    (1, 'Households', 'households', 25000, 170000, -2),
    (2, 'Share of households in fuel poverty', 'percent', 8, 22, 1),
    (3, 'Employment rate', 'percent', 64, 82, 1)
),

final as (
    select
        'ctx-' || authorities.place_id || '-' || measures.measure_idx as figure_id,
        authorities.name || ' ' || lower(measures.measure) as subject,
        authorities.place_id,
        null as programme_id,
        measures.measure,
        measures.unit,
        round(measures.low + (measures.high - measures.low)
            * synth_u($seed, authorities.place_id || measures.measure_idx, 'ctx'), measures.decimals) as value,
        case when measures.unit = 'percent' then 'about' else 'exactly' end as qualifier,
        '2021' as period,
        'synth-finance' as source_id,
        'Context table, ' || authorities.place_id as locator
    from authorities
    cross join measures
)

select * from final
order by figure_id;
