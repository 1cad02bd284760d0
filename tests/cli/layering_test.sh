#!/usr/bin/env bash
# The folders depend one way: physics <- meshes <- solver <- postproc, and
# inside solver/: base <- transport <- nonlinear <- flow <- output <- case <- the
# driver (solver/*.cc) and catalyst/. A folder may include only itself and
# the folders before it.
# Usage: layering_test.sh SOURCE_DIR
set -u
cd "$1" || exit 1
passed=0
failed=0
# check ORDER...: each folder may not include the folders after it.
check() {
  local order=("$@")
  for i in "${!order[@]}"; do
    local folder=${order[$i]}
    local forbidden=("${order[@]:$((i + 1))}")
    [ ${#forbidden[@]} -eq 0 ] && continue
    local pattern="#include <($(IFS='|'; echo "${forbidden[*]}"))/"
    if hits=$(grep -rnE "$pattern" "$folder" --include='*.h' --include='*.cc'); then
      echo "FAIL: $folder/ includes a later layer:"
      echo "$hits"
      failed=$((failed + 1))
    else
      passed=$((passed + 1))
    fi
  done
}
check physics meshes solver postproc
# The driver's own files (solver/*.h, *.cc) are the last layer inside solver.
check solver/base solver/transport solver/nonlinear solver/flow solver/output solver/case \
  "solver/[a-z_]+\.h"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
