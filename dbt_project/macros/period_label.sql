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
