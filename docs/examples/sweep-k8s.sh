#!/bin/bash
# Submits docs/examples/sweep-k8s.yaml with SHARDS as both its `completions` and the shard count
# its pods divide the sweep by (GRIDGOV_SHARD_COUNT): one number, in one place.
#
#   IMAGE=REGISTRY/gridgov:0.1.0 SHARDS=4 bash docs/examples/sweep-k8s.sh
#   IMAGE=… SHARDS=4 bash docs/examples/sweep-k8s.sh --dry-run=client -o yaml   # see what is sent
#
# Submitting again creates a new Job (generated name) that resumes in the same results folder;
# keep SHARDS the same for one sweep (another count splits the runs differently, which is fine:
# runs already recorded are skipped whoever made them).
set -euo pipefail
SHARDS=${SHARDS:-4}
IMAGE=${IMAGE:-gridgov:0.1.0}
case "$SHARDS" in '' | *[!0-9]* | 0) echo "sweep-k8s.sh: SHARDS must be a positive whole number, got '$SHARDS'" >&2; exit 2 ;; esac
sed -e "s/__SHARDS__/$SHARDS/g" -e "s#__IMAGE__#$IMAGE#g" "$(dirname "$0")/sweep-k8s.yaml" | kubectl create "$@" -f -
