{#- The quantity mentions kept out of fct_indicator_value: a value that is not
    finite (a number of hundreds of digits reads as inf), or one outside the
    range of plausible_values.csv for its indicator, base unit and measure.
    The most specific row wins: one for the mention's indicator over one for
    any indicator, then one for its measure over the `*` row. Each is named so
    that one misread number is a row of load_problems and quarantined_facts,
    not a failed gate for the whole corpus.

    It reads the mentions after indicator mapping (the indicator decides the
    range); fct_indicator_value reads both and keeps the mentions not here.
    A table, incremental by report (its tests and three marts read it). The
    ranges are chosen on the mentions' keys and values alone; their text
    (quote, number) is read for the few kept out only. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_reports('sha256', 'sha256') }}",
) }}
with

quantity_mentions as (

    select
        sha256,
        char_start,
        char_end,
        value_raw,
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

kept_out as (

    select *
    from judged
    where problem is not null

),

quarantined as (

    select
        kept_out.sha256,
        mentions.source_name,
        kept_out.char_start,
        kept_out.char_end,
        mentions.number_text,
        mentions.quote,
        kept_out.value_raw,
        mentions.unit_raw,
        kept_out.value,
        kept_out.base_unit,
        kept_out.measure,
        kept_out.indicator_code,
        kept_out.problem,
        left(mentions.number_text, 40)
        || case when length(mentions.number_text) > 40 then '…' else '' end
        || ' at characters ' || kept_out.char_start || '..' || kept_out.char_end
        || ' reads as ' || printf('%g', kept_out.value) || ' ' || kept_out.base_unit
        || case
            when kept_out.problem = 'not_finite' then ', not a finite number'
            else ', outside ' || printf('%g', kept_out.min_value) || '..'
                || printf('%g', kept_out.max_value) || ' for '
                || coalesce(kept_out.range_indicator_code || ' in ', '')
                || kept_out.base_unit || ' ' || kept_out.measure
                || ' (plausible_values.csv)'
        end
        || '; kept out of fct_indicator_value, see quarantined_facts' as detail
    from kept_out
    inner join {{ ref('int_quantity_mentions_mapped_to_indicators') }} as mentions
        on kept_out.sha256 = mentions.sha256
        and kept_out.char_start = mentions.char_start
        and kept_out.char_end = mentions.char_end

)

select * from quarantined
