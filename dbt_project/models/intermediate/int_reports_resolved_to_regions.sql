{#- Each loaded report with the region it is about, shaped as a member of
    dim_region and keyed by its content (name, level, province, masked). -#}
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
        {{ region_key('region_name', 'region_level', 'province_name',
                      'is_masked') }} as region_key,
        region_name,
        region_level,
        province_name,
        admin_code,
        is_masked
    from shape_regions

)

select * from key_regions
