{#- Every regex of indicator_synonyms.csv compiles in DuckDB (RE2 syntax: no
    look-around, no back-references). Returns each pattern that does not,
    naming its indicator and column; the mapping model would otherwise fail
    on the first bad pattern it meets. -#}
with

indicator_synonyms as (

    select
        indicator_code,
        pattern,
        exclude_pattern,
        unit_pattern
    from {{ ref('stg_indicator_synonyms') }}

),

unpivoted as (

    select indicator_code, 'pattern' as pattern_column, pattern as regex
    from indicator_synonyms
    union all
    select indicator_code, 'exclude_pattern', exclude_pattern
    from indicator_synonyms
    union all
    select indicator_code, 'unit_pattern', unit_pattern
    from indicator_synonyms

),

final as (

    select *
    from unpivoted
    where regex is not null
        and try(regexp_matches('', regex)) is null

)

select * from final
