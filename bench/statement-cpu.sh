#!/usr/bin/env bash
# PostgreSQL's CPU for one COPY into the journal's tables, built up index by index (docs/performance-rounds.md "Round 10 (journal)", the profile).
# The backend reads its own CPU time (/proc/self/schedstat, through pg_read_file: needs a superuser, as every connection here
# is) before and after `COPY … FROM '<file>' (FORMAT binary)` into scratch copies of the tables; CHECKPOINT before each.
# Run it on a migrated database with accounts, e.g. the one `./ledger bench posting` leaves (<database>_bench); with the
# intake items of `./ledger bench moneygram` in it, those are measured too. It creates probe_* tables and drops them.
# Usage: LEDGER_PG_PORT=55432 bench/statement-cpu.sh [DATABASE (ledger_bench)] [RUNS (2)]
set -euo pipefail
db=${1:-ledger_bench}
runs=${2:-2}
port=${LEDGER_PG_PORT:-55432}
dir=$(mktemp -d /tmp/statement-cpu.XXXXXX)
chmod 777 "$dir"   # the server (another user) writes and reads the files
trap 'rm -rf "$dir"; psql -h 127.0.0.1 -p "$port" -U ledger -d "$db" -qc "DROP TABLE IF EXISTS probe_src_e, probe_pre_e, probe_src_l, probe_e, probe_l, probe_i" >/dev/null 2>&1 || true' EXIT
P() { psql -h 127.0.0.1 -p "$port" -U ledger -d "$db" -q -t -v ON_ERROR_STOP=1 "$@"; }

# 100,000 MoneyGram-like keys (200,000 more already posted), and 200,000 two-line entries' lines of the posting bench's shape.
P <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS probe_src_e, probe_pre_e, probe_src_l;
CREATE TABLE probe_src_e AS SELECT i::bigint AS id, 'mg:' || md5(i::text) || ':' || (i % 7) AS k FROM generate_series(1, 100000) i;
CREATE TABLE probe_pre_e AS SELECT (i + 1000000)::bigint AS id, 'mg:' || md5((i + 1000000)::text) || ':' || (i % 7) AS k FROM generate_series(1, 200000) i;
COPY (SELECT id, k, 'moneygram'::text, 'MoneyGram deposit'::text, now(), NULL::bigint FROM probe_src_e) TO '$dir/e.bin' (FORMAT binary);
CREATE TABLE probe_src_l AS
SELECT (i + 10000000)::bigint AS entry_id, n::smallint AS line_number,
       CASE WHEN n = 1 THEN (SELECT min(id) FROM accounts WHERE owner_type <> 'person')
            ELSE (SELECT array_agg(id ORDER BY id) FROM accounts WHERE owner_type = 'person')[1 + i % (SELECT count(*) FROM accounts WHERE owner_type = 'person')] END AS account_id,
       (CASE WHEN n = 1 THEN -(100 + i % 50000) ELSE 100 + i % 50000 END)::bigint AS amount_cents, 'USD'::char(3) AS currency, n = 2 AS personal
FROM generate_series(1, 100000) i, generate_series(1, 2) n ORDER BY 1, 2;
COPY (SELECT * FROM probe_src_l) TO '$dir/l.bin' (FORMAT binary);
SQL
items=$(P -c "SELECT count(*) FROM intake_items" | tr -d ' ')
[ "$items" -gt 0 ] && P -c "COPY (SELECT * FROM intake_items) TO '$dir/i.bin' (FORMAT binary)"

