using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// The same journal laws for less work per line (issue 12; profile of 200,000 lines in README "Performance, measured"):
    /// <list type="bullet">
    /// <item>Only people's lines are indexed by (account, time): they are what statements, balances at an instant and
    /// the API read one account at a time. A line says whether it is a person's (<c>personal</c>); the trigger refuses a
    /// line whose flag disagrees with its account, so no person's line can be missing from the index. System accounts'
    /// lines (clearing, revenue, payables: half to two thirds of all lines) are read by day through a BRIN index on
    /// <c>posted_at</c> (the journal is append-only, so time follows the table's physical order) or summed by scan.</item>
    /// <item>The per-statement trigger asks its account question of the distinct (account, currency, personal) triples
    /// (a thousand or so per batch) instead of probing accounts once per line, and keeps its hash in memory.</item>
    /// </list>
    /// Functions, a column with a default and indexes only: the EF model keeps describing the columns it maps
    /// (<c>personal</c> is written by JournalStore's SQL, never by EF).
    /// </summary>
    [DbContext(typeof(LedgerDbContext))]
    [Migration("20261129150000_JournalIndexPeopleOnly")]
    public partial class JournalIndexPeopleOnly : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE postings ADD COLUMN personal boolean NOT NULL DEFAULT false;
                -- Lines already posted: the schema's own one-off change, under the migration's lock (the journal
                -- refuses UPDATE to everyone else).
                ALTER TABLE postings DISABLE TRIGGER postings_append_only;
                UPDATE postings p SET personal = true FROM accounts a WHERE a.id = p.account_id AND a.owner_type = 'person';
                ALTER TABLE postings ENABLE TRIGGER postings_append_only;

                DROP INDEX "IX_postings_account_id_posted_at";
                CREATE INDEX ix_postings_person_account_time ON postings (account_id, posted_at) WHERE personal;
                CREATE INDEX ix_postings_posted_at_brin ON postings USING brin (posted_at);

                CREATE OR REPLACE FUNCTION postings_check_balanced() RETURNS trigger LANGUAGE plpgsql
                -- A batch of 20,000 three-line entries groups 20,000 entries: keep the hash in memory.
                SET work_mem = '64MB'
                AS $$
                DECLARE
                    bad record;
                BEGIN
                    SELECT entry_id, currency, sum(amount_cents) AS total INTO bad
                    FROM new_postings GROUP BY entry_id, currency HAVING sum(amount_cents) <> 0 LIMIT 1;
                    IF FOUND THEN
                        RAISE EXCEPTION 'entry % does not balance in %: lines sum to % minor units', bad.entry_id, bad.currency, bad.total
                            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_postings_balanced';
                    END IF;
                    -- Each (account, currency, personal) once: a batch names a few thousand accounts over many lines.
                    SELECT n.account_id, n.currency, n.personal, a.id IS NULL OR a.currency <> n.currency AS unknown INTO bad
                    FROM (SELECT DISTINCT account_id, currency, personal FROM new_postings) n LEFT JOIN accounts a ON a.id = n.account_id
                    WHERE a.id IS NULL OR a.currency <> n.currency OR n.personal <> (a.owner_type = 'person') LIMIT 1;
                    IF FOUND AND bad.unknown THEN
                        RAISE EXCEPTION 'a line posts to account % in %, which does not exist or is in another currency', bad.account_id, bad.currency
                            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'fk_postings_account';
                    ELSIF FOUND THEN
                        RAISE EXCEPTION 'a line on account % says personal = %, which is not true of its account: a person''s lines must be marked personal (they are indexed for statements)', bad.account_id, bad.personal
                            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_postings_personal';
                    END IF;
                    RETURN NULL;
                END $$;
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION postings_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    bad record;
                BEGIN
                    SELECT entry_id, currency, sum(amount_cents) AS total INTO bad
                    FROM new_postings GROUP BY entry_id, currency HAVING sum(amount_cents) <> 0 LIMIT 1;
                    IF FOUND THEN
                        RAISE EXCEPTION 'entry % does not balance in %: lines sum to % minor units', bad.entry_id, bad.currency, bad.total
                            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_postings_balanced';
                    END IF;
                    SELECT n.entry_id, n.account_id, a.currency INTO bad
                    FROM new_postings n LEFT JOIN accounts a ON a.id = n.account_id
                    WHERE a.id IS NULL OR a.currency <> n.currency LIMIT 1;
                    IF FOUND THEN
                        RAISE EXCEPTION 'entry % posts to account %, which does not exist or is in another currency', bad.entry_id, bad.account_id
                            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'fk_postings_account';
                    END IF;
                    RETURN NULL;
                END $$;
                DROP INDEX ix_postings_posted_at_brin;
                DROP INDEX ix_postings_person_account_time;
                CREATE INDEX "IX_postings_account_id_posted_at" ON postings (account_id, posted_at);
                ALTER TABLE postings DROP COLUMN personal;
                """);
        }
    }
}
