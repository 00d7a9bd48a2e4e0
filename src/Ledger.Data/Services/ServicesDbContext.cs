using Microsoft.EntityFrameworkCore;

namespace Ledger.Data.Services;

/// <summary>
/// The API's own tables, in schema "api", with their own migrations and history table so they never
/// collide with the ledger's schema (<see cref="Schema.LedgerDbContext"/>).
/// </summary>
public sealed class ServicesDbContext(DbContextOptions<ServicesDbContext> options) : DbContext(options)
{
    public const string SchemaName = "api";
    public const string HistoryTable = "__services_migrations";

    public DbSet<CardDepositRow> CardDeposits => Set<CardDepositRow>();
    public DbSet<AuditEntryRow> AuditLog => Set<AuditEntryRow>();
    public DbSet<FamilyRow> Families => Set<FamilyRow>();
    public DbSet<ContactRow> Contacts => Set<ContactRow>();
    public DbSet<MessageRow> Messages => Set<MessageRow>();
    public DbSet<MediaItemRow> MediaItems => Set<MediaItemRow>();
    public DbSet<MediaPurchaseRow> MediaPurchases => Set<MediaPurchaseRow>();
    public DbSet<TransferRow> Transfers => Set<TransferRow>();
    public DbSet<RequestDeadlineRow> RequestDeadlines => Set<RequestDeadlineRow>();
    public DbSet<ResidentRequestRow> Requests => Set<ResidentRequestRow>();
    public DbSet<RequestEventRow> RequestEvents => Set<RequestEventRow>();
    public DbSet<VisitSlotRow> VisitSlots => Set<VisitSlotRow>();
    public DbSet<VisitBookingRow> VisitBookings => Set<VisitBookingRow>();
    public DbSet<NotificationRow> Notifications => Set<NotificationRow>();
    public DbSet<SignInAccountRow> Accounts => Set<SignInAccountRow>();

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable, SchemaName));

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasDefaultSchema(SchemaName);

        b.Entity<CardDepositRow>(e =>
        {
            e.ToTable("card_deposits", t =>
            {
                t.HasCheckConstraint("ck_card_deposits_amount", "amount_cents > 0 AND fee_cents >= 0");
                t.HasCheckConstraint("ck_card_deposits_split", "to_account_cents + restitution_cents = amount_cents");
            });
            e.HasIndex(x => new { x.FamilySubject, x.IdempotencyKey }).IsUnique();
            e.HasIndex(x => x.JournalKey).IsUnique();
            e.HasIndex(x => new { x.FamilySubject, x.CreatedAt });
            // No index by person: nothing reads these rows by person, and each credit paid for one (round 13).
            // Reconciliation reads a day's rows by time alone: a BRIN index (a summary per range of pages; rows arrive in time
            // order) spares it a scan of the whole table at almost no cost per deposit (round 14).
            e.HasIndex(x => x.CreatedAt).HasMethod("brin");
            e.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        });

        b.Entity<AuditEntryRow>(e =>
        {
            e.ToTable("audit_log");
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.FacilityCode, x.At });
            e.Property(x => x.Before).HasColumnType("jsonb");
            e.Property(x => x.After).HasColumnType("jsonb");
        });

        b.Entity<SignInAccountRow>(e =>
        {
            e.ToTable("sign_in_accounts", t =>
            {
                t.HasCheckConstraint("ck_sign_in_accounts_kind", "kind IN ('staff','family','resident')");
                t.HasCheckConstraint("ck_sign_in_accounts_role",
                    "(kind = 'staff' AND role IN ('operations','accountant','staff')) OR (kind = 'family' AND role = 'family') OR (kind = 'resident' AND role = 'resident')");
            });
            e.HasIndex(x => new { x.Kind, x.Login }).IsUnique();
            e.HasIndex(x => new { x.Kind, x.Subject }).IsUnique();
        });

        b.Entity<FamilyRow>(e =>
        {
            e.ToTable("families");
            e.HasKey(x => x.Subject);
            e.HasIndex(x => x.Email).IsUnique();
        });

        b.Entity<ContactRow>(e =>
        {
            e.ToTable("family_contacts");
            e.HasIndex(x => new { x.FamilySubject, x.PersonNumber }).IsUnique();
            e.HasIndex(x => x.PersonNumber);
        });

        b.Entity<MessageRow>(e =>
        {
            e.ToTable("messages", t => t.HasCheckConstraint("ck_messages_stamps", "stamps > 0 AND characters > 0"));
            e.HasIndex(x => new { x.SenderSubject, x.IdempotencyKey }).IsUnique();
            e.HasIndex(x => new { x.FacilityCode, x.Status });
            e.HasIndex(x => new { x.PersonNumber, x.CreatedAt });
            e.HasIndex(x => new { x.FamilySubject, x.CreatedAt });
        });

        b.Entity<MediaItemRow>(e =>
        {
            e.ToTable("media_items", t =>
            {
                t.HasCheckConstraint("ck_media_items_kind", "kind IN ('song','album','game','movie_rental','ebook','course','news')");
                t.HasCheckConstraint("ck_media_items_price", "price_cents >= 0");
                t.HasCheckConstraint("ck_media_items_rental", "(kind = 'movie_rental') = (rental_hours IS NOT NULL)");
            });
            e.HasIndex(x => x.FacilityCode);
        });

        b.Entity<MediaPurchaseRow>(e =>
        {
            e.ToTable("media_purchases");
            e.HasIndex(x => new { x.PersonNumber, x.IdempotencyKey }).IsUnique();
            e.HasOne<MediaItemRow>().WithMany().HasForeignKey(x => x.MediaItemId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<TransferRow>(e =>
        {
            e.ToTable("trust_to_media_transfers", t => t.HasCheckConstraint("ck_transfers_amount", "amount_cents > 0"));
            e.HasIndex(x => new { x.PersonNumber, x.IdempotencyKey }).IsUnique();
        });

        b.Entity<RequestDeadlineRow>(e =>
        {
            e.ToTable("request_deadlines", t => t.HasCheckConstraint("ck_request_deadlines_hours", "hours > 0"));
            e.HasKey(x => new { x.FacilityCode, x.Kind });
        });

        b.Entity<ResidentRequestRow>(e =>
        {
            e.ToTable("resident_requests", t =>
                t.HasCheckConstraint("ck_resident_requests_kind", "kind IN ('medical','grievance','classification','support')"));
            e.HasIndex(x => new { x.FacilityCode, x.Status, x.DueAt });
            e.HasIndex(x => x.PersonNumber);
        });

        b.Entity<RequestEventRow>(e =>
        {
            e.ToTable("request_events");
            e.HasOne<ResidentRequestRow>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<VisitSlotRow>(e =>
        {
            e.ToTable("visit_slots", t =>
            {
                t.HasCheckConstraint("ck_visit_slots_capacity", "booked >= 0 AND booked <= capacity");
                t.HasCheckConstraint("ck_visit_slots_times", "ends_at > starts_at");
            });
            e.HasIndex(x => new { x.FacilityCode, x.StartsAt }).IsUnique();
        });

        b.Entity<VisitBookingRow>(e =>
        {
            e.ToTable("visit_bookings");
            e.HasOne<VisitSlotRow>().WithMany().HasForeignKey(x => x.SlotId).OnDelete(DeleteBehavior.Restrict);
            // One active booking per resident per slot, whatever the code above it does.
            e.HasIndex(x => new { x.SlotId, x.PersonNumber }).IsUnique().HasFilter("status = 'booked'");
            e.HasIndex(x => new { x.PersonNumber, x.Status });
            e.HasIndex(x => x.FamilySubject);
        });

        b.Entity<NotificationRow>(e =>
        {
            e.ToTable("notifications");
            e.HasIndex(x => new { x.PersonNumber, x.CreatedAt });
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
