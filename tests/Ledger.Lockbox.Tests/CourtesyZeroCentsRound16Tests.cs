using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 16 (issue #11): numerals in words whose cents "00" the page pass read as the letters "oo" ("87 DOLLARS oo CENTS",
/// western-union tuning seed 9671 #177, skewed): the run of numerals broke at "oo" and no later read of the box parsed, so a
/// legible order waited. Between DOLLARS and CENTS only two digits stand: "oo", "o0", "0o" are 00, and nothing else is read.
/// </summary>
[Collection("ocr")]
public class CourtesyZeroCentsRound16Tests(EngineFixture fixture)
{
    [Theory]
    [InlineData("87 DOLLARS oo CENTS", 8700)]
    [InlineData("87 DOLLARS OO CENTS", 8700)]
    [InlineData("87 DOLLARS O0 CENTS", 8700)]
    [InlineData("1134 DOLLARS 0o CENTS", 113400)]
    public void Zero_cents_read_as_letters_are_zero(string text, long cents)
    {
        Assert.True(CourtesyAmount.TryParseFound(text, out var read));
        Assert.Equal(cents, read);
    }

    [Theory]
    // A letter O beside another digit, or any other letter, is not taken: only 00 can look like oo.
    [InlineData("87 DOLLARS O5 CENTS")]
    [InlineData("87 DOLLARS 6O CENTS")]
    [InlineData("87 DOLLARS QO CENTS")]
    [InlineData("87 DOLLARS OOO CENTS")]
    [InlineData("$87.OO")]
    public void Other_letters_in_the_cents_are_not_read(string text)
    {
        Assert.False(CourtesyAmount.TryParseFound(text, out _));
    }

    [Fact]
    public void Only_two_zeros_or_Os_with_an_O_are_cents_read_as_letters()
    {
        Assert.True(MoneyOrderReader.IsZeroCentsReadAsLetters("OO"));
        Assert.True(MoneyOrderReader.IsZeroCentsReadAsLetters("0O"));
        Assert.False(MoneyOrderReader.IsZeroCentsReadAsLetters("00"));
        Assert.False(MoneyOrderReader.IsZeroCentsReadAsLetters("O"));
        Assert.False(MoneyOrderReader.IsZeroCentsReadAsLetters("OOO"));
        Assert.False(MoneyOrderReader.IsZeroCentsReadAsLetters("OD"));
    }

    [Fact]
    public void The_order_whose_cents_read_as_oo_has_its_amount_read()
    {
        using var order = TuningItems.Order(9671, 177, "86897275534");
        var reading = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path));
        Assert.Equal(8700L, reading.AgreedAmount?.MinorUnits);
        Assert.Equal(8700L, reading.CourtesyAmount.Value?.MinorUnits);
    }
}
