{#- One value per cell, for BI: one row per region × period × indicator ×
    measure × fact_type × base_unit among the facts that carry an indicator
    (`unmapped` facts name no common thing and stay in fct_indicator_value).

    Several facts may state a cell: a report repeats its figure, a later
    report looks back, a part of a total carries the same code. One of them
    is chosen, by this rule, in this order:
      1. a whole over a part (is_part false first);
      2. the report about the fact's own period over another report's look
         back or forecast (the document's period is the fact's period);
      3. the value stated by the most reports, then by the most facts;
      4. an exact figure over a bounded one (exact, approx, at_least, at_most);
      5. the first stated: by the document's source_name, then its position.
    base_unit is in the grain because a growth may be stated in per cent
    (`增长8%`) or in percentage points (`提高0.23个百分点`): not one number.

    actual over estimate over target is the choice between cells of one
    region × period × indicator × measure × base_unit: `is_preferred_fact_type`
    marks the cell of the best fact type stated (headline_wide reads it). -#}
with

facts as (

    select
        fct.fact_key,
        fct.document_key,
        fct.region_key,
        fct.period_key,
        fct.indicator_key,
        fct.measure,
        fct.fact_type,
        fct.base_unit,
        fct.bound,
        fct.value,
        fct.is_part,
        fct.char_start,
        {#- values equal to 1e-4 in the base unit are one value (367.1亿元
            and 3.671e10 yuan may differ in the last bit of a double) -#}
        round(fct.value, 4) as value_group,
        documents.source_name,
        documents.period_key = fct.period_key as is_about_its_period
    from {{ ref('fct_indicator_value') }} as fct
    inner join {{ ref('dim_document') }} as documents
        on fct.document_key = documents.document_key
    where fct.indicator_key != {{ indicator_key("'unmapped'") }}

),

{#- the support of each value of a cell: how many reports and facts state it
    (among the facts of the same part tier, so that a part never lends its
    support to a whole); grouped, then joined back: a window counting distinct
    reports over millions of facts costs several times more -#}
value_support as (

    select
        region_key,
        period_key,
        indicator_key,
        measure,
        fact_type,
        base_unit,
        is_part,
        value_group,
        count(distinct document_key) as value_reports,
        count(*) as value_facts
    from facts
    group by all

),

count_value_support as (

    select
        facts.*,
        value_support.value_reports,
        value_support.value_facts
    from facts
    inner join value_support
        using (
            region_key, period_key, indicator_key, measure, fact_type, base_unit,
            is_part, value_group
        )

),

{#- each cell's chosen fact (the least by the rule above, as one struct
    compared field by field) and what its facts say together -#}
summarise_cells as (

    select
        region_key,
        period_key,
        indicator_key,
        measure,
        fact_type,
        base_unit,
        arg_min(fact_key, {
            'is_part': is_part,
            'is_about_another_period': not is_about_its_period,
            'fewer_reports': -value_reports,
            'fewer_facts': -value_facts,
            'bound_rank': case bound
                when 'exact' then 0
                when 'approx' then 1
                when 'at_least' then 2
                else 3
            end,
            'source_name': source_name,
            'char_start': char_start
        }) as chosen_fact_key,
        count(*) as supporting_facts,
        count(distinct document_key) as supporting_reports,
        count(*) filter (where is_part) as part_facts,
        min(value) as min_value,
        max(value) as max_value
    from count_value_support
    group by all

),

chosen as (

    select
        count_value_support.*,
        summarise_cells.supporting_facts,
        summarise_cells.supporting_reports,
        summarise_cells.part_facts,
        summarise_cells.min_value,
        summarise_cells.max_value
    from summarise_cells
    inner join count_value_support
        on summarise_cells.chosen_fact_key = count_value_support.fact_key

),

{#- disagreement is judged among the facts of the chosen tier: the wholes
    where any is stated, else the parts (a part differs from its whole by
    nature) -#}
tier_values as (

    select
        facts.region_key,
        facts.period_key,
        facts.indicator_key,
        facts.measure,
        facts.fact_type,
        facts.base_unit,
        count(distinct facts.value_group) as distinct_values
    from facts
    inner join chosen
        using (
            region_key, period_key, indicator_key, measure, fact_type, base_unit,
            is_part
        )
    group by 1, 2, 3, 4, 5, 6

),

final as (

    select
        md5(
            'panel|' || chosen.region_key || '|' || chosen.period_key
            || '|' || chosen.indicator_key || '|' || chosen.measure
            || '|' || chosen.fact_type || '|' || chosen.base_unit
        ) as panel_key,
        chosen.region_key,
        chosen.period_key,
        chosen.indicator_key,
        chosen.measure,
        chosen.fact_type,
        chosen.base_unit,
        chosen.value,
        chosen.bound,
        chosen.is_part,
        chosen.fact_key,
        chosen.document_key,
        chosen.is_about_its_period,
        cast(chosen.supporting_facts as integer) as supporting_facts,
        cast(chosen.supporting_reports as integer)
            as supporting_reports,
        cast(chosen.value_facts as integer) as value_supporting_facts,
        cast(chosen.value_reports as integer) as value_supporting_reports,
        cast(chosen.part_facts as integer) as part_facts,
        cast(tier_values.distinct_values as integer) as distinct_values,
        tier_values.distinct_values > 1 as disagreement,
        chosen.min_value,
        chosen.max_value,
        {#- actual over estimate over target, within the same
            region × period × indicator × measure × base_unit -#}
        row_number() over (
            partition by chosen.region_key, chosen.period_key,
                chosen.indicator_key, chosen.measure, chosen.base_unit
            order by case chosen.fact_type
                when 'actual' then 0
                when 'estimate' then 1
                else 2
            end
        ) = 1 as is_preferred_fact_type
    from chosen
    inner join tier_values
        using (region_key, period_key, indicator_key, measure, fact_type, base_unit)

)

select * from final
