#!/usr/bin/env python3
"""Generate data/strokes.tsv, the stroke table behind 按姓氏笔画 sorting.

Inputs (see data/README.md for versions and licences):
  * cnchar-order (npm, MIT): full stroke sequences for ~6,900 common characters.
        cd "$(mktemp -d)" && npm install cnchar-order@3.2.6
  * Unihan kTotalStrokes (Unicode licence), from Debian's `unicode-data` package:
        apt-get install unicode-data   # /usr/share/unicode/Unihan_IRGSources.txt.bz2

Usage:
  python3 scripts/gen_strokes.py --cnchar PATH/node_modules/cnchar-order \
      [--unihan /usr/share/unicode/Unihan_IRGSources.txt.bz2] [--out data/strokes.tsv]

Output: one line per character, `CHAR<TAB>COUNT<TAB>CLASSES`, sorted by code point.
CLASSES is the stroke-class sequence in the five-class scheme of the mainland
standards (1 横, 2 竖, 3 撇, 4 点, 5 折) or empty when only Unihan's count is known.
Lines starting with `#` are comments. Running the script twice on the same inputs
gives byte-identical output.
"""

from __future__ import annotations

import argparse
import bz2
import json
import re
import sys
from pathlib import Path

# cnchar-order's stroke letters -> five classes. Checked against the letter
# dictionary that ships inside cnchar.order.min.js (names in comments) and
# against 王 jjfj, 文 kjsl, 马 czj, 林 jfsk jfsl.
#   横 class: j 横, i 提
#   竖 class: f 竖, g 竖钩
#   撇 class: s 撇
#   点 class: k 点, d 点2 (the left dot of 心/火/冖), l 捺
#   折 class: every other letter (横折, 横撇|横钩, 竖弯钩, 斜钩, 撇点, …)
LETTER_CLASS = {"j": "1", "i": "1", "f": "2", "g": "2", "s": "3", "k": "4", "d": "4", "l": "4"}
FOLD_LETTERS = set("abcehmnopqrtuvwxyz")

# Unihan-only fallback: the CJK Unified Ideographs block (URO) plus Extension A.
FALLBACK_RANGES = [(0x4E00, 0x9FFF), (0x3400, 0x4DBF)]

# Known errors in cnchar-order's sequences, fixed to the mainland standard
# (通用规范汉字表 stroke counts). Each fix is checked: the script stops if the
# upstream value changes, so a corrected upstream is noticed.
#   皙: upstream writes 析 + 日 (12 strokes); the character is 析 over 白, 13 strokes
#       (Unihan kTotalStrokes agrees: 13).
SEQUENCE_FIXES = {"皙": ("jfskssjffcjj", "jfskssjfsfcjj")}

DEFAULT_UNIHAN = "/usr/share/unicode/Unihan_IRGSources.txt.bz2"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "strokes.tsv"


def load_cnchar(pkg: Path) -> tuple[str, dict[str, str]]:
    meta = json.loads((pkg / "package.json").read_text(encoding="utf-8"))
    js = (pkg / "cnchar.order.min.js").read_text(encoding="utf-8")
    blobs = re.findall(r"JSON\.parse\('(.*?)'\)", js, re.S)
    orders = None
    for blob in blobs:
        data = json.loads(blob)
        if isinstance(data, dict) and "一" in data:
            orders = data
    if orders is None:
        sys.exit("gen_strokes: no stroke-order table found in cnchar.order.min.js")
    return meta["version"], orders


def classify(letters: str, ch: str) -> str:
    out = []
    for letter in letters:
        if letter in LETTER_CLASS:
            out.append(LETTER_CLASS[letter])
        elif letter in FOLD_LETTERS:
            out.append("5")
        else:
            sys.exit(f"gen_strokes: unknown stroke letter {letter!r} in {ch}")
    return "".join(out)


def load_unihan(path: str) -> dict[str, int]:
    opener = bz2.open if path.endswith(".bz2") else open
    counts: dict[str, int] = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\tkTotalStrokes\t" not in line:
                continue
            cp, _, value = line.rstrip("\n").split("\t")
            # The first value is the count for the Chinese (G source) glyph.
            counts[chr(int(cp[2:], 16))] = int(value.split()[0])
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cnchar", required=True, type=Path, help="node_modules/cnchar-order folder")
    ap.add_argument("--unihan", default=DEFAULT_UNIHAN, help="file holding kTotalStrokes (.bz2 or plain)")
    ap.add_argument("--out", default=DEFAULT_OUT, type=Path)
    args = ap.parse_args()

    version, orders = load_cnchar(args.cnchar)
    unihan = load_unihan(args.unihan)

    rows: dict[str, tuple[int, str]] = {}
    disagree = []
    for ch, (upstream, fixed) in SEQUENCE_FIXES.items():
        if orders.get(ch) != upstream:
            sys.exit(f"gen_strokes: upstream sequence of {ch} changed; review SEQUENCE_FIXES")
        orders[ch] = fixed
    for ch, letters in orders.items():
        classes = classify(letters, ch)
        if ch in unihan and unihan[ch] != len(classes):
            disagree.append((ch, len(classes), unihan[ch]))
        # The sequence length is the mainland (GB) count, so it wins.
        rows[ch] = (len(classes), classes)
    fallback = 0
    for lo, hi in FALLBACK_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if ch not in rows and ch in unihan:
                rows[ch] = (unihan[ch], "")
                fallback += 1

    lines = [
        "# 姓氏笔画 stroke table, generated by scripts/gen_strokes.py; do not edit by hand.",
        f"# Sequences: cnchar-order {version} (MIT). Counts without a sequence: Unihan kTotalStrokes (Unicode licence).",
        "# CHAR<TAB>COUNT<TAB>CLASSES (1 横 2 竖 3 撇 4 点 5 折; empty = count only)",
    ]
    for ch in sorted(rows):
        count, classes = rows[ch]
        lines.append(f"{ch}\t{count}\t{classes}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    print(
        f"gen_strokes: {len(orders)} sequences, {fallback} Unihan-only counts, "
        f"{len(SEQUENCE_FIXES)} sequence fixes, {len(disagree)} count disagreements (sequence length kept) -> {args.out}",
        file=sys.stderr,
    )
    for ch, seq, uni in disagree:
        print(f"  {ch} U+{ord(ch):04X}: sequence {seq}, kTotalStrokes {uni}", file=sys.stderr)


if __name__ == "__main__":
    main()
