using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// E-mail stamps a family pays by card are a payment at the processor like a card deposit: the card payment names
    /// the message it pays for (one payment per message). Plain SQL, no EF model change (see CardPayments).
    /// </summary>
    [DbContext(typeof(LedgerDbContext))]
    [Migration("20261129190000_CardPaidStamps")]
    public partial class CardPaidStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE card_payments ADD COLUMN message_id bigint;
                CREATE UNIQUE INDEX ux_card_payments_message ON card_payments (message_id) WHERE message_id IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ux_card_payments_message; ALTER TABLE card_payments DROP COLUMN message_id;");
        }
    }
}
