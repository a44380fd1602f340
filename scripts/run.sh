#!/usr/bin/env bash
# The main job: installs what is missing, builds, and runs `tristage verify` on the embedded default experiment
# (experiments/default.toml: exp kernel, alpha = 1.5, d = 50..400, 4 seeds; about 4 minutes on 2 cores).
# The report goes to results/verify-default (replaced on every run); the verdict table is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p results
build/cli/tristage verify --out results/verify-default --force --progress
