# Shared set-up for scripts/*.sh: installs what this machine lacks, skipping what is present.
# Sourced, not run.

step() {
    printf '\n==> %s\n' "$*"
}

setup_rust() {
    if ! command -v cargo >/dev/null 2>&1; then
        if [ -x "$HOME/.cargo/bin/cargo" ]; then
            export PATH="$HOME/.cargo/bin:$PATH"
        else
            echo "error: cargo not found; install rustup first: https://rustup.rs" >&2
            exit 2
        fi
    fi
    local installed
    installed=$(rustup component list --installed 2>/dev/null || true)
    for component in rustfmt clippy; do
        if ! grep -q "^$component" <<<"$installed"; then
            step "rustup component add $component"
            rustup component add "$component"
        fi
    done
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        step "rustup target add wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
    # Trunk's offline build passes --offline to cargo, and `cargo deny --offline` reads only the
    # local cache: on a new machine that cache is empty until something fetches (a few seconds).
    step "cargo fetch --locked"
    cargo fetch --locked
}

# Runs a command as root: directly when we are root (CI), through sudo otherwise.
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=""
apt_install() {
    if [ -z "$apt_updated" ]; then
        as_root apt-get update -qq
        apt_updated=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# Installs a cargo tool at an exact version unless `BINARY --version` already reports it.
cargo_tool() {
    local crate=$1 version=$2 binary=$3
    shift 3
    if command -v "$binary" >/dev/null 2>&1 && "$binary" --version 2>/dev/null | grep -q " $version"; then
        return
    fi
    step "cargo install $crate@$version"
    cargo install "$crate@$version" "$@"
}

# Supply-chain checks: cargo-deny (licenses, bans, sources; see deny.toml).
setup_supply_chain() {
    cargo_tool cargo-deny 0.20.2 cargo-deny --locked
}

# What the widget's build and browser tests need: Trunk, wasm-bindgen, wasm-opt (npm binaryen),
# Node.js, Playwright and axe (npm), and Debian's Chromium with its driver.
setup_web() {
    # Trunk only installs with --locked; wasm-bindgen-cli only without it (see ../shared/TOOLCHAIN.md).
    cargo_tool trunk 0.21.14 trunk --locked
    cargo_tool wasm-bindgen-cli 0.2.130 wasm-bindgen
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        step "apt-get install chromium chromium-driver"
        apt_install chromium chromium-driver
    fi
    if ! command -v npm >/dev/null 2>&1; then
        step "apt-get install nodejs npm"
        apt_install nodejs npm
    fi
    if [ ! -f e2e/node_modules/.package-lock.json ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
        step "npm ci (e2e: Playwright, axe-core, binaryen)"
        (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
    fi
    # Trunk finds wasm-opt on PATH; Debian's binaryen is too old for this rustc.
    export PATH="$PWD/e2e/node_modules/.bin:$PATH"
}

# Builds the release widget into dist/ without downloading anything.
build_widget() {
    step "trunk build --release"
    trunk build --release --offline=true
}
