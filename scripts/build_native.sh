#!/usr/bin/env bash
# Build the compiled stages of the loaders (native/, Rust) into loaders/ as keji_native.
#
# Offline: the crates come from Debian's packages (librust-*-dev, in
# /usr/share/cargo/registry), which this script installs when it runs as root and they
# are missing. Without cargo or the crates it builds nothing and says so: the loaders
# then run their Python, which gives the same rows, only slower.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}
suffix=$("$python" -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
out=loaders/keji_native$suffix
crates=(librust-pyo3-dev librust-regex-dev librust-regex-syntax-dev librust-memchr-dev
        librust-once-cell-dev librust-fancy-regex-dev)

skip() {
    echo "native stages not built ($1): the loaders run their Python (same rows, slower)" >&2
    rm -f "$out"
    exit 0
}

command -v cargo >/dev/null || skip "no cargo on PATH"
if ! ls -d /usr/share/cargo/registry/pyo3-0.17.* /usr/share/cargo/registry/regex-1.* \
        /usr/share/cargo/registry/regex-syntax-0.6.* /usr/share/cargo/registry/memchr-2.* \
        /usr/share/cargo/registry/once_cell-1.* /usr/share/cargo/registry/fancy-regex-0.7.* \
        >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing ${crates[*]} from the system packages"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${crates[@]}" >/dev/null
    else
        skip "Debian's ${crates[*]} are not installed"
    fi
fi
# the sources' digest, compiled in (keji_native.SOURCE_DIGEST): the cache's fingerprint
# names the module that runs, not the files on disk
KEJI_NATIVE_DIGEST=$(cat native/Cargo.toml native/Cargo.lock native/src/*.rs | sha256sum | cut -c1-32)
export KEJI_NATIVE_DIGEST
# (from inside native/: cargo reads native/.cargo/config.toml, the offline source, there)
PYO3_PYTHON=$("$python" -c "import sys; print(sys.executable)") \
    bash -c 'cd native && cargo build --quiet --release'
cp native/target/release/libkeji_native.so "$out.tmp"
mv "$out.tmp" "$out"
