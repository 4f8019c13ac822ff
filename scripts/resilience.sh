#!/usr/bin/env bash
# The big sizes of the resilience and crash suites (the build runs small ones):
#   10,000 signs on 16 threads with --faults 503=10%,429=5%,reset=1% --latency 5, then the same
#   without faults (for p50/p99 with and without), and 20 SIGKILLs of a local vault under writers.
# Prints the summary lines the tests write (signs tried/failed/verified, p50/p99; kills,
# acknowledged and lost writes). Usage: scripts/resilience.sh [SIGNS] [KILLS]
set -euo pipefail
cd "$(dirname "$0")/.."
signs="${1:-10000}"
kills="${2:-20}"
log="$(mktemp)"
run() {
  module="$1"
  shift
  mvn -B -o -pl "$module" -am verify -Dspotless.check.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
    -DtrimStackTrace=false "$@" >"$log" 2>&1 || { tail -80 "$log"; exit 1; }
  grep -E '^(resilience|crash|failures):' "$log"
}
run examples -Dtest='ResilienceTest#signs*' -Dkeybridge.resilience.signs="$signs"
run examples -Dtest='ResilienceTest#signs*' -Dkeybridge.resilience.signs="$signs" -Dkeybridge.resilience.faults=none
run examples -Dtest='CrashRecoveryTest' -Dkeybridge.crash.kills="$kills"
run management -Dtest='FailuresAndDeadlinesTest#failedOperations*' -Dkeybridge.failures.operations=10000
rm -f "$log"
