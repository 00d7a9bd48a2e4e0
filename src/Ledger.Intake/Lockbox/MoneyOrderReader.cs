using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.People;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Intake.Lockbox;

/// <summary>
/// Reads a money-order front and its deposit slip. Each image is decoded once (and deskewed), its
/// background evened out, and recognised in ONE word-level OCR pass (words, boxes, confidences). Fields
/// are then found by what they look like anywhere on the page, with printed labels as hints only: the
/// courtesy amount by its numeral shapes, the legal amount by its number words, the serial as a run of
/// 10–11 digits (checked by the issuer's check digit, or by its repeat in the MICR line), the purchaser
/// by the CITY, ST ZIP line under a street line. An amount is accepted only when the numerals and the
/// words agree; a field that is doubtful is re-read from its crop at full resolution before it is given up.
/// Anything below its threshold comes back null, never a guess.
/// </summary>
public sealed partial class MoneyOrderReader
{
    private const string Digits = "0123456789";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>What a line of numerals is made of, the space included: without it Tesseract must read `$ 806.00` (prairie-bank
    /// prints a space after the sign) as one word, and gives that word 0 however clean the glyphs (ours tuning 9770 #463).</summary>
    private const string NumeralsOnly = Digits + "$.,* ";

    private const double GrainyPaper = 7.5;
    private const double SerialTwoReadsMinConfidence = 30;
    private const double SerialCheckDigitMinConfidence = 50;

    private static readonly string[] SerialLabels = ["SERIAL", "NO", "NUMBER"];
    private static readonly string[] PurchaserLabels = ["FROM", "PURCHASER", "SENDER", "ADDRESS", "PURCHASER'S"];

    public MoneyOrderReader(MoneyOrderReaderOptions? options = null, ReadTimings? timings = null)
    {
        Options = options ?? MoneyOrderReaderOptions.Default;
        Timings = timings;
    }

    public MoneyOrderReaderOptions Options { get; }

    /// <summary>Where the time goes, when the caller wants to know (the benchmark).</summary>
    public ReadTimings? Timings { get; }

    /// <summary>Reads one item's two images with an engine the caller owns (one thread at a time).</summary>
    public LockboxItemReading Read(OcrEngine engine, int sequence, GrayImage moneyOrder, GrayImage depositSlip)
    {
        var order = ReadMoneyOrder(engine, moneyOrder);
        return new(sequence, order, ReadDepositSlip(engine, depositSlip, order));
    }

    /// <summary>Reads one item from a batch, borrowing an engine from the pool.</summary>
    public LockboxItemReading Read(OcrEnginePool pool, LockboxItem item)
    {
        var start = ReadTimings.Timestamp();
        var order = GrayImage.Decode(item.MoneyOrderImage);
        var slip = GrayImage.Decode(item.DepositSlipImage);
        Timings?.Add(ReadStage.Decode, start);
        return pool.Use(engine => Read(engine, item.Sequence, order, slip));
    }

    /// <summary>Reads items on all of the pool's engines at once; results come back in sequence order.</summary>
    public IReadOnlyList<LockboxItemReading> ReadAll(OcrEnginePool pool, IEnumerable<LockboxItem> items, CancellationToken cancellationToken = default)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<LockboxItemReading>();
        Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = pool.Size, CancellationToken = cancellationToken },
            item => results.Add(Read(pool, item)));
        return results.OrderBy(r => r.Sequence).ToList();
    }

    public MoneyOrderReading ReadMoneyOrder(OcrEngine engine, GrayImage image)
    {
        var start = ReadTimings.Timestamp();
        var (clean, text) = Prepared(image);
        Timings?.Add(ReadStage.Preprocess, start);
        var first = RecognizeText(engine, text, clean, restoreCollapsedWords: false);
        var reading = Parse(engine, first, image, clean, out var micrPrints);
        if (reading.AgreedAmount is not null && (reading.Serial.IsAccepted || !Options.ReadsPageAgain)) return reading;
        // The MICR print as this page shows it, asked while the engine still holds the page (a serial read again below must match it).
        IReadOnlyList<string> firstMicr = reading.Serial.IsAccepted || !Options.ReadsPageAgain ? [] : micrPrints();
        // The page's dotted print, sought once for both the joined page and the page without a stamp.
        List<PixelRect>? dottedRegions = null;
        List<PixelRect> Dotted() => dottedRegions ??= DotMatrixPrint.Regions(text);
        if (reading.AgreedAmount is null)
        {
            // Round 34: an amount printed in dots that the page pass could not settle: the page read once more with its dotted
            // print joined into strokes (Reading/DotMatrixPrint). Only the amount is taken from that reading, and only when its two
            // prints agree there on their own evidence; every other field stays as the page was read first.
            start = ReadTimings.Timestamp();
            var joined = DotMatrixPrint.Joined(text, Dotted());
            Timings?.Add(ReadStage.Preprocess, start);
            if (!ReferenceEquals(joined, text)) reading = AmountReadAgain(engine, RecognizeText(engine, joined, clean, restoreCollapsedWords: false), clean, reading) ?? reading;
        }
        // Round 36: the amount still unsettled: the page read again without what is not print (PagesAgain), on the same terms.
        // Round 37: the serial too, but only a serial that the MICR print as first read spells: a top print read there without
        // its MICR repeat stood on a misread (SerialPrintReadAloneRound23Tests), and one print is no serial.
        // Round 40: or any serial still unsettled, taken from the page read again only where that reading's own MICR print spells
        // it too: two prints of one reading, as on the first (a grainy grocery order whose top print and MICR line the page
        // pass read as `ee ae` and noise, third tuning 11 #114, never had its page read again: its first MICR print spelled nothing).
        // Round 46: the MICR print as the page pass read it counts too (`F48004281846F` at 33, its last digit glued to the on-us
        // symbol so no closed field to cut out, beside the top print read 48004281846 at 94 only on the page read again: a skewed
        // grocery order, third tuning 30 #472; #129 alike).
        bool Wanted() => Options.ReadsPageAgain && (reading.AgreedAmount is null || !reading.Serial.IsAccepted);
        if (!Wanted()) return reading;
        foreach (var again in PagesAgain(text, first.TextHeight, Dotted))
        {
            var page = RecognizeText(engine, again, clean, restoreCollapsedWords: false);
            if (reading.AgreedAmount is null) reading = AmountReadAgain(engine, page, clean, reading) ?? reading;
            if (!reading.Serial.IsAccepted)
            {
                start = ReadTimings.Timestamp();
                var issuer = FindIssuer(first);
                var serial = ReadSerial(engine, page, issuer, out var againMicr, out var endsClear);
                // Round 44: or a MICR print spelling it with its on-us symbol read as one digit more, the top print clear after its
                // last digit (MicrSpellsWithSymbolDigit): third MoneyGram tuning 26 #656 and #877 waited with both prints read.
                // Round 46: or, for eleven digits, a MICR field of twelve glyphs read as the value and one digit more: no serial has
                // twelve, so the twelfth is the symbol (RepeatWithSymbolDigit; a skewed grocery order, `65468188103` at the top
                // beside the field read 654681881039, third tuning 30 #170, waited with both prints read).
                if (serial.IsAccepted && (firstMicr.Contains(serial.Value!) || againMicr().Contains(serial.Value!)
                        || (MicrSpellsWithSymbolDigit(serial.Value!, firstMicr.Concat(againMicr()), issuer) && endsClear(serial.Value!))
                        || firstMicr.Concat(againMicr()).Any(p => RepeatWithSymbolDigit(serial.Value!, p))))
                    reading = reading with { Serial = serial };
                Timings?.Add(ReadStage.Parse, start);
            }
            if (!Wanted()) break;
        }
        return reading;
    }

    /// <summary>
    /// The page (as given to the engine) made again for another reading when fields stay unsettled, lazily: round 36, with its loose
    /// specks whitened (Reading/Specks: dust and grain the page pass took into words on noisy scans); round 37, also with a rubber
    /// stamp's gray dropped (<see cref="PurchaserBlock.StampInk"/>: print is near black, a stamp over it mid gray), round 38 but
    /// in the page's dot-matrix print (Reading/DotMatrixPrint), whose dots scan mid gray too.
    /// </summary>
    private IEnumerable<GrayImage> PagesAgain(GrayImage text, int textHeight, Func<List<PixelRect>> dotted)
    {
        var start = ReadTimings.Timestamp();
        var despeckled = Specks.Removed(text, textHeight);
        Timings?.Add(ReadStage.Preprocess, start);
        if (!ReferenceEquals(despeckled, text)) yield return despeckled;
        start = ReadTimings.Timestamp();
        var withoutStamp = Specks.Removed(PurchaserBlock.WithoutStamp(text, kept: dotted()), textHeight);
        Timings?.Add(ReadStage.Preprocess, start);
        yield return withoutStamp;
    }

    /// <summary>The page read again (<paramref name="page"/>): the first reading with this pass's amount, when its two prints agree here.</summary>
    private MoneyOrderReading? AmountReadAgain(OcrEngine engine, PageLayout page, GrayImage clean, MoneyOrderReading reading)
    {
        var start = ReadTimings.Timestamp();
        var (courtesy, legal, agreed, _) = ReadAmount(engine, page, clean);
        Timings?.Add(ReadStage.Parse, start);
        return agreed is null ? null : reading with { CourtesyAmount = courtesy, LegalAmount = legal, AgreedAmount = agreed, AmountIllegible = false };
    }

    private MoneyOrderReading Parse(OcrEngine engine, PageLayout page, GrayImage raw, GrayImage clean, out Func<IReadOnlyList<string>> micrPrints)
    {
        var start = ReadTimings.Timestamp();
        try
        {
            return ParseMoneyOrder(engine, page, raw, clean, out micrPrints);
        }
        finally
        {
            Timings?.Add(ReadStage.Parse, start);
        }
    }

    private MoneyOrderReading ParseMoneyOrder(OcrEngine engine, PageLayout page, GrayImage raw, GrayImage clean, out Func<IReadOnlyList<string>> micrPrints)
    {
        var issuer = FindIssuer(page);
        var serial = ReadSerial(engine, page, issuer, out micrPrints, out _);
        var (courtesy, legal, agreed, anyParsed) = ReadAmount(engine, page, clean);

        var payLabel = page.Find("PAY", "TO", "THE", "ORDER", "OF").Concat(page.Find("PAY", "TO")).FirstOrDefault();
        var payTo = Missing<string>();
        if (payLabel is not null)
        {
            var stop = new HashSet<int>(payLabel.WordIndexes.Concat(Enumerable.Range(0, page.Words.Count).Where(j => page.Words[j].Text.Contains('$', StringComparison.Ordinal))));
            var words = page.RightOf(payLabel.Box, stop);
            if (words.Count == 0)
            {
                // Under the label: only the run of words that starts there, not the next column's print on that row.
                var below = page.Below(payLabel.Box, stop);
                words = below.Count == 0 ? below : page.Segments.First(seg => seg.Contains(below[0])).Where(below.Contains).ToList();
            }
            payTo = TextField(page, words);
        }

        var (purchaserName, purchaserAddress) = ReadPurchaser(engine, page, payTo.RawText);
        // Nothing that parses as an amount, in numerals or in words, anywhere: only then can damage be the reason.
        var illegible = agreed is null && !anyParsed && AmountDamaged(page, raw, serial, payLabel)
            && !AmountReadWhenSoftened(engine, clean);
        return new MoneyOrderReading(issuer?.Code, serial, courtesy, legal, agreed, payTo, purchaserName, purchaserAddress) { AmountIllegible = illegible };
    }

    /// <summary>
    /// The page evened out (<c>Clean</c>), and as the engine is given it (<c>Text</c>: its rules taken out). A grainy scan (speckle,
    /// sensor noise) gets a 3×3 median first: Tesseract's threshold turns grain into specks that split digits and glue letters.
    /// Clean paper measures about 3.5–6, the noisy scans 8.5–10.
    /// </summary>
    internal static (GrayImage Clean, GrayImage Text) Prepared(GrayImage image)
    {
        var clean = image.NormalizeBackground();
        if (clean.PaperGrain() > GrainyPaper) clean = clean.Median3();
        return (clean, clean.WithoutRules());
    }

    private PageLayout RecognizeText(OcrEngine engine, GrayImage text, GrayImage clean, bool restoreCollapsedWords)
    {
        var start = ReadTimings.Timestamp();
        engine.SetImage(text, 300);
        var words = engine.ReadWords(PageSegMode.SparseText).Words;
        Timings?.Add(ReadStage.Ocr, start);
        return new PageLayout(words, clean.Width, clean.Height, restoreCollapsedWords);
    }

    private static MoneyOrderIssuer? FindIssuer(PageLayout page)
    {
        var letters = " " + string.Join(' ', page.Keys.Select(k => new string(k.Where(char.IsAsciiLetterUpper).ToArray())).Where(k => k.Length > 0)) + " ";
        var found = MoneyOrderIssuer.All.Where(i => i.Markers.Any(m => letters.Contains(" " + m + " ", StringComparison.Ordinal))).ToList();
        // A title read a letter off ("P0STAL SERVICE", "MONEYGRAN" under a stamp or grain) still names its issuer: the issuer's
        // check digit is what keeps a misread serial out, so it must not be lost with a letter.
        if (found.Count == 0)
            found = MoneyOrderIssuer.All.Where(i => i.Markers.Any(m => page.Find(m.Split(' ')).Any())).ToList();
        return found.Count == 1 ? found[0] : null;
    }

    private FieldReading<string> TextField(PageLayout page, List<int> words, string? joiner = null)
    {
        if (words.Count == 0) return Missing<string>();
        var text = joiner ?? page.Text(words);
        var conf = page.MinConfidence(words);
        return new FieldReading<string>(conf >= Options.TextMinConfidence ? text : null, conf, text);
    }

    /// <summary>
    /// Two reads at different resolutions that agree character for character: the better of the two
    /// confidences stands (Tesseract's LSTM confidence swings with the crop). Disagreeing: the worse.
    /// </summary>
    private static double Confidence(double fieldRead, double layoutRead, bool agree) =>
        agree ? Math.Max(fieldRead, layoutRead) : Math.Min(fieldRead, layoutRead);

    /// <summary>
    /// Round 26: whether a read of a print's glyphs cut out alone spells one digit for each glyph the line's structure counted
    /// (digits only, as many as the glyphs): a read of more or fewer digits split or lost a glyph, and no digit of it can be
    /// set against a glyph of the print.
    /// </summary>
    internal static bool GlyphForGlyph(string read, MicrLine.Field print) => read.Length == print.Count && read.All(char.IsAsciiDigit);

    /// <summary>
    /// Round 26: a crop of a print held to its glyphs (the box of the glyphs the line's structure counts, not the page pass's
    /// word box, which may take in ink far above or below the print): a third of a glyph height above and below, a sixth beside.
    /// </summary>
    internal static PixelRect GlyphsCrop(PixelRect glyphs) => glyphs.Inflate(Math.Max(3, glyphs.Height / 6), Math.Max(6, glyphs.Height / 3));

    /// <summary>A field's box with room for ascenders, descenders and a little skew.</summary>
    private static PixelRect Around(PixelRect box) => box.Inflate(Math.Max(12, box.Height * 2 / 3), Math.Max(6, box.Height / 3));

    private static bool Near(string key, string name) => PageLayout.IsWord(key, name);

    private static int CountDigits(string s) => s.Count(char.IsAsciiDigit);

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>What a rule, a colon or a speck next to a typed value reads as, at either end.</summary>
    private static string TrimJunk(string s) => s.Trim('-', '.', ':', '_', '~', '|', '—', '–', ',', '\'', '‘', '’', '"', '“', '”');

    private static FieldReading<T> Missing<T>() => new(default, 0, "");
}
