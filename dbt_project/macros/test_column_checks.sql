{#- Generic test: a model's column checks in one query, one dbt node per model.

    The checks are dbt's own (`not_null`, `unique`, `accepted_values`,
    `expression_is_true`, `relationships`), declared on the model:

        data_tests:
          - column_checks:
              arguments:
                not_null: [fact_key, value]
                unique: [fact_key]
                accepted_values: {measure: [level, growth]}
                expressions: ["char_end > char_start"]
                relationships: {region_key: {to: ref('dim_region'), field: region_key}}

    Why one node: dbt's cost per test node (compiling it, its connection,
    its events) was most of a build's fixed cost, ~0.1–0.4 s each for 150
    tests of a few rows; one query per model reads the model once for all its
    checks. Each check keeps dbt's semantics (accepted_values, unique and
    relationships skip NULL; an expression holds where it is true, not NULL).

    `whole` and `checked` are read by several checks, each for a column or
    two: DuckDB would materialize such a CTE, every column of every row (at
    1 GB, 7 million facts with their quotes: 58 s spilling past the memory
    limit, against 2 s inlined), so they are declared NOT MATERIALIZED; but
    `checked` of an incremental build (below) is its few touched rows, which
    each check would otherwise find again among them all (~1 s of the facts'
    checks at 1 GB): it is materialized once.

    A failure names the model, the column, the check and the bad values, with
    their rows: the test raises it (DuckDB's `error()`), so dbt prints it as
    the test's error and the build stops, e.g.
    `marts.fct_indicator_value: measure not in accepted_values: 'bogus' (2 rows)`.

    On an incremental build, the row-by-row checks (not_null, accepted_values,
    expressions) of an incremental model read the touched reports' rows only
    (its other rows passed when they were built); `unique` and
    `relationships` read the whole table (macros/incremental.sql). -#}
{% test column_checks(model, not_null=[], unique=[], accepted_values={}, expressions=[],
                      relationships={}) %}
{%- set name = model.schema ~ '.' ~ model.identifier if model.identifier else model | string -%}
{%- set scope = column_checks_scope(model) -%}
{%- set scoped = scope | trim != 'true' -%}
with whole as not materialized (
    select * from {{ model }}
),
checked as {{ 'materialized' if scoped else 'not materialized' }} (
    select * from whole where {{ scope }}
),
{%- if not_null %}
nulls as (
    select {% for column in not_null -%}
        count(*) filter (where {{ column }} is null) as {{ adapter.quote(column) }}{{ ',' if not loop.last }}
    {% endfor -%}
    from checked
),
{%- endif %}
failures as (
    {%- for column in not_null %}
    select '{{ column }}' as column_name, 'is null' as failed_check, 'NULL' as bad_value,
           {{ adapter.quote(column) }} as n_rows
    from nulls where {{ adapter.quote(column) }} > 0
    union all
    {%- endfor %}
    {%- for column, values in accepted_values.items() %}
    select '{{ column }}', 'not in accepted_values', '''' || cast({{ column }} as varchar) || '''',
           count(*)
    from checked
    where {{ column }} is not null
      and {{ column }} not in (
        {%- for value in values %}'{{ value | replace("'", "''") }}'{{ ',' if not loop.last }}{% endfor -%})
    group by {{ column }}
    union all
    {%- endfor %}
    {%- for expression in expressions %}
    select '{{ expression | trim | replace('\n', ' ') | replace("'", "''") }}', 'not true',
           'false or NULL', count(*)
    from checked where not coalesce(({{ expression }}), false)
    having count(*) > 0
    union all
    {%- endfor %}
    {%- for column in unique %}
    select '{{ column }}', 'not unique', '''' || cast({{ column }} as varchar) || '''', count(*)
    from whole where {{ column }} is not null
    group by {{ column }} having count(*) > 1
    union all
    {%- endfor %}
    {%- for column, parent in relationships.items() %}
    select '{{ column }}', 'not in {{ parent.to.identifier or parent.to }}.{{ parent.field }}',
           '''' || cast(child.{{ column }} as varchar) || '''', count(*)
    from whole as child
    where child.{{ column }} is not null
      and not exists (select 1 from {{ parent.to }} as parent
                      where parent.{{ parent.field }} = child.{{ column }})
    group by child.{{ column }}
    union all
    {%- endfor %}
    select null, null, null, null where false
),
told as (
    select string_agg(column_name || ' ' || failed_check || ': ' || bad_value
                      || ' (' || n_rows || (case when n_rows = 1 then ' row)' else ' rows)' end),
                      '; ' order by column_name, bad_value) as message
    from (select * from failures order by column_name, bad_value limit 10)
)
select failures.*
from failures, told
where error('{{ name }}: ' || told.message
            || (case when (select count(*) from failures) > 10
                     then '; … ' || ((select count(*) from failures) - 10) || ' more'
                     else '' end)) is null
{% endtest %}


{#- Which rows of `relation` a row-by-row check reads: on an incremental
    build, those of the reports the build touched when the model is
    incremental (it keeps the rows of untouched reports, which passed when
    they were built); else every row (`true`). A model is scoped by its first
    column among sha256, document_key and source_name, as its schema file
    declares them (every column of a model is declared: each carries its
    description, which tests/test_docs.py holds). -#}
{% macro column_checks_scope(relation) -%}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
                if node.resource_type == 'model' and node.schema == relation.schema
                   and node.alias == relation.identifier -%}
            {%- do found.append(node) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if found and found[0].config.materialized == 'incremental' and is_incremental_build() -%}
        {%- set names = found[0].columns.keys() | map('lower') | list -%}
        {%- for key in ('sha256', 'document_key', 'source_name') if key in names -%}
            {%- if loop.first -%}
                {{ return(key ~ ' in ' ~ touched_reports(key)) }}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return('true') }}
{%- endmacro %}
