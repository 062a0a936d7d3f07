{#- A ref to a relation of this warehouse is written without its catalog
    (`marts.dim_region`, not `build.marts.dim_region`). `keji build` builds a
    private file (`build.duckdb`) and renames it over the published one: a
    view that named the catalog of the private file (every staging,
    intermediate and semantic view) would fail in the published file with
    `Catalog "build" does not exist`. Relations in another catalog keep it. -#}
{% macro ref() %}
    {%- set relation = builtins.ref(*varargs, **kwargs) -%}
    {%- if relation.database == target.database -%}
        {{ return(relation.include(database=false)) }}
    {%- endif -%}
    {{ return(relation) }}
{% endmacro %}
