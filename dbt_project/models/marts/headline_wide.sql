{#- One row per region × period with a column per headline indicator: the
    figure of the period itself, in the indicator's base unit (a level, or
    the share for a percent indicator), taken from indicator_panel: its
    chosen value, actual where stated, else the estimate. Targets are no
    figure of their period and stay in the panel (fact_type = 'target'). -#}
{%- set codes = headline_indicator_codes() %}
with

panel as (

    select
        panel.region_key,
        panel.period_key,
        panel.value,
        panel.disagreement,
        panel.fact_type,
        indicators.indicator_code
    from {{ ref('indicator_panel') }} as panel
    inner join {{ ref('dim_indicator') }} as indicators
        on panel.indicator_key = indicators.indicator_key
    where indicators.is_headline
        and panel.base_unit = indicators.base_unit
        and panel.measure = case indicators.base_unit
            when 'percent' then 'ratio'
            else 'level'
        end
        and panel.is_preferred_fact_type
        and panel.fact_type != 'target'

),

pivot_codes as (

    select
        region_key,
        period_key,
        {%- for code in codes %}
        max(value) filter (
            where indicator_code = '{{ code }}'
        ) as {{ code }},
        {%- endfor %}
        cast(count(*) as integer) as indicator_count,
        cast(count(*) filter (where fact_type = 'estimate') as integer)
            as estimate_count,
        cast(count(*) filter (where disagreement) as integer)
            as disagreement_count
    from panel
    group by 1, 2

),

final as (

    select
        md5(
            'headline|' || pivot_codes.region_key
            || '|' || pivot_codes.period_key
        ) as headline_key,
        pivot_codes.region_key,
        pivot_codes.period_key,
        regions.region_label,
        periods.year,
        periods.period_label,
        pivot_codes.* exclude (region_key, period_key)
    from pivot_codes
    inner join {{ ref('dim_region') }} as regions
        on pivot_codes.region_key = regions.region_key
    inner join {{ ref('dim_period') }} as periods
        on pivot_codes.period_key = periods.period_key

)

select * from final
