-- One row per indicator; code and unit side by side in one column, so that a
-- known code's unit can be checked against the reference list as one value.
select
    indicator_key,
    indicator_code,
    name_zh,
    name_en,
    base_unit,
    indicator_code || ' ' || base_unit as code_and_unit
from marts.dim_indicator
