-- The places saved workshops were about, for the Workshops page's place
-- filter and its table by place: how many workshops and answers each has,
-- and when the latest was held. Workshops about no one place come last,
-- under a null place_id.
with
per_workshop as (
    select
        workshop_answers.place_id,
        workshop_answers.session_id,
        sum(workshop_answers.answers) as answers,
        max(workshop_answers.held_on) as held_on,
    from workshop_answers
    group by workshop_answers.place_id, workshop_answers.session_id
),

final as (
    select
        per_workshop.place_id,
        places.name as place_name,
        count(*) as workshops,
        sum(per_workshop.answers)::bigint as answers,
        max(per_workshop.held_on) as last_held_on,
    from per_workshop
    left join places on per_workshop.place_id = places.place_id
    group by per_workshop.place_id, places.name
)

select * from final
order by final.place_name nulls last, final.place_id;
