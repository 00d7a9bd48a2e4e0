#!/usr/bin/env bash
# The main job: a whole sample business day through the running system. Installs and starts PostgreSQL
# (project-locally), makes a fresh database for the day, starts the API (with the operations pages) and a
# Hangfire worker, drops the day's MoneyGram files and lockbox batch into the worker's inbox, sends the card
# deposits to the API over HTTP, waits for the worker to finish, then releases due holds, writes the return
# letters, the returns manifest and the statements, prints and keeps the reconciliation and checks the ledger.
# Interactive: the API and the worker keep running (pages at the printed URL) until Ctrl+C.
# LEDGER_SERVE=1 keeps them running without a terminal; LEDGER_SERVE=0 stops them at the end.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
setup_env=$(scripts/setup.sh)
eval "$setup_env"

day=var/sample-day
api_port=${LEDGER_API_PORT:-5080}
api_url="http://127.0.0.1:$api_port"
db=${LEDGER_SAMPLE_DB:-ledger_sample_day}
export ConnectionStrings__Ledger="Host=127.0.0.1;Port=$LEDGER_PG_PORT;Username=ledger;Database=$db"
# A signing key for this run only: the API checks the tokens the sample card deposits are sent with.
Auth__SigningKey=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export Auth__SigningKey
export Intake__Root="$repo/$day/intake"
# The development card processor: its own process; the API takes payments there and credits on its signed events.
processor_port=${LEDGER_PROCESSOR_PORT:-$((api_port + 110))}
processor_url="http://127.0.0.1:$processor_port"
export CardProcessor__BaseUrl="$processor_url"
CardProcessor__ApiKey=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
CardProcessor__WebhookSecret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export CardProcessor__ApiKey CardProcessor__WebhookSecret
ledger() { "$repo/ledger" "$@"; }

serve=${LEDGER_SERVE:-}
if [ -z "$serve" ]; then if [ -t 0 ] && [ -t 1 ]; then serve=1; else serve=0; fi; fi

pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
# A worker or API left from an earlier run would still hold the old database's account ids in its cache.
if pgrep -f "ledger.dll worker|Ledger.Api.dll|Ledger.Processor.dll" >/dev/null; then
  echo "A ledger worker, API or processor from an earlier run is still running (pgrep -af 'ledger.dll worker|Ledger.Api.dll|Ledger.Processor.dll'); stop it first." >&2
  exit 1
fi
trap stop EXIT
trap 'exit 130' INT TERM

echo "== a fresh database for the day ($db) and the sample reference data"
psql -h 127.0.0.1 -p "$LEDGER_PG_PORT" -U ledger -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
rm -rf "$day" && mkdir -p "$day"
ledger db migrate
ledger facilities import samples/reference/facilities.csv
ledger fees import samples/reference/fees.csv
ledger roster import samples/reference/roster.csv

echo "== staff who sign in to the pages (demo passwords, this database only)"
staff_password="sample-day-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# Operations staff also get a TOTP secret (second factor) for their authenticator app, printed once.
added=$(printf '%s\n' "$staff_password" | ledger staff add ops.one --role operations --name "Olivia (operations)")
echo "$added"; totp_one=$(sed -n 's/^totp-secret: //p' <<<"$added")
added=$(printf '%s\n' "$staff_password" | ledger staff add ops.two --role operations --name "Omar (operations)")
echo "$added"; totp_two=$(sed -n 's/^totp-secret: //p' <<<"$added")
printf '%s\n' "$staff_password" | ledger staff add acct.lor --role accountant --name "Ada (accountant, FCI Loretto)" --facility FCI-LOR
printf '%s\n' "$staff_password" | ledger staff add officer.lor --role staff --name "Fred (facility staff, FCI Loretto)" --facility FCI-LOR
echo "== a resident's kiosk PIN, set by staff (audited)"
resident=12345-678
resident_last_name=$(awk -F, -v p="$resident" '$2 == p { print $3 }' samples/reference/roster.csv)
resident_pin=$(( $(od -An -N2 -tu2 /dev/urandom) % 9000 + 1000 ))
printf '%s\n' "$resident_pin" | ledger residents set-pin "$resident"

