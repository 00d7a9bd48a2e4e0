using System.Globalization;
using System.Text;
using CsvHelper;
using Ledger.Domain.Accounts;
using Ledger.Intake.Lockbox;
using SkiaSharp;

namespace Ledger.Samples.Lockbox;

/// <summary>
/// Writes a lockbox batch folder (batch.csv, items.csv, images/) of synthetic money-order and
/// deposit-slip scans, plus truth.csv with what each item really says. The same options give
/// the same files, byte for byte: every item draws from its own RNG seeded by (seed, sequence).
/// </summary>
public static class LockboxBatchGenerator
{
    private static readonly string[] FirstNames =
        ["MARY", "LINDA", "PATRICIA", "BARBARA", "SUSAN", "DOROTHY", "KAREN", "DONNA", "CAROL", "SHARON",
         "JAMES", "GEORGE", "RONALD", "KENNETH", "PAUL", "LARRY", "FRANK", "ANGELA", "ROSA", "DENISE"];

    private static readonly string[] LastNames =
        ["ANDERSON", "JACKSON", "WHITE", "HARRIS", "CLARK", "LEWIS", "ROBINSON", "WALKER", "YOUNG", "ALLEN",
         "KING", "WRIGHT", "SCOTT", "GREEN", "BAKER", "ADAMS", "NELSON", "HILL", "CAMPBELL", "MITCHELL"];

    private static readonly string[] Streets =
        ["MAIN ST", "OAK AVE", "PINE ST", "MAPLE DR", "CEDAR LN", "ELM ST", "WASHINGTON BLVD", "LAKE RD", "HILL ST", "PARK AVE"];

    private static readonly (string City, string State, string Zip)[] Cities =
        [("PITTSBURGH", "PA", "15213"), ("ALTOONA", "PA", "16601"), ("CLEVELAND", "OH", "44102"), ("BALTIMORE", "MD", "21201"),
         ("RICHMOND", "VA", "23220"), ("BUFFALO", "NY", "14201"), ("NEWARK", "NJ", "07102"), ("TOLEDO", "OH", "43604"),
         ("ERIE", "PA", "16501"), ("DAYTON", "OH", "45402")];

    private static readonly string[] PayToCompany = ["LEDGER INMATE SERVICES", "LEDGER INMATE SVCS"];

