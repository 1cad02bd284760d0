#!/usr/bin/env bash
# Every shipped case file parses strictly (unknown or invalid entries fail).
# Usage: case_files_test.sh NOXFLOW SOURCE_DIR
set -u
noxflow=$1
passed=0
failed=0
for prm in "$2"/cases/*/*.prm; do
  if "$noxflow" --print-parameters "$prm" >/dev/null; then
    passed=$((passed + 1))
  else
    echo "FAIL: $prm does not parse"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
