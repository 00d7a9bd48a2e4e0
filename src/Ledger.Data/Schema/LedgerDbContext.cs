using Microsoft.EntityFrameworkCore;

namespace Ledger.Data.Schema;

public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public DbSet<FacilityRow> Facilities => Set<FacilityRow>();
    public DbSet<FeeTierRow> FeeTiers => Set<FeeTierRow>();
    public DbSet<PersonRow> People => Set<PersonRow>();
    public DbSet<AccountRow> Accounts => Set<AccountRow>();
    public DbSet<JournalEntryRow> JournalEntries => Set<JournalEntryRow>();
    public DbSet<PostingRow> Postings => Set<PostingRow>();
    public DbSet<IntakeFileRow> IntakeFiles => Set<IntakeFileRow>();
    public DbSet<IntakeItemRow> IntakeItems => Set<IntakeItemRow>();
    public DbSet<MoneyOrderHoldRow> MoneyOrderHolds => Set<MoneyOrderHoldRow>();
    public DbSet<ReviewResolutionRow> ReviewResolutions => Set<ReviewResolutionRow>();
    public DbSet<ReturnDispositionRow> ReturnDispositions => Set<ReturnDispositionRow>();
    public DbSet<ReconciliationReportRow> ReconciliationReports => Set<ReconciliationReportRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<FacilityRow>(e =>
        {
            e.ToTable("facilities", t =>
            {
                t.HasCheckConstraint("ck_facilities_deposit_limit", "deposit_limit_cents > 0");
                t.HasCheckConstraint("ck_facilities_restitution", "restitution_basis_points BETWEEN 0 AND 10000");
            });
            e.HasKey(x => x.Code);
            e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
            e.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
        });

        b.Entity<FeeTierRow>(e =>
        {
            e.ToTable("fee_tiers");
            e.HasOne<FacilityRow>().WithMany().HasForeignKey(x => x.FacilityCode).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.FacilityCode, x.Channel, x.FromCents }).IsUnique();
        });

        b.Entity<PersonRow>(e =>
        {
            e.ToTable("people", t => t.HasCheckConstraint("ck_people_status", "status IN ('in_custody','released','transferred')"));
            e.HasIndex(x => x.PersonNumber).IsUnique();
            e.HasIndex(x => x.FacilityCode);
            e.HasOne<FacilityRow>().WithMany().HasForeignKey(x => x.FacilityCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
        });

        b.Entity<AccountRow>(e =>
        {
            // The overdraft rule lives in the database so that it holds under any concurrency.
            e.ToTable("accounts", t => t.HasCheckConstraint(JournalConstraints.PersonNotNegative, "owner_type <> 'person' OR balance_cents >= 0"));
            e.HasIndex(x => new { x.OwnerType, x.OwnerCode, x.Kind, x.Currency }).IsUnique();
            e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
            e.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        });

        b.Entity<JournalEntryRow>(e =>
        {
            e.ToTable("journal_entries");
            e.HasIndex(x => x.IdempotencyKey).IsUnique().HasDatabaseName(JournalConstraints.UniqueIdempotencyKey);
            // An entry is reversed at most once. That the reversed entry exists is checked by JournalStore before
            // it writes and by `ledger verify`: per-row foreign keys cost more than the rest of a batch insert.
            e.HasIndex(x => x.ReversesEntryId).IsUnique().HasFilter("reverses_entry_id IS NOT NULL").HasDatabaseName(JournalConstraints.ReversedOnce);
            e.Property(x => x.IdempotencyKey).HasMaxLength(200);
            e.Property(x => x.RecordedAt).HasDefaultValueSql("now()");
        });

        b.Entity<PostingRow>(e =>
        {
            // Lines reference their entry and account. The account (and that the lines balance) is checked once per
            // statement by a trigger (see the AppendOnlyJournal migration) instead of per-row foreign keys; the
            // entry is written in the same transaction by JournalStore and checked by `ledger verify`.
            e.ToTable("postings", t => t.HasCheckConstraint("ck_postings_not_zero", "amount_cents <> 0"));
            e.HasKey(x => new { x.EntryId, x.LineNumber });
            // Statements and point-in-time balances read an account's lines in time order.
            e.HasIndex(x => new { x.AccountId, x.PostedAt });
            e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
            e.Property(x => x.PostedAt).HasDefaultValueSql("now()");
        });

        b.Entity<IntakeFileRow>(e =>
        {
            e.ToTable("intake_files", t => t.HasCheckConstraint("ck_intake_files_status", "status IN ('registered','processing','completed','quarantined')"));
            e.HasIndex(x => new { x.Source, x.Sha256 }).IsUnique();
            e.Property(x => x.ReceivedAt).HasDefaultValueSql("now()");
        });

        b.Entity<IntakeItemRow>(e =>
        {
            e.ToTable("intake_items", t =>
            {
                t.HasCheckConstraint("ck_intake_items_outcome", "outcome IN ('posted','partially_posted','returned','in_review','duplicate','reversed')");
                t.HasCheckConstraint("ck_intake_items_kind", "kind IN ('deposit','reversal')");
                // Nothing lost: a deposit's cents all go somewhere (credited, returned or in review) unless it is a duplicate.
                t.HasCheckConstraint("ck_intake_items_accounted",
                    "kind <> 'deposit' OR outcome = 'duplicate' OR amount_cents = credited_cents + returned_cents + in_review_cents");
            });
            e.HasKey(x => new { x.FileId, x.Sequence });
            e.HasIndex(x => x.Reference);
            e.Property(x => x.Details).HasColumnType("jsonb");
        });

        b.Entity<MoneyOrderHoldRow>(e =>
        {
            e.ToTable("money_order_holds", t =>
            {
                t.HasCheckConstraint("ck_money_order_holds_amount", "amount_cents > 0");
                t.HasCheckConstraint("ck_money_order_holds_kind", "account_kind IN ('trust','media','restitution')");
            });
            // One hold per deposit entry; the release step looks for due, unreleased holds.
            e.HasKey(x => x.EntryId);
            e.HasIndex(x => x.ReleaseAt).HasFilter("released_entry_id IS NULL");
            e.HasIndex(x => x.ReleasedEntryId).IsUnique().HasFilter("released_entry_id IS NOT NULL");
            e.Property(x => x.EntryId).ValueGeneratedNever();
        });

        b.Entity<ReviewResolutionRow>(e =>
        {
            e.ToTable("review_resolutions", t =>
            {
                // post/return: a lockbox item keyed or sent back; reverse/dismiss: a MoneyGram reversal applied or set aside.
                t.HasCheckConstraint("ck_review_resolutions_action", "action IN ('post','return','reverse','dismiss')");
                t.HasCheckConstraint("ck_review_resolutions_status", "status IN ('awaiting_approval','posted','returned','rejected','reversed','dismissed')");
                t.HasCheckConstraint("ck_review_resolutions_post", "action <> 'post' OR (amount_cents > 0 AND person_number IS NOT NULL AND account_kind IN ('trust','media','restitution'))");
                t.HasCheckConstraint("ck_review_resolutions_return", "action NOT IN ('return','dismiss') OR reason IS NOT NULL");
                t.HasCheckConstraint("ck_review_resolutions_four_eyes", "approved_by IS NULL OR approved_by <> keyed_by");
                t.HasCheckConstraint("ck_review_resolutions_outcome", "outcome IS NULL OR outcome IN ('posted','partially_posted','returned','reversed','dismissed')");
            });
            // One live resolution per item: a rejected one leaves the item free to be keyed again.
            e.HasIndex(x => new { x.FileId, x.Sequence }).IsUnique().HasFilter("status <> 'rejected'");
        });

        b.Entity<ReturnDispositionRow>(e =>
        {
            e.ToTable("return_dispositions", t => t.HasCheckConstraint("ck_return_dispositions_status", "status IN ('mailed','refunded')"));
            e.HasKey(x => new { x.FileId, x.Sequence });
        });

        b.Entity<ReconciliationReportRow>(e =>
        {
            e.ToTable("reconciliation_reports");
            e.HasIndex(x => new { x.BusinessDate, x.ProducedAt });
            e.Property(x => x.Report).HasColumnType("jsonb");
        });

        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
        }
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>Names of the constraints the journal relies on, so code can tell which rule refused a write.</summary>
public static class JournalConstraints
{
    public const string UniqueIdempotencyKey = "ux_journal_entries_idempotency_key";
    public const string ReversedOnce = "ux_journal_entries_reverses_entry_id";
    public const string PersonNotNegative = "ck_accounts_person_not_negative";
}
