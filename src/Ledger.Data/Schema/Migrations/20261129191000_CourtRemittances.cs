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
                -- A disbursement voided before it was issued (cancelled) moved no money: no entry, no check, no approval.
                ALTER TABLE disbursements DROP CONSTRAINT ck_disbursements_voided, DROP CONSTRAINT ck_disbursements_approved, DROP CONSTRAINT ck_disbursements_issued;
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_voided
                    CHECK (status <> 'voided' OR (voided_by IS NOT NULL AND (void_entry_id IS NOT NULL OR (entry_id IS NULL AND check_number IS NULL))));
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_approved
                    CHECK (status = 'pending_approval' OR NOT requires_approval OR approved_by IS NOT NULL OR (status = 'voided' AND entry_id IS NULL));
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_issued
                    CHECK (status = 'pending_approval' OR (status = 'voided' AND entry_id IS NULL AND check_number IS NULL)
                           OR (check_number IS NOT NULL AND entry_id IS NOT NULL AND issued_at IS NOT NULL));
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
                ALTER TABLE disbursements DROP CONSTRAINT ck_disbursements_voided, DROP CONSTRAINT ck_disbursements_approved, DROP CONSTRAINT ck_disbursements_issued;
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_voided CHECK (status <> 'voided' OR (void_entry_id IS NOT NULL AND voided_by IS NOT NULL));
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_approved CHECK (status = 'pending_approval' OR NOT requires_approval OR approved_by IS NOT NULL);
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_issued
                    CHECK (status = 'pending_approval' OR (check_number IS NOT NULL AND entry_id IS NOT NULL AND issued_at IS NOT NULL));
                ALTER TABLE disbursements DROP COLUMN period_start, DROP COLUMN period_end;
                ALTER TABLE disbursements DROP CONSTRAINT ck_disbursements_kind;
                ALTER TABLE disbursements ADD CONSTRAINT ck_disbursements_kind CHECK (kind IN ('release_balance','refund_check'));
                """);
        }
    }
}
