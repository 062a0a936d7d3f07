{#- One row per loaded report. Files that were not loaded (duplicates,
    undecodable, empty, ...) appear in load_problems only. Incremental by
    report: a build inserts the reports it touched. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_reports('sha256', 'sha256') }}",
) }}
with

reports as (

    select
        sha256,
        source_name,
        title,
        clean_text,
        encoding,
        byte_size,
        loaded_at,
        region_evidence,
        period_reason
    from {{ ref('stg_reports') }}
    where is_loaded
        and {{ only_touched_reports('sha256') }}

),

report_regions as (

    select
        sha256,
        region_key
    from {{ ref('int_reports_resolved_to_regions') }}

),

report_periods as (

    select
        sha256,
        period_key
    from {{ ref('int_reports_resolved_to_periods') }}

),

final as (

    select
        cast({{ document_key('reports.sha256') }} as varchar) as document_key,
        reports.source_name,
        reports.sha256,
        reports.title,
        reports.clean_text,
        coalesce(
            report_regions.region_key, {{ unknown_member_key() }}
        ) as region_key,
        coalesce(
            report_periods.period_key, {{ unknown_member_key() }}
        ) as period_key,
        reports.encoding,
        reports.byte_size,
        reports.loaded_at,
        {#- why the loaders placed and dated the report, in their words -#}
        reports.region_evidence,
        reports.period_reason
    from reports
    left join report_regions
        on reports.sha256 = report_regions.sha256
    left join report_periods
        on reports.sha256 = report_periods.sha256

)

select * from final
