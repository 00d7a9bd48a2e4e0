using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// The journal's laws, enforced by PostgreSQL itself: posted rows never change or disappear, and
    /// the lines written by one statement balance per entry and currency and name an existing account of their
    /// currency. Checked once per statement from its transition table: per-row foreign keys cost more than the
    /// rest of a batch insert. That lines and reversals point at existing entries is ensured by JournalStore and
    /// checked by `ledger verify`.
    /// </summary>
    public partial class AppendOnlyJournal : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'the journal is append-only: % on % is refused; post a reversing entry instead', TG_OP, TG_TABLE_NAME
                        USING ERRCODE = 'restrict_violation';
                END $$;

                CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
                    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
                CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
                CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings
                    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
                CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings
                    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
                -- Accounts with lines must stay: refuse deleting any account.
                CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
                    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
                CREATE TRIGGER accounts_no_truncate BEFORE TRUNCATE ON accounts
                    FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();

                CREATE FUNCTION postings_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
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

                CREATE TRIGGER postings_balanced AFTER INSERT ON postings
                    REFERENCING NEW TABLE AS new_postings
                    FOR EACH STATEMENT EXECUTE FUNCTION postings_check_balanced();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER accounts_no_truncate ON accounts;
                DROP TRIGGER accounts_no_delete ON accounts;
                DROP TRIGGER postings_balanced ON postings;
                DROP FUNCTION postings_check_balanced();
                DROP TRIGGER postings_no_truncate ON postings;
                DROP TRIGGER postings_append_only ON postings;
                DROP TRIGGER journal_entries_no_truncate ON journal_entries;
                DROP TRIGGER journal_entries_append_only ON journal_entries;
                DROP FUNCTION journal_refuse_change();
                """);
        }
    }
}
