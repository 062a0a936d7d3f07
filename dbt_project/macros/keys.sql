{#- Warehouse keys are VARCHAR md5 hashes of content, never row numbers, so a
    rebuild of the same corpus gives the same keys. Each helper hashes the
    natural attributes of its entity behind a prefix naming the entity. -#}

{#- The key of every dimension's explicit unknown member (the fact coalesces
    each foreign key to it, so no foreign key is NULL). -#}
{% macro unknown_member_key() -%}
    md5('-1')
{%- endmacro %}

{% macro document_key(sha256) -%}
    md5('document|' || {{ sha256 }})
{%- endmacro %}

{% macro fact_key(sha256, char_start, char_end) -%}
    md5(
        'fact|' || {{ sha256 }}
        || '|' || cast({{ char_start }} as varchar)
        || '|' || cast({{ char_end }} as varchar)
    )
{%- endmacro %}

{% macro indicator_key(indicator_code) -%}
    md5('indicator|' || {{ indicator_code }})
{%- endmacro %}

{#- A region is what the report says about itself: its name (NULL when never
    written), level, province and whether it hides its name. -#}
{% macro region_key(region_name, region_level, province_name, is_masked) -%}
    md5(
        'region|' || coalesce({{ region_name }}, '')
        || '|' || coalesce({{ region_level }}, 'unknown')
        || '|' || coalesce({{ province_name }}, '')
        || '|' || coalesce(cast({{ is_masked }} as varchar), '')
    )
{%- endmacro %}

{#- A period with a year is keyed by its label; one without a year still gets
    its own member, keyed by its type and months; no type at all gives NULL,
    which the caller coalesces to the unknown member. -#}
{% macro period_key(year, period_type, start_month, end_month) -%}
    md5(
        'period|' || coalesce(
            {{ period_label(year, period_type, start_month, end_month) }},
            'unknown|' || {{ period_type }}
            || '|' || cast({{ start_month }} as varchar)
            || '|' || cast({{ end_month }} as varchar)
        )
    )
{%- endmacro %}
