using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 35 (issue #11): illegible orders of the third generator's forms mailed back, where their return address was clear on
/// both sheets but never confirmed: the purchaser block printed on one line (MoneyGram's, the credit union's and the bank's
/// forms) was not read at all, and a sender line the slip's page pass misread had no second read of the kind the rule asked for.
/// </summary>
public class ReturnAddressRound35Tests
{
    private static PageLayout Page(params Ledger.Intake.Lockbox.Ocr.OcrWord[] words) => new(words, 2000, 1000);

    [Fact]
    public void A_block_on_one_line_is_the_street_up_to_the_comma_before_the_city_line()
    {
        var page = Page(W("2466", 90, 570, 80, 30), W("WASHINGTON", 180, 570, 220, 30), W("AVE", 410, 570, 70, 30), W("UNIT", 490, 570, 80, 30),
            W("3,", 580, 570, 30, 30), W("MOBILE,", 620, 570, 140, 30), W("AL", 770, 570, 40, 30), W("36608", 820, 570, 110, 30));
        var block = MoneyOrderReader.OneLineBlock(page, [.. Enumerable.Range(0, 8)]);

        Assert.NotNull(block);
        Assert.Equal("2466 WASHINGTON AVE UNIT 3", block.Value.Street);
        Assert.Equal("MOBILE, AL 36608", block.Value.City);
    }

    [Fact]
    public void A_misread_label_before_the_house_number_is_left_out_and_a_speck_after_the_state_does_not_hide_the_city_line()
    {
        // The bank form's `Address` read as `appress`; `PA:` and `15247.` as on third tuning seed 6 #170.
        var page = Page(W("appress", 40, 350, 120, 30, 88), W("253", 180, 350, 60, 30), W("COUNTY", 250, 350, 130, 30), W("ROAD", 390, 350, 90, 30),
            W("12", 490, 350, 40, 30), W("BLVD,", 540, 350, 100, 30), W("PITTSBURGH,", 650, 350, 220, 30), W("PA:", 880, 350, 50, 30, 48),
            W("15247.", 940, 350, 110, 30, 48));
        var block = MoneyOrderReader.OneLineBlock(page, [.. Enumerable.Range(0, 9)]);

        Assert.NotNull(block);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], block.Value.Words);
        Assert.Equal("253 COUNTY ROAD 12 BLVD", block.Value.Street);
    }

    [Theory]
    [InlineData("MOBILE, AL 36608")]                        // a city line alone: the two-line block's
    [InlineData("PAY TO THE ORDER OF 31804-225, MOBILE, AL 36608")] // no house number first
    [InlineData("2466, MOBILE, AL 36608")]                  // a house number without a street name
    [InlineData("2466 WASHINGTON AVE UNIT 3 MOBILE AL 36608")] // no comma before the city: where the street ends is a guess
    public void A_line_that_is_not_a_whole_block_is_none(string text)
    {
        var words = text.Split(' ').Select((t, i) => W(t, 100 + 120 * i, 500, 110, 30)).ToArray();
        Assert.Null(MoneyOrderReader.OneLineBlock(Page(words), [.. Enumerable.Range(0, words.Length)]));
    }

    private static readonly FieldReading<string> None = new(null, 0, "");

    private static DepositSlipReading Slip(params AddressLineRead[] reads) =>
        new(true, new("ADAMS, DENISE", 95, "ADAMS, DENISE"), new("24123-137", 95, "24123-137"), None,
            new FieldReading<AccountKind?>(AccountKind.Trust, 100, ""), new("CAROL ADAMS", 95, "CAROL ADAMS"), None, None, None) { AddressReads = reads };

    private static readonly MoneyOrderReading Illegible =
        new("PRAIRIE", new("4338479344", 95, "4338479344"), new FieldReading<Money?>(null, 0, ""), new FieldReading<Money?>(null, 0, ""), null,
            None, None, None) { AmountIllegible = true };

    [Fact]
    public void The_crop_and_the_cut_out_line_agreeing_clearly_confirm_a_line_the_page_pass_misread()
    {
        var slip = Slip(new(AddressLine.Street, AddressReadKind.Page, "944 MAPLE DR", 96), new(AddressLine.Street, AddressReadKind.Crop, "944 MAPLE DR", 96),
            new(AddressLine.City, AddressReadKind.Page, "ERIE, PA 16524", 1), new(AddressLine.City, AddressReadKind.Crop, "ERIE, PA 16524", 96),
            new(AddressLine.City, AddressReadKind.CleanLine, "ERIE, PA 16524", 95));
        Assert.Equal("944 MAPLE DR, ERIE, PA 16524", ReturnAddress.Confirmed(Illegible, slip));
    }

    [Theory]
    [InlineData(96, 79)] // one of the two below the two-reads threshold
    [InlineData(79, 96)]
    public void The_crop_and_the_cut_out_line_confirm_nothing_unless_both_are_clear(double crop, double clean)
    {
        var slip = Slip(new(AddressLine.Street, AddressReadKind.Page, "944 MAPLE DR", 96), new(AddressLine.Street, AddressReadKind.Crop, "944 MAPLE DR", 96),
            new(AddressLine.City, AddressReadKind.Page, "ERIE, PA 16524", 1), new(AddressLine.City, AddressReadKind.Crop, "ERIE, PA 16524", crop),
            new(AddressLine.City, AddressReadKind.CleanLine, "ERIE, PA 16524", clean));
        Assert.Null(ReturnAddress.Confirmed(Illegible, slip));
    }

    [Fact]
    public void Two_cut_out_reads_are_not_two_kinds_of_read()
    {
        var slip = Slip(new(AddressLine.Street, AddressReadKind.Page, "944 MAPLE DR", 96), new(AddressLine.Street, AddressReadKind.Crop, "944 MAPLE DR", 96),
            new(AddressLine.City, AddressReadKind.CleanLine, "ERIE, PA 16524", 96), new(AddressLine.City, AddressReadKind.CleanLine, "ERIE, PA 16524", 95));
        Assert.Null(ReturnAddress.Confirmed(Illegible, slip));
    }

    [Fact]
    public void Numerals_under_the_dates_labels_are_the_date_not_an_amount()
    {
        var page = Page(W("YEAR", 51, 182, 60, 15), W("MONTH", 130, 182, 80, 15), W("DAY", 230, 182, 50, 15),
            W("20.26", 53, 213, 77, 25, 89), W("11", 197, 213, 36, 26), W("$75.00", 1500, 213, 150, 40), W("$20.26", 60, 213, 110, 30),
            W("20.26", 60, 600, 77, 25));
        Assert.True(MoneyOrderReader.InDateField(page, [3], "20.26"));
        Assert.False(MoneyOrderReader.InDateField(page, [5], "$75.00")); // far from the labels
        Assert.False(MoneyOrderReader.InDateField(page, [6], "$20.26")); // a dollar sign: an amount wherever it is
        Assert.False(MoneyOrderReader.InDateField(page, [7], "20.26"));  // far below them
    }

    [Theory]
    [InlineData("MICHAEL PATTERSON", true)]
    [InlineData("VERONICA F. ORTIZ", true)]
    [InlineData("MICHAEL", false)]          // one word
    [InlineData("4557 MAGNOLIA", false)]    // digits
    public void A_sender_name_read_by_the_crop_and_the_cut_out_line_must_look_like_a_name(string text, bool wellFormed) =>
        Assert.Equal(wellFormed, ReturnAddress.IsWellFormed(AddressLine.Name, text));
}

