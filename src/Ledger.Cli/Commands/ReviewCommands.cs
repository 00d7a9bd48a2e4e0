using System.CommandLine;
using Ledger.Data.Intake;
using Ledger.Data.Services.Auth;
using Ledger.Domain;
using Ledger.Intake.Keying;

namespace Ledger.Cli.Commands;

/// <summary>
/// The keying queue from a terminal, through the same service as the operations page and API (four-eyes and audit entries included).
/// The staff member is who --staff says (a shell on the database host is trusted like the database itself), known by their sign-in
/// account when they have one, so four-eyes sees the same person whether they key here or on the page.
/// </summary>
public static class ReviewCommands
{
    public static Command Create(CliHost host)
    {
        var list = new Command("list", "Lockbox items waiting to be keyed, with what OCR saw, and keyed items waiting for approval.");
        list.SetAction((_, ct) => CliHost.RunAsync(async () =>
        {
            var queue = host.Get<KeyingQueue>();
            CliHost.WriteJson(new
            {
                FourEyesAboveCents = host.Get<KeyingService>().FourEyesAboveCents,
                Waiting = await queue.WaitingAsync(ct),
                AwaitingApproval = await queue.AwaitingApprovalAsync(ct),
                Reversals = await queue.ReversalsAsync(ct),
                // Not keyable (they are going back), but the batch balances only once their amount is recorded (returned-amount).
                ReturnsAwaitingAmount = await ReturnsAwaitingAmountAsync(host, ct),
            });
            return 0;
        }));

        var file = new Option<long>("--file") { Description = "The intake file's id (as intake and `review list` print it).", Required = true };
        var sequence = new Option<int>("--sequence") { Description = "The item's sequence in its batch.", Required = true };
        var staff = new Option<string>("--staff") { Description = "Who is keying, approving or returning.", Required = true };
        var amount = new Option<string>("--amount") { Description = "The amount on the money order, e.g. 125.00.", Required = true };
        var person = new Option<string>("--person") { Description = "The person number on the deposit slip, e.g. 12345-678.", Required = true };
        var account = new Option<string>("--account") { Description = "trust, media or restitution.", DefaultValueFactory = _ => "trust" };
        var serial = new Option<string?>("--serial") { Description = "The serial number, when OCR could not read it." };
        var key = new Command("key", "Key an item: it posts now, or waits for a second staff member above the four-eyes threshold.")
            { file, sequence, amount, person, account, serial, staff };
        key.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var keyed = new KeyedItem(parse.GetValue(file), parse.GetValue(sequence), Cents(parse.GetValue(amount)!), parse.GetValue(person)!,
                parse.GetValue(account)!, parse.GetValue(serial));
            return Print(await host.Get<KeyingService>().KeyAsync(keyed, await StaffAsync(host, parse.GetValue(staff)!, ct), ct: ct));
        }));

        var resolution = new Option<long>("--resolution") { Description = "The resolution's id (as `review key` and `review list` print it).", Required = true };
        var approve = new Command("approve", "Approve what another staff member keyed: the item posts.") { resolution, staff };
        approve.SetAction((parse, ct) => CliHost.RunAsync(async () =>
            Print(await host.Get<KeyingService>().ApproveAsync(parse.GetValue(resolution), await StaffAsync(host, parse.GetValue(staff)!, ct), ct: ct))));

        var reason = new Option<string>("--reason") { Description = "Why, in words the sender (for a return) or the keyer (for a rejection) will read.", Required = true };
        var reject = new Command("reject", "Reject what another staff member keyed: the item goes back to the queue.") { resolution, reason, staff };
        reject.SetAction((parse, ct) => CliHost.RunAsync(async () =>
            Print(await host.Get<KeyingService>().RejectAsync(parse.GetValue(resolution), await StaffAsync(host, parse.GetValue(staff)!, ct), parse.GetValue(reason)!, ct: ct))));

        var returnedAmount = new Option<string?>("--amount") { Description = "The amount on the money order, if it can be read; what OCR read otherwise." };
        var giveBack = new Command("return", "Return the money order to the sender instead of posting it.") { file, sequence, reason, returnedAmount, staff };
        giveBack.SetAction((parse, ct) => CliHost.RunAsync(async () =>
            Print(await host.Get<KeyingService>().ReturnAsync(parse.GetValue(file), parse.GetValue(sequence), parse.GetValue(reason)!, await StaffAsync(host, parse.GetValue(staff)!, ct),
                parse.GetValue(returnedAmount) is { } text ? Cents(text) : null, ct: ct))));

        var reverse = new Command("reverse", "Apply a MoneyGram reversal in review: the original send is reversed (four-eyes above the threshold).")
            { file, sequence, staff };
        reverse.SetAction((parse, ct) => CliHost.RunAsync(async () =>
            Print(await host.Get<KeyingService>().ReverseAsync(parse.GetValue(file), parse.GetValue(sequence), await StaffAsync(host, parse.GetValue(staff)!, ct), ct: ct))));
        var dismiss = new Command("dismiss", "Dismiss a MoneyGram reversal in review, with the reason: no money moves.") { file, sequence, reason, staff };
        dismiss.SetAction((parse, ct) => CliHost.RunAsync(async () =>
            Print(await host.Get<KeyingService>().DismissAsync(parse.GetValue(file), parse.GetValue(sequence), parse.GetValue(reason)!, await StaffAsync(host, parse.GetValue(staff)!, ct), ct: ct))));

        var tapeAmount = new Option<string>("--amount") { Description = "The money order's amount as the mailroom's tape (or the paper) shows it, e.g. 125.00.", Required = true };
        var readFrom = new Option<string>("--from")
        {
            Description = "Where the amount was read: tape (the mailroom's adding-machine tape) or money_order (the paper, before it goes back).",
            DefaultValueFactory = _ => "tape",
        };
        readFrom.AcceptOnlyFromAmong([.. ReturnsDesk.AmountSources]);
        var amountOfReturn = new Command("returned-amount",
            "Record the amount of a money order that went back to its sender unread (returned as illegible): no money moves; the "
            + "reconciliation counts it as in and returned, and the manifest and letter show it. Once per item, audited.")
            { file, sequence, tapeAmount, readFrom, staff };
        amountOfReturn.SetAction((parse, ct) => CliHost.RunAsync(async () =>
        {
            var (fileId, seq) = (parse.GetValue(file), parse.GetValue(sequence));
            var result = await host.Get<ReturnsDesk>().KeyAmountAsync(fileId, seq, Cents(parse.GetValue(tapeAmount)!), parse.GetValue(readFrom)!,
                await StaffAsync(host, parse.GetValue(staff)!, ct), KeyingAuditTrail.Role, ct);
            var refusal = result.Outcome switch
            {
                ReturnAmountOutcome.Recorded => null,
                ReturnAmountOutcome.NotFound => $"not-found: item {seq} of intake file {fileId} is not a return.",
                ReturnAmountOutcome.NotUnread => "not-returned-unread: " + result.Problem,
                ReturnAmountOutcome.AlreadyKeyed => "amount-already-keyed: " + result.Problem,
                ReturnAmountOutcome.Invalid => "invalid-amount: " + result.Problem,
                _ => throw new InvalidOperationException($"Unknown amount outcome {result.Outcome}."),
            };
            if (refusal is not null)
            {
                await Console.Error.WriteLineAsync("ledger: " + refusal);
                return 1;
            }
            CliHost.WriteJson(result.Return);
            return 0;
        }));

        return new Command("review", "The keying queue: every item in review (lockbox items OCR could not settle, MoneyGram reversals intake could not apply), "
                                     + "and the amounts of money orders returned unread.")
            { list, key, approve, reject, giveBack, reverse, dismiss, amountOfReturn };
    }

    /// <summary>Money orders that went back unread and have no amount yet, with their batch's name (where its tape is).</summary>
    private static async Task<IReadOnlyList<object>> ReturnsAwaitingAmountAsync(CliHost host, CancellationToken ct)
    {
        var returns = (await host.Get<ReturnsDesk>().ListAsync(null, ct: ct)).Where(r => r.AwaitsAmount).ToList();
        // The batches' names in one query, not one per return.
        var names = await host.Get<IntakeStore>().NamesAsync(returns.Select(r => r.Item.FileId).ToHashSet(), ct);
        return returns.Select(r => (object)new
        {
            r.Item.FileId, r.Item.Sequence, FileName = names.GetValueOrDefault(r.Item.FileId), r.Item.Reference, r.Keyed, r.Item.ReasonCode, r.Item.Reason,
            r.Item.SenderName, r.Item.SenderAddress, Disposition = r.Disposition?.Status,
        }).ToList();
    }

    private static async Task<string> StaffAsync(CliHost host, string name, CancellationToken ct)
    {
        await using var db = StaffCommand.NewContext(host);
        return await new SignInAccounts(db, TimeProvider.System).StaffIdentityAsync(name, ct);
    }

    private static long Cents(string text) => Money.TryParseExact(text.Trim().TrimStart('$'), Currency.USD, out var money)
        ? money.MinorUnits
        : throw new InvalidOperationException($"'{text}' is not an amount like 125.00.");

    private static int Print(KeyingResult result)
    {
        if (!result.IsSuccess)
        {
            Console.Error.WriteLine($"ledger: {result.Code}: {result.Detail}");
            return 1;
        }
        CliHost.WriteJson(result.Resolution);
        return 0;
    }
}
