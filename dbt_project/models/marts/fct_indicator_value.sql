{#- One row per quantity stated in a report, with its value in the base unit
    and every foreign key resolved (to the unknown member where nothing is
    known). Quantities whose value is not finite or not plausible are kept
    out (int_quantity_mentions_quarantined, marts.quarantined_facts).
    Incremental by report: a build inserts the facts of the reports it touched
    and deletes those of reports changed or gone. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_reports('document_key', 'document_key') }}",
) }}
with

quantity_mentions as (

    select * from {{ ref('int_quantity_mentions_mapped_to_indicators') }}
    where {{ only_touched_reports('sha256') }}

),

mention_periods as (

    select
        sha256,
        char_start,
        char_end,
        period_key
    from {{ ref('int_quantity_mentions_resolved_to_periods') }}
    where {{ only_touched_reports('sha256') }}

),

report_regions as (

    select
        sha256,
        region_key
    from {{ ref('int_reports_resolved_to_regions') }}
    where {{ only_touched_reports('sha256') }}

),

quarantined as (

    select
        sha256,
        char_start,
        char_end
    from {{ ref('int_quantity_mentions_quarantined') }}
    where {{ only_touched_reports('sha256') }}

),

indicators as (

    select
        indicator_key,
        indicator_code,
        is_headline
    from {{ ref('dim_indicator') }}

),

final as (

    select
        {{ fact_key('quantity_mentions.sha256', 'quantity_mentions.char_start',
                    'quantity_mentions.char_end') }} as fact_key,
        {{ document_key('quantity_mentions.sha256') }} as document_key,
        coalesce(
            report_regions.region_key, {{ unknown_member_key() }}
        ) as region_key,
        coalesce(
            mention_periods.period_key, {{ unknown_member_key() }}
        ) as period_key,
        coalesce(
            indicators.indicator_key, {{ indicator_key("'unmapped'") }}
        ) as indicator_key,
        quantity_mentions.indicator_phrase,
        cast(quantity_mentions.value as double) as value,
        quantity_mentions.base_unit,
        cast(quantity_mentions.value_raw as double) as value_raw,
        quantity_mentions.unit_raw,
        quantity_mentions.measure,
        quantity_mentions.fact_type,
        quantity_mentions.bound,
        cast(quantity_mentions.char_start as integer) as char_start,
        cast(quantity_mentions.char_end as integer) as char_end,
        quantity_mentions.quote,
        quantity_mentions.number_text,
        quantity_mentions.numeral,
        quantity_mentions.is_in_plan_section,
        cast(quantity_mentions.quote_start as integer) as quote_start,
        quantity_mentions.cues,
        quantity_mentions.part_kind is not null as is_part,
        quantity_mentions.part_kind,
        coalesce(indicators.is_headline, false) as is_headline
    from quantity_mentions
    left join mention_periods
        on quantity_mentions.sha256 = mention_periods.sha256
        and quantity_mentions.char_start = mention_periods.char_start
        and quantity_mentions.char_end = mention_periods.char_end
    left join report_regions
        on quantity_mentions.sha256 = report_regions.sha256
    left join indicators
        on quantity_mentions.indicator_code = indicators.indicator_code
    left join quarantined
        on quantity_mentions.sha256 = quarantined.sha256
        and quantity_mentions.char_start = quarantined.char_start
        and quantity_mentions.char_end = quarantined.char_end
    where quarantined.sha256 is null

)

select * from final
