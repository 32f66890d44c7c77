#!/usr/bin/env bash
# Prints raw and gzip bytes of every file in dist/ and the totals, then the first load: the
# files a browser fetches to show the home screen (index.html and what it links to).
#   tools/size.sh [dist] [--check]   (--check: exit 1 when the first load is over budget)
set -euo pipefail
dir=dist; check=0
for a in "$@"; do case "$a" in --check) check=1 ;; *) dir=$a ;; esac; done
# A ratchet, not the goal: issue 16 asks for a 120 KB first visit. The old 200 KB budget was
# broken unnoticed at 209.6 KB (the Makefile piped the check into tail, losing its exit code);
# the camera controls and video path (+17 KB) and the report and history (+19 KB) brought it to
# 251.6 KB on 2026-12-02. It may only come down from here.
BUDGET=252000
[ -d "$dir" ] || { echo "no $dir/: run make build" >&2; exit 1; }
total_raw=0; total_gz=0
printf '%-48s %10s %10s\n' file raw gzip
while IFS= read -r f; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-48s %10d %10d\n' "${f#$dir/}" "$raw" "$gz"
done < <(find "$dir" -type f | sort)
printf '%-48s %10d %10d\n' TOTAL "$total_raw" "$total_gz"

# First load: index.html, the files it references (script, wasm, css, icon, manifest).
first_raw=$(stat -c %s "$dir/index.html"); first_gz=$(gzip -9 -c "$dir/index.html" | wc -c); first_files="index.html"
# Attribute values may be quoted or not (the release HTML is minified).
for f in $(grep -oE "(href|src)=[\"']?[^\"' >]+|(from|module_or_path:) ?[\"'][^\"']+" "$dir/index.html" \
           | sed -E "s/^(href|src)=[\"']?//; s/^(from|module_or_path:) ?[\"']//; s#^\./##" | sort -u); do
  [ -f "$dir/$f" ] || continue
  first_raw=$((first_raw + $(stat -c %s "$dir/$f"))); first_gz=$((first_gz + $(gzip -9 -c "$dir/$f" | wc -c)))
  first_files="$first_files $f"
done
printf '%-48s %10d %10d   (budget: %d gzip)\n' 'FIRST LOAD' "$first_raw" "$first_gz" "$BUDGET"
echo "first load files: $first_files"
if [ "$check" = 1 ] && [ "$first_gz" -gt "$BUDGET" ]; then
  echo "first load is $first_gz bytes gzip, over the $BUDGET budget" >&2
  exit 1
fi
