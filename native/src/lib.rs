//! Compiled stages of the loaders (`keji_native`), called from Python once per report.
//!
//! Each stage has a Python twin in `loaders/`, which is its specification: a stage is used
//! only because it returns exactly what the Python returns (tests/test_native.py runs both
//! on every report of the dev corpus, the shipped reports and the test data, and
//! `python -m bench.identity` compares every row of the loaders). See loaders/native.py.
// (PyO3 0.17's macros test a cfg that newer compilers do not know)
#![allow(unexpected_cfgs)]
use pyo3::prelude::*;

pyo3::create_exception!(
    keji_native,
    NativeError,
    pyo3::exceptions::PyException,
    "A compiled stage failed (a bug of the twin, not of the report): its Python runs instead."
);

/// `work` without the GIL, a panic in it (a bug of the twin) turned into `NativeError`: an
/// ordinary exception that the caller catches to run the Python, where an uncaught panic
/// (a BaseException in Python) would end the thread that called it (dbt's, in a build).
pub(crate) fn without_gil<T: Send>(py: Python<'_>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.allow_threads(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)))
        .map_err(|panic| NativeError::new_err(panic_message(&panic)))
}

/// `work` with the GIL (building a stage from its reference data), guarded the same way.
pub(crate) fn guarded<T>(work: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|panic| Err(NativeError::new_err(panic_message(&panic))))
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic.downcast_ref::<&str>().map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}

mod py;
mod clean;
mod gazetteer;
mod region;
mod period;
mod numerals;
mod extract;
mod fact_period;
mod mentions;

#[pymodule]
fn keji_native(py: Python, m: &PyModule) -> PyResult<()> {
    m.add("NativeError", py.get_type::<NativeError>())?;
    // what the module was built from (scripts/build_native.sh), for the cache's fingerprint
    m.add("SOURCE_DIGEST", option_env!("KEJI_NATIVE_DIGEST").unwrap_or("unknown"))?;
    clean::register(m)?;
    region::register(m)?;
    period::register(m)?;
    extract::register(m)?;
    fact_period::register(m)?;
    mentions::register(m)?;
    Ok(())
}
