{#- Unit words the extractor recognises, with their base unit and scale.
    `scale` is an exact decimal so that scaling in SQL stays exact. -#}
with

source as (

    select * from {{ ref('units') }}

),

renamed as (

    select

        ---------- ids
        trim(unit) as unit,

        ---------- text
        trim(base_unit) as base_unit,
        nullif(trim(context), '') as unit_context,
        nullif(trim(not_before), '') as not_before_pattern,
        note,

        ---------- numerics
        cast(scale as decimal(18, 4)) as scale,

        ---------- booleans
        coalesce(allow_prefix, false) as is_prefix_allowed

    from source

)

select * from renamed
