{#- One row per problem met while loading a file: the `problems` list of
    raw_reports unnested. A loaded file may carry problems too (decoded with
    replacement, mis-decoded fragments). -#}
with

source as (

    select
        source_name,
        sha256,
        status,
        loaded_at,
        problems
    from {{ ref('raw_reports') }}

),

unnested as (

    select
        source.source_name,
        source.sha256,
        source.status,
        source.loaded_at,
        problem_list.problem_record
    from source
    cross join unnest(source.problems) as problem_list (problem_record)

),

renamed as (

    select

        ---------- ids
        source_name,
        sha256,

        ---------- text
        problem_record.problem as problem,
        problem_record.detail as detail,
        status as load_status,

        ---------- timestamps
        timezone('UTC', loaded_at) as loaded_at

    from unnested

)

select * from renamed
