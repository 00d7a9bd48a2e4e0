using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

public sealed class EngineFixture : IDisposable
{
    public OcrEngine Engine { get; } = new();

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition("ocr")]
public class OcrCollection : ICollectionFixture<EngineFixture>;

[Collection("ocr")]
public class ReaderTests(EngineFixture fixture)
{
    private readonly MoneyOrderReader _reader = new();

    public static TheoryData<string, string, string> Layouts => new()
    {
        { "USPS", "40917732215", "$****125.00" },
        { "MONEYGRAM", "79927398713", "$125.00" },
        { "WESTERN_UNION", "55837226379", "125 DOLLARS 00 CENTS" },
        { "FIRST_PRAIRIE_BANK", "2407402419", "$***125.00" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Fields_are_found_by_their_labels_on_every_issuer_layout(string issuer, string serial, string courtesy)
    {
        var expectedSerial = issuer == "USPS" ? serial[..10] + MoneyOrderIssuer.ComputeCheckDigit(CheckDigitScheme.SumMod9, serial.AsSpan(0, 10)) : serial;
        var png = LockboxSampleImages.RenderMoneyOrder(issuer, expectedSerial, courtesy, "ONE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS",
            payTo: "LEDGER INMATE SERVICES", purchaserName: "MARY SMITH", street: "12 MAIN ST", city: "ERIE, PA 16501");
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Decode(png));
        Assert.Equal(issuer, reading.Issuer);
        Assert.Equal(expectedSerial, reading.Serial.Value);
        Assert.Equal(Money.Usd(125_00), reading.LegalAmount.Value);
        Assert.Equal("LEDGER INMATE SERVICES", reading.PayTo.RawText);
        Assert.Equal("MARY SMITH", reading.PurchaserName.RawText);
        Assert.Contains("ERIE", reading.PurchaserAddress.RawText, StringComparison.Ordinal);
        Assert.True(reading.CourtesyAmount.Value is null || reading.CourtesyAmount.Value == Money.Usd(125_00));
        Assert.True(reading.AgreedAmount is null || reading.AgreedAmount == Money.Usd(125_00));
    }

    [Fact]
    public void Agreeing_numerals_and_words_yield_the_amount_only_when_both_clear_the_threshold()
    {
        var png = LockboxSampleImages.RenderMoneyOrder("MONEYGRAM", "79927398713", "$250.00", "TWO HUNDRED FIFTY AND 00/100 DOLLARS");
        var image = GrayImage.Decode(png);
        var lenient = new MoneyOrderReader(new MoneyOrderReaderOptions { AmountMinConfidence = 60 }).ReadMoneyOrder(fixture.Engine, image);
        Assert.Equal(Money.Usd(250_00), lenient.AgreedAmount);
        var strict = new MoneyOrderReader(new MoneyOrderReaderOptions { AmountMinConfidence = 99.5 }).ReadMoneyOrder(fixture.Engine, image);
        Assert.Null(strict.AgreedAmount);
    }

    [Fact]
    public void Disagreeing_numerals_and_words_yield_no_amount()
    {
        var png = LockboxSampleImages.RenderMoneyOrder("MONEYGRAM", "79927398713", "$250.00", "TWO HUNDRED FIVE AND 00/100 DOLLARS");
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Decode(png));
        Assert.Equal(Money.Usd(250_00), reading.CourtesyAmount.Value);
        Assert.Equal(Money.Usd(205_00), reading.LegalAmount.Value);
        Assert.Null(reading.AgreedAmount);
    }

    [Fact]
    public void A_serial_with_a_wrong_check_digit_is_not_accepted()
    {
        var png = LockboxSampleImages.RenderMoneyOrder("MONEYGRAM", "79927398714", "$250.00", "TWO HUNDRED FIFTY AND 00/100 DOLLARS");
        var reading = _reader.ReadMoneyOrder(fixture.Engine, GrayImage.Decode(png));
        Assert.Null(reading.Serial.Value);
        Assert.Contains("79927398714", reading.Serial.RawText.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, AccountKind.Trust)]
    [InlineData(AccountKind.Media, AccountKind.Media)]
    [InlineData(AccountKind.Restitution, AccountKind.Restitution)]
    public void A_deposit_slip_is_read_field_by_field(AccountKind? marked, AccountKind expected)
    {
        for (var seed = 1; seed <= 2; seed++)
        {
            // Seeds 1 and 2 draw the two printings of the form (values beside vs under their labels).
            var png = LockboxSampleImages.RenderDepositSlip("JOHN DOE", "12345-678", "FCI-LOR", marked, "MARY DOE", "4616 ELM ST", "PITTSBURGH, PA 15213", "(412) 555-0187", seed);
            var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Decode(png));
            Assert.True(slip.IsDepositSlip);
            Assert.Equal("12345-678", slip.ResidentNumber.Value);
            Assert.Equal("JOHN DOE", slip.ResidentName.Value);
            Assert.Equal(expected, slip.CreditTo.Value);
            Assert.Equal("4616 ELM ST", slip.SenderAddress.Value);
            Assert.Equal("PITTSBURGH, PA 15213", slip.CityStateZip.Value);
            Assert.True(slip.AddressReadable);
        }
    }

    [Fact]
    public void A_page_that_is_not_a_deposit_slip_yields_nothing()
    {
        var png = LockboxSampleImages.RenderTextLine("RESIDENT NUMBER 12345-678");
        var slip = _reader.ReadDepositSlip(fixture.Engine, GrayImage.Decode(png));
        Assert.False(slip.IsDepositSlip);
        Assert.Null(slip.ResidentNumber.Value);
        Assert.False(slip.AddressReadable);
    }
}
