#!/usr/bin/env bash
# The HAPI FHIR test server (tests/hapi_server: HAPI's JPA server, R4, H2 in memory) for the
# integration tests and local development. Test infrastructure only: production points
# NLFHIR_HAPI_URL at a real HAPI (runbooks/hapi.md).
#
#   tools/hapi.sh build   # Maven package + runtime dependencies into target/lib (idempotent)
#   tools/hapi.sh start   # build if needed, start on 127.0.0.1, wait for /metadata, warm $validate
#   tools/hapi.sh stop    # SIGTERM, then SIGKILL after 30 s
#   tools/hapi.sh url     # the FHIR base URL
#
# NLFHIR_TEST_HAPI_PORT (8091), HAPI_STATE_DIR (<repo>/.hapi), HAPI_START_TIMEOUT_S (300),
# HAPI_HEAP (1g).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module="$root/tests/hapi_server"
port=${NLFHIR_TEST_HAPI_PORT:-8091}
state=${HAPI_STATE_DIR:-$root/.hapi}
timeout_s=${HAPI_START_TIMEOUT_S:-300}
base="http://127.0.0.1:$port/fhir"
jar="$module/target/nlfhir-test-hapi-1.0.0.jar"
pidfile="$state/hapi.pid"
log="$state/hapi.log"

need_java() {
  if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
    apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
  fi
}

build() {
  need_java
  local newest
  newest=$(find "$module/pom.xml" "$module/src" -type f -newer "$jar" 2>/dev/null | head -n 1 || true)
  if [ -f "$jar" ] && [ -d "$module/target/lib" ] && [ -z "$newest" ]; then
    return 0
  fi
  echo "hapi: building tests/hapi_server (first time: downloads HAPI from Maven Central)"
  mvn -B -q -Dstyle.color=never -f "$module/pom.xml" -DskipTests package
}

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

answers() {
  curl -fsS -o /dev/null --max-time 5 "$base/metadata" 2>/dev/null
}

warm_up() {
  # The first $validate loads the R4 validation packages (seconds); pay for it here, once, for
  # each resource type nl-fhir emits.
  local bundle
  bundle='{"resourceType":"Bundle","type":"transaction","entry":[
{"fullUrl":"urn:uuid:6f1d2a52-0c37-4b8e-9a51-000000000001","resource":{"resourceType":"MedicationRequest","status":"active","intent":"order","medicationCodeableConcept":{"text":"metformin"},"subject":{"display":"warm-up"},"dosageInstruction":[{"text":"500 mg PO BID","timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}},"doseAndRate":[{"doseQuantity":{"value":500,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}]}]},"request":{"method":"POST","url":"MedicationRequest"}},
{"fullUrl":"urn:uuid:6f1d2a52-0c37-4b8e-9a51-000000000002","resource":{"resourceType":"ServiceRequest","status":"active","intent":"order","code":{"text":"CBC"},"subject":{"display":"warm-up"}},"request":{"method":"POST","url":"ServiceRequest"}},
{"fullUrl":"urn:uuid:6f1d2a52-0c37-4b8e-9a51-000000000003","resource":{"resourceType":"AllergyIntolerance","code":{"text":"penicillin"},"patient":{"display":"warm-up"}},"request":{"method":"POST","url":"AllergyIntolerance"}},
{"fullUrl":"urn:uuid:6f1d2a52-0c37-4b8e-9a51-000000000004","resource":{"resourceType":"Condition","code":{"text":"otitis media"},"subject":{"display":"warm-up"}},"request":{"method":"POST","url":"Condition"}}]}'
  curl -fsS -o /dev/null --max-time 300 -X POST -H 'Content-Type: application/fhir+json' \
    --data "$bundle" "$base/Bundle/\$validate"
}

start() {
  if running && answers; then
    echo "hapi: already running (pid $(cat "$pidfile"))"
    echo "$base"
    return 0
  fi
  if answers; then
    echo "hapi: something else already answers on port $port; stop it or set NLFHIR_TEST_HAPI_PORT" >&2
    return 1
  fi
  build
  mkdir -p "$state"
  local t0=$SECONDS
  # setsid: the server outlives this script's process group, and stop signals only it.
  setsid java "-Xmx${HAPI_HEAP:-1g}" -cp "$jar:$module/target/lib/*" \
    org.nlfhir.testhapi.TestHapiServer "$port" >"$log" 2>&1 < /dev/null &
  echo $! >"$pidfile"
  until answers; do
    if ! running; then
      echo "hapi: the server exited; last lines of $log:" >&2
      tail -n 50 "$log" >&2
      return 1
    fi
    if (( SECONDS - t0 > timeout_s )); then
      echo "hapi: no /metadata after ${timeout_s}s; last lines of $log:" >&2
      tail -n 50 "$log" >&2
      stop
      return 1
    fi
    sleep 1
  done
  echo "hapi: /metadata answered after $(( SECONDS - t0 ))s"
  if ! warm_up; then
    echo "hapi: the warm-up \$validate failed; last lines of $log:" >&2
    tail -n 50 "$log" >&2
    stop
    return 1
  fi
  echo "hapi: warm after $(( SECONDS - t0 ))s"
  echo "$base"
}

stop() {
  if ! running; then
    rm -f "$pidfile"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  echo "hapi: stopped"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  url) echo "$base" ;;
  *) echo "usage: tools/hapi.sh build|start|stop|url" >&2; exit 2 ;;
esac
