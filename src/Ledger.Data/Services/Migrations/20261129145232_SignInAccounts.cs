using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ledger.Data.Services.Migrations
{
    /// <inheritdoc />
    public partial class SignInAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sign_in_accounts",
                schema: "api",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "text", nullable: false),
                    login = table.Column<string>(type: "text", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    facilities = table.Column<List<string>>(type: "text[]", nullable: false),
                    secret_hash = table.Column<string>(type: "text", nullable: false),
                    failed_count = table.Column<int>(type: "integer", nullable: false),
                    locked_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: false),
                    totp_secret = table.Column<string>(type: "text", nullable: true),
                    totp_last_step = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sign_in_accounts", x => x.id);
                    table.CheckConstraint("ck_sign_in_accounts_kind", "kind IN ('staff','family','resident')");
                    table.CheckConstraint("ck_sign_in_accounts_role", "(kind = 'staff' AND role IN ('operations','accountant','staff')) OR (kind = 'family' AND role = 'family') OR (kind = 'resident' AND role = 'resident')");
                });

            migrationBuilder.CreateIndex(
                name: "IX_sign_in_accounts_kind_login",
                schema: "api",
                table: "sign_in_accounts",
                columns: new[] { "kind", "login" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sign_in_accounts_kind_subject",
                schema: "api",
                table: "sign_in_accounts",
                columns: new[] { "kind", "subject" },
                unique: true);

            // Everyone who could sign in before keeps their password: staff and families move into the one table.
            // (Operations staff get their TOTP secret the next time `ledger staff add` saves them.)
            migrationBuilder.Sql("""
                INSERT INTO api.sign_in_accounts (kind, login, subject, role, display_name, facilities, secret_hash, failed_count, security_stamp, created_at, changed_at)
                SELECT 'staff', username, username, role, display_name, facilities, password_hash, 0, md5(random()::text), created_at, now() FROM api.staff_users;
                INSERT INTO api.sign_in_accounts (kind, login, subject, role, display_name, facilities, secret_hash, failed_count, security_stamp, created_at, changed_at)
                SELECT 'family', email, subject, 'family', display_name, '{}', password_hash, 0, md5(random()::text), created_at, now()
                FROM api.families WHERE email IS NOT NULL AND password_hash IS NOT NULL;
                """);

            migrationBuilder.DropTable(
                name: "staff_users",
                schema: "api");

            migrationBuilder.DropColumn(
                name: "password_hash",
                schema: "api",
                table: "families");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sign_in_accounts",
                schema: "api");

            migrationBuilder.AddColumn<string>(
                name: "password_hash",
                schema: "api",
                table: "families",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "staff_users",
                schema: "api",
                columns: table => new
                {
                    username = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    facilities = table.Column<List<string>>(type: "text[]", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_users", x => x.username);
                    table.CheckConstraint("ck_staff_users_role", "role IN ('operations','accountant','staff')");
                });
        }
    }
}
