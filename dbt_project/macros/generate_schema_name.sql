{#- Land models in exactly the schema they name (`marts`, not `main_marts`):
    the schema names are part of the warehouse's public contract. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
