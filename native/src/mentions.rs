//! A report's mention rows, as `loaders.pipeline.read_report` lands them, kept here and
//! handed to Arrow as column buffers: the twin of `Extractor.extract`, `fact_periods` and
//! `_mention_row` in one call (the figures of a region's own divisions are marked from
//! Python, `MentionTable.mark_one_of`, where the gazetteer lives).
//!
//! A worker reads tens of thousands of numbers per MB. Handed back as Python objects, each
//! became a tuple, a `QuantityMention`, a `FactPeriodInfo`, a row dict and then a value of
//! each of nineteen Arrow columns again: about a sixth of a worker's time. A `MentionTable`
//! holds the rows until `mention_columns` writes the columns of a whole batch of reports
//! as Arrow's buffers (validity bitmap, offsets, values), which pyarrow takes as they are.
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::extract::{CharIndex, CompiledExtractor, Mention, ONE_OF, SAME_PERIOD_LAST_YEAR_CUE, WHOLE_YEAR_CUE};
use crate::fact_period::{char_offsets, Info, Resolver};
use crate::period::Period;

/// One row of `MENTION_TYPE` (loaders/pipeline.py), offsets in code points.
struct Row {
    char_start: i64,
    char_end: i64,
    number_text: String,
    value_raw: f64,
    unit_raw: String,
    numeral: String,
    indicator_phrase: String,
    quote: String,
    quote_start: i64,
    measure: String,
    fact_type: String,
    bound: String,
    period_year: Option<i64>,
    period_type: String,
    period_start_month: i64,
    period_end_month: i64,
    period_cue: String,
    in_plan_section: bool,
    cues: String,
}

/// Twin of `_mention_row(mention, info, plan_document, document_year)`; the mention's
/// offsets are code points already.
fn row_of(m: Mention, info: Info, plan_document: bool, document_year: Option<i64>) -> Row {
    // a figure of a table's year column (`2020年`) is of that year, whatever the text says
    let (mut period, mut cue) = match m.period {
        Some((year, ptype, start, end, reason)) => {
            let cue = reason.clone();
            (Period { year, ptype, start, end, reason }, cue)
        }
        None => (info.period, info.cue),
    };
    let has = |c: &str| m.cues.iter().any(|x| x == c);
    if has(SAME_PERIOD_LAST_YEAR_CUE) && period.year.is_some() {
        // a table's `上年同期` column: the same part of the year before
        cue = format!("table: 上年同期 of {}", period.label().unwrap_or_default());
        period.year = period.year.map(|y| y - 1);
        period.reason = cue.clone();
    } else if has(WHOLE_YEAR_CUE) && period.year.is_some() && period.ptype != "year" {
        // a table's `全年目标` column in a report of part of a year: the year's goal
        cue = "table: 全年目标".to_string();
        period = Period { year: period.year, ptype: "year".to_string(), start: 1, end: 12, reason: cue.clone() };
    }
    // in a plan, a sentence framed by an earlier year reviews that year; so does one that
    // turns to results; a starting point is what is, even in a plan
    let reviews = matches!((period.year, document_year), (Some(p), Some(d)) if p < d);
    let in_plan = (info.in_plan_section || plan_document) && !reviews && !info.results && !has("baseline");
    let fact_type = if in_plan && m.fact_type == "actual" { "target".to_string() } else { m.fact_type };
    Row {
        char_start: m.char_start as i64,
        char_end: m.char_end as i64,
        number_text: m.number_text,
        value_raw: m.value_raw,
        unit_raw: m.unit_raw,
        numeral: m.numeral,
        indicator_phrase: m.indicator_phrase,
        quote: m.quote,
        quote_start: m.quote_start as i64,
        measure: m.measure,
        fact_type,
        bound: m.bound,
        period_year: period.year,
        period_type: period.ptype,
        period_start_month: period.start,
        period_end_month: period.end,
        period_cue: cue,
        in_plan_section: in_plan,
        cues: m.cues.join("|"),
    }
}

/// The mention rows of one report (`mention_table`).
#[pyclass(module = "keji_native")]
pub struct MentionTable {
    rows: Vec<Row>,
}

#[pymethods]
impl MentionTable {
    fn __len__(&self) -> usize {
        self.rows.len()
    }

