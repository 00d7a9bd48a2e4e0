#!/usr/bin/env bash
# HTTP load benchmark of card deposits beside pgbench, in one run: builds the API and the load generator
# (Release), starts the API on 127.0.0.1:5080 against a bench database (default ledger_api_dev, created and
# loaded with the sample reference data), runs both loads, stops the API it started.
#   bench/Ledger.Api.Bench/run.sh [--clients 16] [--seconds 20] [--warmup 5]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
port=${LEDGER_PG_PORT:-55432}
dbname=${LEDGER_BENCH_DB:-ledger_api_dev}
conn="Host=127.0.0.1;Port=$port;Username=ledger;Database=$dbname"
psql -h 127.0.0.1 -p "$port" -U ledger -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$dbname'" | grep -q 1 \
  || createdb -h 127.0.0.1 -p "$port" -U ledger "$dbname"

out="$repo/.run/bench"
dotnet build src/Ledger.Api/Ledger.Api.csproj -c Release -o "$out/api" -v quiet -nologo -clp:ErrorsOnly -clp:NoSummary
dotnet build bench/Ledger.Api.Bench/Ledger.Api.Bench.csproj -c Release -o "$out/bench" -v quiet -nologo -clp:ErrorsOnly -clp:NoSummary

# Migrate and load reference data before the API starts.
dotnet "$out/bench/Ledger.Api.Bench.dll" --connection "$conn" --setup-only --samples samples/reference

ConnectionStrings__Ledger="$conn;Maximum Pool Size=64;No Reset On Close=true" ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=http://127.0.0.1:5080 \
  RateLimits__DepositsPerMinute=100000000 \
  dotnet "$out/api/Ledger.Api.dll" --contentRoot "$out/api" >"$out/api.log" 2>&1 &
api_pid=$!
trap 'kill $api_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs http://127.0.0.1:5080/health/live >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs http://127.0.0.1:5080/health/live >/dev/null || { echo "bench: the API did not start; $out/api.log says:" >&2; tail -n 5 "$out/api.log" >&2; exit 1; }

dotnet "$out/bench/Ledger.Api.Bench.dll" --url http://127.0.0.1:5080 --connection "$conn" "$@"
