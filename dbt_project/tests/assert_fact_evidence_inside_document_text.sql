{#- Every fact's evidence can be found again in its report's clean_text: the
    quote is a piece of it, and the span lies inside it and covers exactly the
    number and unit the fact was read from. Returns the facts that fail
    either check, with a flag naming which. On an incremental build, the facts
    of the reports it touched (the others were checked when they were built).

    A substring of the clean text (code points) reads it from its start, and
    so do length() and contains(): per fact, the text is cut once, around the
    span, where a quote covering the span would stand; the span is read from
    that cut and the quote looked for in it first, the whole text searched
    only when it is not there. The verdicts are those of reading the whole
    text each time. -#}
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
        clean_text,
        length(clean_text) as text_length
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
        documents.text_length,
        greatest(facts.char_end - length(facts.quote), 0) as around_start
    from facts
    inner join documents
        on facts.document_key = documents.document_key

),

{#- where a quote at least as long as the span and covering it lies -#}
text_cut_around_span as (

    select
        *,
        case
            when char_start >= 0 and length(quote) >= char_end - char_start
                then substring(
                    clean_text, around_start + 1, char_start + length(quote) - around_start
                )
        end as text_around_span
    from facts_joined_to_document_text

),

spans_read as (

    select
        *,
        case
            when text_around_span is not null
                then substring(
                    text_around_span,
                    char_start - around_start + 1,
                    char_end - char_start
                )
            else substring(clean_text, char_start + 1, char_end - char_start)
        end as text_at_span
    from text_cut_around_span

),

checks_computed as (

    select
        fact_key,
        char_start,
        char_end,
        number_text,
        quote,
        text_at_span,
        not case
            when contains(text_around_span, quote) then true
            else contains(clean_text, quote)
        end as is_quote_missing_from_text,
        (
            char_start < 0
            or char_end > text_length
            or char_end <= char_start
            or text_at_span is distinct from number_text
        ) as is_span_off_number_text
    from spans_read

),

final as (

    select *
    from checks_computed
    where is_quote_missing_from_text
        or is_span_off_number_text

)

select * from final