echo "== starting the API on $api_url and a Hangfire worker on $Intake__Root"
build_log=$(dotnet build src/Ledger.Api/Ledger.Api.csproj -c Release -o .run/api -nologo 2>&1) || { echo "$build_log" >&2; exit 1; }
build_log=$(dotnet build src/Ledger.Processor/Ledger.Processor.csproj -c Release -o .run/processor -nologo 2>&1) || { echo "$build_log" >&2; exit 1; }
# Everyone below signs in (Auth__AllowMintedTokens=false: tokens minted with the key are refused, as outside Development).
# Every family, officer and resident of the demo signs in from 127.0.0.1: the per-address sign-in limit (10 a minute)
# is raised for this run only; the per-account lockout stays as it is.
ASPNETCORE_URLS=$api_url Logging__LogLevel__Default=Warning Auth__AllowMintedTokens=false RateLimits__SignInsPerMinute=120 dotnet .run/api/Ledger.Api.dll --contentRoot "$repo/.run/api" >"$day/api.log" 2>&1 &
pids+=($!)
# Started directly (not through the shell function) so that the pid we stop is the worker's own process.
# One job at a time keeps the day reproducible: which of two files carrying the same send posts it depends on order.
Worker__Workers=1 "$repo/ledger" worker >"$day/worker.log" 2>&1 &
pids+=($!)
Urls=$processor_url Processor__ApiKey=$CardProcessor__ApiKey Processor__WebhookSecret=$CardProcessor__WebhookSecret \
  Processor__WebhookUrl="$api_url/processor/events" Processor__ChargebackAfterSeconds=3 Logging__LogLevel__Default=Warning \
  dotnet .run/processor/Ledger.Processor.dll --contentRoot "$repo/.run/processor" >"$day/processor.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fs "$processor_url/health" >/dev/null 2>&1 && break; sleep 0.5; done
for _ in $(seq 1 120); do curl -fs "$api_url/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$api_url/health/live" >/dev/null || { echo "The API did not start; $day/api.log says:" >&2; tail -n 20 "$day/api.log" >&2; exit 1; }

echo "== dropping the day's MoneyGram files and lockbox batch into the worker's inbox"
mkdir -p "$Intake__Root/inbox/moneygram" "$Intake__Root/inbox/lockbox"
dropped=0
for f in samples/moneygram/*.mgx.csv; do cp "$f" "$Intake__Root/inbox/moneygram/"; dropped=$((dropped + 1)); echo "   $f"; done
for b in samples/lockbox/*/; do cp -r "$b" "$Intake__Root/inbox/lockbox/"; dropped=$((dropped + 1)); echo "   $b"; done

echo "== card deposits by phone, online and mobile, through the API and the card processor at $processor_url"
echo "   (one is a retry, one is over the limit, one card is declined, one is charged back a few seconds later)"
printf '%s\n%s\n' "$staff_password" "$totp_two" | ledger samples card-deposits --api "$api_url" --processor "$processor_url" --file samples/card/deposits.csv --operations ops.two

echo "== the services, through real sign-ins: a family registers, e-mail both ways, media, requests, a video visit"
printf '%s\n%s\n' "$staff_password" "$resident_pin" | ledger samples services --api "$api_url" --processor "$processor_url" --staff officer.lor --person "$resident" --last-name "$resident_last_name"

echo "== waiting for the worker (progress: $day/worker.log)"
mkdir -p "$Intake__Root/archive" "$Intake__Root/quarantine"
done_count() { find "$Intake__Root/archive" "$Intake__Root/quarantine" -mindepth 2 -maxdepth 2 \( -name '*.mgx.csv' -o -type d \) | wc -l; }
for i in $(seq 1 600); do
  n=$(done_count)
  [ "$n" -ge "$dropped" ] && break
  if [ $((i % 10)) = 0 ]; then echo "   $n of $dropped files done"; fi
  if ! kill -0 "${pids[1]}" 2>/dev/null; then echo "The worker stopped; $day/worker.log says:" >&2; tail -n 20 "$day/worker.log" >&2; exit 1; fi
  sleep 1
