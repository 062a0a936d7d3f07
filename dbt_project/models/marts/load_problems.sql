{#- One row per problem met while loading a file of the corpus, and one per
    quantity kept out of the facts (not_finite, implausible_value).
    Incremental by file: a build re-derives the rows of every file whose
    content is a report it touched. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_reports('source_name', 'source_name') }}",
) }}
with

load_problems as (

    select
        source_name,
        problem,
        detail,
        loaded_at
    from {{ ref('stg_load_problems') }}
    where {{ only_touched_reports('source_name', 'source_name') }}

),

quarantined as (

    select
        sha256,
        source_name,
        problem,
        detail
    from {{ ref('int_quantity_mentions_quarantined') }}
    where {{ only_touched_reports('sha256') }}

),

reports as (

    select
        sha256,
        loaded_at
    from {{ ref('stg_reports') }}
    where is_loaded
        and {{ only_touched_reports('sha256') }}

),

quarantined_with_time as (

    select
        quarantined.source_name,
        quarantined.problem,
        quarantined.detail,
        reports.loaded_at
    from quarantined
    left join reports
        on quarantined.sha256 = reports.sha256

),

unioned as (

    select * from load_problems
    union all
    select * from quarantined_with_time

),

final as (

    select
        source_name,
        problem,
        detail,
        cast(loaded_at as timestamp) as detected_at
    from unioned

)

select * from final
