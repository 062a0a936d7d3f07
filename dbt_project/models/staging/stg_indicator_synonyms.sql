{#- Wording that names an indicator: regexes (RE2 syntax, which DuckDB runs)
    over the indicator phrase, an optional exclusion and an optional unit
    pattern; the higher `priority` wins. Empty cells become NULL. -#}
with

source as (

    select * from {{ ref('indicator_synonyms') }}

),

renamed as (

    select

        ---------- ids
        trim(indicator_code) as indicator_code,

        ---------- text
        pattern,
        nullif(exclude_pattern, '') as exclude_pattern,
        nullif(unit_pattern, '') as unit_pattern,
        note,

        ---------- numerics
        coalesce(priority, 0) as priority

    from source

)

select * from renamed
