{#- One row per indicator of the indicators seed, plus `unmapped` for the
    quantities whose phrase names no known indicator. -#}
with

indicators as (

    select
        indicator_code,
        name_zh,
        name_en,
        base_unit,
        is_headline
    from {{ ref('stg_indicators') }}

),

unmapped_member as (

    select
        'unmapped' as indicator_code,
        '未映射' as name_zh,
        'Unmapped' as name_en,
        'other' as base_unit,
        false as is_headline

),

unioned as (

    select * from indicators
    union all
    select * from unmapped_member

),

final as (

    select
        {{ indicator_key('indicator_code') }} as indicator_key,
        indicator_code,
        name_zh,
        name_en,
        base_unit,
        is_headline
    from unioned

)

select * from final
