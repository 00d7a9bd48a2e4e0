using System.CommandLine;
using System.Globalization;
using Ledger.Data.Intake;
using Ledger.Data.Journal;
using Ledger.Data.Services.Auth;
using Ledger.Data.Settlements;
using Ledger.Domain;
using Npgsql;

namespace Ledger.Cli.Commands;

/// <summary>
/// Checks paid out of the trust bank account, from a terminal: the same <see cref="DisbursementDesk"/> as the API and the
/// operations page, so the same four-eyes threshold (Disbursements:FourEyesAboveCents) and the same audit entries. The member
/// of staff is who --staff says (a shell on the database host is trusted like the database), known by their sign-in account
/// as `ledger review --staff` knows them, so four-eyes sees one person whether they act here or on the page.
/// </summary>
public static class DisbursementCommands
{
    /// <summary>The role the audit entry records for work done here: disbursements are operations' work (the API requires it).</summary>
    private const string Role = "operations";

    public static Command Create(CliHost host)
    {
        var json = new Option<bool>("--json") { Description = "Print the disbursements as JSON." };
        var list = new Command("list", "Disbursements, newest first: status, amount, payee, check number, who created and approved.") { json };
        list.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var rows = await Store(host).ListAsync(null, ct);
            if (parse.GetValue(json)) CliHost.WriteJson(rows);
            else if (rows.Count == 0) Console.WriteLine("No disbursements.");
            else foreach (var r in rows) Console.WriteLine(Line(r));
            return 0;
        }));

        var staff = new Option<string>("--staff") { Description = "Who is creating, approving or voiding (their sign-in user name).", Required = true };
        var payee = new Option<string>("--payee") { Description = "Who the check is made out to.", Required = true };
        var address = new Option<string?>("--address") { Description = "Where the check is mailed." };

        var facility = new Option<string>("--facility") { Description = "The facility whose restitution is paid, e.g. FCI-LOR.", Required = true };
        var periodEnd = new Option<string>("--period-end") { Description = "The last UTC day collected restitution counts for (YYYY-MM-DD).", Required = true };
        var court = new Command("court-remittance",
            "Pay the court the restitution collected at a facility up to the end of a period and not remitted yet (one check; four-eyes above the threshold).")
            { facility, periodEnd, payee, address, staff };
        court.SetAction((parse, ct) => CliHost.RunAsync(async () => Print(await Desk(host).CreateCourtRemittanceAsync(await StaffAsync(host, parse.GetValue(staff)!, ct),
            parse.GetValue(facility)!, Day(parse.GetValue(periodEnd)!, "--period-end"), parse.GetValue(payee)!, parse.GetValue(address), ct), "created")));

        var person = new Option<string>("--person") { Description = "The released person whose whole trust balance is paid.", Required = true };
        var release = new Command("release-balance", "Pay a released person's whole trust balance by check (four-eyes above the threshold).")
            { person, payee, address, staff };
        release.SetAction((parse, ct) => CliHost.RunAsync(async () => Print(await Desk(host).CreateReleaseBalanceAsync(await StaffAsync(host, parse.GetValue(staff)!, ct),
            parse.GetValue(person)!, parse.GetValue(payee)!, parse.GetValue(address), ct), "created")));

        var file = new Option<long>("--file") { Description = "The lockbox intake file's id (as `returns list` prints it).", Required = true };
        var sequence = new Option<int>("--sequence") { Description = "The money order's sequence in its batch.", Required = true };
        var refund = new Command("refund-check",
            "Refund by check what a money order's excess put in refunds payable, to the sender on its slip (four-eyes above the threshold).")
            { file, sequence, staff };
        refund.SetAction((parse, ct) => CliHost.RunAsync(async () => Print(await Desk(host).CreateRefundCheckAsync(await StaffAsync(host, parse.GetValue(staff)!, ct),
            parse.GetValue(file), parse.GetValue(sequence), ct), "created")));

        var refundableJson = new Option<bool>("--json") { Description = "Print them as JSON." };
        var refundable = new Command("refundable",
            "Money orders whose excess waits in refunds payable for a refund check (lockbox, not refunded yet): file, sequence, amount, sender.")
            { refundableJson };
        refundable.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var items = (await host.Get<ReturnsDesk>().ListAsync(null, null, ct))
                // One still waiting for its sender's address is not refundable yet (the check would be refused): `returns awaiting-address`.
                .Where(r => r.Source == "lockbox" && r.PayableCents > 0 && r.Disposition is null && !r.AwaitsAddress)
                .Select(r => new { r.Item.FileId, r.Item.Sequence, AmountCents = r.PayableCents, r.Item.SenderName, r.Item.SenderAddress, r.Item.PersonNumber })
                .ToList();
            if (parse.GetValue(refundableJson)) CliHost.WriteJson(items);
            else foreach (var i in items)
                Console.WriteLine($"file {i.FileId} sequence {i.Sequence}: {Money.Usd(i.AmountCents).ToDecimalString()} to {i.SenderName}, {i.SenderAddress} (deposit for {i.PersonNumber})");
            return 0;
        }));

        var id = new Argument<long>("id") { Description = "The disbursement's id (as `disbursements list` prints it)." };
        var approve = new Command("approve", "Approve and issue a disbursement someone else created (refused to its creator).") { id, staff };
        approve.SetAction((parse, ct) => CliHost.RunAsync(async () =>
            Print(await Desk(host).ApproveAsync(await StaffAsync(host, parse.GetValue(staff)!, ct), parse.GetValue(id), ct), "approved")));

        var reason = new Option<string>("--reason") { Description = "Why the check is voided.", Required = true };
        var voidCheck = new Command("void", "Void an issued check (its entry is reversed) or cancel one waiting for approval.") { id, reason, staff };
        voidCheck.SetAction((parse, ct) => CliHost.RunAsync(async () =>
            Print(await Desk(host).VoidAsync(await StaffAsync(host, parse.GetValue(staff)!, ct), parse.GetValue(id), parse.GetValue(reason)!, ct), "voided")));

        var date = new Option<string>("--date") { Description = "The UTC day whose checks (issued or voided) go to the bank (YYYY-MM-DD).", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the CSV here instead of to standard output." };
        var positivePay = new Command("positive-pay", "The bank's positive-pay CSV: every check issued or voided on a day.") { date, output };
        positivePay.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var csv = await Store(host).PositivePayCsvAsync(Day(parse.GetValue(date)!, "--date"), DisbursementSettings.From(host.Configuration).BankAccount, ct);
            if (parse.GetValue(output) is { } target)
            {
                target.Directory?.Create();
                await File.WriteAllTextAsync(target.FullName, csv, ct);
                Console.WriteLine($"positive pay for {parse.GetValue(date)}: {csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1} check(s) in {target.FullName}");
            }
            else Console.Write(csv);
            return 0;
        }));

        return new Command("disbursements", "Money out by check: court remittances, released people's balances, refund checks; approval, void, positive pay.")
            { list, court, release, refundable, refund, approve, voidCheck, positivePay };
    }

    private static DisbursementStore Store(CliHost host) => new(host.Get<NpgsqlDataSource>(), host.Get<JournalStore>(), host.Get<ReturnsDesk>(), TimeProvider.System);

    private static DisbursementDesk Desk(CliHost host) => new(Store(host), DisbursementSettings.From(host.Configuration), TimeProvider.System);

    private static async Task<DisbursementStaff> StaffAsync(CliHost host, string name, CancellationToken ct)
    {
        await using var db = StaffCommand.NewContext(host);
        return new DisbursementStaff(await new SignInAccounts(db, TimeProvider.System).StaffIdentityAsync(name, ct), Role);
    }

    private static DateOnly Day(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new InvalidOperationException($"{option} '{text}' is not a date like 2026-11-23.");

    /// <summary>One line for a disbursement; a refusal is one line on stderr with its code and words, exit 1.</summary>
    private static int Print(DisbursementOutcome outcome, string what)
    {
        if (outcome.Refusal is not null)
        {
            Console.Error.WriteLine($"ledger: {outcome.Refusal}: {outcome.Detail}");
            return 1;
        }
        Console.WriteLine($"{what}: {Line(outcome.Row!)}");
        return 0;
    }

    private static string Line(DisbursementRow r)
    {
        var what = r.Kind switch
        {
            DisbursementKinds.CourtRemittance => $"court remittance {r.FacilityCode} to {r.PeriodEnd:yyyy-MM-dd}",
            DisbursementKinds.ReleaseBalance => $"release balance {r.PersonNumber}",
            _ => $"refund check {r.SourceKey}",
        };
        var check = r.CheckNumber is { } n ? $", check {n}" : "";
        var approved = r.ApprovedBy is null ? "" : $", approved by {r.ApprovedBy}";
        var voided = r.Status == DisbursementStatus.Voided ? $" ({r.VoidReason})" : "";
        return $"disbursement {r.Id}: {what}, {Money.Usd(r.AmountCents).ToDecimalString()} to {r.PayeeName}: {r.Status.Replace('_', ' ')}{voided}{check}; created by {r.CreatedBy}{approved}";
    }
}
