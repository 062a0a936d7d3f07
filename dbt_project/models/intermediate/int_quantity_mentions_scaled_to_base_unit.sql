{#- Each quantity mention with its value in the base unit:
    value = value_raw × scale of its unit form (`367.1亿元` → 36710000000 CNY).

    `unit_raw` may carry a parenthesised tail (`台(套)`, `万份(册)`,
    `万人(次)`): the form with the brackets dropped is tried first (`万人次`),
    then the form without the tail (`万人`). A unit the seed does not know
    keeps its number as written under base unit `other`.

    Scaling runs in DECIMAL and is cast to DOUBLE at the end, so that
    decimal fractions scale exactly; numbers too large for the decimal type
    (not seen in reports) fall back to DOUBLE arithmetic. -#}
with

quantity_mentions as (

    select * from {{ ref('stg_quantity_mentions') }}

),

unit_forms as (

    select
        unit_form,
        base_unit,
        scale
    from {{ ref('int_unit_forms') }}

),

spell_unit_forms as (

    select
        *,
        regexp_replace(unit_raw, '[(（)）]', '', 'g') as unit_form_unbracketed,
        trim(regexp_replace(unit_raw, '[(（].*[)）]', '')) as unit_form_untailed
    from quantity_mentions

),

join_unit_forms as (

    select
        spell_unit_forms.*,
        coalesce(
            unbracketed_forms.unit_form, untailed_forms.unit_form
        ) as unit_form,
        coalesce(
            unbracketed_forms.base_unit, untailed_forms.base_unit, 'other'
        ) as base_unit,
        coalesce(
            unbracketed_forms.scale, untailed_forms.scale, 1
        ) as unit_scale,
        coalesce(
            unbracketed_forms.unit_form, untailed_forms.unit_form
        ) is not null as is_unit_known
    from spell_unit_forms
    left join unit_forms as unbracketed_forms
        on spell_unit_forms.unit_form_unbracketed = unbracketed_forms.unit_form
    left join unit_forms as untailed_forms
        on spell_unit_forms.unit_form_untailed = untailed_forms.unit_form

),

scale_values as (

    select
        * exclude (unit_form_unbracketed, unit_form_untailed),
        {#- a fall or a written minus (cue `sign:-`) makes the value negative;
            value_raw stays the number as written -#}
        case when cues like '%sign:-%' then -1 else 1 end
        * case
            when abs(value_raw * cast(unit_scale as double)) < 1e20
                then cast(
                    cast(value_raw as decimal(38, 10)) * unit_scale as double
                )
            else value_raw * cast(unit_scale as double)
        end as value
    from join_unit_forms

)

select * from scale_values
