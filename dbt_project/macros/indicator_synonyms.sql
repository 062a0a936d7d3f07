{#- The rows of stg_indicator_synonyms, read when the model runs, so that the
    mapping model can inline each regex as a constant: DuckDB compiles a
    constant pattern once, but a pattern read from a column once per row
    (a join of mentions × synonyms on regexp_matches compiles a regex per
    pair and grows too slow for a large corpus). A model calling this must
    declare `-- depends_on: {{ ref('stg_indicator_synonyms') }}`; unit tests
    override it with rows of their own. -#}
{% macro indicator_synonym_rows() %}
    {%- set rows = [] -%}
    {%- if execute -%}
        {%- set query -%}
            select
                indicator_code,
                pattern,
                exclude_pattern,
                unit_pattern,
                priority
            from {{ ref('stg_indicator_synonyms') }}
            order by indicator_code, priority desc, pattern
        {%- endset -%}
        {%- set table = run_query(query) -%}
        {%- for row in table.rows -%}
            {%- do rows.append({
                'indicator_code': row['indicator_code'],
                'pattern': row['pattern'],
                'exclude_pattern': row['exclude_pattern'],
                'unit_pattern': row['unit_pattern'],
                'priority': row['priority'],
            }) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(rows) }}
{% endmacro %}

{#- A Python value as a SQL literal: NULL, a number, or a quoted string. -#}
{% macro sql_literal(value) -%}
    {%- if value is none -%}
        null
    {%- elif value is number -%}
        {{ value }}
    {%- else -%}
        '{{ value | string | replace("'", "''") }}'
    {%- endif -%}
{%- endmacro %}
