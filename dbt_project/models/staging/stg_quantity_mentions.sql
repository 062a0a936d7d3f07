{#- One row per quantity the extractor found in a loaded report: the
    `mentions` list of raw_reports unnested, each row carrying its document's
    sha256 and source_name. Files that were not loaded carry no mentions.
    A table, not a view: its fourteen tests and the models above it would each
    unnest every mention again (half of a build's test time on a 20 MB corpus).
    Incremental by report: a build unnests only the reports it touched. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ delete_touched_reports('sha256') }}",
) }}
with

source as (

    select
        sha256,
        source_name,
        mentions
    from {{ ref('raw_reports') }}
    where status = 'loaded'
        and {{ only_touched_reports('sha256') }}

),

unnested as (

    select
        source.sha256,
        source.source_name,
        mention_list.mention
    from source
    cross join unnest(source.mentions) as mention_list (mention)

),

renamed as (

    select

        ---------- ids
        sha256,
        source_name,

        ---------- text
        mention.number_text as number_text,
        mention.unit_raw as unit_raw,
        mention.numeral as numeral,
        mention.indicator_phrase as indicator_phrase,
        mention.quote as quote,
        mention.measure as measure,
        mention.fact_type as fact_type,
        mention.bound as bound,
        mention.period_type as period_type,
        mention.period_cue as period_cue,
        mention.cues as cues,

        ---------- numerics
        mention.char_start as char_start,
        mention.char_end as char_end,
        mention.quote_start as quote_start,
        mention.value_raw as value_raw,
        mention.period_year as period_year,
        mention.period_start_month as period_start_month,
        mention.period_end_month as period_end_month,

        ---------- booleans
        mention.in_plan_section as is_in_plan_section

    from unnested

),

{#- The extractor marks a quantity that is not the region's own total in its
    phrase (loaders/extract.py): `其中之一…` leads one firm's, one project's or
    one partner's figures, `其中…` a part of a total the report states, and a
    phrase whose last words open with 其中 is a part in its own words
    (`专利申请量…其中发明专利申请`). The same test as `_is_part` there, read
    here once so that nobody downstream parses phrases. -#}
mark_parts as (

    select
        *,
        case
            when contains(indicator_phrase, '其中之一…')
                then 'one_of'
            when contains(indicator_phrase, '其中…')
                or starts_with(
                    string_split(indicator_phrase, '…')[-1], '其中'
                )
                then 'part_of_total'
        end as part_kind
    from renamed

)

select * from mark_parts
