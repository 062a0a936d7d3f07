-- One row per region, as stored.
select
    region_key,
    region_name,
    region_level,
    province_name,
    admin_code,
    is_masked
from marts.dim_region
