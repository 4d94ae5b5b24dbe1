#!/bin/sh
# Makes the upgrade fixtures: v9.db, a small committee built through the command line by a
# binary at schema version 9 (lvzhi before migration 010), the outputs tests/cli/identity.rs
# compares after the upgrade, and v8.db, the same file with what version 9 added taken out.
#
#   tests/data/upgrade/make.sh [LVZHI_BINARY]     (default: /work/main/target/debug/lvzhi)
set -eu
L=${1:-/work/main/target/debug/lvzhi}
here=$(cd "$(dirname "$0")" && pwd)
rules="$here/../fixture-rules.toml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/v9.db"
run() { "$L" --db "$db" --operator 办公室 "$@"; }

run init --name 政协代县委员会 --level county --term 16 --term-start 2021
run committee set --code 140923 --parent 140900
for s in 教育界 经济界 医药卫生界; do run sector add "$s"; done
run sector alias add 文教口 教育界
run member add 李明 --sector 教育界 --code E002 --joined 2021-10-01 --id-number 110101198001010010
run member add 王芳 --sector 经济界 --code J001 --joined 2021-10-01 --standing --phone 13812345678
run member add 赵强 --sector 经济界 --code M001 --joined 2021-10-01
run member add 刘洋 --sector 医药卫生界 --code L001 --joined 2021-10-01 --workplace 县医院
run member add 孙丽 --sector 教育界 --code S001 --joined 2021-10-01
run member leave S001 --on 2023-03-01 --reason resigned
printf '编号,姓名,性别,出生年月,界别,联系电话\nK001,周杰,男,1975.06,教育界,13900001111\nK002,吴敏,女,1982.11,经济界,\n' > "$work/members.csv"
run import members "$work/members.csv"
run org add 提案委员会
run org add 第一联络组 --kind liaison
run org join 提案委员会 E002 --role director --from 2022-01-01
run org join 第一联络组 M001 --from 2022-01-01
run kind add visit --zh 走访 --en Visit
for y in 2022 2023; do
  run activity add plenary --date $y-01-10 --end $y-01-12 --title "全体会议 $y"
  run activity add inspection --date $y-05-10 --title "视察农村学校 $y"
  run activity add standing --date $y-07-01 --title "常委会议 $y"
done
run attend 1 --present E002,J001,M001,L001,S001,K001 --excused K002
run attend 2 --present E002,王芳 --absent M001
run attend 4 --present E002,J001,L001,K001 --late M001
run attend 5 --present K002
run proposal add 关于改善农村学校条件的提案 --number 2022001 --date 2022-01-11 --lead E002 --cosigners M001
run proposal add 关于县医院扩建的提案 --number 2022002 --date 2022-01-11 --lead L001
run proposal add 关于发展特色农业的提案 --number 2023001 --date 2023-01-11 --lead J001 --cosigners K001,K002
run opinion add 关于农村学校师资的建议 --date 2022-04-01 --authors E002,M001
run opinion adopt 1 --level city --date 2022-05-01
run opinion add 关于养老服务的建议 --date 2023-04-01 --authors L001
run contribution add --kind research_report --date 2022-09-01 --authors E002,K001 县域教育调研报告
run donation add E002 --amount 500 --date 2022-10-20 --purpose 助学
run donation add K001 --amount 1200 --date 2023-06-01 --purpose 抗洪
run commend add J001 --level county --date 2022-12-01 --reason 优秀提案
run adjust add M001 --year 2022 --points -2 --reason 缺席未请假
run rules set --year 2022 "$rules"
run rules set --year 2023 "$rules"
run assess --year 2022 --finalize >/dev/null
run assess --year 2023 >/dev/null
run member edit K002 --workplace 县农业局

out="$here"
rm -f "$out"/*.txt "$out"/v9.db "$out"/v8.db
save() { name=$1; shift; run "$@" > "$out/$name.txt"; }
save assessment-2022 report assessment --year 2022 --format csv
save assessment-2023 report assessment --year 2023 --format csv
save summary-2022 report summary --year 2022 --format csv
save attendance-2023 report attendance --year 2023 --format csv
save members member list --format csv
save log log --format csv
save imports import list --format csv
save proposals proposal list --format csv
run check > /dev/null
# Small pages keep the committed files small; the file stays in WAL mode.
shrink() { sqlite3 "$1" 'PRAGMA journal_mode = DELETE; PRAGMA page_size = 1024; VACUUM; PRAGMA journal_mode = WAL;' > /dev/null; }
shrink "$db"
cp "$db" "$out/v9.db"
# Version 8: no committee code, no package table (as tests/cli/common.rs undo_version_9).
cp "$db" "$work/v8.db"
sqlite3 "$work/v8.db" 'DROP TABLE package; ALTER TABLE committee DROP COLUMN parent_code;
    ALTER TABLE committee DROP COLUMN code; PRAGMA user_version = 8;'
shrink "$work/v8.db"
cp "$work/v8.db" "$out/v8.db"
chmod 600 "$out"/*.db
ls -l "$out"
