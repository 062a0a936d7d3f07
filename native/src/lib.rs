//! Compiled stages of the loaders (`keji_native`), called from Python once per report.
//!
//! Each stage has a Python twin in `loaders/`, which is its specification: a stage is used
//! only because it returns exactly what the Python returns (tests/test_native.py runs both
//! on every report of the dev corpus, the shipped reports and the test data, and
//! `python -m bench.identity` compares every row of the loaders). See loaders/native.py.
use pyo3::prelude::*;

mod clean;
mod gazetteer;
mod region;
mod period;
mod numerals;
mod extract;

#[pymodule]
fn keji_native(_py: Python, m: &PyModule) -> PyResult<()> {
    // what the module was built from (scripts/build_native.sh), for the cache's fingerprint
    m.add("SOURCE_DIGEST", option_env!("KEJI_NATIVE_DIGEST").unwrap_or("unknown"))?;
    clean::register(m)?;
    region::register(m)?;
    period::register(m)?;
    extract::register(m)?;
    Ok(())
}