cpu='CREATE FUNCTION pg_temp.cpu_ns() RETURNS bigint LANGUAGE sql AS $$ SELECT split_part(pg_read_file($q$/proc/self/schedstat$q$), $q$ $q$, 1)::bigint $$;'
# measure NAME TABLE-SETUP-SQL "COPY target" FILE
measure() {
  P <<SQL | sed '/^$/d'
SET client_min_messages = warning;
$cpu
$2
CHECKPOINT;
SELECT pg_temp.cpu_ns() AS c0 \gset
COPY $3 FROM '$dir/$4' (FORMAT binary);
SELECT pg_temp.cpu_ns() AS c1 \gset
SELECT format('%-75s %5s ms', '$1', (:c1 - :c0) / 1000000);
SQL
}
E='DROP TABLE IF EXISTS probe_e; CREATE TABLE probe_e (LIKE journal_entries INCLUDING DEFAULTS INCLUDING IDENTITY);'
pre='INSERT INTO probe_e (id, idempotency_key, source, description, effective_at) SELECT id, k, $$x$$, $$x$$, now() FROM probe_pre_e;'
L='DROP TABLE IF EXISTS probe_l; CREATE TABLE probe_l (LIKE postings INCLUDING DEFAULTS INCLUDING CONSTRAINTS);'
Lidx='ALTER TABLE probe_l ADD PRIMARY KEY (entry_id, line_number); CREATE INDEX ON probe_l (account_id, posted_at) WHERE personal; CREATE INDEX ON probe_l USING brin (posted_at);'
trig='CREATE TRIGGER probe_balanced AFTER INSERT ON probe_l REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION postings_check_balanced();'
ecols='probe_e (id, idempotency_key, source, description, effective_at, reverses_entry_id)'
lcols='probe_l (entry_id, line_number, account_id, amount_cents, currency, personal)'
for run in $(seq "$runs"); do
  echo "--- run $run ($(cut -d' ' -f1-3 /proc/loadavg))"
  measure "journal_entries, 100,000 keys into 200,000: no index" "$E $pre" "$ecols" e.bin
  measure "  + primary key (id) + reversed-once index" "$E $pre ALTER TABLE probe_e ADD PRIMARY KEY (id); CREATE UNIQUE INDEX ON probe_e (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL;" "$ecols" e.bin
  for coll in default C; do
    measure "  + unique key, collation $coll (all three indexes)" "$E ALTER TABLE probe_e ALTER COLUMN idempotency_key TYPE varchar(200) COLLATE \"$coll\"; $pre ALTER TABLE probe_e ADD PRIMARY KEY (id); CREATE UNIQUE INDEX ON probe_e (reverses_entry_id) WHERE reverses_entry_id IS NOT NULL; CREATE UNIQUE INDEX ON probe_e (idempotency_key);" "$ecols" e.bin
  done
  measure "postings, 200,000 lines: no index" "$L" "$lcols" l.bin
  measure "  + primary key (entry, line)" "$L ALTER TABLE probe_l ADD PRIMARY KEY (entry_id, line_number);" "$lcols" l.bin
  measure "  + persons (account, time) index + BRIN (posted_at)" "$L $Lidx" "$lcols" l.bin
  measure "  + the balance trigger (all of postings)" "$L $Lidx $trig" "$lcols" l.bin
  measure "postings with the balance trigger alone" "$L $trig" "$lcols" l.bin
  if [ "$items" -gt 0 ]; then
    I='DROP TABLE IF EXISTS probe_i; CREATE TABLE probe_i (LIKE intake_items INCLUDING DEFAULTS INCLUDING CONSTRAINTS);'
    measure "intake_items, $items rows: CHECKs, no index" "$I" probe_i i.bin
    measure "  + primary key (file, sequence) + reference index (as migrated)" "$I ALTER TABLE probe_i ADD PRIMARY KEY (file_id, sequence); CREATE INDEX ON probe_i (reference);" probe_i i.bin
  fi
  # The batch path's look-up of 10,000 keys, none of them posted (a batch of new keys), three times.
  P <<SQL | sed '/^$/d'
SET client_min_messages = warning;
$cpu
SELECT array_agg('mg:' || md5((id + 5000000)::text)) AS a FROM probe_src_e WHERE id <= 10000 \gset
PREPARE look(varchar[]) AS SELECT idempotency_key, id FROM journal_entries WHERE idempotency_key = ANY(\$1);
EXECUTE look(:'a') \g /dev/null
SELECT pg_temp.cpu_ns() AS c0 \gset
EXECUTE look(:'a') \g /dev/null
EXECUTE look(:'a') \g /dev/null
EXECUTE look(:'a') \g /dev/null
SELECT pg_temp.cpu_ns() AS c1 \gset
SELECT format('%-75s %5s ms', 'look-up of 10,000 new keys in journal_entries (= ANY), each', (:c1 - :c0) / 3000000);
SQL
done
