-- One row per document; the text itself stays in DuckDB (only its length is
-- read), and the links to other tables are computed here as booleans.
with

document as (
    select
        document_key,
        source_name,
        sha256,
        title,
        length(clean_text) as text_length,
        region_key,
        period_key
    from marts.dim_document
),

region as (
    select distinct region_key from marts.dim_region
),

period as (
    select distinct period_key from marts.dim_period
),

load_problem_codes as (
    select
        source_name,
        string_agg(distinct problem, ',' order by problem) as load_problem_codes
    from marts.load_problems
    group by 1
),

documents_joined as (
    select
        document.*,
        region.region_key is not null as region_exists,
        period.period_key is not null as period_exists,
        load_problem_codes.load_problem_codes
    from document
    left join region
        on document.region_key = region.region_key
    left join period
        on document.period_key = period.period_key
    left join load_problem_codes
        on document.source_name = load_problem_codes.source_name
)

select * from documents_joined
