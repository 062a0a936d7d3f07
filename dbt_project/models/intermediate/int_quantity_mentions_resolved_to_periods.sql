{#- Each quantity mention with its own period (a fact about 上半年 in an
    annual report is about the half year), shaped as a member of dim_period.
    A mention without a period of its own takes its report's period.
    A table, incremental by report (fct_indicator_value and dim_period read it). -#}
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
        period_year,
        period_type,
        period_start_month,
        period_end_month,
        period_cue
    from {{ ref('stg_quantity_mentions') }}
    where {{ only_touched_reports('sha256') }}

),

report_periods as (

    select
        sha256,
        period_year,
        period_type,
        period_start_month,
        period_end_month
    from {{ ref('int_reports_resolved_to_periods') }}
    where {{ only_touched_reports('sha256') }}

),

fall_back_to_report_period as (

    select
        quantity_mentions.sha256,
        quantity_mentions.char_start,
        quantity_mentions.char_end,
        quantity_mentions.period_type is not null as has_own_period,
        case when quantity_mentions.period_type is not null
            then quantity_mentions.period_year
            else report_periods.period_year
        end as period_year,
        coalesce(
            quantity_mentions.period_type, report_periods.period_type
        ) as period_type,
        case when quantity_mentions.period_type is not null
            then quantity_mentions.period_start_month
            else report_periods.period_start_month
        end as period_start_month,
        case when quantity_mentions.period_type is not null
            then quantity_mentions.period_end_month
            else report_periods.period_end_month
        end as period_end_month,
        quantity_mentions.period_cue
    from quantity_mentions
    left join report_periods
        on quantity_mentions.sha256 = report_periods.sha256

),

label_periods as (

    select
        sha256,
        char_start,
        char_end,
        {{ period_member_columns() }},
        has_own_period,
        period_cue
    from fall_back_to_report_period

)

select * from label_periods
