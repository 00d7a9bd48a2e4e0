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
public class ReturnAddressRound44Tests(EngineFixture fixture, ThirdSeed5040Round44 heldBack) : IClassFixture<ThirdSeed5040Round44>
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

    [Fact]
    public void Two_clear_reads_of_the_slip_alone_do_not_stand_beside_a_read_spelling_a_letter_otherwise()
    {
        // Held-back 5040 #192 as read: C read as G alike by the page pass and the cut-out line, COUNTY by the crop at 0.
        AddressLineRead[] reads =
        [
            Street(AddressReadKind.Page, "8785 GOUNTY ROAD 12 LN", 91), Street(AddressReadKind.CleanLine, "8785 GOUNTY ROAD 12 LN", 90),
            City(AddressReadKind.Page, "TUSCALOOSA, AL 35410", 95), City(AddressReadKind.Crop, "TUSCALOOSA, AL 35410", 90),
        ];
        var noPurchaser = PurchaserLinesTests.Order("", 0);
        Assert.Equal("8785 GOUNTY ROAD 12 LN, TUSCALOOSA, AL 35410", ReturnAddress.Confirmed(noPurchaser, PurchaserLinesTests.SlipWith(null, reads)));
        Assert.Null(ReturnAddress.Confirmed(noPurchaser,
            PurchaserLinesTests.SlipWith(null, [.. reads, Street(AddressReadKind.Crop, "8785 COUNTY ROAD 12 LN", 0)])));
        // A faint read that lost a word (`8785 ROAD 12 LN`), spells another line, or is no street line (`8785 GOUNTY ROAD 12 LM`:
        // no street type) says nothing against it.
        Assert.NotNull(ReturnAddress.Confirmed(noPurchaser,
            PurchaserLinesTests.SlipWith(null, [.. reads, Street(AddressReadKind.Crop, "8785 ROAD 12 LN", 69), Street(AddressReadKind.Crop, "TUSCALOOSA", 10),
                Street(AddressReadKind.Crop, "8785 GOUNTY ROAD 12 LM", 40)])));
    }

    [Theory]
    [InlineData("8785COUNTYROAD12LN", "8785GOUNTYROAD12LN", true)]
    [InlineData("8785COUNTYRDAD12LN", "8785GOUNTYROAD12LN", true)]
    [InlineData("8785COUNTYRDAD1ZLN", "8785GOUNTYROAD12LN", false)] // three places: another line, or noise
    [InlineData("8785GOUNTYROAD12LN", "8785GOUNTYROAD12LN", false)]
    [InlineData("8785ROAD12LN", "8785GOUNTYROAD12LN", false)]
    public void A_read_spells_a_line_otherwise_in_one_or_two_places(string read, string line, bool otherwise) =>
        Assert.Equal(otherwise, ReturnAddress.SpelledOtherwise(read, line));

    [Fact]
    public void The_illegible_credit_union_order_is_not_mailed_to_a_misread_street()
    {
        var item = new MoneyOrderReader().Read(fixture.Engine, 192, GrayImage.Load(heldBack.Scan(192, "order")), GrayImage.Load(heldBack.Scan(192, "slip")));
        var address = ReturnAddress.Confirmed(item.MoneyOrder, item.DepositSlip);
        Assert.True(address is null or "8785 COUNTY ROAD 12 LN, TUSCALOOSA, AL 35410", address);
    }
}
