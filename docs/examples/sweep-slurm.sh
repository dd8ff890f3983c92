#!/bin/bash
#SBATCH --job-name=gridgov-sweep
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=04:00:00
#SBATCH --output=gridgov-sweep-%A_%a.log
#
# A gridgov sweep split over a Slurm job array (docs/experiments.md, "Shards and merge").
#
#   cd gridgov && npm ci                      # once, on the file system the nodes share (or: npm run build:cli too, where the project has it)
#   bash docs/examples/sweep-slurm.sh         # on the login node: submits the array and the merge
#   SHARDS=8 SCENARIO=… OUT=… SWEEP_ARGS="…" bash docs/examples/sweep-slurm.sh
#
# Run with bash on the login node, it submits the array (tasks 1..SHARDS) and then, from the
# login node as well (compute nodes may not be allowed to submit), a merge job that starts when
# every task has succeeded (afterok) and is cancelled if one fails (--kill-on-invalid-dep=yes)
# instead of waiting for ever.
#
# The number of shards is fixed here (SHARDS, passed to every task as GRIDGOV_SHARD_COUNT), not
# read from the array, so a task resubmitted on its own is still its shard of SHARDS:
#
#   sbatch --array=3 docs/examples/sweep-slurm.sh         # shard 3 of 4 again (it resumes)
#   GRIDGOV_MERGE=1 bash docs/examples/sweep-slurm.sh     # then merge (or sbatch it the same way)
#
# Each task writes its own folder $OUT/shard-<k> (its records: one JSON-lines file); the merge
# writes $OUT/merged, the files one machine would have written.
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-.}"

SHARDS=${SHARDS:-4}
SCENARIO=${SCENARIO:-scenarios/default.json}
OUT=${OUT:-results/sweep-default}
SWEEP_ARGS=${SWEEP_ARGS:---set horizonDays=30 --set warmupDays=7 --set staff.gridWorker.count=1,2 --set staff.streetHandler.0.count=12..20:4 --reps 5}
SCRIPT="$(pwd)/docs/examples/sweep-slurm.sh"
export SHARDS SCENARIO OUT SWEEP_ARGS GRIDGOV_SHARD_COUNT="$SHARDS"

if [ -n "${GRIDGOV_MERGE:-}" ]; then
  exec node bin/gridgov.mjs merge "$OUT"/shard-* --out "$OUT/merged"
fi

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ] && [ -n "${SLURM_JOB_ID:-}" ]; then
  echo "sweep-slurm.sh: run it with bash on the login node (it submits the array and the merge), or resubmit tasks with sbatch --array=K" >&2
  exit 2
fi

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  # The login node: submit the array, then the merge that depends on it.
  array=$(sbatch --parsable --array="1-$SHARDS" --export=ALL "$SCRIPT")
  array=${array%%;*} # --parsable prints "jobid[;cluster]"
  sbatch --dependency="afterok:$array" --kill-on-invalid-dep=yes --job-name=gridgov-merge \
    --output="gridgov-merge-%j.log" --export=ALL,GRIDGOV_MERGE=1 "$SCRIPT"
  echo "submitted sweep array $array (shards 1..$SHARDS) and its merge; results in $OUT/merged"
  exit 0
fi

# An array task: task id k is shard k of SHARDS (gridgov reads SLURM_ARRAY_TASK_ID and GRIDGOV_SHARD_COUNT).
# shellcheck disable=SC2086  # SWEEP_ARGS is a list of words on purpose
exec node bin/gridgov.mjs sweep "$SCENARIO" $SWEEP_ARGS --workers "${SLURM_CPUS_PER_TASK:-1}" --out "$OUT/shard-${SLURM_ARRAY_TASK_ID}"
