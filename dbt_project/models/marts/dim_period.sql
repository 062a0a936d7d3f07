{#- One row per period a report or a fact is about, plus the unknown member.
    A period without a known year has year and label NULL but still its own
    row (e.g. 上半年 of an unknown year). -#}

{#- Both resolved-period models carry the dim_period member columns (macro
    period_member_columns); one list reads them from each, so the union all,
    which matches columns by position, always lines them up. -#}
{%- set period_columns = [
    'period_key', 'period_year', 'period_type', 'period_start_month',
    'period_end_month', 'period_label',
] %}

with

report_periods as (

    select {{ period_columns | join(', ') }}
    from {{ ref('int_reports_resolved_to_periods') }}

),

mention_periods as (

    select {{ period_columns | join(', ') }}
    from {{ ref('int_quantity_mentions_resolved_to_periods') }}

),

unioned as (

    select * from report_periods
    union all
    select * from mention_periods

),

distinct_periods as (

    select
        period_key,
        any_value(period_year) as period_year,
        any_value(period_type) as period_type,
        any_value(period_start_month) as period_start_month,
        any_value(period_end_month) as period_end_month,
        any_value(period_label) as period_label
    from unioned
    where period_key != {{ unknown_member_key() }}
    group by 1

),

unknown_member as (

    select
        {{ unknown_member_key() }} as period_key,
        cast(null as integer) as period_year,
        cast(null as varchar) as period_type,
        cast(null as integer) as period_start_month,
        cast(null as integer) as period_end_month,
        cast(null as varchar) as period_label

),

unioned_with_unknown as (

    select * from distinct_periods
    union all
    select * from unknown_member

),

final as (

    select
        period_key,
        cast(period_year as integer) as year,
        period_type,
        cast(period_start_month as integer) as start_month,
        cast(period_end_month as integer) as end_month,
        period_label
    from unioned_with_unknown

)

select * from final
