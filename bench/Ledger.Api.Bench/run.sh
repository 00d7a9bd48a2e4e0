#!/usr/bin/env bash
# HTTP load benchmark of card deposits beside pgbench, in one run. Builds the API, the development card processor and the
# load generator (Release); starts the processor and the API (Production environment, its own signing key) against a
# bench database (default ledger_api_dev, created and loaded with the sample reference data); runs pgbench, then the
# real card flow: a family's POST /deposits with a single-use processor token (202), the processor's signed
# payment.succeeded to POST /processor/events, which credits. Stops what it started.
#   LEDGER_PG_PORT=55603 LEDGER_API_PORT=5203 [LEDGER_BENCH_APIS=2] bench/Ledger.Api.Bench/run.sh [--clients 16] [--seconds 20] [--warmup 5] [--tokens 30000] [--autocannon]
# LEDGER_BENCH_API_DIR=<dir with a built Ledger.Api.dll> runs another build of the API (e.g. an older commit) with the same load.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
port=${LEDGER_PG_PORT:-55432}
api_port=${LEDGER_API_PORT:-5080}
processor_port=${LEDGER_PROCESSOR_PORT:-$((api_port + 10))}
dbname=${LEDGER_BENCH_DB:-ledger_api_dev}
conn="Host=127.0.0.1;Port=$port;Username=ledger;Database=$dbname"
psql -h 127.0.0.1 -p "$port" -U ledger -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$dbname'" | grep -q 1 \
  || createdb -h 127.0.0.1 -p "$port" -U ledger "$dbname"

out="$repo/.run/bench"
api_dir=${LEDGER_BENCH_API_DIR:-$out/api}
[ -n "${LEDGER_BENCH_API_DIR:-}" ] || dotnet build src/Ledger.Api/Ledger.Api.csproj -c Release -o "$out/api" -v quiet -nologo -clp:ErrorsOnly -clp:NoSummary
dotnet build src/Ledger.Processor/Ledger.Processor.csproj -c Release -o "$out/processor" -v quiet -nologo -clp:ErrorsOnly -clp:NoSummary
dotnet build bench/Ledger.Api.Bench/Ledger.Api.Bench.csproj -c Release -o "$out/bench" -v quiet -nologo -clp:ErrorsOnly -clp:NoSummary

# --autocannon: the load comes from autocannon (npm, bench/autocannon) instead of the built-in generator.
if [[ " $* " == *" --autocannon "* ]] && [ ! -d bench/autocannon/node_modules/autocannon ]; then
  (cd bench/autocannon && npm install --no-audit --no-fund --silent >&2)
fi

# Migrate and load reference data before the API starts.
dotnet "$out/bench/Ledger.Api.Bench.dll" --connection "$conn" --setup-only --samples samples/reference

# Secrets of this run only: Production refuses the published development signing key.
signing_key=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
processor_key="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
webhook_secret="whsec-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
run_id=$(date -u +%Y%m%d%H%M%S)

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
Processor__ApiKey=$processor_key Processor__WebhookSecret=$webhook_secret Processor__WebhookUrl=http://127.0.0.1:$api_port/processor/events \
  ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$out/processor/Ledger.Processor.dll" --urls "http://127.0.0.1:$processor_port" --contentRoot "$out/processor" >"$out/processor.log" 2>&1 &
pids+=($!)
processor_pid=$!
# Production environment; minted family tokens are allowed (there are no family accounts to sign in with), as in scripts/sample-day.sh.
# LEDGER_BENCH_APIS=2 starts a second API process on the next port, on the same database: the load generator's clients take
# them in turn (the processor's events all go to the first, as one webhook URL names one endpoint).
rm -f "$out"/api-*.log
api_pids=()
urls=()
for i in $(seq 0 $((${LEDGER_BENCH_APIS:-1} - 1))); do
  log="$out/api.log"; [ "$i" = 0 ] || log="$out/api-$i.log"
  ConnectionStrings__Ledger="$conn;Maximum Pool Size=${LEDGER_BENCH_POOL:-64};No Reset On Close=true" ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$((api_port + i)) \
    Auth__SigningKey=$signing_key Auth__AllowMintedTokens=true RateLimits__DepositsPerMinute=100000000 \
    CardProcessor__BaseUrl=http://127.0.0.1:$processor_port CardProcessor__ApiKey=$processor_key CardProcessor__WebhookSecret=$webhook_secret \
    dotnet "$api_dir/Ledger.Api.dll" --contentRoot "$api_dir" >"$log" 2>&1 &
  pids+=($!)
  api_pids+=($!)
  urls+=("http://127.0.0.1:$((api_port + i))")
done
for url in "${urls[@]}"; do
  for _ in $(seq 1 60); do curl -fs "$url/health/live" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$processor_port/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "$url/health/live" >/dev/null || { echo "bench: the API at $url did not start; its log says:" >&2; tail -n 5 "$out"/api*.log >&2; exit 1; }
done
curl -fs "http://127.0.0.1:$processor_port/health" >/dev/null || { echo "bench: the processor did not start; $out/processor.log says:" >&2; tail -n 5 "$out/processor.log" >&2; exit 1; }

status=0
dotnet "$out/bench/Ledger.Api.Bench.dll" --url "$(IFS=,; echo "${urls[*]}")" --processor "http://127.0.0.1:$processor_port" \
  --connection "$conn" --key "$signing_key" --run-id "$run_id" --api-pid "$(IFS=,; echo "${api_pids[*]}")" --processor-pid "$processor_pid" "$@" || status=$?
# A confirmation answered 409 (its payment not stored yet) is delivered again later: count the answers by status (request log).
echo "confirmation answers (POST /processor/events, api.log): $(cat "$out"/api*.log | grep -o 'POST /processor/events -\\u003E [0-9]*' \
  | awk '{n[$NF]++} END {for (s in n) printf "%s: %s  ", s, n[s]}')"

exit $status
