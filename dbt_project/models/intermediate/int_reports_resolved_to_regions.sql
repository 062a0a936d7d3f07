{#- Each loaded report with the region it is about, shaped as a member of
    dim_region and keyed by its content (name, level, province, masked).
    A report of which nothing is known (no name, no level, no province) is
    about the unknown member itself (key md5('-1')), not a second member that
    looks like it; a report that hides its name but shows its level or
    province keeps a member of its own (contract: region as the report states
    it). -#}
with

reports as (

    select
        sha256,
        region_name,
        region_level,
        province_name,
        admin_code,
        is_region_masked
    from {{ ref('stg_reports') }}
    where is_loaded

),

shape_regions as (

    select
        sha256,
        region_name,
        coalesce(region_level, 'unknown') as region_level,
        province_name,
        admin_code,
        coalesce(is_region_masked, false) as is_masked
    from reports

),

key_regions as (

    select
        sha256,
        case
            when region_name is null
                and region_level = 'unknown'
                and province_name is null
                then {{ unknown_member_key() }}
            else {{ region_key('region_name', 'region_level', 'province_name',
                               'is_masked') }}
        end as region_key,
        region_name,
        region_level,
        province_name,
        admin_code,
        is_masked
    from shape_regions

)

select * from key_regions
