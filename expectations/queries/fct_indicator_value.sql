-- One row per fact of marts.fct_indicator_value, with every rule that needs
-- another table computed here as a column: Great Expectations validates a
-- DataFrame, so a cross-table rule becomes a boolean the suite expects true.
-- The clean text stays in DuckDB; only the verdicts travel to pandas.
with

fact as (
    select
        fact_key,
        document_key,
        region_key,
        period_key,
        indicator_key,
        value,
        base_unit,
        value_raw,
        unit_raw,
        measure,
        fact_type,
        bound,
        char_start,
        char_end,
        quote
    from marts.fct_indicator_value
    -- an incremental build validates the facts of the reports it touched only:
    -- validate.py puts their keys in place of `true` (uniqueness over the whole
    -- table stays dbt's test, which runs on every build)
    where true /* scope */
),

-- one row per key even when a dimension repeats a key (its own suite says so),
-- so that a duplicated dimension row cannot duplicate facts here
document as (
    select
        document_key,
        clean_text,
        -- counted once per report, not once per fact: length() reads the whole text
        length(clean_text) as text_length
    from marts.dim_document
    -- the first row of each key, chosen on the row id alone: an aggregate over the
    -- texts themselves holds every text in memory at once and cannot spill
    where rowid in (select min(rowid) from marts.dim_document group by document_key)
        -- and, in an incremental build, only the touched reports' texts are read (the
        -- facts above are theirs)
        and true /* scope */
),

region as (
    select distinct region_key from marts.dim_region
),

period as (
    select distinct period_key from marts.dim_period
),

indicator as (
    select
        indicator_key,
        any_value(indicator_code) as indicator_code,
        any_value(base_unit) as indicator_base_unit
    from marts.dim_indicator
    group by 1
),

