{#- headline_wide has one column per code of headline_indicator_codes():
    the list must be the codes the indicators seed flags is_headline. -#}
with

listed as (

    select unnest([
        {%- for code in headline_indicator_codes() %}
        '{{ code }}'{{ ',' if not loop.last }}
        {%- endfor %}
    ]) as indicator_code

),

seeded as (

    select indicator_code
    from {{ ref('stg_indicators') }}
    where is_headline

)

(select indicator_code, 'listed, not headline in the seed' as problem
 from listed except select indicator_code, 'listed, not headline in the seed' from seeded)
union all
(select indicator_code, 'headline in the seed, not listed'
 from seeded except select indicator_code, 'headline in the seed, not listed' from listed)
