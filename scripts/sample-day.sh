#!/usr/bin/env bash
# The main job on samples/: installs and starts PostgreSQL (project-locally), migrates, loads the
# sample facilities, fees and roster, runs intake on the sample files, then verifies the ledger.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
setup_env=$(scripts/setup.sh)
eval "$setup_env"
ledger() { "$repo/ledger" "$@"; }

echo "== database"
ledger db migrate
echo "== reference data"
ledger facilities import samples/reference/facilities.csv
ledger fees import samples/reference/fees.csv
ledger roster import samples/reference/roster.csv
echo "== MoneyGram files (a refused file exits 1: the day goes on)"
for f in samples/moneygram/*.mgx.csv; do
  ledger intake moneygram "$f" || echo "   (refused, as it should be: nothing from $f was posted)"
done
echo "== lockbox batches (scanned money orders and deposit slips, read by OCR)"
for b in samples/lockbox/*/; do
  ledger intake lockbox "$b" || echo "   (refused, as it should be: nothing from $b was posted)"
done
echo "== money-order holds that have come due"
ledger holds release
echo "== return letters (one PDF per item going back) and the returns manifest"
ledger returns letters --out var/returns
echo "== reconciliation of the day (exit 3 when something does not balance: the difference is shown, the day goes on)"
ledger reconcile || echo "   (a difference above is work for operations, e.g. lockbox amounts OCR could not read)"
echo "== ledger check"
ledger verify
