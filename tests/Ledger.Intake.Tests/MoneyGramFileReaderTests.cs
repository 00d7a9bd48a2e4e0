using System.Text;
using Ledger.Domain;
using Ledger.Intake.MoneyGram;

namespace Ledger.Intake.Tests;

public class MoneyGramFileReaderTests
{
    private static MoneyGramFileInfo Validate(string text, bool bom = false) =>
        new MoneyGramFileReader().Validate(new MemoryStream(new UTF8Encoding(bom).GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray()));

    private static MoneyGramFileRefusedException Refused(string text) =>
        Assert.Throws<MoneyGramFileRefusedException>(() => Validate(text));

    [Fact]
    public void A_well_formed_file_validates_with_or_without_a_byte_order_mark()
    {
        var text = new MoneyGramFileBuilder().Send("10000001", "12345678DOE", "125.00").Send("10000002", "12345678DOE", "20.00", "0.00").Build();
        var plain = Validate(text);
        var withBom = Validate(text, bom: true);

        Assert.Equal(2, plain.Trailer.DetailCount);
        Assert.Equal(Money.Usd(14500), plain.Trailer.TotalAmount);
        Assert.Equal(new DateOnly(2026, 11, 23), plain.Header.FileDate);
        Assert.NotEqual(plain.Sha256, withBom.Sha256);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_and_quotes()
    {
        var text = new MoneyGramFileBuilder().Send("10000001", "\"12345678 O'BRIEN, JR\"", "125.00", sender: "\"ANNE \"\"NAN\"\"\",SMITH").Build();
        var records = new List<MoneyGramRecord>();
        records.AddRange(new MoneyGramFileReader().ReadRecords(new MemoryStream(Encoding.UTF8.GetBytes(text)), new MoneyGramFileContents()));
        Assert.Equal("12345678 O'BRIEN, JR", records[0].AccountNumber);
        Assert.Equal("ANNE \"NAN\"", records[0].SenderFirstName);
        Assert.Equal("12 MAIN ST, APT 3", records[0].SenderAddress);
    }

    [Theory]
    [InlineData("\"999,99\"", "amount")]
    [InlineData("12.345", "amount")]
    [InlineData("-5.00", "amount")]
    [InlineData("0.00", "amount")]
    [InlineData("125", "amount")]
    public void A_malformed_amount_refuses_the_file_naming_line_field_and_value(string amount, string field)
    {
        var e = Refused(new MoneyGramFileBuilder().Send("10000001", "12345678DOE", "10.00").Send("10000002", "12345678DOE", amount).Build(trailer: "T,2,0.00,0.00"));
        Assert.Equal(4, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Equal(amount.Trim('"'), e.Value);
    }

    [Theory]
    [InlineData("D,1000001,SEND,2026-11-23T14:05:09-05:00,12345678DOE,B,M,G,A,C,PA,1,P,10.00,1.00,AG,PA,", "reference_number")]
    [InlineData("D,10000001,SENT,2026-11-23T14:05:09-05:00,12345678DOE,B,M,G,A,C,PA,1,P,10.00,1.00,AG,PA,", "transaction_type")]
    [InlineData("D,10000001,SEND,23/11/2026 14:05,12345678DOE,B,M,G,A,C,PA,1,P,10.00,1.00,AG,PA,", "sent_at")]
    [InlineData("D,10000001,SEND,2026-11-23T14:05:09-05:00,12345678DOE,B,M,G,A,C,PA,1,P,10.00,-1.00,AG,PA,", "fee")]
    [InlineData("D,10000001,REVERSAL,2026-11-23T14:05:09-05:00,12345678DOE,B,M,G,A,C,PA,1,P,10.00,1.00,AG,PA,", "original_reference")]
    [InlineData("D,10000001,SEND,2026-11-23T14:05:09-05:00,,B,M,G,A,C,PA,1,P,10.00,1.00,AG,PA,", "account_number")]
    [InlineData("X,10000001,SEND,2026-11-23T14:05:09-05:00,12345678DOE,B,M,G,A,C,PA,1,P,10.00,1.00,AG,PA,", "record_type")]
    public void A_malformed_field_refuses_the_file(string line, string field)
    {
        var e = Refused(new MoneyGramFileBuilder().Raw(line).Build(trailer: "T,1,10.00,1.00"));
        Assert.Equal(field, e.Field);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void A_record_with_the_wrong_number_of_fields_refuses_the_file()
    {
        var e = Refused(new MoneyGramFileBuilder().Raw("D,10000001,SEND,2026-11-23T14:05:09-05:00,12345678DOE,10.00").Build(trailer: "T,1,10.00,0.00"));
        Assert.Equal(3, e.Line);
        Assert.Contains("6 fields; expected 18", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("T,3,145.00,9.98", "detail_count")]
    [InlineData("T,2,145.01,9.98", "total_amount")]
    [InlineData("T,2,145.00,9.99", "total_fee")]
    public void A_trailer_that_does_not_match_the_details_refuses_the_file(string trailer, string field)
    {
        var e = Refused(new MoneyGramFileBuilder().Send("10000001", "12345678DOE", "125.00").Send("10000002", "12345678DOE", "20.00").Build(trailer));
        Assert.Equal(field, e.Field);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void A_truncated_file_without_its_trailer_is_refused()
    {
        var e = Refused(new MoneyGramFileBuilder().Send("10000001", "12345678DOE", "125.00").Build(withTrailer: false));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_refuse_the_file()
    {
        var bytes = Encoding.UTF8.GetBytes(new MoneyGramFileBuilder().Send("10000001", "12345678DOE", "125.00", sender: "JOS?,PEREZ").Build()).ToList();
        bytes[bytes.IndexOf((byte)'?')] = 0xE9; // Latin-1 'é', invalid as UTF-8 here
        var e = Assert.Throws<MoneyGramFileRefusedException>(() => new MoneyGramFileReader().Validate(new MemoryStream(bytes.ToArray())));
        Assert.Contains("not UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_after_the_trailer_refuses_the_file()
    {
        var text = new MoneyGramFileBuilder().Send("10000001", "12345678DOE", "125.00").Build() + "D,10000002,SEND\n";
        Assert.Contains("after the trailer", Refused(text).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_names_are_configurable_and_a_missing_column_is_refused()
    {
        var text = new MoneyGramFileBuilder().Send("10000001", "12345678DOE", "125.00").Build().Replace("reference_number", "ref_no", StringComparison.Ordinal);
        Assert.Throws<MoneyGramFileRefusedException>(() => Validate(text));

        var format = MoneyGramFormat.Default with { ColumnNames = new Dictionary<string, string> { ["reference_number"] = "ref_no" } };
        var info = new MoneyGramFileReader(format).Validate(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(1, info.Trailer.DetailCount);
    }
}

public class PersonMatcherTests
{
    private static readonly People.PersonMatcher Matcher = new([
        new Domain.People.Person("12345-678", "T", "O'BRIEN", "SEAN", Domain.People.PersonStatus.InCustody, Domain.Money.Usd(0)),
        new Domain.People.Person("A1234567", "T", "DOE", "JANE", Domain.People.PersonStatus.InCustody, Domain.Money.Usd(0)),
    ]);

    [Theory]
    [InlineData("12345678OBRIEN", "12345-678")]
    [InlineData("12345-678 o'brien", "12345-678")]
    [InlineData("A1234567DOE", "A1234567")]
    [InlineData("a1234567 doe", "A1234567")]
    public void Register_and_agency_numbers_match_with_the_right_name(string account, string person) =>
        Assert.Equal(person, Matcher.MatchAccountString(account).Person?.PersonNumber);

    [Fact]
    public void An_unknown_number_is_shown_as_a_register_number()
    {
        var match = Matcher.MatchAccountString("69217369SMITH");
        Assert.Equal((People.MatchFailure.UnknownPerson, "69217-369"), (match.Failure, match.NumberGiven));
    }

    [Fact]
    public void The_right_number_with_another_name_is_a_mismatch() =>
        Assert.Equal(People.MatchFailure.NameMismatch, Matcher.MatchAccountString("12345678BRIEN").Failure);
}
