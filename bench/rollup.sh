#!/usr/bin/env bash
# Benchmark of issue 14: a province's roll-up. Generates COMMITTEES county packages (sizes
# 300, 770 and 1,500 members in turn, about 100,000 members at 130; every other one with 2022
# finalised), then times, with lvzhi's peak memory:
#   - building the roll-up: `rollup init` and one `rollup add` of every package;
#   - adding one updated package of a 300-member county;
#   - the cross-committee report `report committees --year 2022`;
#   - listings read across every committee (no --committee): `member list`, the 2022 ranking;
#   - `rollup check` (its audit-log scan for member codes given to two people);
#   - sending the province's roll-up up: `backup --package`, and `rollup add` of it into a
#     national roll-up.
# Not a test: it prints the figures beside the issue's targets.
#
#   bench/rollup.sh [COMMITTEES]        (default 130; files kept in bench/out/rollup-COMMITTEES/)
# Needs the sqlite3 command and GNU time (Debian: apt-get install sqlite3 time).
set -euo pipefail
committees=${1:-130}
case $committees in '' | *[!0-9]* | 0) echo "COMMITTEES must be a positive number, not '$committees'" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.."
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command: apt-get install sqlite3" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
cargo build --release --quiet
bin=$PWD/target/release/lvzhi
out=$PWD/bench/out/rollup-$committees
mkdir -p "$out"
q() { "$bin" "$@" > /dev/null 2>&1; }

sizes=(300 770 1500)
for s in "${sizes[@]}"; do
  if [ ! -e "$out/template-$s.db" ]; then
    rm -f "$out/template-$s.db.part"
    bench/generate.sh "$bin" "$out/template-$s.db.part" "$s" 40 > /dev/null
    mv "$out/template-$s.db.part" "$out/template-$s.db"
  fi
done

members=0
if [ ! -e "$out/packages/done" ]; then
  rm -rf "$out/packages" "$out/work"
  mkdir -p "$out/packages" "$out/work"
  echo "making $committees county packages ..."
  for i in $(seq "$committees"); do
    s=${sizes[$(( (i - 1) % 3 ))]}
    code=$(printf '14%02d%02d' $(( i / 100 + 1 )) $(( i % 100 )))
    f=$out/work/$code.db
    cp "$out/template-$s.db" "$f"
    q --db "$f" committee set --code "$code" --parent 140000 --name "县$i"
    if [ $(( i % 2 )) -eq 1 ]; then q --db "$f" assess --year 2022 --finalize; fi
    q --db "$f" backup --package -o "$out/packages/$code.db"
  done
  touch "$out/packages/done"
fi
for f in "$out"/packages/*.db; do members=$((members + $(sqlite3 "$f" "SELECT count(*) FROM member"))); done
echo "$committees packages, $members members in all"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
timed() {
  local name=$1; shift
  if ! /usr/bin/time -f '%e %M' -o "$scratch/$name" "$@" > /dev/null 2> "$scratch/stderr"; then
    echo "failed: $*" >&2; cat "$scratch/stderr" >&2; exit 1
  fi
}
show() { # LABEL NAME TARGET
  read -r secs kb < "$scratch/$2"
  printf '%-52s %8ss  peak %6s MiB  (target: %s)\n' "$1" "$secs" "$(( kb / 1024 ))" "$3"
}

r=$scratch/province.db
q --db "$r" rollup init --name 山西省政协 --level province --code 140000
timed build "$bin" --db "$r" rollup add "$out"/packages/*.db
# one county of 300 members sends an updated package
small=$(printf '14%02d%02d' 1 1)
cp "$out/work/$small.db" "$scratch/county.db"
q --db "$scratch/county.db" member add 新委员 --sector 界别1 --code N0001 --joined 2023-01-01
q --db "$scratch/county.db" backup --package -o "$scratch/update.db"
timed update "$bin" --db "$r" rollup add "$scratch/update.db"
timed summary "$bin" --db "$r" --format csv report committees --year 2022
timed members "$bin" --db "$r" --format csv member list
timed ranking "$bin" --db "$r" --format csv report assessment --year 2022
/usr/bin/time -f '%e %M' -o "$scratch/check" "$bin" --db "$r" rollup check > /dev/null 2>&1 || true
"$bin" --db "$r" check > /dev/null
timed package "$bin" --db "$r" backup --package -o "$scratch/province-package.db"
q --db "$scratch/national.db" rollup init --name 全国政协 --level national --code 100000
timed upward "$bin" --db "$scratch/national.db" rollup add "$scratch/province-package.db"
"$bin" --db "$scratch/national.db" check > /dev/null

show "lvzhi rollup add (all $committees packages)" build "under 60 s, peak <= 256 MiB"
show "lvzhi rollup add (one updated 300-member package)" update "under 1 s, peak <= 256 MiB"
show "lvzhi report committees --year 2022" summary "peak <= 256 MiB"
show "lvzhi member list (every committee, CSV)" members "peak <= 256 MiB"
show "lvzhi report assessment --year 2022 (every committee, CSV)" ranking "peak <= 256 MiB"
show "lvzhi rollup check" check "peak <= 256 MiB"
show "lvzhi backup --package (the province's roll-up)" package "peak <= 256 MiB"
show "lvzhi rollup add (the province's package, nationally)" upward "peak <= 256 MiB"
echo "roll-up file: $(stat -c %s "$r") bytes"
