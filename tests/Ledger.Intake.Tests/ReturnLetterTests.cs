using Ledger.Data.Schema;
using Ledger.Intake.Returns;
using UglyToad.PdfPig;

namespace Ledger.Intake.Tests;

/// <summary>The return letters, read back out of the PDF as a reader of the letter would see them.</summary>
public class ReturnLetterTests
{
    private static readonly DateOnly Date = new(2026, 11, 25);

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        return string.Join(' ', document.GetPage(1).GetWords().Select(w => w.Text));
    }

    private static IntakeItemRow Item(string outcome, string reference, long amount, long returned, long credited = 0, long feeRefunded = 0, long? entry = null) => new()
    {
        FileId = 3, Sequence = 17, Reference = reference, Kind = "deposit", Outcome = outcome, AmountCents = amount, ReturnedCents = returned,
        CreditedCents = credited, FeeRefundedCents = feeRefunded, EntryId = entry, SenderName = "MARY ADAMS", SenderAddress = "12 OAK AVE, ERIE, PA 16501",
        PersonNumber = "12345-678", ReasonCode = "x", Reason = "No one with number 12345-678 is in the custody of a facility we serve.",
    };

    [Fact]
    public void A_money_order_returned_unread_says_the_order_itself_goes_back()
    {
        var text = TextOf(ReturnLetter.Render("lockbox", Item("returned", "31234567890", 0, 0), Date));

        Assert.Contains("To: MARY ADAMS", text, StringComparison.Ordinal);
        Assert.Contains("12 OAK AVE", text, StringComparison.Ordinal);
        Assert.Contains("ERIE, PA 16501", text, StringComparison.Ordinal);
        Assert.Contains("Reference: money order serial number 31234567890", text, StringComparison.Ordinal);
        Assert.Contains("Amount returned: the money order itself, with your deposit slip (its amount could not be read)", text, StringComparison.Ordinal);
        Assert.Contains("November 25, 2026", text, StringComparison.Ordinal);
        Assert.Contains("custody of a facility we serve", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_excess_over_the_limit_names_the_amount_returned_and_what_was_credited()
    {
        var text = TextOf(ReturnLetter.Render("lockbox", Item("partially_posted", "31234567891", 150000, 50001, credited: 99999, entry: 9), Date));
        Assert.Contains("Amount returned: $500.01 of the $1500.00 you sent ($999.99 was credited)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_moneygram_refund_names_its_reference_and_the_fee_given_back()
    {
        var text = TextOf(ReturnLetter.Render("moneygram", Item("returned", "50000009", 6000, 6000, feeRefunded: 499, entry: 4), Date));
        Assert.Contains("Reference: MoneyGram reference 50000009", text, StringComparison.Ordinal);
        Assert.Contains("Amount returned: $60.00, plus the fee of $4.99: $64.99 in all", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_items_that_send_something_back_get_a_letter()
    {
        Assert.True(ReturnLetter.IsReturn(Item("returned", "1", 0, 0)));
        Assert.True(ReturnLetter.IsReturn(Item("partially_posted", "2", 150000, 50001)));
        Assert.False(ReturnLetter.IsReturn(Item("posted", "3", 1000, 0)));
        Assert.False(ReturnLetter.IsReturn(Item("in_review", "4", 1000, 0)));
    }
}
