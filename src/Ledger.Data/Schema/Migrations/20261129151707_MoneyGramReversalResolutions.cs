using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <inheritdoc />
    public partial class MoneyGramReversalResolutions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_review_resolutions_action",
                table: "review_resolutions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_review_resolutions_outcome",
                table: "review_resolutions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_review_resolutions_return",
                table: "review_resolutions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_review_resolutions_status",
                table: "review_resolutions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_review_resolutions_action",
                table: "review_resolutions",
                sql: "action IN ('post','return','reverse','dismiss')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_review_resolutions_outcome",
                table: "review_resolutions",
                sql: "outcome IS NULL OR outcome IN ('posted','partially_posted','returned','reversed','dismissed')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_review_resolutions_return",
                table: "review_resolutions",
                sql: "action NOT IN ('return','dismiss') OR reason IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_review_resolutions_status",
                table: "review_resolutions",
                sql: "status IN ('awaiting_approval','posted','returned','rejected','reversed','dismissed')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_review_resolutions_action",
                table: "review_resolutions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_review_resolutions_outcome",
                table: "review_resolutions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_review_resolutions_return",
                table: "review_resolutions");

            migrationBuilder.DropCheckConstraint(
                name: "ck_review_resolutions_status",
                table: "review_resolutions");

            migrationBuilder.AddCheckConstraint(
                name: "ck_review_resolutions_action",
                table: "review_resolutions",
                sql: "action IN ('post','return')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_review_resolutions_outcome",
                table: "review_resolutions",
                sql: "outcome IS NULL OR outcome IN ('posted','partially_posted','returned')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_review_resolutions_return",
                table: "review_resolutions",
                sql: "action <> 'return' OR reason IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_review_resolutions_status",
                table: "review_resolutions",
                sql: "status IN ('awaiting_approval','posted','returned','rejected')");
        }
    }
}
