{#- The indicators the warehouse maps report wording onto. -#}
with

source as (

    select * from {{ ref('indicators') }}

),

renamed as (

    select

        ---------- ids
        trim(indicator_code) as indicator_code,

        ---------- text
        name_zh,
        name_en,
        trim(base_unit) as base_unit,

        ---------- booleans
        coalesce(cast(is_headline as boolean), false) as is_headline

    from source

)

select * from renamed
