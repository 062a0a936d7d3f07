{#- The quantity mentions kept out of fct_indicator_value: a value that is not
    finite (a number of hundreds of digits reads as inf), or one outside the
    range of plausible_values.csv for its indicator, base unit and measure.
    The most specific row wins: one for the mention's indicator over one for
    any indicator, then one for its measure over the `*` row. Each is named so
    that one misread number is a row of load_problems and quarantined_facts,
    not a failed gate for the whole corpus.

    It reads the mentions after indicator mapping (the indicator decides the
    range); fct_indicator_value reads both and keeps the mentions not here.
    A table, incremental by report (its tests and three marts read it). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_reports('sha256', 'sha256') }}",
) }}
with

quantity_mentions as (

    select
        sha256,
        source_name,
        char_start,
        char_end,
        number_text,
        quote,
        value_raw,
        unit_raw,
        value,
        base_unit,
        measure,
        indicator_code
    from {{ ref('int_quantity_mentions_mapped_to_indicators') }}
    where {{ only_touched_reports('sha256') }}

),

plausible_values as (

    select
        indicator_code,
        base_unit,
        measure,
        min_value,
        max_value
    from {{ ref('stg_plausible_values') }}

),

join_bounds as (

    select
        quantity_mentions.*,
        plausible_values.indicator_code as range_indicator_code,
        plausible_values.min_value,
        plausible_values.max_value
    from quantity_mentions
    left join plausible_values
        on quantity_mentions.base_unit = plausible_values.base_unit
        and plausible_values.measure in (quantity_mentions.measure, '*')
        and coalesce(
            plausible_values.indicator_code = quantity_mentions.indicator_code,
            true
        )
    qualify row_number() over (
        partition by
            quantity_mentions.sha256,
            quantity_mentions.char_start,
            quantity_mentions.char_end
        order by
            plausible_values.indicator_code is null,
            plausible_values.measure = '*'
    ) = 1

),

judged as (

    select
        *,
        case
            when not coalesce(isfinite(value) and isfinite(value_raw), false)
                then 'not_finite'
            when value < min_value or value > max_value
                then 'implausible_value'
        end as problem
    from join_bounds

),

quarantined as (

    select
        sha256,
        source_name,
        char_start,
        char_end,
        number_text,
        quote,
        value_raw,
        unit_raw,
        value,
        base_unit,
        measure,
        indicator_code,
        problem,
        left(number_text, 40)
        || case when length(number_text) > 40 then '…' else '' end
        || ' at characters ' || char_start || '..' || char_end
        || ' reads as ' || printf('%g', value) || ' ' || base_unit
        || case
            when problem = 'not_finite' then ', not a finite number'
            else ', outside ' || printf('%g', min_value) || '..'
                || printf('%g', max_value) || ' for '
                || coalesce(range_indicator_code || ' in ', '') || base_unit
                || ' ' || measure || ' (plausible_values.csv)'
        end
        || '; kept out of fct_indicator_value, see quarantined_facts' as detail
    from judged
    where problem is not null

)

select * from quarantined
