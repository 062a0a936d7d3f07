{#- headline_wide's grain: one row per region × period. -#}
select
    region_key,
    period_key,
    count(*) as row_count
from {{ ref('headline_wide') }}
group by 1, 2
having count(*) > 1
