{#- Every fact with an indicator supports exactly one panel cell: the cells'
    supporting_facts add up to the mapped facts, and each cell's chosen fact
    is one of them with the cell's own keys. -#}
with

mapped_facts as (

    select count(*) as fact_count
    from {{ ref('fct_indicator_value') }}
    where indicator_key != {{ indicator_key("'unmapped'") }}

),

panel as (

    select coalesce(sum(supporting_facts), 0) as fact_count
    from {{ ref('indicator_panel') }}

),

mismatched_choices as (

    select panel.panel_key
    from {{ ref('indicator_panel') }} as panel
    inner join {{ ref('fct_indicator_value') }} as facts
        on panel.fact_key = facts.fact_key
    where panel.region_key != facts.region_key
        or panel.period_key != facts.period_key
        or panel.indicator_key != facts.indicator_key
        or panel.measure != facts.measure
        or panel.fact_type != facts.fact_type
        or panel.base_unit != facts.base_unit
        or panel.value != facts.value

)

select 'supporting facts do not add up' as problem
from mapped_facts, panel
where mapped_facts.fact_count != panel.fact_count
union all
select 'chosen fact not of its cell: ' || panel_key
from mismatched_choices
