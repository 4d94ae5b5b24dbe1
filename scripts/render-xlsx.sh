#!/bin/sh
# Renders a workbook (or any office file) to PDF and one PNG per page with LibreOffice, for
# checking the printed pages by eye.
# Usage: scripts/render-xlsx.sh FILE.xlsx [OUTDIR]   (OUTDIR defaults to render/)
# Needs: soffice (libreoffice-calc-nogui), pdftoppm (poppler-utils), fonts-noto-cjk.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 FILE.xlsx [OUTDIR]" >&2
    exit 2
fi
file=$1
out=${2:-render}
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$0: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$out"
# A profile of its own, so a running LibreOffice does not swallow the conversion.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf --outdir "$out" "$file" >/dev/null
pdf="$out/$(basename "${file%.*}").pdf"
pdftoppm -png -r "${DPI:-60}" "$pdf" "$out/$(basename "${file%.*}")"
echo "$pdf"
ls "$out"/"$(basename "${file%.*}")"*.png
