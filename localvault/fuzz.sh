#!/bin/sh
# The full-size hostile-request fuzz run against a local vault (the build runs 2,000 requests).
# Usage: localvault/fuzz.sh [REQUESTS] [SEED]   (defaults: 20000, the build's seed)
set -e
cd "$(dirname "$0")/.."
exec mvn -B -q -pl localvault verify -Dspotless.check.skip=true \
  -Dtest=HostileRequestFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkeybridge.fuzz.requests="${1:-20000}" ${2:+-Dkeybridge.fuzz.seed="$2"} \
  -DtrimStackTrace=false -Dsurefire.printSummary=true
