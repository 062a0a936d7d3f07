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
    where region_key != {{ unknown_member_key() }}
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

unioned as (

    select * from distinct_regions
    union all
    select * from unknown_member

),

{#- A name to show for every member, never NULL, so that a BI tool never
    shows two blank regions: the name as written (襄阳市, XX县), else the
    province and level of a region that never writes its name (江西省某县),
    else `(未知地区)` for the unknown member alone. -#}
label_regions as (

    select
        *,
        case
            when region_key = {{ unknown_member_key() }}
                then '(未知地区)'
            when region_name is not null
                then region_name
            else coalesce(province_name, '') || '某' || case region_level
                when 'province' then '省'
                when 'city' then '市'
                when 'county' then '县'
                when 'district' then '区'
                else '地'
            end
        end as region_label
    from unioned

)

select * from label_regions
