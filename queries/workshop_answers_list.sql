-- Every saved answer count, one row per workshop, question and option, for
-- the Workshops page's table (and its round-trip test): newest workshop
-- first, options in the order they were saved. $place null: every place.
with
answers as (
    select
        workshop_answers.session_id,
        workshop_answers.question_id,
        workshop_answers.question,
        workshop_answers.option,
        workshop_answers.answers,
        workshop_answers.place_id,
        workshop_answers.held_on,
        workshop_answers.barrier_id,
    from workshop_answers
    where $place is null or workshop_answers.place_id = $place
),

final as (
    select
        answers.session_id,
        answers.question_id,
        answers.question,
        answers.option,
        answers.answers,
        answers.place_id,
        places.name as place_name,
        answers.held_on,
        answers.barrier_id,
    from answers
    left join places on answers.place_id = places.place_id
)

select * from final
order by final.held_on desc, final.session_id, final.question_id, final.option;
