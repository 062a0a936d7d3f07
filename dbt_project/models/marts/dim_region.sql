{#- One row per region a report is about, plus the unknown member. -#}
with

report_regions as (

    select
        region_key,
        region_name,
        region_level,
        province_name,
        admin_code,
        is_masked
    from {{ ref('int_reports_resolved_to_regions') }}

),

distinct_regions as (

    select
        region_key,
        any_value(region_name) as region_name,
        any_value(region_level) as region_level,
        any_value(province_name) as province_name,
        max(admin_code) as admin_code,
        bool_or(is_masked) as is_masked
    from report_regions
    group by 1

),

unknown_member as (

    select
        {{ unknown_member_key() }} as region_key,
        cast(null as varchar) as region_name,
        'unknown' as region_level,
        cast(null as varchar) as province_name,
        cast(null as varchar) as admin_code,
        false as is_masked

),

final as (

    select * from distinct_regions
    union all
    select * from unknown_member

)

select * from final
