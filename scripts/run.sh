#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs tristage on the embedded default
# (the coefficients and the three-stage table of the exp kernel at alpha = 1.5, then a 4-seed simulation at d = 100).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
tristage=build/cli/tristage
echo "== tristage coeffs --kernel exp --d 100 --kmax 6 --order 3" >&2
"$tristage" coeffs --kernel exp --d 100 --kmax 6 --order 3
echo
echo "== tristage theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --grid 13" >&2
"$tristage" theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --grid 13
echo
echo "== tristage simulate --kernel exp --d 100 --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --seeds 4 --grid 15" >&2
mkdir -p results
"$tristage" simulate --kernel exp --d 100 --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --seeds 4 --seed 1 --grid 15 \
  --progress --out results/simulate-exp-d100 --force
cut -d, -f1-5,13-16 results/simulate-exp-d100/curves.csv | column -s, -t
