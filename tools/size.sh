#!/usr/bin/env bash
# Prints raw and gzip bytes of every file in dist/ and the totals, then the first load: the
# files a browser fetches to show the home screen (index.html and what it links to).
set -euo pipefail
dir=${1:-dist}
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
first_raw=$(stat -c %s "$dir/index.html"); first_gz=$(gzip -9 -c "$dir/index.html" | wc -c)
for f in $(grep -oE '(href|src|from|module_or_path:) ?["'"'"']\./?[^"'"'"']+' "$dir/index.html" | sed -E "s/.*[\"']\.?\/?//" | sort -u); do
  [ -f "$dir/$f" ] || continue
  first_raw=$((first_raw + $(stat -c %s "$dir/$f"))); first_gz=$((first_gz + $(gzip -9 -c "$dir/$f" | wc -c)))
done
printf '%-48s %10d %10d   (budget: 200000 gzip)\n' 'FIRST LOAD (index.html + what it links)' "$first_raw" "$first_gz"
