{#- indicator_panel read for the semantic layer: each cell with its
    indicator's code and unit, its region's label and level, its period's
    label and first day (MetricFlow's metric_time). Cells of a period without
    a year have no first day and no metric_time. -#}
with

panel as (

    select * from {{ ref('indicator_panel') }}

),

indicators as (

    select
        indicator_key,
        indicator_code,
        base_unit as indicator_base_unit,
        is_headline
    from {{ ref('dim_indicator') }}

),

regions as (

    select
        region_key,
        region_label,
        region_level,
        province_name
    from {{ ref('dim_region') }}

),

periods as (

    select
        period_key,
        year,
        period_type,
        period_label,
        start_month
    from {{ ref('dim_period') }}

),

final as (

    select
        panel.panel_key,
        panel.region_key,
        panel.period_key,
        indicators.indicator_code,
        indicators.is_headline,
        panel.measure,
        panel.fact_type,
        panel.base_unit,
        {#- the cell holds the indicator's own figure: a level in its unit,
            or the share of a percent indicator -#}
        panel.base_unit = indicators.indicator_base_unit
            and panel.measure = case indicators.indicator_base_unit
                when 'percent' then 'ratio'
                else 'level'
            end as is_headline_measure,
        panel.is_preferred_fact_type,
        panel.is_part,
        panel.disagreement,
        regions.region_label,
        regions.region_level,
        regions.province_name,
        periods.year,
        periods.period_type,
        periods.period_label,
        case
            when periods.year is not null
                then make_date(periods.year, coalesce(periods.start_month, 1), 1)
        end as period_start,
        panel.value,
        panel.supporting_reports
    from panel
    inner join indicators
        on panel.indicator_key = indicators.indicator_key
    inner join regions
        on panel.region_key = regions.region_key
    inner join periods
        on panel.period_key = periods.period_key

)

select * from final
