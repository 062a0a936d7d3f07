{#- The range a fact's value may take for its indicator (NULL for any), in
    its base unit and measure (`*` for any): generous bounds beyond which a
    number is a misread, not a report's. -#}
with

source as (

    select * from {{ ref('plausible_values') }}

),

renamed as (

    select

        ---------- ids
        nullif(trim(indicator_code), '') as indicator_code,
        trim(base_unit) as base_unit,
        trim(measure) as measure,

        ---------- text
        note,

        ---------- numerics
        cast(min_value as double) as min_value,
        cast(max_value as double) as max_value

    from source

)

select * from renamed
