#!/usr/bin/env bash
# Prints raw and gzip bytes of every file in dist/ and the totals. The first visit as the host
# sees it (bytes sent until the service worker is installed) is measured by a test server:
# tools/first-visit.mjs (`make size` runs both).
#   tools/size.sh [dist]
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
