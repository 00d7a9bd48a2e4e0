using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    owner_type = table.Column<string>(type: "text", nullable: false),
                    owner_code = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    balance_cents = table.Column<long>(type: "bigint", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.id);
                    table.CheckConstraint("ck_accounts_person_not_negative", "owner_type <> 'person' OR balance_cents >= 0");
                });

            migrationBuilder.CreateTable(
                name: "facilities",
                columns: table => new
                {
                    code = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "text", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    deposit_limit_cents = table.Column<long>(type: "bigint", nullable: false),
                    money_order_hold_days = table.Column<int>(type: "integer", nullable: false),
                    restitution_basis_points = table.Column<int>(type: "integer", nullable: false),
                    stamp_price_cents = table.Column<long>(type: "bigint", nullable: false),
                    email_delivery_from_hour = table.Column<int>(type: "integer", nullable: false),
                    email_delivery_to_hour = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_facilities", x => x.code);
                    table.CheckConstraint("ck_facilities_deposit_limit", "deposit_limit_cents > 0");
                    table.CheckConstraint("ck_facilities_restitution", "restitution_basis_points BETWEEN 0 AND 10000");
                });

            migrationBuilder.CreateTable(
                name: "journal_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    idempotency_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    effective_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    reverses_entry_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journal_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "postings",
                columns: table => new
                {
                    entry_id = table.Column<long>(type: "bigint", nullable: false),
                    line_number = table.Column<short>(type: "smallint", nullable: false),
                    account_id = table.Column<long>(type: "bigint", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    posted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_postings", x => new { x.entry_id, x.line_number });
                    table.CheckConstraint("ck_postings_not_zero", "amount_cents <> 0");
                });

            migrationBuilder.CreateTable(
                name: "fee_tiers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    facility_code = table.Column<string>(type: "text", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    from_cents = table.Column<long>(type: "bigint", nullable: false),
                    to_cents = table.Column<long>(type: "bigint", nullable: false),
                    fee_cents = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fee_tiers", x => x.id);
                    table.ForeignKey(
                        name: "FK_fee_tiers_facilities_facility_code",
                        column: x => x.facility_code,
                        principalTable: "facilities",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    facility_code = table.Column<string>(type: "text", nullable: false),
                    last_name = table.Column<string>(type: "text", nullable: false),
                    first_name = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    restitution_owed_cents = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.id);
                    table.CheckConstraint("ck_people_status", "status IN ('in_custody','released','transferred')");
                    table.ForeignKey(
                        name: "FK_people_facilities_facility_code",
                        column: x => x.facility_code,
                        principalTable: "facilities",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_accounts_owner_type_owner_code_kind_currency",
                table: "accounts",
                columns: new[] { "owner_type", "owner_code", "kind", "currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fee_tiers_facility_code_channel_from_cents",
                table: "fee_tiers",
                columns: new[] { "facility_code", "channel", "from_cents" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_journal_entries_idempotency_key",
                table: "journal_entries",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_journal_entries_reverses_entry_id",
                table: "journal_entries",
                column: "reverses_entry_id",
                unique: true,
                filter: "reverses_entry_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_people_facility_code",
                table: "people",
                column: "facility_code");

            migrationBuilder.CreateIndex(
                name: "IX_people_person_number",
                table: "people",
                column: "person_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_postings_account_id_posted_at",
                table: "postings",
                columns: new[] { "account_id", "posted_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accounts");

            migrationBuilder.DropTable(
                name: "fee_tiers");

            migrationBuilder.DropTable(
                name: "journal_entries");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "postings");

            migrationBuilder.DropTable(
                name: "facilities");
        }
    }
}
