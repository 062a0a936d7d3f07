{#- Every fact's quote is a piece of its report's clean_text, so the
    evidence can be found again. Returns the facts whose quote is not. -#}
with

facts as (

    select
        fact_key,
        document_key,
        quote
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
        facts.quote
    from facts
    inner join documents
        on facts.document_key = documents.document_key
    where not contains(documents.clean_text, facts.quote)

)

select * from final
