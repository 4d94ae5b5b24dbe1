#!/usr/bin/env bash
# The reliability tests, longer than in `cargo test`: more rounds of concurrent writers, more
# kills during import, assessment and backup, and more generated cases for the property tests.
#   bench/stress.sh [ROUNDS] [CASES]      (defaults: 50 rounds, 20 kills each, 20000 cases)
# 50 rounds = 4 writers × 200 recording commands each, with a report loop beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-50}
cases=${2:-20000}
export LVZHI_STRESS_ROUNDS=$rounds LVZHI_KILLS=${LVZHI_KILLS:-20} PROPTEST_CASES=$cases
start=$(date +%s)
cargo test --test cli four_clerks -- --test-threads 1
LVZHI_STRESS_ROUNDS=${LVZHI_KILLS} cargo test --test cli killed -- --test-threads 1
cargo test --test cli a_killed_backup -- --test-threads 1
cargo test prop -- --test-threads 2
echo "stress: $rounds rounds of 4 writers, $LVZHI_KILLS kills each, $cases property cases: $(( $(date +%s) - start )) s"
