#!/usr/bin/env bash
# The measurements behind docs/performance-rounds.md "Round 14 (journal)": what the journal's PostgreSQL CPU would save by each candidate, and
# what each would cost elsewhere. Server CPU is read by the backend itself from /proc/self/schedstat (as statement-cpu.sh;
# needs a superuser, as every connection here is). Run it on a database `./ledger bench posting` left (<database>_bench):
# it needs the journal's schema, accounts and posted entries. It writes only scratch objects (probe_* tables, a sequence, and
# a scratch copy of the database for the trigger rows, since those swap the trigger on `postings`) and drops them.
# Usage: LEDGER_PG_PORT=55432 bench/journal-choices.sh [DATABASE (ledger_bench)] [RUNS (3)]
set -euo pipefail
export PGOPTIONS="-c client_min_messages=warning"
db=${1:-ledger_bench}
runs=${2:-3}
port=${LEDGER_PG_PORT:-55432}
scratch="${db}_trigger_probe"
dir=$(mktemp -d /tmp/journal-choices.XXXXXX)
chmod 777 "$dir"   # the server (another user) writes and reads the files
P() { psql -h 127.0.0.1 -p "$port" -U ledger -d "${DB:-$db}" -q -t -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
  rm -rf "$dir"
  P -c "DROP TABLE IF EXISTS probe_src_l, probe_l, probe_p; DROP SEQUENCE IF EXISTS probe_seq_1, probe_seq_1000" >/dev/null 2>&1 || true
  DB=postgres P -c "DROP DATABASE IF EXISTS \"$scratch\"" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cpu='CREATE FUNCTION pg_temp.cpu_ns() RETURNS bigint LANGUAGE sql AS $$ SELECT split_part(pg_read_file($q$/proc/self/schedstat$q$), $q$ $q$, 1)::bigint $$;'

# 1. What an index by entry costs per COPY of the posting bench's 200,000 lines (100,000 two-line entries, in entry order).
P <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS probe_src_l;
CREATE TABLE probe_src_l AS
SELECT (i + 10000000)::bigint AS entry_id, n::smallint AS line_number,
       CASE WHEN n = 1 THEN (SELECT min(id) FROM accounts WHERE owner_type <> 'person')
            ELSE (SELECT array_agg(id ORDER BY id) FROM accounts WHERE owner_type = 'person')[1 + i % (SELECT count(*) FROM accounts WHERE owner_type = 'person')] END AS account_id,
       (CASE WHEN n = 1 THEN -(100 + i % 50000) ELSE 100 + i % 50000 END)::bigint AS amount_cents, 'USD'::char(3) AS currency, n = 2 AS personal
FROM generate_series(1, 100000) i, generate_series(1, 2) n ORDER BY 1, 2;
COPY (SELECT * FROM probe_src_l) TO '$dir/l.bin' (FORMAT binary);
SQL
copy_lines() { # NAME INDEX-SQL
  P <<SQL | sed '/^$/d'
SET client_min_messages = warning;
$cpu
DROP TABLE IF EXISTS probe_l; CREATE TABLE probe_l (LIKE postings INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
$2
CHECKPOINT;
SELECT pg_temp.cpu_ns() AS c0 \gset
COPY probe_l (entry_id, line_number, account_id, amount_cents, currency, personal) FROM '$dir/l.bin' (FORMAT binary);
SELECT pg_temp.cpu_ns() AS c1 \gset
SELECT format('%-70s %5s ms', 'COPY 200,000 lines: $1', (:c1 - :c0) / 1000000);
SQL
}
for run in $(seq "$runs"); do
  echo "--- index by entry, run $run ($(cut -d' ' -f1-3 /proc/loadavg))"
  copy_lines "no index" ""
  copy_lines "primary key (entry, line), as today" "ALTER TABLE probe_l ADD PRIMARY KEY (entry_id, line_number);"
  copy_lines "BRIN (entry_id), 128 pages a range" "CREATE INDEX ON probe_l USING brin (entry_id);"
  copy_lines "BRIN (entry_id), 16 pages a range" "CREATE INDEX ON probe_l USING brin (entry_id) WITH (pages_per_range = 16);"
  copy_lines "btree (entry_id), not unique" "CREATE INDEX ON probe_l (entry_id);"
  copy_lines "hash (entry_id)" "CREATE INDEX ON probe_l USING hash (entry_id);"
done

# 2. What a BRIN by entry would cost the readers of an entry's lines (FindEntriesAsync: reversals, refunds, voids; the returns
# desk's payable per row): the journal's lines copied in entry order with a BRIN (16 pages a range), against today's key.
P <<'SQL' | sed '/^$/d'
SET client_min_messages = warning;
DROP TABLE IF EXISTS probe_p;
CREATE TABLE probe_p AS SELECT * FROM postings ORDER BY entry_id, line_number;
CREATE INDEX probe_p_brin ON probe_p USING brin (entry_id) WITH (pages_per_range = 16);
VACUUM ANALYZE probe_p;
SELECT format('lines: %s in %s pages; BRIN %s pages', (SELECT count(*) FROM probe_p), pg_relation_size('probe_p') / 8192, pg_relation_size('probe_p_brin') / 8192);
SELECT (SELECT idempotency_key FROM journal_entries ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM journal_entries)) AS one \gset
SELECT array_agg(idempotency_key) AS many FROM (SELECT idempotency_key FROM journal_entries ORDER BY random() LIMIT 1000) k \gset
PREPARE brin(varchar[]) AS SELECT e.id, p.amount_cents FROM journal_entries e JOIN probe_p p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id
    WHERE e.idempotency_key = ANY($1) ORDER BY e.id, p.line_number;
PREPARE pk(varchar[]) AS SELECT e.id, p.amount_cents FROM journal_entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id
    WHERE e.idempotency_key = ANY($1) ORDER BY e.id, p.line_number;
CREATE FUNCTION pg_temp.ms(q text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE line text; BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) ' || q LOOP
        IF line LIKE 'Execution Time:%' THEN RETURN substring(line FROM '[0-9.]+')::numeric; END IF;
    END LOOP; RETURN NULL; END $$;
SELECT format('one entry''s lines by key: primary key %s / %s ms, BRIN %s / %s ms',
    pg_temp.ms(format('EXECUTE pk(%L)', ARRAY[:'one'])), pg_temp.ms(format('EXECUTE pk(%L)', ARRAY[:'one'])),
    pg_temp.ms(format('EXECUTE brin(%L)', ARRAY[:'one'])), pg_temp.ms(format('EXECUTE brin(%L)', ARRAY[:'one'])));
SELECT format('1,000 entries'' lines by key: primary key %s / %s ms, BRIN %s / %s ms',
    pg_temp.ms(format('EXECUTE pk(%L)', :'many')), pg_temp.ms(format('EXECUTE pk(%L)', :'many')),
    pg_temp.ms(format('EXECUTE brin(%L)', :'many')), pg_temp.ms(format('EXECUTE brin(%L)', :'many')));
DROP TABLE probe_p;
SQL

# 3. Ids: nextval per entry (the batch's first round trip) with the sequence's cache of 1 (today) and of 1,000.
P <<SQL | sed '/^$/d'
SET client_min_messages = warning;
$cpu
DROP SEQUENCE IF EXISTS probe_seq_1, probe_seq_1000;
CREATE SEQUENCE probe_seq_1; CREATE SEQUENCE probe_seq_1000 CACHE 1000;
SELECT nextval('probe_seq_1'), nextval('probe_seq_1000') \g /dev/null
SELECT pg_temp.cpu_ns() AS c0 \gset
SELECT count(nextval('probe_seq_1'::regclass)) FROM generate_series(1, 100000) \g /dev/null
SELECT pg_temp.cpu_ns() AS c1 \gset
SELECT count(nextval('probe_seq_1000'::regclass)) FROM generate_series(1, 100000) \g /dev/null
SELECT pg_temp.cpu_ns() AS c2 \gset
SELECT count(g) FROM generate_series(1, 100000) g \g /dev/null
SELECT pg_temp.cpu_ns() AS c3 \gset
SELECT format('100,000 nextval: cache 1 %s ms, cache 1,000 %s ms, the generate_series alone %s ms', (:c1 - :c0) / 1000000, (:c2 - :c1) / 1000000, (:c3 - :c2) / 1000000);
DROP SEQUENCE probe_seq_1, probe_seq_1000;
SQL

# 4. The batch's balance update of every person (1,000 in the bench), rolled back: as JournalStore writes it (rows locked in id
# order first, so two batches never deadlock), the update alone, the lock alone.
for run in $(seq "$runs"); do
P <<SQL | sed '/^$/d'
SET client_min_messages = warning;
$cpu
SELECT array_agg(id ORDER BY id) AS ids, array_agg(0::bigint) AS deltas FROM accounts WHERE owner_type = 'person' \gset
PREPARE u(bigint[], bigint[]) AS WITH locked AS MATERIALIZED (SELECT id FROM accounts WHERE id = ANY(\$1) ORDER BY id FOR NO KEY UPDATE)
    UPDATE accounts a SET balance_cents = a.balance_cents + d.delta FROM unnest(\$1, \$2) AS d(id, delta) WHERE a.id = d.id AND a.id IN (SELECT id FROM locked);
PREPARE n(bigint[], bigint[]) AS UPDATE accounts a SET balance_cents = a.balance_cents + d.delta FROM unnest(\$1, \$2) AS d(id, delta) WHERE a.id = d.id;
PREPARE l(bigint[]) AS SELECT count(*) FROM (SELECT id FROM accounts WHERE id = ANY(\$1) ORDER BY id FOR NO KEY UPDATE) x;
BEGIN; SELECT pg_temp.cpu_ns() AS c0 \gset
EXECUTE u(:'ids', :'deltas');
SELECT pg_temp.cpu_ns() AS c1 \gset
ROLLBACK; BEGIN; SELECT pg_temp.cpu_ns() AS c2 \gset
EXECUTE n(:'ids', :'deltas');
SELECT pg_temp.cpu_ns() AS c3 \gset
ROLLBACK; BEGIN; SELECT pg_temp.cpu_ns() AS c4 \gset
EXECUTE l(:'ids') \g /dev/null
SELECT pg_temp.cpu_ns() AS c5 \gset
ROLLBACK;
SELECT format('balance update of %s people: locked then updated %s ms, update alone %s ms, lock alone %s ms', cardinality(:'ids'::bigint[]),
    round((:c1 - :c0) / 1e6, 1), round((:c3 - :c2) / 1e6, 1), round((:c5 - :c4) / 1e6, 1));
SQL
done

# 5. The balance trigger on the one-entry path (a card deposit's credit): JournalStore.InsertEntry's statement, prepared, 3,000
# times in one session, with postings' trigger as today, with a trigger that does nothing (the transition table's cost), and
# without it; alternated. On a scratch copy of the database, which is dropped afterwards.
DB=postgres P -c "DROP DATABASE IF EXISTS \"$scratch\"" -c "CREATE DATABASE \"$scratch\" TEMPLATE \"$db\""
DB=$scratch P -c "CREATE FUNCTION probe_trigger_does_nothing() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RETURN NULL; END \$\$"
{
  echo "SET client_min_messages = warning; SET synchronous_commit = off;"
  echo "$cpu"
  echo "SELECT min(id) AS clearing FROM accounts WHERE owner_type <> 'person' \gset"
  echo "SELECT array_agg(id) AS people FROM accounts WHERE owner_type = 'person' \gset"
  cat <<'SQL'
PREPARE post(bigint, bigint) AS
WITH entry AS (
    INSERT INTO journal_entries (idempotency_key, source, description, effective_at, reverses_entry_id)
    VALUES ('probe:' || clock_timestamp()::text, 'card', 'Card deposit', now(), NULL)
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id
), lines AS (
    INSERT INTO postings (entry_id, line_number, account_id, amount_cents, currency, personal)
    SELECT entry.id, l.line_number, l.account_id, l.amount_cents, l.currency, l.personal
    FROM entry, unnest(ARRAY[$1, $2], ARRAY[-100, 100]::bigint[], ARRAY['USD', 'USD']::char(3)[], ARRAY[false, true]) WITH ORDINALITY AS l(account_id, amount_cents, currency, personal, line_number)
    RETURNING account_id, amount_cents
), balances AS (
    UPDATE accounts a SET balance_cents = a.balance_cents + d.delta
    FROM (SELECT account_id, sum(amount_cents) AS delta FROM lines GROUP BY account_id) d
    WHERE a.id = d.account_id AND a.owner_type = 'person'
    RETURNING a.id
)
SELECT id, (SELECT count(*) FROM balances) FROM entry;
SQL
  echo "EXECUTE post(:clearing, (:'people'::bigint[])[1]) \g /dev/null"
  echo "SELECT pg_temp.cpu_ns() AS c0 \gset"
  for i in $(seq 3000); do echo "EXECUTE post(:clearing, (:'people'::bigint[])[$((1 + i % 1000))]) \g /dev/null"; done
  echo "SELECT pg_temp.cpu_ns() AS c1 \gset"
  echo "SELECT round((:c1 - :c0) / 3000000.0)"
} > "$dir/one.sql"
trigger() { DB=$scratch P -c "CREATE OR REPLACE TRIGGER postings_balanced AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings FOR EACH STATEMENT EXECUTE FUNCTION $1()"; }
declare -A per
for run in $(seq "$runs"); do
  trigger postings_check_balanced; per[today]+=" $(DB=$scratch P -A -f "$dir/one.sql" | tail -1)"
  trigger probe_trigger_does_nothing; per[nothing]+=" $(DB=$scratch P -A -f "$dir/one.sql" | tail -1)"
  DB=$scratch P -c "DROP TRIGGER postings_balanced ON postings"; per[off]+=" $(DB=$scratch P -A -f "$dir/one.sql" | tail -1)"
done
echo "--- one-entry statement, µs of PostgreSQL CPU each, per run ($(cut -d' ' -f1-3 /proc/loadavg))"
echo "balance trigger as today:${per[today]}"
echo "a trigger that does nothing:${per[nothing]}"
echo "no trigger:${per[off]}"
