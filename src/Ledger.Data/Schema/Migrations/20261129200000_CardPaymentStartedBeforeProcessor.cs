using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// A card payment is recorded before the processor is called (status <c>starting</c>, no processor payment id yet), so a
    /// confirmation that overtakes the processor's answer finds it (by the reference the processor echoes). Only a
    /// <c>starting</c> row may lack the processor's id. Plain SQL, as the table's first migration.
    /// </summary>
    [DbContext(typeof(LedgerDbContext))]
    [Migration("20261129200000_CardPaymentStartedBeforeProcessor")]
    public partial class CardPaymentStartedBeforeProcessor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE card_payments ALTER COLUMN payment_id DROP NOT NULL,
                    DROP CONSTRAINT ck_card_payments_status,
                    ADD CONSTRAINT ck_card_payments_status
                        CHECK (status IN ('starting','pending','credited','declined','returned','refunded','charged_back')),
                    DROP CONSTRAINT ck_card_payments_credit,
                    ADD CONSTRAINT ck_card_payments_credit CHECK (status IN ('starting','pending','declined') OR credit_entry_id IS NOT NULL),
                    ADD CONSTRAINT ck_card_payments_payment_id CHECK (status = 'starting' OR payment_id IS NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DELETE FROM card_payments WHERE status = 'starting';
                ALTER TABLE card_payments DROP CONSTRAINT ck_card_payments_payment_id,
                    ALTER COLUMN payment_id SET NOT NULL,
                    DROP CONSTRAINT ck_card_payments_status,
                    ADD CONSTRAINT ck_card_payments_status CHECK (status IN ('pending','credited','declined','returned','refunded','charged_back')),
                    DROP CONSTRAINT ck_card_payments_credit,
                    ADD CONSTRAINT ck_card_payments_credit CHECK (status IN ('pending','declined') OR credit_entry_id IS NOT NULL);
                """);
        }
    }
}
