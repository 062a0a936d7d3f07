{#- `dbt run` alone must rebuild the warehouse, also on a new file where no
    `dbt seed` ever ran: the reference seeds the models read are then loaded
    here straight from their CSV files, with the column types the seed config
    gives (the rest inferred by DuckDB). `dbt seed` and `dbt build` load them
    the usual way and this hook does nothing. -#}
{% macro load_missing_seeds() %}
    {%- if execute and flags.WHICH == 'run' -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'seed' -%}
            {%- set existing = adapter.get_relation(
                database=node.database, schema=node.schema, identifier=node.alias) -%}
            {%- if existing is none -%}
                {%- set path = node.root_path ~ '/' ~ node.original_file_path -%}
                {%- set types = node.config.column_types or {} -%}
                {%- set type_list = [] -%}
                {%- for column, type in types.items() -%}
                    {%- do type_list.append("'" ~ column ~ "': '" ~ type ~ "'") -%}
                {%- endfor -%}
                {%- do log("loading seed " ~ node.alias ~ " from " ~ node.original_file_path, info=true) -%}
                {%- do run_query("create schema if not exists " ~ node.schema) -%}
                {%- do run_query(
                    "create table " ~ node.schema ~ "." ~ node.alias
                    ~ " as select * from read_csv('" ~ path ~ "', header = true, auto_detect = true"
                    ~ (", types = {" ~ type_list | join(', ') ~ "}" if type_list else "")
                    ~ ")") -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
