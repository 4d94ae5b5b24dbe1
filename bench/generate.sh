#!/usr/bin/env bash
# Builds a large committee's file for the benchmarks, with the sqlite3 command: 30 sectors,
# MEMBERS members, ACTIVITIES activities in 2022 (about 14 attendance rows a member at 40),
# proposals by half and opinion reports by a quarter of the members, the scheme tongcheng-2019.
#
#   bench/generate.sh LVZHI_BINARY DB MEMBERS ACTIVITIES      (DB must not exist yet)
set -euo pipefail
bin=$1
db=$2
members=$3
activities=$4
[ -e "$db" ] && { echo "$db exists already" >&2; exit 1; }
"$bin" --db "$db" init --name 基准测试委员会 --level province --term 13 --term-start 2022 2>/dev/null
"$bin" --db "$db" rules set --year 2022 --preset tongcheng-2019 2>/dev/null
echo "generating $members members, $activities activities ..."
sqlite3 "$db" > /dev/null <<SQL
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
PRAGMA wal_checkpoint(TRUNCATE);
SQL
echo "attendance rows: $(sqlite3 "$db" "SELECT count(*) FROM attendance")"
