{#- One row per indicator phrase that no synonym maps, most frequent first:
    the worklist for extending indicator_synonyms.csv. -#}
with

facts as (

    select
        document_key,
        indicator_key,
        indicator_phrase,
        quote,
        char_start
    from {{ ref('fct_indicator_value') }}

),

documents as (

    select
        document_key,
        source_name
    from {{ ref('dim_document') }}

),

unmapped_facts as (

    select
        facts.indicator_phrase,
        facts.quote,
        documents.source_name,
        documents.source_name
        || ':' || lpad(cast(facts.char_start as varchar), 10, '0')
            as position_in_corpus
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
        count(distinct source_name) as document_count,
        arg_min(quote, position_in_corpus) as example_quote,
        min(source_name) as example_source_name
    from unmapped_facts
    group by 1

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
    from count_phrases
    order by phrase_rank

)

select * from final
