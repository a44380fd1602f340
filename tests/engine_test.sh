#!/usr/bin/env bash
# `tristage simulate --engine` from the outside: the Krylov and dense engines give the same curves through the CLI,
# run.json records the plan and the basis, and the engine's failures (basis too small, memory) are one-line errors
# with their documented exit codes and no output folder. Usage: engine_test.sh PATH/TO/tristage.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

args=(--kernel exp --d 25 --n 900 --energies 0.5,1,1,1 --noise 0.3 --beta-max 6 --grid 25 --seeds 2)
"$BIN" simulate "${args[@]}" --engine dense --out dense 2>/dev/null
"$BIN" simulate "${args[@]}" --engine krylov --out krylov 2>/dev/null
for col in train test; do
  # 1e-9: the engines' agreement target (tests/test_krylov.cpp measures 7e-11 at most on well-conditioned K)
  check "krylov and dense $col curves agree to 1e-9 through the CLI ($(distance dense/curves.csv krylov/curves.csv $col))" \
    below "$(distance dense/curves.csv krylov/curves.csv $col)" 1e-9
done
check "run.json names the engine that ran" grep -q '"engine": "krylov"' krylov/run.json
check "run.json records the basis size used" grep -qE '"krylov_basis": [0-9]+' krylov/run.json
check "run.json records the memory plan" grep -q '"planned_peak_bytes"' krylov/run.json
check "auto takes the dense engine at n = 900" bash -c "'$BIN' simulate ${args[*]} --out auto 2>/dev/null && grep -q '\"engine\": \"dense\"' auto/run.json"
check "the same seed gives byte-identical Krylov curves" bash -c "'$BIN' simulate ${args[*]} --engine krylov --out again 2>/dev/null && cmp -s krylov/curves.csv again/curves.csv"

bad 3 "capacity of 5 vectors.*--krylov-basis" "a basis too small to converge" \
  simulate "${args[@]}" --engine krylov --krylov-basis 5 --out out
bad 2 "engine" "an unknown engine" simulate "${args[@]}" --engine qr --out out
bad 2 "krylov-tol" "a tolerance out of range" simulate "${args[@]}" --engine krylov --krylov-tol 0 --out out
bad 4 "Krylov engine needs about .* GB.*available.*about n = [0-9]+ fits" "n too large for n^2 doubles" simulate \
  --kernel exp --d 100 --n 3000000 --energies 1 --out out
bad 4 "dense engine needs about .*use --engine krylov" "n too large for the dense engine, not for Krylov" simulate \
  --kernel exp --d 100 --n 40000 --engine dense --energies 1 --out out
bad 4 "dense engine needs about .*reduce --n" "n too large for either engine" simulate \
  --kernel exp --d 100 --n 200000 --engine dense --energies 1 --out out

bad 2 "indefinite: xi_\{d,2\} = .* degree 2.*--allow-indefinite" "an indefinite kernel names its degree" simulate \
  --kernel "1 + u - u^2" --d 10 --n 200 --energies 1,1 --out out
check "--allow-indefinite runs it, warns and records the warning" bash -c "'$BIN' simulate --kernel '1 + u - u^2' --d 10 \
  --n 200 --energies 1,1 --allow-indefinite --out indefinite 2>warning && grep -q 'run anyway' warning &&
  grep -q 'run anyway' indefinite/run.json && ! grep -qiE 'nan|inf' indefinite/curves.csv"

finish
