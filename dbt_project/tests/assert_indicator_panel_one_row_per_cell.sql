{#- The panel's grain: one row per region × period × indicator × measure ×
    fact_type × base_unit (panel_key hashes these; this checks the columns). -#}
select
    region_key,
    period_key,
    indicator_key,
    measure,
    fact_type,
    base_unit,
    count(*) as row_count
from {{ ref('indicator_panel') }}
group by 1, 2, 3, 4, 5, 6
having count(*) > 1
