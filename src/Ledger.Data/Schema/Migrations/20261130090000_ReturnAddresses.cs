using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// The sender address operations confirmed or keyed for a return whose address OCR did not confirm (a money order over
    /// the limit: its excess waits in refunds payable until then). One per item, never rewritten: who and when stay with it.
    /// Plain SQL, no EF model change (see Disbursements).
    /// </summary>
    [DbContext(typeof(LedgerDbContext))]
    [Migration("20261130090000_ReturnAddresses")]
    public partial class ReturnAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE return_addresses (
                    file_id bigint NOT NULL,
                    sequence integer NOT NULL,
                    sender_name text NOT NULL,
                    sender_address text NOT NULL,
                    keyed_by text NOT NULL,
                    keyed_at timestamptz NOT NULL DEFAULT now(),
                    CONSTRAINT pk_return_addresses PRIMARY KEY (file_id, sequence),
                    CONSTRAINT fk_return_addresses_item FOREIGN KEY (file_id, sequence) REFERENCES intake_items (file_id, sequence),
                    CONSTRAINT ck_return_addresses_text CHECK (btrim(sender_name) <> '' AND btrim(sender_address) <> '')
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE return_addresses;");
        }
    }
}
