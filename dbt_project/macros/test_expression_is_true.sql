{#- Generic test: every row satisfies `expression` (the project installs no
    packages, so this stands in for dbt_utils.expression_is_true). -#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not coalesce(({{ expression }}), false)

{% endtest %}
