#!/usr/bin/env bash
# The benchmark harness: builds keybridge, measures on this machine and writes BENCHMARKS.md.
# Never part of `mvn verify` (it takes several minutes and its figures depend on the machine).
#
#   bench/run.sh                      # 200 certificates, 3 runs per jarsigner row
#   CERTS=100 RUNS=1 bench/run.sh     # quicker
#
# Rows: jarsigner with a local PKCS#12 key vs keybridge (empty and warm certificate cache, alias
# filter), keytool -list cold/warm, the local vault's HTTPS signing rate vs its in-process engine
# (provider SignThroughputHarness), and `keybridge bench` (keybridge vs raw HTTPS POSTs).
set -euo pipefail
cd "$(dirname "$0")/.."
CERTS=${CERTS:-200}
RUNS=${RUNS:-3}
RATIO_THREADS=${RATIO_THREADS:-8}
RATIO_SECONDS=${RATIO_SECONDS:-10}
BENCH_THREADS=${BENCH_THREADS:-1,4,16,64}
BENCH_OPS=${BENCH_OPS:-400}
LATENCY=${LATENCY:-20}
OUT=${OUT:-BENCHMARKS.md}
WORK=$(mktemp -d)
SERVE_PID=
cleanup() {
  if [ -n "$SERVE_PID" ]; then kill "$SERVE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# the commit measured is the one built here, whatever is committed while the run goes on
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!BENCHMARKS.md' || echo ' (with uncommitted changes)')"
echo "building (tests compiled, not run)..." >&2
mvn -B -q -o -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt >&2
JAR=cli/target/keybridge.jar

echo "JMH: keybridge's own sign path over a canned vault..." >&2
JMH_OUT=$(java -cp "bench/target/classes:$(cat bench/target/cp.txt)" org.openjdk.jmh.Main SignPathBenchmark 2>/dev/null \
  | sed -n '/^Benchmark/,$p')
echo "$JMH_OUT" >&2

echo "local vault: HTTPS vs in-process signing rate..." >&2
RATIO_OUT=$(java -cp "provider/target/test-classes:provider/target/classes:$(cat provider/target/cp.txt)" \
  dev.keybridge.provider.bench.SignThroughputHarness "$RATIO_THREADS" "$RATIO_SECONDS")
echo "$RATIO_OUT" >&2

echo "jarsigner and keytool on $CERTS certificates ($RUNS runs each)..." >&2
harness() {
  java -Dkeybridge.cli.jar="$JAR" -Dkeybridge.provider.jar=provider/target/keybridge-provider.jar \
    -cp "examples/target/test-classes:$(cat examples/target/cp.txt)" \
    dev.keybridge.examples.bench.JarsignerHarness "$CERTS" "$RUNS" "$1"
}
JARSIGNER_ROWS=$(harness 0)
echo "$JARSIGNER_ROWS" >&2
echo "jarsigner and keytool with --latency $LATENCY..." >&2
JARSIGNER_WAN_ROWS=$(harness "$LATENCY")
echo "$JARSIGNER_WAN_ROWS" >&2

bench() {
  rm -rf "$WORK/vault"
  java -jar "$JAR" serve --data "$WORK/vault" --port 0 "$@" >"$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 120); do
    [ -s "$WORK/vault/keybridge.properties" ] && grep -q "vault.url" "$WORK/vault/keybridge.properties" && break
    sleep 1
  done
  sleep 2
  java -jar "$JAR" bench --config "$WORK/vault/keybridge.properties" \
    --threads "$BENCH_THREADS" --ops "$BENCH_OPS" 2>"$WORK/bench.err" || {
    echo "keybridge bench failed:" >&2; cat "$WORK/bench.err" >&2; tail -20 "$WORK/serve.log" >&2; }
  kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=
}
echo "keybridge bench on a local vault..." >&2
BENCH_OUT=$(bench)
echo "$BENCH_OUT" >&2
echo "keybridge bench on a local vault with --latency $LATENCY..." >&2
BENCH_WAN_OUT=$(bench --latency "$LATENCY")
echo "$BENCH_WAN_OUT" >&2

{
  echo "# Benchmarks"
  echo
  echo "Written by \`bench/run.sh\` (do not edit by hand; run it again)."
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- commit: $COMMIT"
  echo "- machine: $(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo 2>/dev/null || echo '?') RAM, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //' || echo '?')"
  echo "- java: $(java -version 2>&1 | head -1)"
  echo "- load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (1/5/15 min load average at the end; other work on the machine skews absolute times, ratios are measured in one run)"
  echo "- network: loopback; the WAN rows add $LATENCY ms to every answer of the local vault (\`serve --latency $LATENCY\`)"
  echo
  echo "## jarsigner and keytool, fresh JVM each, vault of $CERTS certificates (median of $RUNS runs)"
  echo
  echo "| run | time | vault requests | vs PKCS#12 |"
  echo "|---|---|---|---|"
  echo "$JARSIGNER_ROWS"
  echo
  echo "Vault requests include the token request and the vault's one 401 challenge of a fresh JVM."
  echo
  echo "## The same with $LATENCY ms per answer (simulated WAN)"
  echo
  echo "| run | time | vault requests | vs PKCS#12 |"
  echo "|---|---|---|---|"
  echo "$JARSIGNER_WAN_ROWS"
  echo
  echo "## Local vault: RS256 signs/s over HTTPS vs the same engine in-process ($RATIO_THREADS threads, ${RATIO_SECONDS} s)"
  echo
  echo '```'
  echo "$RATIO_OUT"
  echo '```'
  echo
  echo "## JMH: keybridge's own sign path, no network (bench/jmh.sh, SignPathBenchmark)"
  echo
  echo "floor: a canned answer at the bottom of the pipeline; pipeline: through keybridge's policies;"
  echo "vaultCrypto: RestVaultCrypto.sign (JSON, key id checks); jcaSign: Signature getInstance/initSign/update/sign."
  echo
  echo '```'
  echo "$JMH_OUT"
  echo '```'
  echo
  echo "## keybridge bench (local vault, loopback; keybridge vs raw POSTs, paired in one JVM)"
  echo
  echo '```'
  echo "$BENCH_OUT"
  echo '```'
  echo
  echo "## keybridge bench with $LATENCY ms per answer (simulated WAN)"
  echo
  echo '```'
  echo "$BENCH_WAN_OUT"
  echo '```'
  cat bench/notes.md
} >"$OUT"
echo "wrote $OUT" >&2
