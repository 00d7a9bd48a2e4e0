using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ledger.Data.Schema.Migrations
{
    /// <summary>
    /// Restitution paid to the court: a disbursement per facility and period, with one line per person whose restitution
    /// account it pays from. What an issued remittance paid still counts as collected toward the person's obligation
    /// (Ledger.Domain Restitution.StillOwed reads these lines). Plain SQL, no EF model change (see CardPayments).
    /// </summary>
    [DbContext(typeof(LedgerDbContext))]
    [Migration("20261129191000_CourtRemittances")]
    public partial class CourtRemittances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE disbursements DROP CONSTRAINT ck_disbursements_kind;
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_kind CHECK (kind IN ('release_balance','refund_check','court_remittance'));
                ALTER TABLE disbursements ADD COLUMN period_start date, ADD COLUMN period_end date;
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_period CHECK (kind <> 'court_remittance' OR period_end IS NOT NULL);
                -- One court remittance of a facility waits for approval at a time: its amounts leave out only what was issued.
                CREATE UNIQUE INDEX ux_disbursements_court_pending ON disbursements (facility_code) WHERE kind = 'court_remittance' AND status = 'pending_approval';

                CREATE TABLE court_remittance_lines (
                    disbursement_id bigint NOT NULL REFERENCES disbursements (id),
                    person_number text NOT NULL,
                    amount_cents bigint NOT NULL CHECK (amount_cents > 0),
                    PRIMARY KEY (disbursement_id, person_number)
                );
                CREATE INDEX ix_court_remittance_lines_person ON court_remittance_lines (person_number);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE court_remittance_lines;
                DROP INDEX ux_disbursements_court_pending;
                ALTER TABLE disbursements DROP CONSTRAINT ck_disbursements_period;
                ALTER TABLE disbursements DROP COLUMN period_start, DROP COLUMN period_end;
                ALTER TABLE disbursements DROP CONSTRAINT ck_disbursements_kind;
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_kind CHECK (kind IN ('release_balance','refund_check'));
                """);
        }
    }
}