    /// The indicator phrases, in order (to find the figures of the region's divisions).
    fn phrases(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r.indicator_phrase.as_str()).collect()
    }

    /// The units as written, in order.
    fn units(&self) -> Vec<&str> {
        self.rows.iter().map(|r| r.unit_raw.as_str()).collect()
    }

    /// Twin of `as_one_of` on the rows at `indices`: marked as one part's figure.
    fn mark_one_of(&mut self, indices: Vec<usize>) -> PyResult<()> {
        for i in indices {
            let row = self.rows.get_mut(i).ok_or_else(|| {
                pyo3::exceptions::PyIndexError::new_err(format!("no mention {i}"))
            })?;
            if !row.indicator_phrase.starts_with(ONE_OF) {
                row.indicator_phrase = format!("{}{}", ONE_OF, row.indicator_phrase);
            }
        }
        Ok(())
    }

    /// The rows as `_mention_row` makes them: a dict per mention, keys in column order.
    fn rows(&self, py: Python<'_>) -> PyResult<Vec<PyObject>> {
        self.rows
            .iter()
            .map(|r| {
                let d = PyDict::new(py);
                d.set_item("char_start", r.char_start)?;
                d.set_item("char_end", r.char_end)?;
                d.set_item("number_text", &r.number_text)?;
                d.set_item("value_raw", r.value_raw)?;
                d.set_item("unit_raw", &r.unit_raw)?;
                d.set_item("numeral", &r.numeral)?;
                d.set_item("indicator_phrase", &r.indicator_phrase)?;
                d.set_item("quote", &r.quote)?;
                d.set_item("quote_start", r.quote_start)?;
                d.set_item("measure", &r.measure)?;
                d.set_item("fact_type", &r.fact_type)?;
                d.set_item("bound", &r.bound)?;
                d.set_item("period_year", r.period_year)?;
                d.set_item("period_type", &r.period_type)?;
                d.set_item("period_start_month", r.period_start_month)?;
                d.set_item("period_end_month", r.period_end_month)?;
                d.set_item("period_cue", &r.period_cue)?;
                d.set_item("in_plan_section", r.in_plan_section)?;
                d.set_item("cues", &r.cues)?;
                Ok(d.into_py(py))
            })
            .collect()
    }
}

/// The mention rows of a report: `text` its clean text, `dated` the same with years in
/// Arabic digits (what the periods are read from), `document` the report's period as
/// (year, period_type, start_month, end_month, reason).
#[pyfunction]
fn mention_table(
    py: Python<'_>,
    extractor: PyRef<CompiledExtractor>,
    text: &PyString,
    dated: &str,
    document: (Option<i64>, String, i64, i64, String),
    plan_document: bool,
) -> PyResult<MentionTable> {
    let text = text.to_str()?;
    let ex = &extractor.ex;
    let (year, ptype, start, end, reason) = document;
    let document = Period { year, ptype, start, end, reason };
    crate::without_gil(py, || {
        let found = ex.extract(text);
        let ix = CharIndex::new(text);
        let resolver = Resolver::new(dated, document.clone());
        let offsets = char_offsets(dated);
        let rows = found
            .into_iter()
            .map(|mut m| {
                m.char_start = ix.at(text, m.char_start);
                m.char_end = ix.at(text, m.char_end);
                m.quote_start = ix.at(text, m.quote_start);
                let info = resolver.at_chars(&offsets, m.char_start, m.char_end);
                row_of(m, info, plan_document, document.year)
            })
            .collect();
        MentionTable { rows }
    })
}

// ------------------------------------------------------------------ Arrow's buffers
/// A validity bitmap (bit i set: value i is there), None where every value is.
fn validity(present: impl Iterator<Item = bool>, n: usize) -> (usize, Option<Vec<u8>>) {
    let mut bits = vec![0u8; n.div_ceil(8)];
    let mut nulls = 0;
    for (i, here) in present.enumerate() {
        if here {
            bits[i >> 3] |= 1 << (i & 7);
        } else {
            nulls += 1;
        }
    }
    (nulls, if nulls == 0 { None } else { Some(bits) })
}

/// One column as pyarrow's `Array.from_buffers` takes it: (null count, validity, offsets
/// of a string column, values).
type Buffers = (usize, Option<Vec<u8>>, Option<Vec<u8>>, Vec<u8>);

