{#- The extractor only emits units of the units seed, so every unit_raw must
    resolve to a unit form; one that does not means the extractor and the
    seed disagree, and its value would be left unscaled. Read from the mapped
    table (the scaled view would be computed again over every mention). -#}
with

quantity_mentions as (

    select
        sha256,
        char_start,
        unit_raw,
        is_unit_known
    from {{ ref('int_quantity_mentions_mapped_to_indicators') }}
    where {{ scope_test_to_touched_reports('sha256') }}

),

final as (

    select *
    from quantity_mentions
    where not is_unit_known

)

select * from final
