{#- The contract's headline indicator codes, in the contract's order: the
    columns of headline_wide and the metrics of the semantic layer. A dbt test
    (assert_headline_codes_match_the_seed) holds this list equal to the
    codes flagged is_headline in seeds/reference/indicators.csv. -#}
{% macro headline_indicator_codes() %}
    {{ return([
        'rd_expenditure', 'rd_intensity', 'enterprise_rd_expenditure',
        'hitech_enterprises', 'hitech_enterprises_new', 'tech_smes',
        'hitech_industry_value_added', 'hitech_industry_share',
        'tech_contract_turnover', 'tech_contracts', 'patent_applications',
        'invention_patent_applications', 'patents_granted', 'st_projects',
        'st_funding_secured', 'fiscal_st_expenditure', 'st_commissioners',
        'engineering_centers', 'incubators', 'iur_projects',
        'st_achievements_registered', 'st_progress_contribution',
        'persons_trained',
    ]) }}
{% endmacro %}
