#!/usr/bin/env bash
# Wall time of `tristage coeffs --kmax 12 --order 6` for every named kernel, at d = 100, d = 7 and symbolic d.
# Target (issue 2): under 2 s each. Usage: bench/coeffs_time.sh [path/to/tristage]
set -euo pipefail
tristage=${1:-$(dirname "$0")/../build/cli/tristage}
printf '%-10s %-9s %s\n' kernel d seconds
for k in exp poly:3 arccos0 arccos1 relu-ntk; do
  for d in 100 7 symbolic; do
    best=""
    for _ in 1 2 3; do
      s=$( { /usr/bin/env time -f %e "$tristage" coeffs --kernel "$k" --d "$d" --kmax 12 --order 6 --format json \
             > /dev/null; } 2>&1 )
      [[ -z $best || $(echo "$s > $best" | bc) == 1 ]] && best=$s
    done
    printf '%-10s %-9s %s (max of 3)\n' "$k" "$d" "$best"
  done
done
