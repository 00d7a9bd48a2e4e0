using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;
using static Ledger.Lockbox.Tests.OcrWords;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 7: the slip's sender lines looked for again as the money order's purchaser block spells them (<see cref="PurchaserLines"/>),
/// and what such a read may confirm (<see cref="ReturnAddress"/>): only together with a clear purchaser block, never alone.
/// </summary>
public class PurchaserLinesTests
{
    private static readonly FieldReading<string> None = new(null, 0, "");

    private static FieldReading<string> Read(string? value, double confidence = 95) => new(value, confidence, value ?? "");

    /// <summary>An order whose amount is illegible, with the given purchaser block (also used by StampedCityLineTests).</summary>
    internal static MoneyOrderReading Order(string purchaserAddress, double confidence) =>
        new("POSTAL", Read("4338479344"), new FieldReading<Money?>(null, 0, ""), new FieldReading<Money?>(null, 0, ""), null,
            None, Read("DENISE HARRIS"), new FieldReading<string>(purchaserAddress, confidence, purchaserAddress)) { AmountIllegible = true };

    private static DepositSlipReading Slip(params AddressLineRead[] reads) => SlipWith(null, reads);

    /// <summary>A slip whose sender address lines were read as <paramref name="reads"/> (the street field as given).</summary>
    internal static DepositSlipReading SlipWith(string? senderStreet, params AddressLineRead[] reads) =>
        new(true, Read("JENNIFER CLARK"), Read("87715-609"), None, new FieldReading<AccountKind?>(AccountKind.Trust, 100, ""),
            Read("DENISE HARRIS"), senderStreet is null ? None : Read(senderStreet), None, None) { AddressReads = reads };

    [Fact]
    public void The_purchaser_block_splits_into_its_street_and_city_lines()
    {
        Assert.Equal(("3059 CEDAR LN", "ST. LOUIS, MO 63103"), PurchaserLines.Split("3059 CEDAR LN, ST. LOUIS, MO 63103"));
        Assert.Null(PurchaserLines.Split(""));
        Assert.Null(PurchaserLines.Split("3059 CEDAR LN"));
    }

    [Fact]
    public void A_line_the_label_did_not_lead_to_is_found_on_the_page_only_as_the_purchaser_spells_it()
    {
        // The street set a line lower than its label's row, the name with a mark glued on: the page pass read them.
        var page = new PageLayout(
        [
            W("SENDER", 50, 700, 120, 24), W("ADDRESS", 180, 700, 150, 24),
            W("3059", 60, 760, 80, 30), W("CEDAR", 150, 760, 110, 30), W("LN", 270, 760, 40, 30, confidence: 71),
            W("DAYTON,", 60, 820, 140, 30), W("OH", 210, 820, 50, 30), W("45402", 270, 820, 110, 30),
        ], 2550, 1100);
        var labels = new HashSet<int> { 0, 1 };

        var street = PurchaserLines.OnPage(page, labels, AddressLine.Street, "3059 CEDAR LN");
        Assert.NotNull(street);
        Assert.Equal(("3059 CEDAR LN", AddressReadKind.AgainstPurchaser, 71.0), (street.Text, street.Kind, street.Confidence));
        Assert.Equal("DAYTON, OH 45402", PurchaserLines.OnPage(page, labels, AddressLine.City, "DAYTON, OH 45402")?.Text);
        // Another house number, or only a part of the line: nothing.
        Assert.Null(PurchaserLines.OnPage(page, labels, AddressLine.Street, "3069 CEDAR LN"));
        Assert.Null(PurchaserLines.OnPage(page, labels, AddressLine.Street, "3059 CEDAR LN APT 2"));
    }

    [Fact]
    public void A_read_spelling_the_purchaser_block_confirms_only_with_the_purchaser_block_read_clearly()
    {
        // The page pass and the crop misread the street (`7658 HILE ST`, `7058 HILL SF`); the crop read at twice the size spells it.
        var slip = Slip(
            new(AddressLine.Street, AddressReadKind.Page, "7658 HILE ST", 91), new(AddressLine.Street, AddressReadKind.Crop, "7058 HILL SF", 88),
            new(AddressLine.Street, AddressReadKind.AgainstPurchaser, "7658 HILL ST", 93),
            new(AddressLine.City, AddressReadKind.Page, "RICHMOND, VA 23220", 96));

        Assert.Equal("7658 HILL ST, RICHMOND, VA 23220", ReturnAddress.Confirmed(Order("7658 HILL ST, RICHMOND, VA 23220", 96), slip));
        // The purchaser block faint: the slip's own read at 93 does not stand in for it.
        Assert.Null(ReturnAddress.Confirmed(Order("7658 HILL ST, RICHMOND, VA 23220", 50), slip));
        // Without the purchaser block, such a read is not one of the slip's two reads of different kinds.
        var alone = Slip(
            new(AddressLine.Street, AddressReadKind.Page, "7658 HILL ST", 96), new(AddressLine.Street, AddressReadKind.AgainstPurchaser, "7658 HILL ST", 96),
            new(AddressLine.City, AddressReadKind.Page, "RICHMOND, VA 23220", 96), new(AddressLine.City, AddressReadKind.Crop, "RICHMOND, VA 23220", 96));
        Assert.Null(ReturnAddress.Confirmed(Order("", 0), alone));
    }

    [Fact]
    public void A_name_found_as_the_purchasers_name_is_the_addressee_only_with_that_name_read_clearly()
    {
        var slip = Slip(
            new(AddressLine.Name, AddressReadKind.AgainstPurchaser, "DENISE HARRIS", 96),
            new(AddressLine.Street, AddressReadKind.Page, "3396 MAIN ST", 95), new(AddressLine.City, AddressReadKind.Page, "BALTIMORE, MD 21201", 96))
            with { SenderName = None };
        var order = Order("3396 MAIN ST, BALTIMORE, MD 21201", 96);

        Assert.Equal("DENISE HARRIS", ReturnAddress.ConfirmedName(order with { PurchaserName = Read("DENISE HARRIS", 90) }, slip));
        Assert.Null(ReturnAddress.ConfirmedName(order with { PurchaserName = Read("DENISE HARRIS", 40) }, slip));
    }
}
