using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// The API's sweep of unfinished card payments reads the rows still <c>starting</c> by age every minute: a partial index
    /// holds just those (normally none), so the sweep never scans the table.
    /// </summary>
    [DbContext(typeof(LedgerDbContext))]
    [Migration("20261129230000_UnfinishedCardPayments")]
    public partial class UnfinishedCardPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_card_payments_starting ON card_payments (updated_at) WHERE status = 'starting';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_card_payments_starting;");
        }
    }
}
