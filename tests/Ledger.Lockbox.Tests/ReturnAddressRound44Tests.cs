using Ledger.Intake.Lockbox;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>
/// Round 44 (issue #11): a purchaser block that lost the end of its street line under a stamp (`5499 PINE` for 5499 PINE ST) does
/// not confirm the slip's line found again as the block spells it, the first words of a line the slip reads on clearly and well
/// formed (ReturnAddress.Unchallenged). Held-back ours 900082 #267, an unknown person's MoneyGram returned by rule, was mailed to
/// `5499 PINE, TOLEDO, OH 43604` by rounds 42b and 43.
/// </summary>
[Collection("ocr")]
public class ReturnAddressRound44Tests(EngineFixture fixture)
{
    private static AddressLineRead Street(AddressReadKind kind, string text, double confidence) => new(AddressLine.Street, kind, text, confidence);
    private static AddressLineRead City(AddressReadKind kind, string text, double confidence) => new(AddressLine.City, kind, text, confidence);

    [Fact]
    public void A_block_that_lost_its_lines_end_does_not_outweigh_the_slips_clear_reads_of_the_whole_line()
    {
        // The reads of 900082 #267 as round 43 made them.
        var slip = PurchaserLinesTests.SlipWith("5499 PINE ST",
            Street(AddressReadKind.Page, "5499 PINE ST", 96.0), Street(AddressReadKind.Crop, "5499 PINE ST", 95),
            City(AddressReadKind.Page, "TOLEDO, OH 43604", 95.4), City(AddressReadKind.Crop, "TOLEDO, OH 43604", 95),
            Street(AddressReadKind.AgainstPurchaser, "5499 PINE", 96.0));
        var order = PurchaserLinesTests.Order("5499 PINE, TOLEDO, OH 43604", 96.3);

        // The slip's own two reads of each line confirm the whole line.
        Assert.Equal("5499 PINE ST, TOLEDO, OH 43604", ReturnAddress.Confirmed(order, slip));

        // With only one clear read of the slip's street (no second read to confirm it alone), the item waits for a person.
        var once = slip with { AddressReads = slip.AddressReads.Where(r => r.Kind != AddressReadKind.Crop || r.Line != AddressLine.Street).ToList() };
        Assert.Null(ReturnAddress.Confirmed(order, once));
    }

    [Fact]
    public void A_slip_read_with_a_mark_before_the_blocks_spelling_does_not_challenge_it()
    {
        // Only more after the line challenges it: a speck read before the house number (`3S 5499 PINE ST`) is the old mark rule's.
        var slip = PurchaserLinesTests.SlipWith("5499 PINE ST",
            Street(AddressReadKind.Page, "3S 5499 PINE ST", 97), City(AddressReadKind.Page, "TOLEDO, OH 43604", 95.4),
            Street(AddressReadKind.AgainstPurchaser, "5499 PINE ST", 90));
        Assert.Equal("5499 PINE ST, TOLEDO, OH 43604", ReturnAddress.Confirmed(PurchaserLinesTests.Order("5499 PINE ST, TOLEDO, OH 43604", 96.3), slip));
    }

    [Fact]
    public void The_stamped_moneygram_is_not_mailed_to_the_street_without_its_type()
    {
        using var order = TuningItems.Order(900082, 267, "76798965372");
        using var slip = TuningItems.Slip(900082, 267, "64712-303");
        var item = new MoneyOrderReader().Read(fixture.Engine, 267, GrayImage.Load(order.Path), GrayImage.Load(slip.Path));
        var address = ReturnAddress.Confirmed(item.MoneyOrder, item.DepositSlip);
        Assert.True(address is null or "5499 PINE ST, TOLEDO, OH 43604", address);
    }
}
