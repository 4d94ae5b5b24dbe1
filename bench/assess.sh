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

$bin --db "$db" init --name 基准测试委员会 --level province --term 13 --term-start 2022 2>/dev/null
$bin --db "$db" rules set --year 2022 --preset tongcheng-2019 2>/dev/null
echo "generating $members members, $activities activities ..."
sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 30)
INSERT INTO sector (code, name, sort_order) SELECT 'S' || i, '界别' || i, i FROM c;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $members)
INSERT INTO member (code, name, sector_id, joined_on)
SELECT printf('P%07d', i), '委员' || i, 1 + i % 30, '2022-01-01' FROM c;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $activities)
INSERT INTO activity (kind_id, title, start_on, end_on, half_days)
SELECT (SELECT id FROM activity_kind WHERE code = CASE WHEN i = 1 THEN 'plenary' WHEN i % 4 = 0 THEN 'research'
            WHEN i % 4 = 1 THEN 'inspection' WHEN i % 4 = 2 THEN 'training' ELSE 'consultation' END),
       '活动' || i, date('2022-01-10', '+' || (i * 7 % 350) || ' days'),
       date('2022-01-10', '+' || (i * 7 % 350) || ' days'), 1
FROM c;
INSERT INTO attendance (activity_id, member_id, status)
SELECT a.id, m.id, CASE WHEN (m.id + a.id) % 17 = 0 THEN 'excused' ELSE 'present' END
FROM activity a, member m WHERE a.id = 1 OR (m.id * 7 + a.id * 13) % 3 = 0;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $members / 2)
INSERT INTO proposal (number, title, year, type, stage) SELECT i, '提案' || i, 2022, 'individual',
    CASE WHEN i % 6 = 0 THEN 'filed' ELSE 'not_filed' END FROM c;
INSERT INTO proposal_author (proposal_id, member_id, role, ord) SELECT id, 1 + (id * 2) % $members, 'lead', 1 FROM proposal;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $members / 4)
INSERT INTO opinion (title, submitted_on) SELECT '信息' || i, '2022-05-01' FROM c;
INSERT INTO opinion_author (opinion_id, member_id, role, ord) SELECT id, 1 + (id * 3) % $members, 'lead', 1 FROM opinion;
INSERT INTO opinion_adoption (opinion_id, level, adopted_on) SELECT id, 'city', '2022-06-01' FROM opinion WHERE id % 5 = 0;
COMMIT;
SQL
rows=$(sqlite3 "$db" "SELECT count(*) FROM attendance")
echo "attendance rows: $rows"

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
"${timer[@]}" $bin --db "$db" --format csv assess --year 2022 > /dev/null 2>&1
t2=$(now)
sqlite_s=$(echo "$t1 - $t0" | bc)
lvzhi_s=$(echo "$t2 - $t1" | bc)
echo "sqlite3 reading and counting every member's records: ${sqlite_s}s"
echo "lvzhi assess (score, explain, rank, store the draft):  ${lvzhi_s}s"
echo "ratio lvzhi / sqlite3: $(echo "scale=2; $lvzhi_s / $sqlite_s" | bc)"
[ -s "$dir/peak_kb" ] && echo "lvzhi peak memory: $(( $(cat "$dir/peak_kb") / 1024 )) MB"
echo "database size: $(du -h "$db" | cut -f1)"
