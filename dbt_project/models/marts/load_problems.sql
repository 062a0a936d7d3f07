{#- One row per problem met while loading a file of the corpus. -#}
with

load_problems as (

    select
        source_name,
        problem,
        detail,
        loaded_at
    from {{ ref('stg_load_problems') }}

),

final as (

    select
        source_name,
        problem,
        detail,
        cast(loaded_at as timestamp) as detected_at
    from load_problems

)

select * from final
