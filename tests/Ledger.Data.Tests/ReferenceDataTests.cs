using Ledger.Testing;
using Ledger.Data.ReferenceData;
using Ledger.Domain;
using Ledger.Domain.People;
using Ledger.Domain.Policies;

namespace Ledger.Data.Tests;

public class ReferenceDataTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Facilities = """
        facility_code,name,state,deposit_limit,money_order_hold_days,restitution_percent,stamp_price,email_delivery_hours
        RD-ONE,Facility One,PA,999.99,0,0,0.35,08-20
        RD-TWO,Facility Two,AL,500.00,3,12.5,0.40,07-21
        """;

    private async Task LoadFacilitiesAsync() => await db.Importer.ImportFacilitiesAsync(new StringReader(Facilities), "facilities.csv");

    [Fact]
    public async Task Facilities_load_with_their_policy_and_loading_again_changes_nothing()
    {
        await LoadFacilitiesAsync();
        var again = await db.Importer.ImportFacilitiesAsync(new StringReader(Facilities), "facilities.csv");
        Assert.Equal(new ImportSummary(2, 0, 0, 2), again);

        var two = (await db.Directory.FacilitiesAsync())["RD-TWO"];
        Assert.Equal(Money.Usd(50000), two.Policy.DepositLimit);
        Assert.Equal(3, two.Policy.MoneyOrderHoldDays);
        Assert.Equal(1250, two.Policy.RestitutionBasisPoints);
        Assert.Equal(Money.Usd(40), two.Policy.StampPrice);
        Assert.Equal((7, 21), (two.Policy.EmailDeliveryFromHour, two.Policy.EmailDeliveryToHour));
    }

    [Fact]
    public async Task Fee_tiers_load_per_channel_and_amount()
    {
        await LoadFacilitiesAsync();
        await db.Importer.ImportFeesAsync(new StringReader("""
            facility_code,channel,from_amount,to_amount,fee
            RD-ONE,phone,0.01,19.99,2.95
            RD-ONE,phone,20.00,999999.99,4.95
            """), "fees.csv");

        var fees = (await db.Directory.FacilitiesAsync())["RD-ONE"].Policy.Fees;
        Assert.Equal(Money.Usd(295), fees.FeeFor(DepositChannel.Phone, Money.Usd(1999)));
        Assert.Equal(Money.Usd(495), fees.FeeFor(DepositChannel.Phone, Money.Usd(2000)));
        Assert.Equal(Money.Usd(0), fees.FeeFor(DepositChannel.Online, Money.Usd(2000)));
    }

    [Fact]
    public async Task A_roster_loaded_again_updates_people_and_never_deletes_anyone()
    {
        await LoadFacilitiesAsync();
        await db.Importer.ImportRosterAsync(new StringReader("""
            facility_code,person_number,last_name,first_name,status,restitution_owed
            RD-ONE,40000-001,DOE,JOHN,in_custody,1500.00
            RD-ONE,40000-002,ROE,JANE,in_custody,0.00
            """), "roster.csv");
        await db.Journal.PostAsync(Entries.Deposit("rd:1", "40000-002", 100));

        var second = await db.Importer.ImportRosterAsync(new StringReader("""
            facility_code,person_number,last_name,first_name,status,restitution_owed
            RD-TWO,40000-001,DOE,JOHN,in_custody,1200.00
            """), "roster.csv");

        Assert.Equal(new ImportSummary(1, 0, 1, 0), second);
        var john = await db.Directory.FindPersonAsync("40000-001");
        Assert.Equal(("RD-TWO", Money.Usd(120000)), (john!.FacilityCode, john.RestitutionOwed));
        var jane = await db.Directory.FindPersonAsync("40000-002");
        Assert.Equal(PersonStatus.InCustody, jane!.Status);
    }

    [Fact]
    public async Task A_transferred_row_from_the_old_facility_does_not_move_a_person_back()
    {
        await LoadFacilitiesAsync();
        await db.Importer.ImportRosterAsync(new StringReader("""
            facility_code,person_number,last_name,first_name,status,restitution_owed
            RD-TWO,40000-003,POE,EDGAR,in_custody,0.00
            """), "roster.csv");
        await db.Importer.ImportRosterAsync(new StringReader("""
            facility_code,person_number,last_name,first_name,status,restitution_owed
            RD-ONE,40000-003,POE,EDGAR,transferred,0.00
            """), "roster.csv");

        var edgar = await db.Directory.FindPersonAsync("40000-003");
        Assert.Equal(("RD-TWO", PersonStatus.InCustody), (edgar!.FacilityCode, edgar.Status));
    }

    [Theory]
    [InlineData("RD-ONE,40000-009,DOE,JOHN,in_custody,15.000", "line 2, field 'restitution_owed'")]
    [InlineData("RD-ONE,40000-009,DOE,JOHN,paroled,0.00", "line 2, field 'status'")]
    [InlineData("RD-ONE,40000-009,DOE,JOHN,in_custody", "line 2")]
    [InlineData("NOPE,40000-009,DOE,JOHN,in_custody,0.00", "unknown facility code(s) NOPE")]
    public async Task A_bad_roster_is_refused_whole_and_the_error_names_the_place(string row, string expected)
    {
        await LoadFacilitiesAsync();
        var e = await Assert.ThrowsAsync<CsvInputException>(() => db.Importer.ImportRosterAsync(new StringReader(
            "facility_code,person_number,last_name,first_name,status,restitution_owed\n" + row + "\n"), "roster.csv"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Null(await db.Directory.FindPersonAsync("40000-009"));
    }

    [Theory]
    [InlineData("RD-X,X,PA,999,0,0,0.35,08-20", "deposit_limit")]
    [InlineData("RD-X,X,PA,999.99,0,101,0.35,08-20", "restitution_percent")]
    [InlineData("RD-X,X,PA,999.99,0,0,0.35,20-08", "email_delivery_hours")]
    [InlineData("RD-X,X,PA,999.99,-1,0,0.35,08-20", "money_order_hold_days")]
    public async Task A_bad_facilities_file_names_the_field(string row, string field)
    {
        var e = await Assert.ThrowsAsync<CsvInputException>(() => db.Importer.ImportFacilitiesAsync(new StringReader(
            "facility_code,name,state,deposit_limit,money_order_hold_days,restitution_percent,stamp_price,email_delivery_hours\n" + row + "\n"), "facilities.csv"));
        Assert.Equal(field, e.Field);
        Assert.Equal(2, e.Line);
    }
}
