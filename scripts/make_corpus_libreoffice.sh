#!/bin/sh
# Writes the LibreOffice files of tests/corpus/ (see tests/corpus/README.md):
#  - member_list.csv: `lvzhi --format csv member list` of four members with all-digit codes;
#  - member_list_libreoffice.xlsx: that listing opened in LibreOffice Calc and saved as xlsx
#    (Calc turns the codes 0001… into the numbers 1…, the dates into date cells);
#  - roster_gbk_crlf_bad_libreoffice.xlsx: roster_gbk_crlf_bad.csv opened as GBK and saved as
#    xlsx, so its cells sit on the rows a spreadsheet shows.
# Run from the repository root after `cargo build`, with LibreOffice installed; the files are
# committed, so tests and CI need no LibreOffice.
set -eu
out=tests/corpus
lvzhi=${LVZHI:-target/debug/lvzhi}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/lvzhi.db"
"$lvzhi" --db "$db" init --name 政协代县委员会 --sectors standard >/dev/null
"$lvzhi" --db "$db" member add 王芳 --code 0001 --sector 民盟 --gender female --phone 13800000021 --joined 2021-12-28 --workplace 县第一中学 >/dev/null
"$lvzhi" --db "$db" member add 李明 --code 0002 --sector 九三学社 --phone 13800000022 --joined 2021-12-28 >/dev/null
"$lvzhi" --db "$db" member add 张伟 --code 0003 --sector 经济界 --joined 2022-06-01 --standing >/dev/null
"$lvzhi" --db "$db" member add 赵丽 --code 0010 --sector 教育界 --birth 1975-06 >/dev/null
"$lvzhi" --db "$db" --format csv member list >"$out/member_list.csv"
profile="-env:UserInstallation=file://$tmp/profile"
# CSV filter options: comma, double quote, character set (76 = UTF-8, 67 = GBK), from line 1.
soffice "$profile" --headless --infilter="Text - txt - csv (StarCalc):44,34,76,1" \
  --convert-to xlsx --outdir "$tmp" "$out/member_list.csv" >/dev/null
mv "$tmp/member_list.xlsx" "$out/member_list_libreoffice.xlsx"
soffice "$profile" --headless --infilter="Text - txt - csv (StarCalc):44,34,67,1" \
  --convert-to xlsx --outdir "$tmp" "$out/roster_gbk_crlf_bad.csv" >/dev/null
mv "$tmp/roster_gbk_crlf_bad.xlsx" "$out/roster_gbk_crlf_bad_libreoffice.xlsx"