done
[ "$(done_count)" -ge "$dropped" ] || { echo "The worker did not finish the day within 10 minutes; see $day/worker.log" >&2; exit 1; }
echo "   all $dropped files done: archived or quarantined"
for r in "$Intake__Root"/quarantine/*/*.reason.txt; do
  if [ -e "$r" ]; then echo "   quarantined: $(basename "${r%.reason.txt}"): $(head -n 1 "$r")"; fi
done

echo "== the lockbox batch's reconciliation before operations key what OCR left (exit 3: the DIFFERENCE is their work)"
ledger reconcile | grep -A1 '^file .*lockbox' || true

echo "== operations key what OCR left: the items in review, and the amount of each money order returned unread"
# What a person at the keying page reads off the scans, and what the mailroom's adding-machine tape says an unread order
# was for: this script takes both from the sample's truth.csv, standing in for that person (nothing else here reads it).
truth() { # truth.csv of batch $1, item $2, column $3
  /usr/bin/python3 -c 'import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="")):
    if row["sequence"] == sys.argv[2]: print(row[sys.argv[3]])' "samples/lockbox/$1/truth.csv" "$2" "$3"
}
dollars() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }
queue=$(ledger review list </dev/null)
while read -r file seq batch serial_read; do
  amount=$(dollars "$(truth "$batch" "$seq" amount_cents)")
  person=$(truth "$batch" "$seq" resident_number)
  account=$(truth "$batch" "$seq" credit_to_marked); [ "$account" = none ] && account=trust # FORMATS.md: trust when no box is marked
  serial=(); [ "$serial_read" = - ] && serial=(--serial "$(truth "$batch" "$seq" serial)")
  if keyed=$(ledger review key --file "$file" --sequence "$seq" --amount "$amount" --person "$person" --account "$account" "${serial[@]}" --staff ops.one </dev/null 2>&1); then
    echo "   file $file item $seq: ops.one keyed \$$amount for $person ($account): $(jq -r .status <<<"$keyed")"
    if [ "$(jq -r .status <<<"$keyed")" = awaiting_approval ]; then
      approved=$(ledger review approve --resolution "$(jq -r .id <<<"$keyed")" --staff ops.two </dev/null 2>&1) || true
      echo "   file $file item $seq: approved by ops.two (four-eyes above \$$(dollars "$(jq -r .four_eyes_above_cents <<<"$queue")")): $(jq -r '.status // empty' <<<"$approved" 2>/dev/null || echo "$approved")"
    fi
  else
    echo "   file $file item $seq: keying refused: $keyed"
  fi
done < <(jq -r '.waiting[] | "\(.file_id) \(.sequence) \(.file_name) \(.serial_read // "-")"' <<<"$queue")
while read -r file seq batch; do
  amount=$(dollars "$(truth "$batch" "$seq" amount_cents)")
  if recorded=$(ledger review returned-amount --file "$file" --sequence "$seq" --amount "$amount" --from tape --staff ops.one </dev/null 2>&1); then
    echo "   file $file item $seq: returned unread; ops.one recorded \$$amount from the mailroom's tape (no money moves: it goes back)"
  else
    echo "   file $file item $seq: recording its amount was refused: $recorded"
  fi
done < <(jq -r '.returns_awaiting_amount[] | "\(.file_id) \(.sequence) \(.file_name)"' <<<"$queue")

echo "== the day's settlements, generated from what each counterparty knows, dropped into the worker's settlements inbox"
echo "   (the card processor's report from the processor, MoneyGram's from the posting files it sent, the trust bank's statement"
echo "   of those payouts and the lockbox deposit: the batch's declared total less the money orders mailed back, never deposited)"
today=$(date -u +%Y-%m-%d)
sleep 4 # the charged-back test card is disputed a few seconds after it was paid
settle="$day/settlements"
ledger settlements generate card --processor "$processor_url" --date "$today" --out "$settle/card-$today.cps.csv"
ledger settlements generate moneygram --date "$today" --out "$settle/moneygram-$today.mgs.csv" samples/moneygram/*.mgx.csv
ledger settlements generate bank --date "$today" --out "$settle/bank-$today.bai" \
  --settlement "$settle/card-$today.cps.csv" --settlement "$settle/moneygram-$today.mgs.csv" --lockbox samples/lockbox/*/
