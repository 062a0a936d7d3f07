{#- The extractor only emits units of the units seed, so every unit_raw must
    resolve to a unit form; one that does not means the extractor and the
    seed disagree, and its value would be left unscaled. -#}
with

quantity_mentions as (

    select
        sha256,
        char_start,
        unit_raw,
        is_unit_known
    from {{ ref('int_quantity_mentions_scaled_to_base_unit') }}

),

final as (

    select *
    from quantity_mentions
    where not is_unit_known

)

select * from final
