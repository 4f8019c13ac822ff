#!/usr/bin/env bash
# JMH benchmarks of keybridge's own per-operation path (module bench; no network, no server):
#   bench/jmh.sh                 # SignPathBenchmark, JMH's defaults of the class (1 fork, 3x2 s warm-up, 5x2 s)
#   bench/jmh.sh -prof stack     # any JMH option after the script name
# Prints JMH's table; bench/run.sh includes it in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl bench -am -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt >&2
exec java -cp "bench/target/classes:$(cat bench/target/cp.txt)" org.openjdk.jmh.Main SignPathBenchmark "$@"
