using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// The amount operations read, from the mailroom's adding-machine tape or the paper itself, of a money order that went back
    /// to its sender with its amount unread (intake returned it as illegible, or staff returned it from the keying queue without
    /// one). No money moves: the order is going back; only the reconciliation and the returns manifest learn its amount. One per
    /// item, never rewritten: who, when and from what stay with it. Plain SQL, no EF model change (see ReturnAddresses).
    /// </summary>
    [DbContext(typeof(LedgerDbContext))]
    [Migration("20261201070000_ReturnAmounts")]
    public partial class ReturnAmounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE return_amounts (
                    file_id bigint NOT NULL,
                    sequence integer NOT NULL,
                    amount_cents bigint NOT NULL,
                    read_from text NOT NULL,
                    keyed_by text NOT NULL,
                    keyed_at timestamptz NOT NULL DEFAULT now(),
                    CONSTRAINT pk_return_amounts PRIMARY KEY (file_id, sequence),
                    CONSTRAINT fk_return_amounts_item FOREIGN KEY (file_id, sequence) REFERENCES intake_items (file_id, sequence),
                    CONSTRAINT ck_return_amounts_amount CHECK (amount_cents > 0),
                    CONSTRAINT ck_return_amounts_read_from CHECK (read_from IN ('tape', 'money_order'))
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE return_amounts;");
        }
    }
}
