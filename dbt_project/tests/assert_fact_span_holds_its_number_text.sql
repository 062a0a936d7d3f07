{#- Every fact's span lies inside its report's clean_text and covers exactly
    the number and unit it was read from. Returns the facts that do not. -#}
with

facts as (

    select
        fact_key,
        document_key,
        char_start,
        char_end,
        number_text
    from {{ ref('fct_indicator_value') }}

),

documents as (

    select
        document_key,
        clean_text
    from {{ ref('dim_document') }}

),

final as (

    select
        facts.fact_key,
        facts.char_start,
        facts.char_end,
        facts.number_text,
        substring(
            documents.clean_text,
            facts.char_start + 1,
            facts.char_end - facts.char_start
        ) as text_at_span
    from facts
    inner join documents
        on facts.document_key = documents.document_key
    where facts.char_start < 0
        or facts.char_end > length(documents.clean_text)
        or facts.char_end <= facts.char_start
        or substring(
            documents.clean_text,
            facts.char_start + 1,
            facts.char_end - facts.char_start
        ) is distinct from facts.number_text

)

select * from final
