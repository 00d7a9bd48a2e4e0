using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <inheritdoc />
    public partial class Intake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "intake_files",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    stored_path = table.Column<string>(type: "text", nullable: true),
                    declared_count = table.Column<long>(type: "bigint", nullable: true),
                    declared_amount_cents = table.Column<long>(type: "bigint", nullable: true),
                    declared_fee_cents = table.Column<long>(type: "bigint", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intake_files", x => x.id);
                    table.CheckConstraint("ck_intake_files_status", "status IN ('registered','processing','completed','quarantined')");
                });

            migrationBuilder.CreateTable(
                name: "intake_items",
                columns: table => new
                {
                    file_id = table.Column<long>(type: "bigint", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    reference = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    reason_code = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    person_number = table.Column<string>(type: "text", nullable: true),
                    facility_code = table.Column<string>(type: "text", nullable: true),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    credited_cents = table.Column<long>(type: "bigint", nullable: false),
                    restitution_cents = table.Column<long>(type: "bigint", nullable: false),
                    returned_cents = table.Column<long>(type: "bigint", nullable: false),
                    fee_cents = table.Column<long>(type: "bigint", nullable: false),
                    fee_refunded_cents = table.Column<long>(type: "bigint", nullable: false),
                    in_review_cents = table.Column<long>(type: "bigint", nullable: false),
                    reversed_cents = table.Column<long>(type: "bigint", nullable: false),
                    entry_id = table.Column<long>(type: "bigint", nullable: true),
                    sender_name = table.Column<string>(type: "text", nullable: true),
                    sender_address = table.Column<string>(type: "text", nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_intake_items", x => new { x.file_id, x.sequence });
                    table.CheckConstraint("ck_intake_items_accounted", "kind <> 'deposit' OR outcome = 'duplicate' OR amount_cents = credited_cents + returned_cents + in_review_cents");
                    table.CheckConstraint("ck_intake_items_kind", "kind IN ('deposit','reversal')");
                    table.CheckConstraint("ck_intake_items_outcome", "outcome IN ('posted','partially_posted','returned','in_review','duplicate','reversed')");
                });

            migrationBuilder.CreateIndex(
                name: "IX_intake_files_source_sha256",
                table: "intake_files",
                columns: new[] { "source", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_intake_items_reference",
                table: "intake_items",
                column: "reference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "intake_files");

            migrationBuilder.DropTable(
                name: "intake_items");
        }
    }
}
