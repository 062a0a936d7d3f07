{#- One row per indicator phrase that no synonym maps, most frequent first:
    the worklist for extending indicator_synonyms.csv.

    Each phrase's counts and the key of its example fact (first by file, then
    position) are read from the narrow columns of every unmapped fact; only
    the examples' quotes are fetched (a quote per fact, carried through the
    grouping, was most of this model's time: 1.5 s at 1 GB of reports, 5.7
    million unmapped facts). -#}
with

{#- read twice: inlined, not materialized (every column of every fact) #}
facts as not materialized (

    select
        fact_key,
        document_key,
        indicator_key,
        indicator_phrase,
        char_start,
        quote
    from {{ ref('fct_indicator_value') }}

),

documents as not materialized (

    select
        document_key,
        source_name
    from {{ ref('dim_document') }}

),

unmapped_facts as (

    select
        facts.fact_key,
        facts.document_key,
        facts.indicator_phrase,
        facts.char_start,
        documents.source_name
    from facts
    inner join documents
        on facts.document_key = documents.document_key
    where facts.indicator_key = {{ indicator_key("'unmapped'") }}
        and nullif(trim(facts.indicator_phrase), '') is not null

),

count_phrases as (

    select
        indicator_phrase,
        count(*) as mention_count,
        {#- a report is one file: its document_key and its source_name -#}
        count(distinct document_key) as document_count,
        arg_min(
            fact_key, {'source_name': source_name, 'char_start': char_start}
        ) as example_fact_key
    from unmapped_facts
    group by 1

),

examples as (

    select
        count_phrases.indicator_phrase,
        count_phrases.mention_count,
        count_phrases.document_count,
        facts.quote as example_quote,
        documents.source_name as example_source_name
    from count_phrases
    inner join facts
        on count_phrases.example_fact_key = facts.fact_key
    inner join documents
        on facts.document_key = documents.document_key

),

final as (

    select
        row_number() over (
            order by mention_count desc, indicator_phrase
        ) as phrase_rank,
        indicator_phrase,
        mention_count,
        document_count,
        example_quote,
        example_source_name
    from examples
    order by phrase_rank

)

select * from final
