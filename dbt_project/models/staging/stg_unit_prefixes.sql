{#- Numeral prefixes that multiply a unit (万 10^4, 亿 10^8, 万亿 10^12). -#}
with

source as (

    select * from {{ ref('unit_prefixes') }}

),

renamed as (

    select

        ---------- ids
        trim(prefix) as prefix,

        ---------- text
        note,

        ---------- numerics
        cast(scale as decimal(18, 4)) as scale

    from source

)

select * from renamed
