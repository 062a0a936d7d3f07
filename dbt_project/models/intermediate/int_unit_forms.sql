{#- Every unit form the extractor can emit: each unit bare, plus each prefix
    (万, 亿, 万亿) in front of the units that allow one, with the combined
    scale to the base unit. Where two spellings coincide the bare unit wins,
    as in the extractor. -#}
with

units as (

    select
        unit,
        base_unit,
        scale,
        is_prefix_allowed
    from {{ ref('stg_units') }}

),

unit_prefixes as (

    select
        prefix,
        scale
    from {{ ref('stg_unit_prefixes') }}

),

bare_forms as (

    select
        units.unit as unit_form,
        units.unit,
        '' as prefix,
        units.base_unit,
        units.scale
    from units

),

prefixed_forms as (

    select
        unit_prefixes.prefix || units.unit as unit_form,
        units.unit,
        unit_prefixes.prefix,
        units.base_unit,
        cast(
            cast(unit_prefixes.scale as decimal(38, 8))
            * cast(units.scale as decimal(38, 8))
            as decimal(18, 4)
        ) as scale
    from units
    cross join unit_prefixes
    where units.is_prefix_allowed

),

unioned as (

    select * from bare_forms
    union all
    select * from prefixed_forms

),

deduplicated as (

    select *
    from unioned
    qualify row_number() over (
        partition by unit_form
        order by length(prefix), unit
    ) = 1

)

select * from deduplicated