fn int32s(rows: &[&Row], get: impl Fn(&Row) -> Option<i64>) -> Buffers {
    let (nulls, bits) = validity(rows.iter().map(|r| get(r).is_some()), rows.len());
    let mut data = Vec::with_capacity(rows.len() * 4);
    for r in rows {
        data.extend_from_slice(&(get(r).unwrap_or(0) as i32).to_le_bytes());
    }
    (nulls, bits, None, data)
}

fn float64s(rows: &[&Row], get: impl Fn(&Row) -> f64) -> Buffers {
    let mut data = Vec::with_capacity(rows.len() * 8);
    for r in rows {
        data.extend_from_slice(&get(r).to_le_bytes());
    }
    (0, None, None, data)
}

fn bools(rows: &[&Row], get: impl Fn(&Row) -> bool) -> Buffers {
    let (_, bits) = validity(rows.iter().map(|r| get(r)), rows.len());
    // every value is there: the bitmap of the values is the one `validity` made
    (0, None, None, bits.unwrap_or_else(|| vec![0xFF; rows.len().div_ceil(8)]))
}

/// A string column; its offsets are int32, so its values together may not pass 2 GiB.
fn strings(rows: &[&Row], get: impl Fn(&Row) -> &str) -> PyResult<Buffers> {
    let mut offsets = Vec::with_capacity((rows.len() + 1) * 4);
    let mut data = Vec::new();
    offsets.extend_from_slice(&0i32.to_le_bytes());
    for r in rows {
        data.extend_from_slice(get(r).as_bytes());
        let end = i32::try_from(data.len()).map_err(|_| {
            pyo3::exceptions::PyOverflowError::new_err("a batch's mentions pass 2 GiB: read fewer files per batch")
        })?;
        offsets.extend_from_slice(&end.to_le_bytes());
    }
    Ok((0, None, Some(offsets), data))
}

/// The mention rows of `tables`, one after the other, as the buffers of each column of
/// `MENTION_TYPE`, by name.
#[pyfunction]
fn mention_columns(py: Python<'_>, tables: Vec<PyRef<MentionTable>>) -> PyResult<PyObject> {
    let rows: Vec<&Row> = tables.iter().flat_map(|t| t.rows.iter()).collect();
    let columns: Vec<(&str, Buffers)> = vec![
        ("char_start", int32s(&rows, |r| Some(r.char_start))),
        ("char_end", int32s(&rows, |r| Some(r.char_end))),
        ("number_text", strings(&rows, |r| &r.number_text)?),
        ("value_raw", float64s(&rows, |r| r.value_raw)),
        ("unit_raw", strings(&rows, |r| &r.unit_raw)?),
        ("numeral", strings(&rows, |r| &r.numeral)?),
        ("indicator_phrase", strings(&rows, |r| &r.indicator_phrase)?),
        ("quote", strings(&rows, |r| &r.quote)?),
        ("quote_start", int32s(&rows, |r| Some(r.quote_start))),
        ("measure", strings(&rows, |r| &r.measure)?),
        ("fact_type", strings(&rows, |r| &r.fact_type)?),
        ("bound", strings(&rows, |r| &r.bound)?),
        ("period_year", int32s(&rows, |r| r.period_year)),
        ("period_type", strings(&rows, |r| &r.period_type)?),
        ("period_start_month", int32s(&rows, |r| Some(r.period_start_month))),
        ("period_end_month", int32s(&rows, |r| Some(r.period_end_month))),
        ("period_cue", strings(&rows, |r| &r.period_cue)?),
        ("in_plan_section", bools(&rows, |r| r.in_plan_section)),
        ("cues", strings(&rows, |r| &r.cues)?),
    ];
    let out = PyDict::new(py);
    for (name, (nulls, bits, offsets, data)) in columns {
        let bytes = |b: Vec<u8>| -> PyObject { PyBytes::new(py, &b).into_py(py) };
        out.set_item(name, (nulls, bits.map(bytes), offsets.map(bytes), bytes(data)))?;
    }
    Ok(out.into_py(py))
}

/// `MentionTable`, `mention_table` and `mention_columns` in the module `keji_native`.
pub fn register(m: &PyModule) -> PyResult<()> {
    m.add_class::<MentionTable>()?;
    m.add_function(wrap_pyfunction!(mention_table, m)?)?;
    m.add_function(wrap_pyfunction!(mention_columns, m)?)?;
    Ok(())
}
