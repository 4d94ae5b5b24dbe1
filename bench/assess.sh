#!/usr/bin/env bash
# Benchmark: the year's assessment of a large committee, against the sqlite3 command reading and
# aggregating the same records in the same run. Not a test; it prints both timings and the ratio.
#
#   bench/assess.sh [MEMBERS] [ACTIVITIES]      (default 100000 members, 40 activities)
#
# Needs the sqlite3 command (Debian: apt-get install sqlite3).
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-100000}
activities=${2:-40}
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command: apt-get install sqlite3" >&2; exit 1; }
cargo build --release --quiet
bin=$PWD/target/release/lvzhi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/bench.db

bench/generate.sh "$bin" "$db" "$members" "$activities"

now() { date +%s.%N; }
t0=$(now)
sqlite3 "$db" > /dev/null <<'SQL'
SELECT m.id, m.code,
       (SELECT count(*) FROM attendance t JOIN activity a ON a.id = t.activity_id
         WHERE t.member_id = m.id AND a.start_on BETWEEN '2022-01-01' AND '2022-12-31'),
       (SELECT count(*) FROM proposal_author p WHERE p.member_id = m.id),
       (SELECT count(*) FROM opinion_author o WHERE o.member_id = m.id)
FROM member m ORDER BY m.id;
SQL
t1=$(now)
# peak memory too, when GNU time is there (Debian: apt-get install time)
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f %M -o "$dir/peak_kb")
"${timer[@]}" "$bin" --db "$db" --format csv assess --year 2022 > /dev/null 2>&1
t2=$(now)
sqlite_s=$(echo "$t1 - $t0" | bc)
lvzhi_s=$(echo "$t2 - $t1" | bc)
echo "sqlite3 reading and counting every member's records: ${sqlite_s}s"
echo "lvzhi assess (score, explain, rank, store the draft):  ${lvzhi_s}s"
echo "ratio lvzhi / sqlite3: $(echo "scale=2; $lvzhi_s / $sqlite_s" | bc)"
[ -s "$dir/peak_kb" ] && echo "lvzhi peak memory: $(( $(cat "$dir/peak_kb") / 1024 )) MB"
echo "database size: $(du -h "$db" | cut -f1)"
