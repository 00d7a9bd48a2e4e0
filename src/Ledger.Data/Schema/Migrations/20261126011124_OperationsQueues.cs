using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <inheritdoc />
    public partial class OperationsQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reconciliation_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    business_date = table.Column<DateOnly>(type: "date", nullable: false),
                    produced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    produced_by = table.Column<string>(type: "text", nullable: false),
                    balanced = table.Column<bool>(type: "boolean", nullable: false),
                    report = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reconciliation_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "return_dispositions",
                columns: table => new
                {
                    file_id = table.Column<long>(type: "bigint", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    by = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    entry_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_return_dispositions", x => new { x.file_id, x.sequence });
                    table.CheckConstraint("ck_return_dispositions_status", "status IN ('mailed','refunded')");
                });

            migrationBuilder.CreateTable(
                name: "review_resolutions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    file_id = table.Column<long>(type: "bigint", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    person_number = table.Column<string>(type: "text", nullable: true),
                    account_kind = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    keyed_by = table.Column<string>(type: "text", nullable: false),
                    keyed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by = table.Column<string>(type: "text", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    entry_id = table.Column<long>(type: "bigint", nullable: true),
                    outcome = table.Column<string>(type: "text", nullable: true),
                    credited_cents = table.Column<long>(type: "bigint", nullable: false),
                    restitution_cents = table.Column<long>(type: "bigint", nullable: false),
                    returned_cents = table.Column<long>(type: "bigint", nullable: false),
                    fee_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_resolutions", x => x.id);
                    table.CheckConstraint("ck_review_resolutions_action", "action IN ('post','return')");
                    table.CheckConstraint("ck_review_resolutions_four_eyes", "approved_by IS NULL OR approved_by <> keyed_by");
                    table.CheckConstraint("ck_review_resolutions_outcome", "outcome IS NULL OR outcome IN ('posted','partially_posted','returned')");
                    table.CheckConstraint("ck_review_resolutions_post", "action <> 'post' OR (amount_cents > 0 AND person_number IS NOT NULL AND account_kind IN ('trust','media','restitution'))");
                    table.CheckConstraint("ck_review_resolutions_return", "action <> 'return' OR reason IS NOT NULL");
                    table.CheckConstraint("ck_review_resolutions_status", "status IN ('awaiting_approval','posted','returned','rejected')");
                });

            migrationBuilder.CreateIndex(
                name: "IX_reconciliation_reports_business_date_produced_at",
                table: "reconciliation_reports",
                columns: new[] { "business_date", "produced_at" });

            migrationBuilder.CreateIndex(
                name: "IX_review_resolutions_file_id_sequence",
                table: "review_resolutions",
                columns: new[] { "file_id", "sequence" },
                unique: true,
                filter: "status <> 'rejected'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reconciliation_reports");

            migrationBuilder.DropTable(
                name: "return_dispositions");

            migrationBuilder.DropTable(
                name: "review_resolutions");
        }
    }
}
