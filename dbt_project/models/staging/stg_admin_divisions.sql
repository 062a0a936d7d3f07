{#- China's administrative divisions (gazetteer): codes stay VARCHAR so that
    leading digits survive. -#}
with

source as (

    select * from {{ ref('admin_divisions') }}

),

renamed as (

    select

        ---------- ids
        cast(admin_code as varchar) as admin_code,
        cast(parent_code as varchar) as parent_code,
        cast(province_code as varchar) as province_code,

        ---------- text
        name as division_name,
        short_name,
        level as division_level,
        province_name,
        nullif(former_names, '') as former_names

    from source

)

select * from renamed
