#!/usr/bin/env bash
# Installs every Debian package tristage needs, only when something is missing, then configures the build.
# Usage: scripts/setup.sh [--with-latex] [--with-tests] [--with-bench] [--install]
#   --with-latex: pdflatex and pgfplots (texlive-pictures): figures' PDFs typeset by LaTeX from their pgfplots source
#   --with-tests: pdflatex (and pgfplots, texlive-pictures), to compile every LaTeX output and figure; python3 for the test scripts; clang with its libFuzzer and
#   sanitizer runtimes (libclang-rt-dev, only recommended by clang), its OpenMP (libomp-dev) and llvm-symbolizer (llvm:
#   LeakSanitizer matches tests/fuzz/lsan.supp's function names only with it) for the fuzz targets;
#   then scripts/check_tools.sh tries every stage's tools at once, so that a missing piece fails here, not later.
#   --with-bench: numpy and GNU time for bench/
#   --install: then `meson install` (the command, libtristage, its header and tristage.pc, the Python package) under
#   /usr/local, and ldconfig (docs/library.md)
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(g++ meson ninja-build pkg-config
  libginac-dev libcln-dev libeigen3-dev libboost-dev libopenblas-dev liblapacke-dev
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libfmt-dev doctest-dev gnuplot-nox
  petsc-dev openmpi-bin pybind11-dev python3-dev python3-numpy)
latex_pkgs=(texlive-latex-base texlive-latex-recommended texlive-pictures)
test_pkgs=(python3 "${latex_pkgs[@]}" clang libclang-rt-dev libomp-dev llvm)
bench_pkgs=(python3-numpy time bc)

pkgs=("${build_pkgs[@]}")
tests=false install=false
for arg in "$@"; do
  case $arg in
    --install) install=true ;;
    --with-latex) pkgs+=("${latex_pkgs[@]}") ;;
    --with-tests) pkgs+=("${test_pkgs[@]}"); tests=true ;;
    --with-bench) pkgs+=("${bench_pkgs[@]}") ;;
    *) echo "setup: unknown option $arg (use --with-latex, --with-tests, --with-bench, --install)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if $tests; then bash scripts/check_tools.sh || { echo "setup: a test stage's tools are missing (above)" >&2; exit 1; }; fi

if [[ ! -f build/build.ninja ]]; then
  meson setup build --buildtype=release > build-setup.log 2>&1 || { cat build-setup.log >&2; exit 1; }
  rm -f build-setup.log
fi
ninja -C build >&2
if $install; then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo meson install -C build --no-rebuild --quiet >&2
  $sudo ldconfig
fi
