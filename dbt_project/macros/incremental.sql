{#- Incremental builds: the unit of change is the report.

    raw_reports (a Python model) inserts the rows of the files that are new or
    changed since the last build, stamped with this build's `loaded_at`, and
    deletes the rows of files gone from the corpus; the rows of unchanged files
    keep theirs. At the end of every successful run `record_build_watermark`
    keeps the newest `loaded_at` in raw.keji_build_state, so during the next
    run "the reports this build touched" are the rows of raw_reports loaded
    after that watermark, and every incremental model below deletes and
    re-inserts the rows of exactly those reports, and deletes the rows of
    reports no longer loaded.

    Without raw.keji_build_state (a first build, a file built before it
    existed) every report counts as touched: the incremental models then
    re-derive everything, which is a full refresh by another route. Relations
    are named without `ref` (raw.raw_reports, raw.keji_build_state) because
    these macros are also called from tests and hooks; the models that call
    them depend on raw_reports through their own refs. -#}

{% macro build_state_relation() -%}
    {{ return(adapter.get_relation(database=target.database, schema='raw',
                                   identifier='keji_build_state')) }}
{%- endmacro %}

{#- Whether this run started from an earlier build's state: the incremental
    models and the tests scoped to new rows look at the touched reports only. -#}
{% macro is_incremental_build() -%}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(build_state_relation() is not none) }}
{%- endmacro %}

{#- The rows of raw_reports (re)loaded by this build. -#}
{% macro touched_report_rows() -%}
    {%- if is_incremental_build() -%}
        (select * from raw.raw_reports
         where loaded_at > coalesce(
             (select max(watermark) from raw.keji_build_state),
             '-infinity'::timestamptz))
    {%- else -%}
        raw.raw_reports
    {%- endif -%}
{%- endmacro %}

{#- The keys of the reports this build touched, as a subquery for `in`:
    `sha256`, `document_key` (of loaded reports) or `source_name` (every file
    whose content is a touched report's, so that a duplicate's problems and a
    renamed report's quarantined facts go with it). -#}
{% macro touched_reports(key='sha256') -%}
    {%- if key == 'source_name' -%}
        (select source_name from raw.raw_reports
         where sha256 in (select sha256 from {{ touched_report_rows() }})
         union
         select source_name from {{ touched_report_rows() }})
    {%- elif key == 'document_key' -%}
        (select {{ document_key('sha256') }} from {{ touched_report_rows() }}
         where sha256 is not null)
    {%- else -%}
        (select sha256 from {{ touched_report_rows() }} where sha256 is not null)
    {%- endif -%}
{%- endmacro %}

{#- The keys of the reports the warehouse now holds (loaded reports; every
    file for `source_name`). -#}
{% macro current_reports(key='sha256') -%}
    {%- if key == 'source_name' -%}
        (select source_name from raw.raw_reports)
    {%- elif key == 'document_key' -%}
        (select {{ document_key('sha256') }} from raw.raw_reports
         where status = 'loaded')
    {%- else -%}
        (select sha256 from raw.raw_reports
         where status = 'loaded' and sha256 is not null)
    {%- endif -%}
{%- endmacro %}

{#- dbt's is_incremental(), false where a model has no relation of its own (a
    unit test renders the model without one). -#}
{% macro model_is_incremental() -%}
    {{ return(this is not none and is_incremental()) }}
{%- endmacro %}

{#- The filter of an incremental model's input: only touched reports. -#}
{% macro only_touched_reports(column, key='sha256') -%}
    {%- if model_is_incremental() -%}
        {{ column }} in {{ touched_reports(key) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- The pre-hook of an incremental model keyed by report: the rows of touched
    reports go (they are inserted again by the model), and so do the rows of
    reports the corpus no longer holds. -#}
{% macro delete_touched_reports(column, key='sha256') -%}
    {%- if model_is_incremental() -%}
        delete from {{ this }}
        where {{ column }} in {{ touched_reports(key) }}
            or {{ column }} not in {{ current_reports(key) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- on-run-end: keep the newest loaded_at of raw_reports for the next run,
    only after a run in which nothing failed (a failed run's models may lag
    behind raw_reports: the next run must re-derive those reports). -#}
{% macro record_build_watermark(results) -%}
    {%- if execute and flags.WHICH in ('run', 'build') -%}
        {%- set failed = results | selectattr('status', 'in', ['error', 'fail', 'skipped'])
                                 | list -%}
        {%- set raw = adapter.get_relation(database=target.database, schema='raw',
                                           identifier='raw_reports') -%}
        {%- if failed | length == 0 and raw is not none -%}
            {%- do run_query("create or replace table raw.keji_build_state as "
                             ~ "select max(loaded_at) as watermark, now() as recorded_at "
                             ~ "from raw.raw_reports") -%}
            {%- do run_query("comment on table raw.keji_build_state is 'Where the next "
                             ~ "incremental build starts: the reports loaded after the "
                             ~ "watermark are the ones it touched (macros/incremental.sql).'") -%}
            {%- do run_query("comment on column raw.keji_build_state.watermark is 'the "
                             ~ "newest loaded_at of raw.raw_reports when the run ended.'") -%}
            {%- do run_query("comment on column raw.keji_build_state.recorded_at is 'when "
                             ~ "the run that recorded it ended.'") -%}
            {%- do adapter.commit() -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- Data tests on an incremental build look at the rows of touched reports
    only, where a test judges each row by itself (not_null, accepted_values,
    expression_is_true, and the row-by-row part of column_checks, which scopes
    itself: macros/test_column_checks.sql) and the model is incremental: its
    other rows passed in the build that made them and have not changed. Tests
    that need the whole table (unique, relationships, singular tests) stay
    whole; they read tables. Models rebuilt in full are tested whole. A model
    is scoped by its first column among sha256, document_key and source_name
    (column_checks_scope). -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set filters = [where] if where else [] -%}
    {%- set test_name = (model.test_metadata.name if model.test_metadata else none) -%}
    {%- if test_name in ('not_null', 'accepted_values', 'expression_is_true') -%}
        {%- set scope = column_checks_scope(relation) -%}
        {%- if scope != 'true' -%}
            {%- do filters.append(scope) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if filters -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ filters | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

{#- A singular test's filter: on an incremental build, the rows of touched
    reports only (the others passed when they were built). -#}
{% macro scope_test_to_touched_reports(column, key='sha256') -%}
    {%- if is_incremental_build() -%}
        {{ column }} in {{ touched_reports(key) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#- The post-hook of an incremental Python model: dbt-duckdb writes the rows a
    Python model returns to `<model>__dbt_tmp<timestamp>` as a table of the
    warehouse (not a temporary one) yet takes it for temporary, so it never
    drops it: each incremental build left one more table in `main`, the new
    files' rows with their texts. Dropped here once inserted, with any an
    earlier build left. -#}
{% macro drop_python_model_temp_tables() -%}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- set listed = run_query(
            "select schema_name, table_name from duckdb_tables() "
            ~ "where database_name = '" ~ this.database ~ "' "
            ~ "and starts_with(table_name, '" ~ this.identifier ~ "__dbt_tmp')") -%}
        {%- for row in listed.rows -%}
            {%- do found.append('drop table if exists "' ~ this.database ~ '"."' ~ row[0]
                                ~ '"."' ~ row[1] ~ '"') -%}
        {%- endfor -%}
    {%- endif -%}
    {{ found | join(';\n') if found else 'select 1' }}
{%- endmacro %}
