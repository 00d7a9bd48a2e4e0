using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Services.Migrations
{
    /// <summary>
    /// Drops the card deposit rows' index by person: no query reads <c>api.card_deposits</c> by person (GET /deposits goes by
    /// family or id, reconciliation by time and journal key), and every credited card deposit wrote an entry into it.
    /// No Designer file: the model snapshot is edited by hand, as the index goes from the model too.
    /// </summary>
    [DbContext(typeof(ServicesDbContext))]
    [Migration("20261130210000_Round13CardDepositsNoPersonIndex")]
    public partial class Round13CardDepositsNoPersonIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_card_deposits_person_number", schema: "api", table: "card_deposits");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(name: "IX_card_deposits_person_number", schema: "api", table: "card_deposits", column: "person_number");
        }
    }
}