/// <summary>Round 35 on third tuning scans: the orders are illegible and mailed back to the address both sheets print.</summary>
[Collection("ocr")]
public class ReturnAddressRound35ScanTests(EngineFixture fixture, ThirdSeed6Round35 six, ThirdSeed7Round35 seven, ThirdSeed8Round35 eight)
    : IClassFixture<ThirdSeed6Round35>, IClassFixture<ThirdSeed7Round35>, IClassFixture<ThirdSeed8Round35>
{
    private readonly MoneyOrderReader _reader = new();

    private LockboxItemReading Read(ThirdDrawnItems set, int sequence) =>
        _reader.Read(fixture.Engine, sequence, GrayImage.Load(set.Scan(sequence, "order")), GrayImage.Load(set.Scan(sequence, "slip")));

    [Theory]
    [InlineData(13, "8431 FRANKLIN ST, ERIE, PA 16570")]                   // credit union: ADDRESS box under PAY TO and PURCHASER
    [InlineData(110, "2466 WASHINGTON AVE UNIT 3, MOBILE, AL 36608")]     // MoneyGram: under PURCHASER's name
    [InlineData(170, "253 COUNTY ROAD 12 BLVD, PITTSBURGH, PA 15247")]    // bank: `appress` and `PA: 15247.` as read
    [InlineData(183, "6767 MAGNOLIA PL, JACKSON, MS 39221")]              // MoneyGram: the page's faint read replaced by its place read alone
    public void A_one_line_purchaser_block_confirms_the_slips_address(int sequence, string address)
    {
        var item = Read(six, sequence);
        Assert.True(item.MoneyOrder.AmountIllegible);
        Assert.Equal(Chars(address), Chars(item.MoneyOrder.PurchaserAddress.RawText));
        Assert.Equal(Chars(address), Chars(ReturnAddress.Confirmed(item.MoneyOrder, item.DepositSlip) ?? ""));
    }

    [Fact]
    public void The_payee_above_a_one_line_block_is_not_taken_for_the_purchaser()
    {
        // The credit union's form prints PAY TO (the resident, ANDRE ST. JOHN) above the address box, the purchaser beside it.
        var order = Read(six, 13).MoneyOrder;
        Assert.DoesNotContain("JOHN", order.PurchaserName.RawText, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(59, "944 MAPLE DR, ERIE, PA 16524")]             // the city line read at 1 by the page pass
    [InlineData(183, "322 COUNTY ROAD 12 AVE APT 4B, STOCKTON, CA 95296")] // the sender's name read `MISHBEC PATTERSON` at 15
    public void Lines_the_slips_page_pass_misread_are_settled_by_its_other_two_reads(int sequence, string address)
    {
        var item = Read(seven, sequence);
        Assert.True(item.MoneyOrder.AmountIllegible);
        Assert.Equal(Chars(address), Chars(ReturnAddress.Confirmed(item.MoneyOrder, item.DepositSlip) ?? ""));
    }

    [Fact]
    public void A_name_under_its_label_is_not_run_into_a_caption_further_along_the_row()
    {
        var order = Read(seven, 77).MoneyOrder;
        Assert.Equal("PATRICIAJONES", Letters(order.PurchaserName.RawText));
    }

    [Theory]
    [InlineData(10)] // `ONE Y'ORDER` (MONEY ORDER) on the softened page is no amount in words
    [InlineData(42)] // the year `20.26` under YEAR MONTH DAY is no amount in numerals
    public void Blotted_amounts_are_seen_as_illegible_whatever_the_date_and_title_read(int sequence)
    {
        var item = Read(eight, sequence);
        Assert.True(item.MoneyOrder.AmountIllegible);
        Assert.NotNull(ReturnAddress.Confirmed(item.MoneyOrder, item.DepositSlip));
    }

    [Fact]
    public void A_sender_name_label_half_read_still_finds_the_name()
    {
        var slip = Read(eight, 146).DepositSlip;
        Assert.Equal("VERONICAFORTIZ", Letters(slip.SenderName.Value ?? slip.SenderName.RawText));
        Assert.Contains(slip.AddressReads, r => r.Line == AddressLine.Name && r.Kind != AddressReadKind.AgainstPurchaser);
    }

    private static string Chars(string s) => string.Concat(s.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();

    private static string Letters(string s) => string.Concat(s.Where(char.IsAsciiLetter)).ToUpperInvariant();
}
