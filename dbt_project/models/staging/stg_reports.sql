{#- One row per corpus file as the loaders read it; the nested lists of
    problems and mentions are unnested by their own staging models. -#}
with

source as (

    select * from {{ ref('raw_reports') }}

),

renamed as (

    select

        ---------- ids
        sha256,
        source_name,

        ---------- text
        status as load_status,
        encoding,
        title,
        raw_text,
        clean_text,
        region_name,
        region_level,
        province_name,
        admin_code,
        region_evidence,
        period_type,
        period_reason,

        ---------- numerics
        byte_size,
        period_year,
        period_start_month,
        period_end_month,

        ---------- booleans
        status = 'loaded' as is_loaded,
        region_is_masked as is_region_masked,

        ---------- timestamps
        timezone('UTC', loaded_at) as loaded_at

    from source

)

select * from renamed
