{#- Each loaded report with the period it is about, shaped as a member of
    dim_period: label `2022`, `2020H1`, `2020Q3`, `2008-01..2008-11`, or NULL
    (and year NULL) when no evidence of the year exists. -#}
with

reports as (

    select
        sha256,
        period_year,
        period_type,
        period_start_month,
        period_end_month,
        period_reason
    from {{ ref('stg_reports') }}
    where is_loaded

),

label_periods as (

    select
        sha256,
        {{ period_member_columns() }},
        period_reason
    from reports

)

select * from label_periods
