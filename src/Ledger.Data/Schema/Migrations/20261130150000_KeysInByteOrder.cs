using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// The journal's idempotency key and the intake items' reference compare as bytes (<c>COLLATE "C"</c>; issue 12, README
    /// "Round 10 (journal)"). The cluster's locale is C.UTF-8, which PostgreSQL 15 treats as a libc collation: every comparison
    /// in their btree indexes (each posted entry's unique key, each batch's look-up of known keys, each item's reference) went
    /// through strcoll. They are opaque identifiers (MoneyGram references, serials, Idempotency-Key headers), compared for
    /// equality; equality was already bytewise (the collation is deterministic), and C.UTF-8 orders by code point, which for
    /// UTF-8 is byte order, so no query answers differently: the indexes are rebuilt, the rows are not rewritten.
    /// Plain SQL, no EF model change (as JournalIndexPeopleOnly).
    /// </summary>
    [DbContext(typeof(LedgerDbContext))]
    [Migration("20261130150000_KeysInByteOrder")]
    public partial class KeysInByteOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE journal_entries ALTER COLUMN idempotency_key TYPE character varying(200) COLLATE "C";
                ALTER TABLE intake_items ALTER COLUMN reference TYPE text COLLATE "C";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE journal_entries ALTER COLUMN idempotency_key TYPE character varying(200) COLLATE "default";
                ALTER TABLE intake_items ALTER COLUMN reference TYPE text COLLATE "default";
                """);
        }
    }
}