-- the scale each unit implies (a temporary table validate.py derives from the
-- seeds, as dbt's int_unit_forms does): `台(套)` reads as 台套, else as 台
unit_forms as (
    select
        unit_form,
        scale
    from temp.unit_forms
),

-- plain hash joins on keys (correlated EXISTS would copy every text per fact)
facts_joined_to_dimensions as (
    select
        fact.*,
        document.document_key is not null as document_exists,
        region.region_key is not null as region_exists,
        period.period_key is not null as period_exists,
        indicator.indicator_key is not null as indicator_exists,
        indicator.indicator_code,
        indicator.indicator_base_unit,
        coalesce(unbracketed_forms.scale, untailed_forms.scale, 1) as implied_scale,
        document.clean_text,
        coalesce(
            fact.char_start >= 0
            and fact.char_end > fact.char_start
            and fact.char_end <= document.text_length,
            false
        ) as span_inside_text
    from fact
    left join document
        on fact.document_key = document.document_key
    left join region
        on fact.region_key = region.region_key
    left join period
        on fact.period_key = period.period_key
    left join indicator
        on fact.indicator_key = indicator.indicator_key
    left join unit_forms as unbracketed_forms
        on regexp_replace(fact.unit_raw, '[(（)）]', '', 'g') = unbracketed_forms.unit_form
    left join unit_forms as untailed_forms
        on trim(regexp_replace(fact.unit_raw, '[(（].*[)）]', '')) = untailed_forms.unit_form
),

-- code points, like Python's str indexing; substring is 1-based. A substring
-- of the clean text reads it from its start (code points, not bytes), so it is
-- cut once per fact, around the span, and the span read from that cut
spans_read as (
    select
        *,
        case
            when not span_inside_text then null
            -- a quote at least as long as the span: the cut holds the span
            when text_around_span is not null
                then substring(
                    text_around_span, char_start - around_start + 1, char_end - char_start
                )
            else substring(clean_text, char_start + 1, char_end - char_start)
        end as span_text
    from (
        select
            *,
            -- an occurrence of the quote at p covers the span exactly when
            -- char_end - len(quote) <= p <= char_start: the occurrences that fit
            -- in this stretch of text are those; a quote shorter than the span
            -- covers nothing (its stretch would have a negative length, which
            -- substring() reads backwards)
            case
                when span_inside_text and length(quote) >= char_end - char_start
                    then substring(
                        clean_text, around_start + 1, char_start + length(quote) - around_start
                    )
            end as text_around_span
        from (
            select
                *,
                greatest(char_end - length(quote), 0) as around_start
            from facts_joined_to_dimensions
        )
    )
),

numbers_read as (
    select
        *,
        -- numbers written in digits inside the span, with thousands separators
        -- and stray spaces (`1 47件`) removed; a trailing 十/百/千 is kept
        -- (3千 is written for 3000)
        regexp_extract_all(
            regexp_replace(span_text, '[,\s]', '', 'g'),
            '[0-9]+(?:\.[0-9]+)?[十百千]?'
        ) as span_numbers
    from spans_read
),

checks_computed as (
    select
        -- the fact, its links and its span text travel to pandas; the clean
        -- text and what was read from it only to compute the checks do not
        * exclude (
            clean_text,
            text_around_span,
            around_start,
            span_numbers,
            indicator_code,
            indicator_base_unit,
            implied_scale
        ),
        -- one value, so that the pair is checked as a set member (GX's own
        -- column-pair check runs row by row in Python)
        base_unit || ' ' || measure as unit_and_measure,
        coalesce(isfinite(value), false) as value_is_finite,
        coalesce(isfinite(value_raw), false) as value_raw_is_finite,
        -- the factor the unit applied: 亿元 -> 1e8, 万人次 -> 1e4, 斤 -> 0.5;
        -- abs() because a decline may be stored as a negative growth
        case
            -- to 9 significant digits: 2.1万亿 scales by 999999999999.9999 in binary
            when value_raw <> 0 and value = 0 then 0
            when value_raw <> 0 and isfinite(value) and isfinite(value_raw)
                then round(
                    abs(value) / abs(value_raw),
                    8 - cast(floor(log10(abs(value) / abs(value_raw))) as integer)
                )
        end as value_scale,
        -- value = value_raw x the scale its own unit implies (not any known
        -- scale: 亿元 x 1e12 is a scale too); abs() as above; to 1e-9 relative
        coalesce(
            abs(abs(value) - value_raw * implied_scale)
            <= 1e-9 * greatest(abs(value), value_raw * implied_scale, 1e-9),
            false
        ) as value_matches_unit,
        -- a quote found where it covers the span is in the text; the whole text
        -- is searched only for the others
        coalesce(
            case
                when contains(text_around_span, quote) then true
                else contains(clean_text, quote)
            end,
            false
        ) as quote_in_text,
        coalesce(contains(text_around_span, quote), false) as quote_covers_span,
        coalesce(
            case
                -- no digits: the number is written in Chinese numerals
                -- (every character the reader takes: 参拾伍家, 壹佰万元, 兩萬 left unconverted)
                when len(span_numbers) = 0
                    then regexp_matches(span_text, '[零〇○一二两三四五六七八九十百千万亿半壹贰叁参肆伍陆柒捌玖拾佰仟兩貳參陸萬億]')
                -- digits and numerals mixed inside one number (3万5千, 1亿2000万):
                -- no digit group writes the whole; not checked
                when regexp_matches(
                    regexp_replace(span_text, '[,\s]', '', 'g'),
                    '[0-9][十百千万亿]+[0-9零〇一二两三四五六七八九]'
                )
                    then true
                else list_bool_or(list_transform(
                    span_numbers,
                    lambda number: abs(
                        value_raw - cast(regexp_extract(number, '[0-9.]+') as double)
                    ) <= 1e-6 * greatest(1, abs(value_raw))
                    or abs(
                        value_raw
                        - cast(regexp_extract(number, '[0-9.]+') as double)
                        * case right(number, 1)
                            when '十' then 10
                            when '百' then 100
                            when '千' then 1000
                            else 1
                        end
                    ) <= 1e-6 * greatest(1, abs(value_raw))
                ))
            end,
            false
        ) as span_text_matches_number,
        coalesce(
            measure <> 'level'
            or indicator_code = 'unmapped'
            or base_unit = indicator_base_unit,
            true
        ) as level_unit_matches_indicator
    from numbers_read
)

select * from checks_computed
