using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Ledger.Domain;
using Ledger.Domain.People;
using Ledger.Intake.MoneyGram;

namespace Ledger.Cli.Samples;

/// <summary>Shares of the cases a generated MoneyGram file holds, in percent of its records.</summary>
public sealed record MoneyGramMix(
    double UnknownPerson = 3, double NameMismatch = 2, double NotInCustody = 3, double OverLimit = 2,
    double RepeatedReference = 1, double Reversal = 1, double MessyAccountString = 15)
{
    /// <summary>Only clean sends to people in custody (for the benchmark's like-for-like runs).</summary>
    public static readonly MoneyGramMix Clean = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// Writes realistic MoneyGram posting files, deterministically from a seed, addressed to the people of
/// a roster: every case the intake decides (credit, over the limit, unknown, released, name mismatch,
/// repeated reference, reversal) in configurable shares. Streams: a million records never sit in memory.
/// </summary>
public sealed class MoneyGramFileGenerator(IReadOnlyList<Person> roster, IReadOnlyDictionary<string, Money> depositLimits, int seed)
{
    private static readonly string[] FirstNames = ["MARIA", "JAMES", "LINDA", "ROBERT", "PATRICIA", "MICHAEL", "BARBARA", "DAVID", "ELIZABETH", "JOSE", "CARMEN", "WILLIE", "GLORIA", "ANTHONY", "DOROTHY", "LUIS"];
    private static readonly string[] LastNames = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "GARCIA", "MILLER", "DAVIS", "RODRIGUEZ", "O'NEAL", "MARTIN", "LEE", "THOMPSON", "WHITE", "HARRIS", "CLARK", "DE LA ROSA"];
    private static readonly string[] Streets = ["MAIN ST", "OAK AVE", "PINE RD", "MAPLE DR", "CEDAR LN", "ELM ST", "WASHINGTON BLVD", "LAKE VIEW CT"];
    private static readonly (string City, string State, string Zip)[] Cities =
        [("PITTSBURGH", "PA", "15212"), ("ATLANTA", "GA", "30310"), ("BIRMINGHAM", "AL", "35203"), ("OAKLAND", "CA", "94601"), ("CHICAGO", "IL", "60623"), ("DETROIT", "MI", "48204"), ("HOUSTON", "TX", "77004")];

    public (long Count, Money Total, Money Fees) Write(TextWriter output, DateOnly fileDate, int fileSequence, int records, MoneyGramMix mix, int firstReference)
    {
        var random = new Random(seed);
        var inCustody = roster.Where(p => p.Status == PersonStatus.InCustody).ToArray();
        var notInCustody = roster.Where(p => p.Status != PersonStatus.InCustody).ToArray();
        if (inCustody.Length == 0) throw new InvalidOperationException("The roster has nobody in custody to send money to.");

        using var csv = new CsvWriter(output, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        Row(csv, "H", fileDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "RC4471", fileSequence.ToString(CultureInfo.InvariantCulture), "INMATE TRUST SERVICES");
        Row(csv, [.. MoneyGramFormat.Columns]);

        var total = Money.Zero(Currency.USD);
        var fees = Money.Zero(Currency.USD);
        var sends = new List<(string Reference, string[] Fields)>();
        var reference = firstReference;
        var start = fileDate.ToDateTime(new TimeOnly(6, 0));
        for (var i = 0; i < records; i++)
        {
            var roll = random.NextDouble() * 100;
            string[] fields;
            if (roll < mix.Reversal && sends.Count > 0)
            {
                var (original, sent) = sends[random.Next(sends.Count)];
                fields = (string[])sent.Clone();
                fields[1] = (reference++).ToString("D8", CultureInfo.InvariantCulture);
                fields[2] = "REVERSAL";
                fields[17] = original;
                sends.RemoveAll(s => s.Reference == original);
            }
            else if (roll < mix.Reversal + mix.RepeatedReference && sends.Count > 0)
            {
                fields = sends[random.Next(sends.Count)].Fields;
            }
            else
            {
                fields = Send(random, (reference++).ToString("D8", CultureInfo.InvariantCulture), start.AddSeconds(i * 50_000.0 / Math.Max(records, 1)),
                    roll - mix.Reversal - mix.RepeatedReference, mix, inCustody, notInCustody);
                if (sends.Count < 10_000) sends.Add((fields[1], fields));
            }
            Row(csv, fields);
            total += Money.ParseExact(fields[13], Currency.USD);
            fees += Money.ParseExact(fields[14], Currency.USD);
        }
        Row(csv, "T", records.ToString(CultureInfo.InvariantCulture), total.ToDecimalString(), fees.ToDecimalString());
        return (records, total, fees);
    }

    private string[] Send(Random random, string reference, DateTime at, double roll, MoneyGramMix mix, Person[] inCustody, Person[] notInCustody)
    {
        var person = inCustody[random.Next(inCustody.Length)];
        var number = person.PersonNumber;
        var lastName = person.LastName;
        var amount = Money.Usd(random.Next(10) < 7 ? random.Next(20, 201) * 100 : random.Next(500, 60_000));

        var cut = mix.UnknownPerson;
        if (roll < cut) number = $"{random.Next(10000, 99999)}-{random.Next(0, 999):D3}";
        else if (roll < (cut += mix.NameMismatch)) lastName = LastNames[random.Next(LastNames.Length)] + "X";
        else if (roll < (cut += mix.NotInCustody) && notInCustody.Length > 0)
        {
            person = notInCustody[random.Next(notInCustody.Length)];
            (number, lastName) = (person.PersonNumber, person.LastName);
        }
        else if (roll < (cut += mix.OverLimit))
        {
            var limit = depositLimits.TryGetValue(person.FacilityCode, out var l) ? l : Money.Usd(99_999);
            amount = limit + Money.Usd(random.Next(1, 50_000));
        }

        var account = number.Replace("-", "", StringComparison.Ordinal) + lastName.Replace(" ", "", StringComparison.Ordinal);
        if (random.NextDouble() * 100 < mix.MessyAccountString)
        {
            account = random.Next(3) switch
            {
                0 => $"{number} {lastName.ToLowerInvariant()}",
                1 => $" {number.Replace("-", " ", StringComparison.Ordinal)}{lastName} ",
                _ => $"{number.Replace("-", "", StringComparison.Ordinal)}-{lastName}",
            };
        }

        var fee = amount.MinorUnits switch { <= 10_000 => Money.Usd(499), <= 30_000 => Money.Usd(799), _ => Money.Usd(999) };
        var (city, state, zip) = Cities[random.Next(Cities.Length)];
        var offset = TimeSpan.FromHours(-5);
        return
        [
            "D", reference, "SEND", new DateTimeOffset(at, offset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            account, $"{person.FirstName} {person.LastName}",
            FirstNames[random.Next(FirstNames.Length)], LastNames[random.Next(LastNames.Length)],
            $"{random.Next(10, 9999)} {Streets[random.Next(Streets.Length)]}", city, state, zip,
            $"{random.Next(200, 999)}-555-{random.Next(0, 9999):D4}",
            amount.ToDecimalString(), fee.ToDecimalString(), $"AG{random.Next(100000, 999999)}", state, "",
        ];
    }

    /// <summary>
    /// A file MoneyGram "resends": the first <paramref name="count"/> details of <paramref name="original"/>
    /// under a new header, <paramref name="changed"/> of them with their amount raised by $1.00, and a new trailer.
    /// </summary>
    public static (long Count, Money Total, Money Fees) WriteResend(string original, TextWriter output, int count, int changed, int fileSequence)
    {
        var reader = new MoneyGramFileReader();
        var contents = new MoneyGramFileContents();
        using var stream = File.OpenRead(original);
        var records = reader.ReadRecords(stream, contents).Where(r => r.Type == MoneyGramTransactionType.Send).Take(count).ToList();
        using var csv = new CsvWriter(output, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
        var header = contents.Header!;
        Row(csv, "H", header.FileDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), header.ReceiveCode, fileSequence.ToString(CultureInfo.InvariantCulture), header.BillerName);
        Row(csv, [.. MoneyGramFormat.Columns]);
        var total = Money.Zero(Currency.USD);
        var fees = Money.Zero(Currency.USD);
        foreach (var (r, i) in records.Select((r, i) => (r, i)))
        {
            var amount = i < changed ? r.Amount + Money.Usd(100) : r.Amount;
            Row(csv, "D", r.ReferenceNumber, "SEND", r.SentAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), r.AccountNumber,
                r.BeneficiaryName, r.SenderFirstName, r.SenderLastName, r.SenderAddress, r.SenderCity, r.SenderState, r.SenderZip, r.SenderPhone,
                amount.ToDecimalString(), r.Fee.ToDecimalString(), r.AgentId, r.AgentState, "");
            total += amount;
            fees += r.Fee;
        }
        Row(csv, "T", records.Count.ToString(CultureInfo.InvariantCulture), total.ToDecimalString(), fees.ToDecimalString());
        return (records.Count, total, fees);
    }

    private static void Row(CsvWriter csv, params string[] fields)
    {
        foreach (var field in fields) csv.WriteField(field);
        csv.NextRecord();
    }

    public static Encoding Utf8(bool bom) => new UTF8Encoding(bom);
}
