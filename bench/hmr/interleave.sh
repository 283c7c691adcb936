#!/bin/bash
# Interleaved before/after HMR runs (not a test): SPECS="openai-openapi stripe" ROUNDS=3 BEFORE=/path/to/checkout bench/hmr/interleave.sh
# The "before" checkout needs its own built dist/ (npm run build there). Figures: docs/benchmarks/hmr.md.
# interleaved: after, before, before, after per document
for spec in $SPECS; do
  for which in after before before after; do
    if [ $which = after ]; then dir=$(cd "$(dirname "$0")/../.." && pwd); else dir=${BEFORE:?set BEFORE to another checkout}; fi
    echo "== $spec $which $(uptime | sed 's/.*load average: //')"
    (cd $dir && timeout 900 node bench/hmr/run.mjs --specs=$spec --rounds=${ROUNDS:-3} 2>&1 | grep -E '^\| [a-z]|ms$')
  done
done
