-- One row per problem met while loading, as stored.
select
    source_name,
    problem,
    detail,
    detected_at
from marts.load_problems
