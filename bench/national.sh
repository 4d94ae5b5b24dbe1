#!/usr/bin/env bash
# Benchmark of issue 13: the year's assessment of a national-scale committee against the sqlite3
# command's hand aggregate on the same file. Not a test; it prints the timings, the ratios and
# lvzhi's peak memory for the trial `assess --rules FILE` and the stored `assess`, how much the
# stored result grows the file, `assess --rules FILE --compare` before and after a result is
# stored, `assess --explain` of one member and `report assessment` on the stored result, each
# beside the issue's target; then the other reports on it (by sector, the figures, the
# attendance matrix as CSV and as a workbook, the year's workbook), each beside the memory
# target.
#
#   bench/national.sh [MEMBERS] [ACTIVITIES] [FILE]
#       (defaults: 600000 members, 100 activities, FILE bench/out/national-MEMBERS-ACTIVITIES.db)
#   RUNS=N bench/national.sh ...      (timed runs of each command, median given; default 3)
#
# FILE is generated once with bench/generate.sh and kept: later runs reuse it. Each run works on
# a copy of it (FILE.run.db, removed afterwards), so every run starts without a stored result.
# Before timing, the copy is read once to warm the page cache; the runs are then warm.
# Needs the sqlite3 command and GNU time (Debian: apt-get install sqlite3 time).
set -euo pipefail
members=${1:-600000}
activities=${2:-100}
runs=${RUNS:-3}
file=${3:-}
if [ -n "$file" ] && [ "${file#/}" = "$file" ]; then file=$PWD/$file; fi
cd "$(dirname "$0")/.."
file=${file:-$PWD/bench/out/national-$members-$activities.db}
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command: apt-get install sqlite3" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
case $runs in '' | *[!0-9]* | 0) echo "RUNS must be a positive number, not '$runs'" >&2; exit 2 ;; esac

cargo build --release --quiet
bin=$PWD/target/release/lvzhi

if [ -e "$file" ]; then
  echo "reusing $file"
else
  mkdir -p "$(dirname "$file")"
  rm -f "$file.part" "$file.part-wal" "$file.part-shm"
  bench/generate.sh "$bin" "$file.part" "$members" "$activities"
  mv "$file.part" "$file"
fi

work=$file.run.db
scratch=$(mktemp -d)
cleanup() { rm -rf "$scratch"; rm -f "$work" "$work-wal" "$work-shm"; }
trap cleanup EXIT
cp "$file" "$work"
cat "$work" > /dev/null
rules=$scratch/rules.toml
"$bin" rules preset tongcheng-2019 > "$rules"

# The hand aggregate of issue 13: the year's attendance counted by status, proposal and report
# authorships counted, joined to members, ordered by a weighted score.
cat > "$scratch/hand.sql" <<'SQL'
WITH att AS (SELECT t.member_id, count(*) AS n, sum(t.status = 'present') AS p
             FROM attendance t JOIN activity a ON a.id = t.activity_id
             WHERE a.start_on BETWEEN '2022-01-01' AND '2022-12-31' GROUP BY t.member_id),
     pr AS (SELECT member_id, count(*) AS n FROM proposal_author GROUP BY member_id),
     op AS (SELECT member_id, count(*) AS n FROM opinion_author GROUP BY member_id)
SELECT m.id, m.code, coalesce(att.p, 0) * 2 + coalesce(pr.n, 0) * 10 + coalesce(op.n, 0) * 5 AS score
FROM member m LEFT JOIN att ON att.member_id = m.id LEFT JOIN pr ON pr.member_id = m.id
  LEFT JOIN op ON op.member_id = m.id ORDER BY score DESC;
SQL

