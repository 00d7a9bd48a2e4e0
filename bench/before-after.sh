#!/usr/bin/env bash
# Runs the storage benches of an older commit ("before") and of this checkout ("after") side by side, alternating,
# on one PostgreSQL cluster: before against database "before", after against "ledger" (each bench makes its own
# <database>_bench…), and the API's card deposits (bench/Ledger.Api.Bench/run.sh) with the older API build against
# database ledger_api_before and this checkout's against ledger_api_dev, the same load generator for both.
# Usage: LEDGER_PG_PORT=55432 LEDGER_API_PORT=5080 bench/before-after.sh [BASE_COMMIT] [MONEYGRAM_RECORDS] ["posting statements moneygram api autocannon"]
# (autocannon: the API bench again with its load from autocannon, npm; not in the default set)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base=${1:-main}
records=${2:-1000000}
sections=" ${3:-posting statements moneygram api} "
port=${LEDGER_PG_PORT:-55432}
before=/tmp/ledger-before-$(git -C "$repo" rev-parse --short "$base")
cd "$repo"
eval "$(scripts/setup.sh)"
if [ ! -f "$before/.run/cli/ledger.dll" ]; then
  rm -rf "$before" && mkdir -p "$before"
  git archive "$base" | tar -x -C "$before"
  (cd "$before" && dotnet build src/Ledger.Cli/Ledger.Cli.csproj -c Release -o "$before/.run/cli" -nologo -v quiet)
fi
if [ ! -f "$before/.run/api/Ledger.Api.dll" ]; then
  (cd "$before" && dotnet build src/Ledger.Api/Ledger.Api.csproj -c Release -o "$before/.run/api" -nologo -v quiet)
fi
./ledger --help >/dev/null   # builds this checkout's CLI when its sources changed
psql -h 127.0.0.1 -p "$port" -U ledger -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'before'" | grep -q 1 \
  || psql -h 127.0.0.1 -p "$port" -U ledger -d postgres -qc "CREATE DATABASE before"
B="Host=127.0.0.1;Port=$port;Username=ledger;Database=before"
A="Host=127.0.0.1;Port=$port;Username=ledger;Database=ledger"
out() { tr '\r' '\n' | grep -av "^ *records\|^ *statements\|^$\|━" || true; }
b() { (cd "$before" && ConnectionStrings__Ledger="$B" dotnet .run/cli/ledger.dll "$@" 2>&1 | out); }
a() { ConnectionStrings__Ledger="$A" dotnet .run/cli/ledger.dll "$@" 2>&1 | out; }
if [[ $sections == *" posting "* ]]; then
echo "### posting ($(cat /proc/loadavg))"
for i in 1 2; do
  echo "=== before #$i"; b bench posting | tail -9
  echo "=== after #$i"; a bench posting | tail -9
done
fi
if [[ $sections == *" statements "* ]]; then
echo "### statements ($(cat /proc/loadavg))"
echo "=== before"; b bench statements --runs 3 --skip-pdf --reuse | grep -E "^(seeded|reused|run|COPY|CSV|ratio)"
echo "=== after"; a bench statements --runs 3 --skip-pdf --reuse | grep -E "^(seeded|reused|run|COPY|CSV|ratio)"
fi
if [[ $sections == *" moneygram "* ]]; then
echo "### moneygram $records ($(cat /proc/loadavg))"
echo "=== before"; b bench moneygram --records "$records" | tail -6
echo "=== after"; a bench moneygram --records "$records" | tail -6
fi
if [[ $sections == *" api "* ]]; then
echo "### API card deposits ($(cat /proc/loadavg))"
api() { bench/Ledger.Api.Bench/run.sh --seconds 20 --warmup 20 --tokens 30000 2>&1 | grep -E "^(pgbench one|card deposits|confirmations|confirmation answers|PostgreSQL statements|PostgreSQL writes|CPU per|ratio|this run|first error| +[0-9.]+ +[0-9.]+ ms )" || true; }
for i in 1 2; do
  echo "=== before #$i"; LEDGER_BENCH_API_DIR="$before/.run/api" LEDGER_BENCH_DB=ledger_api_before api
  echo "=== after #$i"; LEDGER_BENCH_DB=ledger_api_dev api
done
fi
if [[ $sections == *" autocannon "* ]]; then
echo "### API card deposits, load from autocannon ($(cat /proc/loadavg))"
ac() { bench/Ledger.Api.Bench/run.sh --seconds 20 --warmup 20 --tokens 30000 --autocannon 2>&1 | grep -E "^(pgbench one|card deposits|confirmations|confirmation answers|PostgreSQL statements|PostgreSQL writes|CPU per|ratio|this run|first error|[0-9]+ payment)" || true; }
echo "=== before"; LEDGER_BENCH_API_DIR="$before/.run/api" LEDGER_BENCH_DB=ledger_api_before ac
echo "=== after"; LEDGER_BENCH_DB=ledger_api_dev ac
fi
echo "### done ($(cat /proc/loadavg))"
