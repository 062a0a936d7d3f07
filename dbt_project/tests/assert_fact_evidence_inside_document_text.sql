{#- Every fact's evidence can be found again in its report's clean_text: the
    quote is a piece of it, and the span lies inside it and covers exactly the
    number and unit the fact was read from. Returns the facts that fail
    either check, with a flag naming which. On an incremental build, the facts
    of the reports it touched (the others were checked when they were built). -#}
with

facts as (

    select
        fact_key,
        document_key,
        char_start,
        char_end,
        number_text,
        quote
    from {{ ref('fct_indicator_value') }}
    where {{ scope_test_to_touched_reports('document_key', 'document_key') }}

),

documents as (

    select
        document_key,
        clean_text
    from {{ ref('dim_document') }}
    where {{ scope_test_to_touched_reports('document_key', 'document_key') }}

),

facts_joined_to_document_text as (

    select
        facts.fact_key,
        facts.char_start,
        facts.char_end,
        facts.number_text,
        facts.quote,
        documents.clean_text,
        substring(
            documents.clean_text,
            facts.char_start + 1,
            facts.char_end - facts.char_start
        ) as text_at_span
    from facts
    inner join documents
        on facts.document_key = documents.document_key

),

checks_computed as (

    select
        fact_key,
        char_start,
        char_end,
        number_text,
        quote,
        text_at_span,
        not contains(clean_text, quote) as is_quote_missing_from_text,
        (
            char_start < 0
            or char_end > length(clean_text)
            or char_end <= char_start
            or text_at_span is distinct from number_text
        ) as is_span_off_number_text
    from facts_joined_to_document_text

),

final as (

    select *
    from checks_computed
    where is_quote_missing_from_text
        or is_span_off_number_text

)

select * from final
