{#- One row per quantity stated in a report but kept out of
    fct_indicator_value because its value is not finite or not plausible
    for its indicator, base unit and measure. Incremental by report. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_reports('document_key', 'document_key') }}",
) }}
with

quarantined as (

    select * from {{ ref('int_quantity_mentions_quarantined') }}
    where {{ only_touched_reports('sha256') }}

),

final as (

    select
        {{ fact_key('sha256', 'char_start', 'char_end') }} as fact_key,
        {{ document_key('sha256') }} as document_key,
        source_name,
        problem,
        detail,
        cast(value as double) as value,
        base_unit,
        cast(value_raw as double) as value_raw,
        unit_raw,
        measure,
        indicator_code,
        cast(char_start as integer) as char_start,
        cast(char_end as integer) as char_end,
        number_text,
        quote
    from quarantined

)

select * from final
