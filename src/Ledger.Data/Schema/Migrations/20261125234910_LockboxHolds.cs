using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <inheritdoc />
    public partial class LockboxHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "money_order_holds",
                columns: table => new
                {
                    entry_id = table.Column<long>(type: "bigint", nullable: false),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    facility_code = table.Column<string>(type: "text", nullable: false),
                    account_kind = table.Column<string>(type: "text", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    release_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    released_entry_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_money_order_holds", x => x.entry_id);
                    table.CheckConstraint("ck_money_order_holds_amount", "amount_cents > 0");
                    table.CheckConstraint("ck_money_order_holds_kind", "account_kind IN ('trust','media','restitution')");
                });

            migrationBuilder.CreateIndex(
                name: "IX_money_order_holds_release_at",
                table: "money_order_holds",
                column: "release_at",
                filter: "released_entry_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_money_order_holds_released_entry_id",
                table: "money_order_holds",
                column: "released_entry_id",
                unique: true,
                filter: "released_entry_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "money_order_holds");
        }
    }
}
