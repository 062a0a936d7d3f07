-- One row per period, with the label its year and months call for, so that
-- the suite can compare the stored label with it. The unknown member (every
-- attribute NULL) is the one period allowed to lack a type and months.
with

period as (
    select
        period_key,
        year,
        period_type,
        start_month,
        end_month,
        period_label,
        year is null
        and period_type is null
        and start_month is null
        and end_month is null
        and period_label is null as is_unknown_member
    from marts.dim_period
),

checks_computed as (
    select
        *,
        is_unknown_member or (
            period_type is not null
            and start_month is not null
            and end_month is not null
        ) as has_type_and_months,
        case
            when not is_unknown_member then coalesce(
                case period_type
                    when 'year' then start_month = 1 and end_month = 12
                    when 'half' then (start_month = 1 and end_month = 6)
                        or (start_month = 7 and end_month = 12)
                    when 'quarter' then start_month in (1, 4, 7, 10)
                        and end_month = start_month + 2
                    when 'months' then start_month <= end_month
                end,
                false
            )
        end as months_match_type,
        -- `2022`, `2020H1`, `2020Q3`, `2008-01..2008-11` (CONTRACT.md)
        case
            when year is null then null
            when period_type = 'year' then cast(year as varchar)
            when period_type = 'half'
                then year || 'H' || case when start_month <= 6 then 1 else 2 end
            when period_type = 'quarter'
                then year || 'Q' || ((start_month + 2) // 3)
            else year || '-' || lpad(cast(start_month as varchar), 2, '0')
                || '..' || year || '-' || lpad(cast(end_month as varchar), 2, '0')
        end as expected_label
    from period
),

labels_compared as (
    select
        * exclude (is_unknown_member, expected_label),
        case
            when year is not null
                then coalesce(period_label = expected_label, false)
        end as label_matches_months
    from checks_computed
)

select * from labels_compared
