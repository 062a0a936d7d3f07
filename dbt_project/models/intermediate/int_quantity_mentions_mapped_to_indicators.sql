{#- Each quantity mention with the indicator its phrase names, or `unmapped`.

    A synonym applies when its pattern matches the indicator phrase (in any
    letter case: R&D and r&d are one word), its
    exclude_pattern (if any) does not, and its unit_pattern (if any) matches
    unit_raw. The indicator must also fit the measure: a level is in the
    indicator's own base unit; a ratio only names a percent indicator; a
    growth rate or a multiple may be about any indicator (`增长17.1%` of
    研发投入 carries rd_expenditure). A number stated for several kinds of
    thing at once (`科技领军人才、…、科技特派员520多人`) takes an indicator only
    if its pattern names every kind. Among the synonyms that apply, the
    highest priority wins, then the longest matched text, then the code.

    The synonyms are inlined as constant regexes (see indicator_synonym_rows)
    and tested in one pass over the distinct phrase forms (phrase, unit and
    listed kinds: all a synonym reads), whose matches are then joined to the
    mentions. Across many reports phrases repeat (研发投入, 高新技术企业), and
    the regexes run once per form (the generated benchmark corpus, which
    repeats the dev reports: 1,122 forms for 7 million mentions; 49 real
    reports: 981 for 1,030). A table, incremental by report: they run once
    per new form, not once per build and test. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_reports('sha256', 'sha256') }}",
) }}
-- depends_on: {{ ref('stg_indicator_synonyms') }}
{%- set indicator_synonyms = indicator_synonym_rows() %}
with

{#- read three times (forms, matches, the result). A build from nothing
    inlines it (a table of every column of every mention would be copied
    twice); an incremental build materializes its few reports' mentions,
    since each reading filters the whole staging table again (at 7 million
    mentions ~2 s a reading, two thirds of this model's time). #}
quantity_mentions as {{ 'materialized' if model_is_incremental() else 'not materialized' }} (

    select
        *,
        {#- one number for several kinds of thing (`list_total:` cue of the
            extractor): the kinds, each of which a synonym must name -#}
        case
            when cues like '%list_total:%'
                then string_split(
                    regexp_extract(cues, 'list_total:([^|]*)', 1), '、'
                )
        end as list_total_kinds
    from {{ ref('int_quantity_mentions_scaled_to_base_unit') }}
    where {{ only_touched_reports('sha256') }}

),

indicators as (

    select
        indicator_code,
        base_unit
    from {{ ref('stg_indicators') }}

),

{% if indicator_synonyms | length > 0 %}
phrase_forms as (

    select distinct
        indicator_phrase,
        unit_raw,
        list_total_kinds
    from quantity_mentions

),

test_synonyms as (

    select
        phrase_forms.indicator_phrase,
        phrase_forms.unit_raw,
        phrase_forms.list_total_kinds,
        unnest([
        {%- for synonym in indicator_synonyms %}
            {
                'indicator_code': {{ sql_literal(synonym.indicator_code) }},
                'priority': {{ sql_literal(synonym.priority) }},
                'match_length': case
                    when regexp_matches(
                        phrase_forms.indicator_phrase,
                        {{ sql_literal(synonym.pattern) }}, 'i'
                    )
                    {%- if synonym.exclude_pattern %}
                        and not regexp_matches(
                            phrase_forms.indicator_phrase,
                            {{ sql_literal(synonym.exclude_pattern) }}, 'i'
                        )
                    {%- endif %}
                    {%- if synonym.unit_pattern %}
                        and regexp_matches(
                            phrase_forms.unit_raw,
                            {{ sql_literal(synonym.unit_pattern) }}
                        )
                    {%- endif %}
                        and coalesce(list_bool_and(list_transform(
                            phrase_forms.list_total_kinds,
                            lambda kind: regexp_matches(
                                kind, {{ sql_literal(synonym.pattern) }}, 'i'
                            )
                        )), true)
                        then length(regexp_extract(
                            phrase_forms.indicator_phrase,
                            {{ sql_literal(synonym.pattern) }}, 0, 'i'
                        ))
                end
            }{{ ',' if not loop.last }}
        {%- endfor %}
        ]) as synonym_test
    from phrase_forms

),

form_matches as (

    select
        indicator_phrase,
        unit_raw,
        list_total_kinds,
        synonym_test.indicator_code as indicator_code,
        coalesce(synonym_test.priority, 0) as priority,
        synonym_test.match_length as match_length
    from test_synonyms
    where synonym_test.match_length is not null

),

match_synonyms as (

    select
        quantity_mentions.sha256,
        quantity_mentions.char_start,
        quantity_mentions.char_end,
        quantity_mentions.measure,
        quantity_mentions.base_unit,
        form_matches.indicator_code,
        form_matches.priority,
        form_matches.match_length
    from quantity_mentions
    inner join form_matches
        on quantity_mentions.indicator_phrase
            is not distinct from form_matches.indicator_phrase
        and quantity_mentions.unit_raw is not distinct from form_matches.unit_raw
        and quantity_mentions.list_total_kinds
            is not distinct from form_matches.list_total_kinds

),
{% else %}
match_synonyms as (

    select
        cast(null as varchar) as sha256,
        cast(null as integer) as char_start,
        cast(null as integer) as char_end,
        cast(null as varchar) as measure,
        cast(null as varchar) as base_unit,
        cast(null as varchar) as indicator_code,
        cast(null as integer) as priority,
        cast(null as integer) as match_length
    where false

),
{% endif %}

fit_measure_to_indicator as (

    select
        match_synonyms.sha256,
        match_synonyms.char_start,
        match_synonyms.char_end,
        match_synonyms.indicator_code,
        match_synonyms.priority,
        match_synonyms.match_length
    from match_synonyms
    inner join indicators
        on match_synonyms.indicator_code = indicators.indicator_code
        and case match_synonyms.measure
            when 'level'
                then match_synonyms.base_unit = indicators.base_unit
            when 'ratio'
                then indicators.base_unit = 'percent'
            {#- a change in percentage points is a change of a share -#}
            when 'growth'
                then match_synonyms.base_unit != 'pp'
                    or indicators.base_unit = 'percent'
            else true
        end

),

pick_best_synonym as (

    select
        sha256,
        char_start,
        char_end,
        indicator_code
    from fit_measure_to_indicator
    qualify row_number() over (
        partition by sha256, char_start, char_end
        order by priority desc, match_length desc, indicator_code
    ) = 1

),

mapped as (

    select
        quantity_mentions.*,
        coalesce(
            pick_best_synonym.indicator_code, 'unmapped'
        ) as indicator_code
    from quantity_mentions
    left join pick_best_synonym
        on quantity_mentions.sha256 = pick_best_synonym.sha256
        and quantity_mentions.char_start = pick_best_synonym.char_start
        and quantity_mentions.char_end = pick_best_synonym.char_end

)

select * from mapped
