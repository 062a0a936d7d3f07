{#- The contract's period label: `2022`, `2020H1`, `2020Q3`,
    `2008-01..2008-11`; NULL when the year is unknown. Mirrors
    loaders.records.PeriodResolution.label. -#}
{% macro period_label(year, period_type, start_month, end_month) -%}
    case
        when {{ year }} is null then null
        when {{ period_type }} = 'year'
            then cast({{ year }} as varchar)
        when {{ period_type }} = 'half'
            then cast({{ year }} as varchar)
            || 'H' || case when {{ start_month }} = 1 then '1' else '2' end
        when {{ period_type }} = 'quarter'
            then cast({{ year }} as varchar)
            || 'Q' || cast(({{ start_month }} - 1) // 3 + 1 as varchar)
        when {{ period_type }} = 'months'
            then printf(
                '%d-%02d..%d-%02d',
                {{ year }}, {{ start_month }}, {{ year }}, {{ end_month }}
            )
    end
{%- endmacro %}

{#- The columns that make a row a member of dim_period, read from the columns
    period_year, period_type, period_start_month and period_end_month of the
    row: its key (the unknown member's when it has no type), those four, and
    its label. Reports and mentions resolve to periods alike through it, so
    the same period gets the same key from either. -#}
{% macro period_member_columns() -%}
    coalesce(
        {{ period_key('period_year', 'period_type', 'period_start_month',
                      'period_end_month') }},
        {{ unknown_member_key() }}
    ) as period_key,
    period_year,
    period_type,
    period_start_month,
    period_end_month,
    {{ period_label('period_year', 'period_type', 'period_start_month',
                    'period_end_month') }} as period_label
{%- endmacro %}
