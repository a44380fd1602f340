#!/usr/bin/env bash
# Checks, right after the packages are installed, that every stage of scripts/test.sh has what it needs, by trying
# each tool the way the stage uses it: a missing piece then fails here, in seconds, naming the Debian package,
# instead of failing a build half an hour later (as clang's OpenMP runtime, libomp-dev, once did on a fresh machine).
# Usage: scripts/check_tools.sh. Exit 0 when everything works; 1 with one line per missing piece otherwise.
set -uo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
missing=0
need() {  # need STAGE WHAT PACKAGE COMMAND...: runs the command in $work; on failure says what is missing
  local stage=$1 what=$2 package=$3
  shift 3
  if ! (cd "$work" && "$@") >"$work/log" 2>&1; then
    echo "check_tools: the $stage stage needs $what (Debian package $package): '$*' failed: $(head -c 300 "$work/log" | tr '\n' ' ')" >&2
    missing=1
  fi
}

cat >"$work/omp.cpp" <<'CPP'
#include <omp.h>
int main() { int n = 0;
#pragma omp parallel reduction(+ : n)
  n += 1;
  return n > 0 ? 0 : 1; }
CPP
cat >"$work/fuzz.cpp" <<'CPP'
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }
CPP
cat >"$work/table.tex" <<'TEX'
\documentclass{article}
\usepackage{amsmath,booktabs}
\begin{document}
\begin{tabular}{l}\toprule $\xi_{d,k}$ \\ \bottomrule\end{tabular}
\end{document}
TEX
cat >"$work/leak.cpp" <<'CPP'
namespace lib { __attribute__((noinline)) int* make() { return new int[10]; } }
int main() { int* volatile p = lib::make(); p = nullptr; return 0; }
CPP
echo "leak:lib::make" >"$work/leak.supp"
cat >"$work/plain.cpp" <<'CPP'
#include <vector>
int main() { std::vector<int> v(3); return v[1]; }
CPP

need release "g++ with OpenMP" "g++" g++ -std=c++20 -fopenmp omp.cpp -o omp-gcc
need release "pkg-config files of the libraries" "libginac-dev libeigen3-dev libopenblas-dev liblapacke-dev libfmt-dev" \
  pkg-config --exists ginac eigen3 openblas lapacke fmt nlohmann_json tomlplusplus
need release "gnuplot with the cairo terminals (PNG, PDF)" "gnuplot-nox" \
  bash -c "gnuplot -e 'set terminal pngcairo; set output \"p.png\"; plot x; set terminal pdfcairo; set output \"p.pdf\"; plot x' && test -s p.png && test -s p.pdf"
need tests "python3 (the test scripts' checks)" "python3" python3 -c 'import json, csv'
need tests "pdflatex with booktabs and amsmath" "texlive-latex-base texlive-latex-recommended" \
  pdflatex -interaction=nonstopmode -halt-on-error table.tex
need sanitizers "g++'s AddressSanitizer and UBSan" "g++" \
  bash -c "g++ -fsanitize=address,undefined plain.cpp -o plain-asan && ./plain-asan"
need fuzz "clang with OpenMP" "clang libomp-dev" clang++ -std=c++20 -fopenmp omp.cpp -o omp-clang
need fuzz "clang's libFuzzer and sanitizer runtimes" "clang libclang-rt-dev" \
  clang++ -fsanitize=fuzzer,address,undefined fuzz.cpp -o fuzz
# lsan.supp names functions (GiNaC::dynallocate): clang's runtime needs llvm-symbolizer on PATH to read the names, or
# a suppressed leak is reported (as on a fresh machine, where only the package llvm puts it there).
need fuzz "llvm-symbolizer on PATH, for LeakSanitizer's suppressions by function name" "llvm" \
  bash -c "clang++ -g -O0 -fsanitize=address leak.cpp -o leak && LSAN_OPTIONS=suppressions=leak.supp ./leak"
exit $missing
