using Ledger.Intake.Lockbox;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 15: tuning seed 9650 #63 (moneygram, noisy) posted the top print's misreading `36251149872` for 35231149572: the
/// check digit passed it by chance (three digits off), and the MICR line's clear `35231149572`, confirmed too, was taken
/// for an unrelated number beside the labelled serial. The MICR line repeats only the routing number and the serial
/// (FORMATS.md), so a confirmed value of the serial's length read there is the serial's second print.
/// </summary>
public class SerialMicrRepeatRound15Tests
{
    [Fact]
    public void A_labelled_value_beside_an_unrelated_value_of_its_length_on_the_MICR_line_waits()
    {
        Assert.Null(MoneyOrderReader.Chosen(["36251149872", "35231149572"], ["36251149872"], new HashSet<string> { "35231149572" }));
    }

    [Fact]
    public void An_unrelated_value_off_the_MICR_line_leaves_the_labelled_value_standing()
    {
        // An agent's number beside the serial (not on the MICR line): the labelled print is the serial, as before.
        Assert.Equal("36251149872", MoneyOrderReader.Chosen(["36251149872", "35231149572"], ["36251149872"], new HashSet<string>()));
    }

    [Fact]
    public void A_MICR_value_of_another_length_is_not_the_serials_print()
    {
        Assert.Equal("3523114957", MoneyOrderReader.Chosen(["3523114957", "61852376661"], ["3523114957"], new HashSet<string> { "61852376661" }));
    }

    [Fact]
    public void One_value_stands_and_two_related_or_unlabelled_values_wait()
    {
        Assert.Equal("35231149572", MoneyOrderReader.Chosen(["35231149572"], [], new HashSet<string> { "35231149572" }));
        // One or two digits apart: one print misread, nothing says which (Stand's rule, before this one).
        Assert.Null(MoneyOrderReader.Chosen(["35231149572", "35231149872"], ["35231149572"], new HashSet<string>()));
        Assert.Null(MoneyOrderReader.Chosen(["36251149872", "35231149572"], [], new HashSet<string>()));
    }

    [Fact]
    public void Only_a_whole_MICR_field_confirmed_by_a_check_digit_or_another_print_is_the_serials_second_print()
    {
        // 9650 #63: the MICR print, Luhn-valid (strong), a whole field. 9651 #136 (other-bank, clean): the routing number with
        // the transit symbol read as a tenth digit, `2685147051`, a part of a longer run confirmed only by its own re-read:
        // not the serial's print, so the labelled `7756929405` (its MICR repeat read alike) stands.
        var prints = MoneyOrderReader.SerialPrintsOnMicr([
            ("36251149872", false, true, false), ("35231149572", true, true, false),
            ("2685147051", true, false, true), ("7756929405", true, false, false), ("1234567890", true, true, true),
        ]);
        Assert.Equal(["35231149572"], prints.Order());
        Assert.Equal("7756929405", MoneyOrderReader.Chosen(["7756929405", "2685147051"], ["7756929405"],
            MoneyOrderReader.SerialPrintsOnMicr([("7756929405", false, true, false), ("7756929405", true, true, false), ("2685147051", true, false, true)])));
    }
}
