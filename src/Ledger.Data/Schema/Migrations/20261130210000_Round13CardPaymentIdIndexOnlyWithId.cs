using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// The uniqueness of a card payment's processor id, (processor, payment_id), holds only the rows that carry one. Since
    /// round 9 a card deposit is recorded <c>starting</c> with no processor id and gets it with its credit: the old unique
    /// constraint indexed that NULL at the start (an entry no query finds: NULLs never conflict, and the look-up by our
    /// reference goes by primary key), then the id again at the credit. The law is the same (two rows never carry one
    /// processor id); the look-ups by <c>processor = … AND payment_id = …</c> use the partial index (a strict comparison
    /// implies <c>payment_id IS NOT NULL</c>, in custom and generic plans alike). Same name, so the plans and errors read as before.
    /// Plain SQL, as the table's other migrations.
    /// </summary>
    [DbContext(typeof(LedgerDbContext))]
    [Migration("20261130210000_Round13CardPaymentIdIndexOnlyWithId")]
    public partial class Round13CardPaymentIdIndexOnlyWithId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE UNIQUE INDEX uq_card_payments_payment_with_id ON card_payments (processor, payment_id) WHERE payment_id IS NOT NULL;
                ALTER TABLE card_payments DROP CONSTRAINT uq_card_payments_payment;
                ALTER INDEX uq_card_payments_payment_with_id RENAME TO uq_card_payments_payment;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX uq_card_payments_payment;
                ALTER TABLE card_payments ADD CONSTRAINT uq_card_payments_payment UNIQUE (processor, payment_id);
                """);
        }
    }
}
