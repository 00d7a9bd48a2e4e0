using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ledger.Data.Services.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "api");

            migrationBuilder.CreateTable(
                name: "audit_log",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    actor_subject = table.Column<string>(type: "text", nullable: false),
                    actor_role = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    entity_type = table.Column<string>(type: "text", nullable: false),
                    entity_id = table.Column<string>(type: "text", nullable: false),
                    facility_code = table.Column<string>(type: "text", nullable: true),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "card_deposits",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    family_subject = table.Column<string>(type: "text", nullable: false),
                    idempotency_key = table.Column<string>(type: "text", nullable: false),
                    request_hash = table.Column<string>(type: "text", nullable: false),
                    journal_key = table.Column<string>(type: "text", nullable: false),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    facility_code = table.Column<string>(type: "text", nullable: false),
                    channel = table.Column<string>(type: "text", nullable: false),
                    target_account = table.Column<string>(type: "text", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    fee_cents = table.Column<long>(type: "bigint", nullable: false),
                    to_account_cents = table.Column<long>(type: "bigint", nullable: false),
                    restitution_cents = table.Column<long>(type: "bigint", nullable: false),
                    authorization_reference = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_card_deposits", x => x.id);
                    table.CheckConstraint("ck_card_deposits_amount", "amount_cents > 0 AND fee_cents >= 0");
                    table.CheckConstraint("ck_card_deposits_split", "to_account_cents + restitution_cents = amount_cents");
                });

            migrationBuilder.CreateTable(
                name: "families",
                schema: "api",
                columns: table => new
                {
                    subject = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: true),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_families", x => x.subject);
                });

            migrationBuilder.CreateTable(
                name: "family_contacts",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    family_subject = table.Column<string>(type: "text", nullable: false),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    approved_by = table.Column<string>(type: "text", nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_family_contacts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "media_items",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    facility_code = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    price_cents = table.Column<long>(type: "bigint", nullable: false),
                    rental_hours = table.Column<int>(type: "integer", nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_items", x => x.id);
                    table.CheckConstraint("ck_media_items_kind", "kind IN ('song','album','game','movie_rental','ebook','course','news')");
                    table.CheckConstraint("ck_media_items_price", "price_cents >= 0");
                    table.CheckConstraint("ck_media_items_rental", "(kind = 'movie_rental') = (rental_hours IS NOT NULL)");
                });

            migrationBuilder.CreateTable(
                name: "messages",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    facility_code = table.Column<string>(type: "text", nullable: false),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    family_subject = table.Column<string>(type: "text", nullable: false),
                    direction = table.Column<string>(type: "text", nullable: false),
                    sender_subject = table.Column<string>(type: "text", nullable: false),
                    idempotency_key = table.Column<string>(type: "text", nullable: false),
                    request_hash = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    characters = table.Column<int>(type: "integer", nullable: false),
                    stamps = table.Column<int>(type: "integer", nullable: false),
                    stamp_price_cents = table.Column<long>(type: "bigint", nullable: false),
                    paid_by = table.Column<string>(type: "text", nullable: false),
                    authorization_reference = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    charge_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    refund_entry_id = table.Column<long>(type: "bigint", nullable: true),
                    rejection_reason = table.Column<string>(type: "text", nullable: true),
                    screened_by = table.Column<string>(type: "text", nullable: true),
                    screened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deliver_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.id);
                    table.CheckConstraint("ck_messages_stamps", "stamps > 0 AND characters > 0");
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "request_deadlines",
                schema: "api",
                columns: table => new
                {
                    facility_code = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    hours = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_deadlines", x => new { x.facility_code, x.kind });
                    table.CheckConstraint("ck_request_deadlines_hours", "hours > 0");
                });

            migrationBuilder.CreateTable(
                name: "resident_requests",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    facility_code = table.Column<string>(type: "text", nullable: false),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    assigned_to = table.Column<string>(type: "text", nullable: true),
                    answer = table.Column<string>(type: "text", nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resident_requests", x => x.id);
                    table.CheckConstraint("ck_resident_requests_kind", "kind IN ('medical','grievance','classification','support')");
                });

            migrationBuilder.CreateTable(
                name: "trust_to_media_transfers",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    idempotency_key = table.Column<string>(type: "text", nullable: false),
                    request_hash = table.Column<string>(type: "text", nullable: false),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    entry_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trust_to_media_transfers", x => x.id);
                    table.CheckConstraint("ck_transfers_amount", "amount_cents > 0");
                });

            migrationBuilder.CreateTable(
                name: "visit_slots",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    facility_code = table.Column<string>(type: "text", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    booked = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_slots", x => x.id);
                    table.CheckConstraint("ck_visit_slots_capacity", "booked >= 0 AND booked <= capacity");
                    table.CheckConstraint("ck_visit_slots_times", "ends_at > starts_at");
                });

            migrationBuilder.CreateTable(
                name: "media_purchases",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    media_item_id = table.Column<long>(type: "bigint", nullable: false),
                    idempotency_key = table.Column<string>(type: "text", nullable: false),
                    request_hash = table.Column<string>(type: "text", nullable: false),
                    price_cents = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    entry_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_purchases", x => x.id);
                    table.ForeignKey(
                        name: "FK_media_purchases_media_items_media_item_id",
                        column: x => x.media_item_id,
                        principalSchema: "api",
                        principalTable: "media_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "request_events",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    request_id = table.Column<long>(type: "bigint", nullable: false),
                    actor_subject = table.Column<string>(type: "text", nullable: false),
                    actor_role = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_request_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_request_events_resident_requests_request_id",
                        column: x => x.request_id,
                        principalSchema: "api",
                        principalTable: "resident_requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_bookings",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    slot_id = table.Column<long>(type: "bigint", nullable: false),
                    family_subject = table.Column<string>(type: "text", nullable: false),
                    person_number = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_bookings", x => x.id);
                    table.ForeignKey(
                        name: "FK_visit_bookings_visit_slots_slot_id",
                        column: x => x.slot_id,
                        principalSchema: "api",
                        principalTable: "visit_slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_at",
                schema: "api",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_facility_code_at",
                schema: "api",
                table: "audit_log",
                columns: new[] { "facility_code", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_card_deposits_family_subject_created_at",
                schema: "api",
                table: "card_deposits",
                columns: new[] { "family_subject", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_card_deposits_family_subject_idempotency_key",
                schema: "api",
                table: "card_deposits",
                columns: new[] { "family_subject", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_card_deposits_journal_key",
                schema: "api",
                table: "card_deposits",
                column: "journal_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_card_deposits_person_number",
                schema: "api",
                table: "card_deposits",
                column: "person_number");

            migrationBuilder.CreateIndex(
                name: "IX_families_email",
                schema: "api",
                table: "families",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_family_contacts_family_subject_person_number",
                schema: "api",
                table: "family_contacts",
                columns: new[] { "family_subject", "person_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_family_contacts_person_number",
                schema: "api",
                table: "family_contacts",
                column: "person_number");

            migrationBuilder.CreateIndex(
                name: "IX_media_items_facility_code",
                schema: "api",
                table: "media_items",
                column: "facility_code");

            migrationBuilder.CreateIndex(
                name: "IX_media_purchases_media_item_id",
                schema: "api",
                table: "media_purchases",
                column: "media_item_id");

            migrationBuilder.CreateIndex(
                name: "IX_media_purchases_person_number_idempotency_key",
                schema: "api",
                table: "media_purchases",
                columns: new[] { "person_number", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_messages_facility_code_status",
                schema: "api",
                table: "messages",
                columns: new[] { "facility_code", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_family_subject_created_at",
                schema: "api",
                table: "messages",
                columns: new[] { "family_subject", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_person_number_created_at",
                schema: "api",
                table: "messages",
                columns: new[] { "person_number", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_sender_subject_idempotency_key",
                schema: "api",
                table: "messages",
                columns: new[] { "sender_subject", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_notifications_person_number_created_at",
                schema: "api",
                table: "notifications",
                columns: new[] { "person_number", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_request_events_request_id",
                schema: "api",
                table: "request_events",
                column: "request_id");

            migrationBuilder.CreateIndex(
                name: "IX_resident_requests_facility_code_status_due_at",
                schema: "api",
                table: "resident_requests",
                columns: new[] { "facility_code", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_resident_requests_person_number",
                schema: "api",
                table: "resident_requests",
                column: "person_number");

            migrationBuilder.CreateIndex(
                name: "IX_trust_to_media_transfers_person_number_idempotency_key",
                schema: "api",
                table: "trust_to_media_transfers",
                columns: new[] { "person_number", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visit_bookings_family_subject",
                schema: "api",
                table: "visit_bookings",
                column: "family_subject");

            migrationBuilder.CreateIndex(
                name: "IX_visit_bookings_person_number_status",
                schema: "api",
                table: "visit_bookings",
                columns: new[] { "person_number", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_visit_bookings_slot_id_person_number",
                schema: "api",
                table: "visit_bookings",
                columns: new[] { "slot_id", "person_number" },
                unique: true,
                filter: "status = 'booked'");

            migrationBuilder.CreateIndex(
                name: "IX_visit_slots_facility_code_starts_at",
                schema: "api",
                table: "visit_slots",
                columns: new[] { "facility_code", "starts_at" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_log",
                schema: "api");

            migrationBuilder.DropTable(
                name: "card_deposits",
                schema: "api");

            migrationBuilder.DropTable(
                name: "families",
                schema: "api");

            migrationBuilder.DropTable(
                name: "family_contacts",
                schema: "api");

            migrationBuilder.DropTable(
                name: "media_purchases",
                schema: "api");

            migrationBuilder.DropTable(
                name: "messages",
                schema: "api");

            migrationBuilder.DropTable(
                name: "notifications",
                schema: "api");

            migrationBuilder.DropTable(
                name: "request_deadlines",
                schema: "api");

            migrationBuilder.DropTable(
                name: "request_events",
                schema: "api");

            migrationBuilder.DropTable(
                name: "trust_to_media_transfers",
                schema: "api");

            migrationBuilder.DropTable(
                name: "visit_bookings",
                schema: "api");

            migrationBuilder.DropTable(
                name: "media_items",
                schema: "api");

            migrationBuilder.DropTable(
                name: "resident_requests",
                schema: "api");

            migrationBuilder.DropTable(
                name: "visit_slots",
                schema: "api");
        }
    }
}