mkdir -p "$Intake__Root/inbox/settlements"
cp "$settle"/*.cps.csv "$settle"/*.mgs.csv "$settle"/*.bai "$Intake__Root/inbox/settlements/"
settled_count() { find "$Intake__Root/archive/settlements" "$Intake__Root/quarantine/settlements" -maxdepth 1 -type f \( -name '*.csv' -o -name '*.bai' \) 2>/dev/null | wc -l; }
for _ in $(seq 1 60); do [ "$(settled_count)" -ge 3 ] && break; sleep 1; done
[ "$(settled_count)" -ge 3 ] || { echo "The worker did not take the settlement files within a minute; see $day/worker.log" >&2; exit 1; }
for r in "$Intake__Root"/quarantine/settlements/*.reason.txt; do
  if [ -e "$r" ]; then echo "   refused: $(basename "${r%.reason.txt}"): $(head -n 1 "$r")"; fi
done
echo "== settlement status: each clearing account against the items it still holds, unmatched items, the bank tie-out"
ledger settlements report || echo "   (what is listed above is not settled yet: the exact items, for operations)"

echo "== money out by check, through \`ledger disbursements\` (the API's four-eyes and audit; above \$100.00 one creates, another approves)"
# FCI-LOR's restitution rate is 0 % in the sample reference data, so it collects none: the facility that collected the most today is paid.
court_facility=FCI-ALI
echo "   the restitution $court_facility collected today, paid to its court: created by ops.one"
court=$(ledger disbursements court-remittance --facility "$court_facility" --period-end "$today" \
  --payee "Clerk, U.S. District Court, N.D. Alabama" --address "1729 5th Ave N, Birmingham, AL 35203" --staff ops.one)
echo "   $court"
pay_out() { # approve by ops.two what ops.one created, when it waits for a second person; ops.one's own approval is refused first
  local created=$1 id
  id=$(sed -n 's/^created: disbursement \([0-9]*\):.*/\1/p' <<<"$created")
  case "$created" in
    *"pending approval"*)
      local refused
      if refused=$(ledger disbursements approve "$id" --staff ops.one 2>&1); then echo "four-eyes did not hold for disbursement $id" >&2; exit 1; fi
      echo "   ops.one may not approve her own: $refused"
      echo "   $(ledger disbursements approve "$id" --staff ops.two)";;
  esac
}
pay_out "$court"
refundables=$(ledger disbursements refundable)
refundable=$(head -n 1 <<<"$refundables")
if [ -n "$refundable" ]; then
  echo "   money orders whose excess waits in refunds payable: $(wc -l <<<"$refundables"); the first, refunded by check to its sender: $refundable"
  refund_file=$(sed -n 's/^file \([0-9]*\) sequence \([0-9]*\):.*/\1/p' <<<"$refundable")
  refund_sequence=$(sed -n 's/^file \([0-9]*\) sequence \([0-9]*\):.*/\2/p' <<<"$refundable")
  refund=$(ledger disbursements refund-check --file "$refund_file" --sequence "$refund_sequence" --staff ops.one)
  echo "   $refund"
  pay_out "$refund"
else
  echo "   no money order's excess waits for a refund check today"
fi
echo "   the checks (ledger disbursements list):"
ledger disbursements list | sed 's/^/   /'
echo "   positive pay for the bank ($day/positive-pay-$today.csv):"
ledger disbursements positive-pay --date "$today" --out "$day/positive-pay-$today.csv" >/dev/null
sed 's/^/   /' "$day/positive-pay-$today.csv"

echo "== money-order holds that have come due"
ledger holds release
echo "== return letters (one PDF per item going back) and the returns manifest"
ledger returns letters --out "$day/returns"
echo "== statements of the month so far: every resident's (CSV and PDF) and each facility's trial balance"
month_start=$(date -u +%Y-%m-01)
for facility in $(tail -n +2 samples/reference/facilities.csv | cut -d, -f1); do
  ledger statements --facility "$facility" --from "$month_start" --to "$today" --out "$day/statements/$facility" --format both
done
echo "== reconciliation of the day, kept (exit 3 when something does not balance: the difference is shown, the day goes on)"
ledger reconcile --keep || echo "   (a DIFFERENCE above is left after keying: operations must find it; it is shown whole, never netted away)"
echo "== ledger check"
ledger verify

cat <<EOF

== the day is in. Where things are:
   operations pages       $api_url/operations   (sign in: ops.one, ops.two or acct.lor; password: $staff_password)
                          ops.one and ops.two also give their authenticator code: TOTP secrets $totp_one (ops.one), $totp_two (ops.two)
   facility staff pages   $api_url/facility     (sign in: officer.lor; password: $staff_password)
   resident sign-in       POST $api_url/auth/sign-in {"personNumber":"$resident","pin":"$resident_pin"}
   family sign-in         POST $api_url/auth/sign-in {"email":"rivera.family@example.org","password":"sample family password"}
   Hangfire dashboards    $api_url/operations/jobs (intake worker), $api_url/operations/api-jobs (API)
   API reference          $api_url/scalar/v1
   return letters         $day/returns/ (PDFs) and the manifest $day/returns/manifest.csv
   positive pay           $day/positive-pay-$today.csv (the day's checks: court remittance, refund check)
   settlement files       $day/settlements/ (card processor, MoneyGram, bank statement); imported ones in $Intake__Root/archive/settlements/
   statements             $day/statements/<facility>/ (statements/<person>.csv|.pdf, trial-balance.csv|.pdf)
   card processor         $processor_url (development processor; log $day/processor.log)
   worker and API logs    $day/worker.log, $day/api.log
   database               $ConnectionStrings__Ledger
EOF

if [ "$serve" = 1 ]; then
  echo
  echo "The API and the worker keep running; press Ctrl+C to stop them."
  wait
else
  echo
  echo "(Not a terminal: the API and the worker stop now. LEDGER_SERVE=1 keeps them running.)"
fi
