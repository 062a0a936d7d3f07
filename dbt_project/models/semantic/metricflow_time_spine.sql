{#- One row per day, 1990..2040: the time spine MetricFlow needs to place
    metric_time. Reports' periods start on the first day of their first month. -#}
select cast(day as date) as date_day
from range(date '1990-01-01', date '2041-01-01', interval 1 day) as days (day)
