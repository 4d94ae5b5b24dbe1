#!/bin/sh
# Renders a .docx or .xlsx to PDF and to PNG pages with LibreOffice, for checking by eye.
#   scripts/render.sh FILE [OUTDIR]
# Writes OUTDIR/NAME.pdf and OUTDIR/NAME-1.png, NAME-2.png … (OUTDIR defaults to render/ beside
# FILE). Needs soffice (libreoffice-writer-nogui, libreoffice-calc-nogui), fonts-noto-cjk and
# pdftoppm (poppler-utils).
set -eu
if [ $# -lt 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 FILE.docx|FILE.xlsx [OUTDIR]" >&2
    exit 2
fi
file=$1
out=${2:-$(dirname "$file")/render}
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$out"
name=$(basename "$file")
name=${name%.*}
# A profile of its own, so a LibreOffice already open does not take the job.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$file" >/dev/null
pdftoppm -png -r "${DPI:-60}" "$out/$name.pdf" "$out/$name"
ls "$out/$name".pdf "$out/$name"-*.png
