#!/usr/bin/env bash
# Every shipped case file parses strictly (unknown or invalid entries fail);
# a chemistry preset (cases/presets) parses when a case includes it.
# Usage: case_files_test.sh NOXFLOW SOURCE_DIR
set -u
noxflow=$1
passed=0
failed=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for preset in "$2"/cases/presets/*.prm; do
  printf 'include %s\nsubsection Operation\n  set Working electrode = cathode\n  set Targets = 100\nend\n' \
    "$preset" > "$scratch/$(basename "$preset")"
done
for prm in "$2"/cases/*/*.prm; do
  case "$prm" in */cases/presets/*) prm="$scratch/$(basename "$prm")" ;; esac
  if "$noxflow" --print-parameters "$prm" >/dev/null; then
    passed=$((passed + 1))
  else
    echo "FAIL: $prm does not parse"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
