#!/bin/bash
#SBATCH --job-name=gridgov-sweep
#SBATCH --array=1-4
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=04:00:00
#SBATCH --output=gridgov-sweep-%A_%a.log
#
# A gridgov sweep split over a Slurm job array (docs/experiments.md, "Shards and merge").
# Task k of the N tasks runs shard k/N: gridgov reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN
# and SLURM_ARRAY_TASK_COUNT itself. Each task writes its own folder; the first task submits a
# last job that waits for every task to succeed (afterok) and merges the folders into the files
# one machine would have written.
#
#   cd gridgov && npm ci                      # once, on the file system the nodes share
#   sbatch docs/examples/sweep-slurm.sh       # or: SCENARIO=… OUT=… SWEEP_ARGS="…" sbatch …
#
# A task that failed or was preempted is resubmitted with the same script (sbatch --array=3 …):
# it skips the runs its folder already holds and finishes the rest; then merge again
# (GRIDGOV_MERGE=1 bash docs/examples/sweep-slurm.sh).
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-.}"

SCENARIO=${SCENARIO:-scenarios/default.json}
OUT=${OUT:-results/sweep-default}
SWEEP_ARGS=${SWEEP_ARGS:---set horizonDays=30 --set warmupDays=7 --set staff.gridWorker.count=1,2 --set staff.streetHandler.0.count=12..20:4 --reps 5}

if [ -n "${GRIDGOV_MERGE:-}" ]; then
  exec npx gridgov merge "$OUT"/shard-* --out "$OUT/merged"
fi

if [ -n "${SLURM_ARRAY_JOB_ID:-}" ] && [ "${SLURM_ARRAY_TASK_ID}" = "${SLURM_ARRAY_TASK_MIN}" ]; then
  sbatch --dependency="afterok:${SLURM_ARRAY_JOB_ID}" --job-name=gridgov-merge --output="gridgov-merge-%j.log" \
    --export=ALL,GRIDGOV_MERGE=1,SCENARIO="$SCENARIO",OUT="$OUT" --wrap "bash $(pwd)/docs/examples/sweep-slurm.sh"
fi

# shellcheck disable=SC2086  # SWEEP_ARGS is a list of words on purpose
exec npx gridgov sweep "$SCENARIO" $SWEEP_ARGS --workers "${SLURM_CPUS_PER_TASK:-1}" --out "$OUT/shard-${SLURM_ARRAY_TASK_ID}"