size() { local n=0 f; for f in "$1" "$1-wal"; do [ -e "$f" ] && n=$((n + $(stat -c %s "$f"))); done; echo "$n"; }
# timed NAME COMMAND...: runs it once under GNU time, appending "seconds peak_kb" to $scratch/NAME.
timed() {
  local name=$1; shift
  if ! /usr/bin/time -f '%e %M' -o "$scratch/last" "$@" > /dev/null 2> "$scratch/stderr"; then
    echo "failed: $*" >&2; cat "$scratch/stderr" >&2; exit 1
  fi
  tail -n 1 "$scratch/last" >> "$scratch/$name"
}
median() { cut -d' ' -f1 "$scratch/$1" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
peak_mib() { cut -d' ' -f2 "$scratch/$1" | sort -n | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

rows=$(sqlite3 "$work" "SELECT count(*) FROM attendance")
n=$(sqlite3 "$work" "SELECT count(*) FROM member")
echo "file: $file ($n members, $rows attendance rows, $(size "$work") bytes); $runs runs each"

for _ in $(seq "$runs"); do timed hand sqlite3 "$work" < "$scratch/hand.sql"; done
for _ in $(seq "$runs"); do timed trial "$bin" --db "$work" --format csv assess --year 2022 --rules "$rules"; done
# Compared before anything is stored: the year's own scheme is tried too.
for _ in $(seq "$runs"); do timed fresh "$bin" --db "$work" --format csv assess --year 2022 --rules "$rules" --compare; done
before=$(size "$work")
timed stored "$bin" --db "$work" --format csv assess --year 2022
after_first=$(size "$work")
for _ in $(seq 2 "$runs"); do timed stored "$bin" --db "$work" --format csv assess --year 2022; done
after=$(size "$work")
# With the stored result in place: the trial compared with it, one member's explanation, the report.
code=$(sqlite3 "$work" "SELECT code FROM member ORDER BY id LIMIT 1")
for _ in $(seq "$runs"); do timed compare "$bin" --db "$work" --format csv assess --year 2022 --rules "$rules" --compare; done
for _ in $(seq "$runs"); do timed explain "$bin" --db "$work" assess --year 2022 --explain "$code"; done
for _ in $(seq "$runs"); do timed report "$bin" --db "$work" --format csv report assessment --year 2022; done
# The other reports on the stored result, each to be within the memory target too.
for _ in $(seq "$runs"); do timed by_sector "$bin" --db "$work" --format csv report assessment --year 2022 --by sector; done
for _ in $(seq "$runs"); do timed by_stroke "$bin" --db "$work" --format csv report assessment --year 2022 --order stroke; done
for _ in $(seq "$runs"); do timed member "$bin" --db "$work" --format json report member "$code" --year 2022; done
for _ in $(seq "$runs"); do timed summary "$bin" --db "$work" --format csv report summary --year 2022; done
for _ in $(seq "$runs"); do timed attendance "$bin" --db "$work" --format csv report attendance --year 2022; done
for _ in $(seq "$runs"); do
  timed attendance_xlsx "$bin" --db "$work" report attendance --year 2022 -o "$scratch/attendance.xlsx" --force
done
for _ in $(seq "$runs"); do timed export "$bin" --db "$work" export --year 2022 -o "$scratch/export.xlsx" --force; done

hand_s=$(median hand)
line() { # LABEL NAME TARGET_RATIO: median, peak and ratio to the hand aggregate
  local s; s=$(median "$2")
  printf '%-52s %8ss  peak %6s MiB  ratio %6s' "$1" "$s" "$(peak_mib "$2")" "$(ratio "$s" "$hand_s")"
  if [ -n "${3:-}" ]; then printf '  (targets: peak <= 256 MiB, ratio <= %s)\n' "$3"; else printf '  (target: peak <= 256 MiB)\n'; fi
}
printf '%-52s %8ss  peak %6s MiB\n' "sqlite3 hand aggregate" "$hand_s" "$(peak_mib hand)"
line "lvzhi assess --rules FILE (trial)" trial 1.0
line "lvzhi assess (stored)" stored 1.5
line "lvzhi assess --rules FILE --compare (none stored)" fresh
line "lvzhi assess --rules FILE --compare" compare
line "lvzhi report assessment" report
printf '%-52s %8ss  peak %6s MiB  (target: under 0.2 s)\n' "lvzhi assess --explain $code" "$(median explain)" "$(peak_mib explain)"
bounded() { # LABEL NAME: median and peak beside the memory target
  printf '%-52s %8ss  peak %6s MiB  (target: peak <= 256 MiB)\n' "$1" "$(median "$2")" "$(peak_mib "$2")"
}
bounded "lvzhi report assessment --by sector" by_sector
bounded "lvzhi report assessment --order stroke" by_stroke
bounded "lvzhi report member $code" member
bounded "lvzhi report summary" summary
bounded "lvzhi report attendance (CSV)" attendance
bounded "lvzhi report attendance -o FILE.xlsx" attendance_xlsx
bounded "lvzhi export -o FILE.xlsx" export
echo "(median seconds of $runs warm runs; peak = largest maximum resident set size; ratio = lvzhi / sqlite3)"
growth=$((after_first - before))
echo "file growth from the stored result: $growth bytes, $((growth / n)) a member (target: at most 200);" \
  "$before -> $after_first bytes after the first stored run, $after after all $runs"
