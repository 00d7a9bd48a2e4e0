using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Services.Migrations
{
    /// <summary>
    /// Reconciliation's card clearing reads <c>api.card_deposits</c> by <c>created_at</c> alone (a day and the late-posting
    /// window before it), which no index served: a scan of every deposit ever made, per reconciled day. A BRIN index serves
    /// it: the rows are inserted in time order, so a summary (least and greatest time) per range of pages finds a day's pages,
    /// and a deposit adds no index entry (the range a row lands in is summarized later, by vacuum). No Designer file: the
    /// model snapshot is edited by hand, as round 13's.
    /// </summary>
    [DbContext(typeof(ServicesDbContext))]
    [Migration("20261201020000_Round14CardDepositsByTime")]
    public partial class Round14CardDepositsByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(name: "IX_card_deposits_created_at", schema: "api", table: "card_deposits", column: "created_at")
                .Annotation("Npgsql:IndexMethod", "brin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_card_deposits_created_at", schema: "api", table: "card_deposits");
        }
    }
}
