#!/usr/bin/env bash
# The folders depend one way: physics <- meshes <- solver <- postproc.
# A folder may include only itself and the folders before it.
# Usage: layering_test.sh SOURCE_DIR
set -u
cd "$1" || exit 1
order=(physics meshes solver postproc)
passed=0
failed=0
for i in "${!order[@]}"; do
  folder=${order[$i]}
  forbidden=("${order[@]:$((i + 1))}")
  [ ${#forbidden[@]} -eq 0 ] && continue
  pattern="#include <($(IFS='|'; echo "${forbidden[*]}"))/"
  if hits=$(grep -rnE "$pattern" "$folder" --include='*.h' --include='*.cc'); then
    echo "FAIL: $folder/ includes a later layer:"
    echo "$hits"
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