    /// <summary>Generates the batch into <paramref name="folder"/> (created if needed; existing batch files are overwritten).</summary>
    public static GeneratedBatch Generate(LockboxGeneratorOptions options, string folder, int? maxParallelism = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ItemCount);
        if (options.People.Count == 0) throw new ArgumentException("The roster is empty.", nameof(options));
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        var items = new TruthItem[options.ItemCount];
        Parallel.For(0, options.ItemCount, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism ?? Environment.ProcessorCount }, i =>
        {
            items[i] = GenerateItem(options, i + 1, folder);
        });
        var total = items.Sum(t => t.AmountCents);
        WriteBatchCsv(options, folder, items.Length, total);
        WriteItemsCsv(folder, items);
        TruthFile.Write(Path.Combine(folder, "truth.csv"), items);
        return new GeneratedBatch(folder, items, total);
    }

    private static readonly string[] OtherBanks = ["LAKESHORE SAVINGS BANK", "CITIZENS NATIONAL BANK", "KEYSTONE CREDIT UNION", "MERCHANTS TRUST COMPANY"];

    /// <summary>The issuer printed on a layout: the bank layout names a bank the reader has never heard of.</summary>
    private static MoneyOrderIssuer IssuerOf(OrderLayout layout, Random rng) => layout switch
    {
        OrderLayout.Postal or OrderLayout.PostalB => MoneyOrderIssuer.PostalService,
        OrderLayout.MoneyGram => MoneyOrderIssuer.MoneyGram,
        OrderLayout.WesternUnion => MoneyOrderIssuer.WesternUnion,
        OrderLayout.PrairieBank => MoneyOrderIssuer.FirstPrairieBank,
        _ => new MoneyOrderIssuer("BANK", OtherBanks[rng.Next(OtherBanks.Length)], [], 10 + rng.Next(2), CheckDigitScheme.None),
    };

    private static TruthItem GenerateItem(LockboxGeneratorOptions o, int sequence, string folder)
    {
        var rng = new Random(HashCode32(o.Seed, sequence));
        var condition = PickCondition(o, rng);
        var layouts = Enum.GetValues<OrderLayout>();
        var layout = layouts[rng.Next(layouts.Length)];
        var issuer = IssuerOf(layout, rng);
        var serial = NewSerial(issuer, rng);
        var overLimit = rng.NextDouble() < o.OverLimitShare;
        var cents = overLimit ? 1000_00 + rng.Next(0, 2000) * 100L + (rng.Next(3) == 0 ? rng.Next(1, 100) : 0) : NewAmount(rng);
        var courtesy = CourtesyText(layout, cents, rng);
        var legal = LegalText(layout, cents, rng);

        var unknown = rng.NextDouble() < o.UnknownPersonShare;
        SamplePerson person;
        if (unknown)
        {
            string number;
            do number = string.Create(CultureInfo.InvariantCulture, $"{rng.Next(10000, 99999)}-{rng.Next(0, 1000):000}");
            while (o.People.Any(p => p.PersonNumber == number));
            person = new SamplePerson(number, LastNames[rng.Next(LastNames.Length)], FirstNames[rng.Next(10, FirstNames.Length)], o.People[rng.Next(o.People.Count)].FacilityCode);
        }
        else person = o.People[rng.Next(o.People.Count)];

        var senderFirst = FirstNames[rng.Next(FirstNames.Length)];
        var senderLast = rng.Next(3) == 0 ? person.LastName : LastNames[rng.Next(LastNames.Length)];
        var senderName = $"{senderFirst} {senderLast}";
        var street = string.Create(CultureInfo.InvariantCulture, $"{rng.Next(10, 9999)} {Streets[rng.Next(Streets.Length)]}");
        var (city, state, zip) = Cities[rng.Next(Cities.Length)];
        var cityLine = $"{city}, {state} {zip}";
        var phone = string.Create(CultureInfo.InvariantCulture, $"({rng.Next(201, 989)}) 555-{rng.Next(0, 10000):0000}");
        var payTo = rng.Next(3) == 0 ? $"{person.FirstName} {person.LastName}" : PayToCompany[rng.Next(PayToCompany.Length)];
        var residentName = rng.Next(2) == 0 ? $"{person.FirstName} {person.LastName}" : $"{person.LastName}, {person.FirstName}";
        AccountKind? marked = rng.NextDouble() < o.NoBoxMarkedShare
            ? null
            : rng.Next(10) switch { < 6 => AccountKind.Trust, < 9 => AccountKind.Media, _ => AccountKind.Restitution };

        var orderIllegible = condition == ScanCondition.Illegible;
        var slipIllegible = orderIllegible && rng.NextDouble() < o.IllegibleSlipAddressShare;
        var stamped = condition == ScanCondition.Stamped;
        var dpi = o.Dpi ?? 200 + 10 * rng.Next(11);

        var orderContent = new OrderContent(issuer, layout, serial, courtesy, legal, payTo, senderName, street, cityLine, o.DepositDate.AddDays(-rng.Next(2, 12)));
        var slipContent = new SlipContent(residentName, person.PersonNumber, person.FacilityCode, marked, rng.Next(2) == 0, senderName, street, cityLine, phone);

        // Stamps and signatures land on the lower part of the page, over the purchaser or the signature line, never over the amount.
        (float, float)? stampAt = stamped ? (rng.Next(300, 1300), rng.Next(700, 840)) : null;
        var order = MoneyOrderRenderer.Render(orderContent, rng, dpi, stampAt, signatureOver: rng.Next(4) == 0);
        var slip = DepositSlipRenderer.Render(slipContent, rng, stamped && rng.Next(2) == 0, dpi);

        var orderName = string.Create(CultureInfo.InvariantCulture, $"images/{sequence:0000}-order.png");
        var slipName = string.Create(CultureInfo.InvariantCulture, $"images/{sequence:0000}-slip.png");
        var spoil = rng.Next(3);
        File.WriteAllBytes(Path.Combine(folder, orderName), Age(order, condition, rng, smearAmounts: orderIllegible, smearAddress: false, spoil));
        File.WriteAllBytes(Path.Combine(folder, slipName), Age(slip, condition, rng, smearAmounts: false, smearAddress: slipIllegible, 0));

        return new TruthItem(sequence, condition, issuer.Code, serial, cents, courtesy, payTo, senderName, $"{street}, {cityLine}",
            person.PersonNumber, $"{person.FirstName} {person.LastName}", person.FacilityCode, marked,
            senderName, street, cityLine, phone, orderIllegible, slipIllegible, unknown, orderName, slipName, LayoutName(layout));
    }

    public static string LayoutName(OrderLayout layout) => layout switch
    {
        OrderLayout.Postal => "postal",
        OrderLayout.PostalB => "postal-b",
        OrderLayout.MoneyGram => "moneygram",
        OrderLayout.WesternUnion => "western-union",
        OrderLayout.PrairieBank => "prairie-bank",
        _ => "other-bank",
    };

    /// <summary>Scanner realism: damage first (on the paper), then skew up to 4 degrees, softness, lamp, sensor noise and speckle.</summary>
    private static byte[] Age(RenderedPage page, ScanCondition condition, Random rng, bool smearAmounts, bool smearAddress, int spoil)
    {
        var r = page.Raster;
        foreach (var a in smearAmounts ? page.AmountAreas : [])
        {
            if (spoil == 0) r.Smear(rng, a);
            else if (spoil == 1) r.Melt(a);
            else r.Tear(rng, a, 215);
        }
        if (smearAddress) foreach (var a in page.AddressAreas) r.Smear(rng, a);
        var angle = condition switch
        {
            ScanCondition.Skewed => (1 + rng.NextDouble() * 3) * (rng.Next(2) == 0 ? -1 : 1),
            ScanCondition.Noisy => rng.NextDouble() * 3 - 1.5,
            _ => rng.NextDouble() * 1.6 - 0.8,
        };
        r.Rotate(angle, 215);
        if (condition == ScanCondition.Noisy)
        {
            r.BoxBlur(1);
            r.UnevenContrast(rng, 1.0);
            r.Noise(rng, 14, 0.002);
        }
        else
        {
            if (rng.Next(2) == 0) r.BoxBlur(1);
            r.UnevenContrast(rng, 0.3);
            r.Noise(rng, 5, 0.0005);
        }
        return r.EncodePng();
    }

    private static ScanCondition PickCondition(LockboxGeneratorOptions o, Random rng)
    {
        var x = rng.NextDouble();
        if ((x -= o.IllegibleShare) < 0) return ScanCondition.Illegible;
        if ((x -= o.SkewedShare) < 0) return ScanCondition.Skewed;
        if ((x -= o.NoisyShare) < 0) return ScanCondition.Noisy;
        if ((x -= o.StampedShare) < 0) return ScanCondition.Stamped;
        return ScanCondition.Clean;
    }

    private static long NewAmount(Random rng) => rng.Next(4) switch
    {
        0 => rng.Next(1, 40) * 25_00L,
        1 => rng.Next(5, 1000) * 100L,
        _ => rng.Next(5_00, 999_99 + 1),
    };

    internal static string NewSerial(MoneyOrderIssuer issuer, Random rng)
    {
        var body = new StringBuilder();
        body.Append((char)('1' + rng.Next(9)));
        var bodyLength = issuer.HasCheckDigit ? issuer.SerialLength - 1 : issuer.SerialLength;
        while (body.Length < bodyLength) body.Append((char)('0' + rng.Next(10)));
        if (issuer.HasCheckDigit) body.Append(MoneyOrderIssuer.ComputeCheckDigit(issuer.CheckDigit, body.ToString()));
        return body.ToString();
    }

    /// <summary>The numeral formats of FORMATS.md: $125.00, $***125.00, $ 125.00, 125 DOLLARS 00 CENTS; thousands with or without a comma.</summary>
    internal static string CourtesyText(OrderLayout layout, long cents, Random rng)
    {
        var ci = CultureInfo.InvariantCulture;
        var dollars = cents / 100;
        var c = cents % 100;
        var d = rng.Next(2) == 0 ? dollars.ToString("#,0", ci) : dollars.ToString(ci);
        return layout switch
        {
            OrderLayout.WesternUnion => string.Create(ci, $"{dollars} DOLLARS {c:00} CENTS"),
            OrderLayout.Postal => string.Create(ci, $"${new string('*', Math.Max(1, 7 - dollars.ToString(ci).Length))}{dollars}.{c:00}"),
            OrderLayout.PostalB or OrderLayout.MoneyGram => string.Create(ci, $"${d}.{c:00}"),
            OrderLayout.PrairieBank => string.Create(ci, $"$ {d}.{c:00}"),
            _ => rng.Next(2) == 0 ? string.Create(ci, $"${d}.{c:00}") : string.Create(ci, $"$***{d}.{c:00}"),
        };
    }

    /// <summary>The legal amount: hyphenated or not, AND xx/100 DOLLARS or DOLLARS AND xx CENTS, sometimes fenced with asterisks.</summary>
    internal static string LegalText(OrderLayout layout, long cents, Random rng)
    {
        var words = LegalAmountWords.ToWords(cents);
        var number = words[..words.IndexOf(" AND ", StringComparison.Ordinal)];
        if (rng.Next(3) == 0) number = number.Replace('-', ' ');
        var c = (cents % 100).ToString("00", CultureInfo.InvariantCulture);
        var text = layout == OrderLayout.WesternUnion || rng.Next(4) == 0 ? $"{number} DOLLARS AND {c} CENTS" : $"{number} AND {c}/100 DOLLARS";
        return rng.Next(4) == 0 ? $"***{text}***" : text;
    }

    private static int HashCode32(int seed, int sequence)
    {
        unchecked
        {
            var h = (uint)seed * 2654435761u ^ (uint)sequence * 2246822519u;
            h ^= h >> 15;
            h *= 2246822519u;
            h ^= h >> 13;
            return (int)(h & 0x7FFFFFFF);
        }
    }

    private static void WriteBatchCsv(LockboxGeneratorOptions o, string folder, int count, long totalCents)
    {
        using var writer = new StreamWriter(Path.Combine(folder, "batch.csv"), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var h in new[] { "lockbox_id", "batch_number", "deposit_date", "item_count", "declared_total" }) csv.WriteField(h);
        csv.NextRecord();
        csv.WriteField(o.LockboxId);
        csv.WriteField(o.BatchNumber.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(o.DepositDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        csv.WriteField(count.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(Ledger.Domain.Money.Usd(totalCents).ToDecimalString());
        csv.NextRecord();
    }

    private static void WriteItemsCsv(string folder, IEnumerable<TruthItem> items)
    {
        using var writer = new StreamWriter(Path.Combine(folder, "items.csv"), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var h in new[] { "sequence", "money_order_image", "deposit_slip_image" }) csv.WriteField(h);
        csv.NextRecord();
        foreach (var t in items)
        {
            csv.WriteField(t.Sequence.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(t.MoneyOrderImage);
            csv.WriteField(t.DepositSlipImage);
            csv.NextRecord();
        }
    }
}
