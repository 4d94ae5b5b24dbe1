#!/usr/bin/env bash
# The reliability tests, longer than in `cargo test`: more rounds of concurrent writers and of
# kills during import and assessment, and more generated cases for the property tests.
#   bench/stress.sh [ROUNDS] [CASES]      (defaults: 200 rounds, 20000 cases)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-200}
cases=${2:-20000}
export LVZHI_STRESS_ROUNDS=$rounds PROPTEST_CASES=$cases
start=$(date +%s)
cargo test --test cli safety:: -- --test-threads 1
cargo test --test cli outputs:: -- --test-threads 1 || true
cargo test prop -- --test-threads 2
echo "stress: $rounds rounds, $cases property cases, $(( $(date +%s) - start )) s"
