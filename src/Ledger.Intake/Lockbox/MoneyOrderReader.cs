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
        return new(sequence, order, ReadDepositSlip(engine, depositSlip, order.PurchaserAddress.RawText, order.PurchaserName.RawText));
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
        var page = Recognize(engine, image, out var clean);
        var start = ReadTimings.Timestamp();
        try
        {
            return ParseMoneyOrder(engine, page, image, clean);
        }
        finally
        {
            Timings?.Add(ReadStage.Parse, start);
        }
    }

    private MoneyOrderReading ParseMoneyOrder(OcrEngine engine, PageLayout page, GrayImage raw, GrayImage clean)
    {
        var issuer = FindIssuer(page);
        var serial = ReadSerial(engine, page, issuer);
        var (courtesy, legal, agreed, anyParsed) = ReadAmount(engine, page);

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

        var (purchaserName, purchaserAddress) = ReadPurchaser(engine, page);
        // Nothing that parses as an amount, in numerals or in words, anywhere: only then can damage be the reason.
        var illegible = agreed is null && !anyParsed && AmountDamaged(page, raw, serial, payLabel);
        _ = clean;
        return new MoneyOrderReading(issuer?.Code, serial, courtesy, legal, agreed, payTo, purchaserName, purchaserAddress) { AmountIllegible = illegible };
    }

    /// <summary>
    /// Decode is done; here the page is evened out and recognised once, at word level. Dark-on-light print only,
    /// sparse text: a form is scattered labels and values, not paragraphs.
    /// </summary>
    private PageLayout Recognize(OcrEngine engine, GrayImage image, out GrayImage clean, bool restoreCollapsedWords = false)
    {
        var start = ReadTimings.Timestamp();
        clean = image.NormalizeBackground();
        // A grainy scan (speckle, sensor noise) gets a 3×3 median first: Tesseract's threshold turns grain into specks
        // that split digits and glue letters. Clean paper measures about 3.5–6, the noisy scans 8.5–10.
        if (clean.PaperGrain() > GrainyPaper) clean = clean.Median3();
        var text = clean.WithoutRules();
        Timings?.Add(ReadStage.Preprocess, start);
        start = ReadTimings.Timestamp();
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

    private sealed record Candidate(string Value, List<int> Words, double Confidence, bool Labelled, bool Marked = false, bool Part = false);

    /// <summary>
    /// Every run of 10–11 digits on the page is a candidate (a serial split by spaces is joined). The serial is the
    /// one that a second, independent reading confirms: the issuer's check digit, the same digits printed again
    /// elsewhere (the MICR line), or, for an issuer without a check digit, a re-read of its crop that agrees.
    /// A label (SERIAL NUMBER, SERIAL NO., NO.) only ranks candidates; it is never required.
    /// </summary>
    private FieldReading<string> ReadSerial(OcrEngine engine, PageLayout page, MoneyOrderIssuer? issuer)
    {
        var labels = Enumerable.Range(0, page.Words.Count).Where(j => SerialLabels.Any(l => page.Keys[j] == l || (l.Length > 2 && PageLayout.IsWord(page.Keys[j], l)))).ToList();
        var candidates = new List<Candidate>();
        for (var si = 0; si < page.Segments.Count; si++)
        {
            var seg = page.Segments[si];
            var run = new List<int>();
            void Flush()
            {
                var digits = string.Concat(run.Select(k => WordDigits(page.Words[k].Text)));
                if (digits.Length is 10 or 11) Add(run, false);
                else if (digits.Length > 11)
                {
                    // Fields of a MICR line read as one run (OCR dropped the symbols between them): each part of 10–11 digits.
                    for (var a = 0; a < run.Count; a++)
                        for (var b = a + 1; b <= run.Count; b++)
                            if (b - a < run.Count && string.Concat(run.Skip(a).Take(b - a).Select(k => WordDigits(page.Words[k].Text))).Length is 10 or 11)
                                Add(run.GetRange(a, b - a), true);
                }
                run.Clear();
            }
            void Add(List<int> words, bool part)
            {
                var box = page.Box(words);
                var labelled = labels.Any(l => IsLabelOf(page.Words[l].Box, box));
                candidates.Add(new Candidate(string.Concat(words.Select(k => WordDigits(page.Words[k].Text))), [.. words], page.MinConfidence(words), labelled,
                    words.Any(k => HasMark(page.Words[k].Text)), part));
            }
            foreach (var j in seg.Append(-1))
            {
                var text = j < 0 ? "" : WordDigits(page.Words[j].Text);
                if (j >= 0 && text.Length > 0 && text.All(char.IsAsciiDigit))
                {
                    // A mark glued to the digits (a MICR symbol between routing number and serial) bounds a field on both sides.
                    var marked = HasMark(page.Words[j].Text);
                    if (marked) Flush();
                    run.Add(j);
                    if (marked) Flush();
                    continue;
                }
                Flush();
            }
        }
        // The MICR line under each candidate, analysed once per box (Reading/MicrLine), and the page's MICR lines: lines holding
        // ten digits or more whose symbols were found, with each field's own read (cut out alone, symbols left out).
        var lines = new Dictionary<PixelRect, MicrLine?>();
        MicrLine? LineAt(PixelRect box)
        {
            if (!lines.TryGetValue(box, out var line)) lines[box] = line = MicrLine.Find(engine.Image!, box);
            return line;
        }
        var fieldReads = new Dictionary<MicrLine.Field, OcrText>();
        OcrText FieldRead(MicrLine line, MicrLine.Field field)
        {
            if (!fieldReads.TryGetValue(field, out var read)) fieldReads[field] = read = ReadAlone(engine, line.Cut(field), Digits);
            return read;
        }
        List<(MicrLine Line, MicrLine.Field Field)>? micrFields = null;
        // The page's MICR lines: a segment holding a routing number's nine digits or more, or a symbol read as "I:" (the page
        // pass read the whole line as letters, "le ROGTEEASS I: Renee hy", on a clean prairie-bank scan); a line whose symbols
        // are found in the pixels. Round 16: or a word the page pass could not read at all (`ReadAsNoise`: the whole E-13B line
        // read as letters, "i ERR ERE ht ROLETERE TOY 30", outside tuning seed 471 #111, a clean postal order with no digit run
        // and no colon on the line); the symbols must still be found in the pixels.
        // Round 22: or a segment with digits whose line holds a field of 10–11 glyphs between two symbols (the E-13B line read
        // as "\" BERS EGS? Iz 69659448", tuning seed 9774 #51, a stamp's frame across it: no colon, eight digits).
        // Round 23: two digits are enough (lakeside, outside tuning 610 #26: the routing and serial fields read as letters, "SARE",
        // "RRR", only the last field's `"41` as digits); the line must still hold symbols and a field between two of them.
        // Round 27: or no digit at all, when the page pass trusted no word of the segment (`UntrustedWord`: a noisy moneygram's
        // whole E-13B line read as one word "ee" at 30, tuning seed 9826 #127); the same symbols and field are asked of its line.
        List<(MicrLine Line, MicrLine.Field Field)> MicrFields() => micrFields ??= page.Segments
            .Where(seg => CountDigits(page.Text(seg)) >= 9 || seg.Any(j => page.Words[j].Text.Contains(':', StringComparison.Ordinal))
                || seg.Any(j => ReadAsNoise(page.Words[j]))
                // Round 27: or a word far wider than its few letters could be (`ReadAsTooFewLetters`: the whole E-13B line read as "Se"
                // at 36 in a box 626 px wide, 69 tall, prairie-bank tuning 9824 #11, 9803 #112), on a line holding a field between symbols.
                || ((CountDigits(page.Text(seg)) >= 2 || seg.All(j => UntrustedWord(page.Words[j])) || seg.Any(j => ReadAsTooFewLetters(page.Words[j])))
                    && LineAt(page.Box(seg)) is { Symbols: >= 2 } symbols
                    && symbols.Fields.Any(f => f.Count is 10 or 11 && f.Before == MicrLine.Bound.Symbol && f.After == MicrLine.Bound.Symbol)))
            .Select(seg => LineAt(page.Box(seg))).OfType<MicrLine>().Where(l => l.Symbols > 0).Distinct()
            // Round 22: and the line under each candidate's own words: a segment's box may take in other ink (the form's frame read
            // as a word 49 px tall beside the MICR line, 9773 #219), and the line found from it loses fields the candidate's counts.
            .Concat(candidates.Select(c => LineAt(page.Box(c.Words))).OfType<MicrLine>().Where(l => l.Symbols > 0)).Distinct()
            .SelectMany(l => l.Fields.Select(f => (Line: l, Field: f))).ToList();
        // Every bounded MICR field of 10–11 glyphs, cut out alone and read with the digit list, that spells as many digits: the
        // MICR print's own reading of the serial, whether or not the page pass read it. A field is read once (two segments of
        // one line find it twice).
        // Round 22: a field a stroke ran through (`MicrLine.Field.Stroked`) is read too, so that it may disagree, but stands
        // for a value only as another print agreeing with it (`OtherPrint`), never alone.
        List<(string Value, PixelRect Box, double Confidence, bool Stroked)>? micrReads = null;
        List<(string Value, PixelRect Box, double Confidence, bool Stroked)> MicrReads()
        {
            if (micrReads is not null) return micrReads;
            micrReads = [];
            foreach (var (line, field) in MicrFields().Where(m => !m.Field.Open && m.Field.Count is 10 or 11))
            {
                if (micrReads.Any(r => Overlaps(r.Box, field.Box))) continue;
                var read = FieldRead(line, field);
                var value = Squeeze(read.Text);
                if (value.Length == field.Count && value.All(char.IsAsciiDigit)) micrReads.Add((value, field.Box, read.MinConfidence, field.Stroked));
            }
            return micrReads;
        }
        // Another print of the same number: another reading of the page pass spelling it whole, or a field of a MICR line with as
        // many glyphs as it has digits, bounded on both sides, whose own read spells it. Never a part of a longer run of digits
        // ("4998103623" inside "64998103623": a first digit hidden under the title is exactly that).
        // The confidence of the best such print, or null.
        double? OtherPrint(string value, PixelRect here)
        {
            bool Elsewhere(PixelRect other) => !Overlaps(other, here) && !Overlaps(here, other);
            var confidences = candidates.Where(o => o.Value == value && Elsewhere(page.Box(o.Words))).Select(o => o.Confidence).ToList();
            // Round 25: or a field of one glyph more whose own read is an eleven-digit value and one digit after it: the MICR
            // repeat with its on-us symbol counted and read as a twelfth digit (`RepeatWithSymbolDigit`: no serial has twelve;
            // tuning seed 9806 #429, a stamp's frame touching the symbol, the field read 761064381554 beside the top print
            // 76106438155, whose label read said 76196438155: a 0/9 the postal check digit cannot tell apart).
            foreach (var (line, field) in MicrFields().Where(m => (m.Field.Count == value.Length || m.Field.Count == value.Length + 1) && !m.Field.Open && Elsewhere(m.Field.Box)))
            {
                var read = FieldRead(line, field);
                var digits = Squeeze(read.Text);
                if (field.Count == value.Length ? digits == value : RepeatWithSymbolDigit(value, digits)) confidences.Add(read.MinConfidence);
            }
            return confidences.Count == 0 ? null : confidences.Max();
        }
        // Round 26: for an issuer with a check digit that holds for the value, a MICR field away from the print at <here>, of as many
        // glyphs as the value has digits, no stroke through it, cut out alone, spelling the value, whatever ink is glued to its ends
        // (the on-us symbol run into the last digit, which `OtherPrint` does not take: moneygram, tuning seed 9823 #63, stamped).
        // Two prints agreeing digit for digit and the check digit holding: the glued ink hid no digit of the number.
        double? CheckedPrintGlued(string value, PixelRect here)
        {
            if (issuer is not { HasCheckDigit: true } || !issuer.IsValidSerial(value)) return null;
            var confidences = MicrFields().Where(m => !m.Field.Stroked && m.Field.Count == value.Length && !Overlaps(m.Field.Box, here) && !Overlaps(here, m.Field.Box))
                .Select(m => FieldRead(m.Line, m.Field)).Where(r => Squeeze(r.Text) == value).Select(r => r.MinConfidence).ToList();
            return confidences.Count == 0 ? null : confidences.Max();
        }
        // Round 26: a MICR field ending at the edge of the region its line was read from is a print cut short, not a reading of the
        // number (the page pass read only the routing number, and the region, fourteen glyph heights past it, ended inside the
        // serial: "3038115537" of 30381155379, western-union, tuning seed 9823 #4). Its line is found again around the field
        // itself; a field there of the value's length, closed on both sides by no region edge, no stroke through it, cut out alone
        // and spelling the value, is another print of it.
        double? PrintPastEdge(string value, PixelRect here)
        {
            var confidences = new List<double>();
            foreach (var (_, cutField) in MicrFields().Where(m => m.Field.Before == MicrLine.Bound.Edge || m.Field.After == MicrLine.Bound.Edge))
            {
                var cut = cutField.Box;
                if (LineAt(cut) is not { Symbols: > 0 } line) continue;
                foreach (var f in line.Fields.Where(f => !f.Open && !f.Stroked && f.Count == value.Length && f.Before != MicrLine.Bound.Edge && f.After != MicrLine.Bound.Edge
                             && (Overlaps(f.Box, cut) || Overlaps(cut, f.Box)) && !Overlaps(f.Box, here) && !Overlaps(here, f.Box)))
                {
                    var read = FieldRead(line, f);
                    if (Squeeze(read.Text) == value) confidences.Add(read.MinConfidence);
                }
            }
            return confidences.Count == 0 ? null : confidences.Max();
        }
        // A MICR field away from the print at <here>, closed, bounded by a symbol on both sides, of as many glyphs as the value has
        // digits (the issuer's serial length, when the issuer is known), whose own read spells the value.
        bool SymbolBoundFieldSpells(string value, PixelRect here) =>
            (issuer is null || issuer.SerialLength == value.Length)
            && MicrFields().Any(m => !m.Field.Open && m.Field.Count == value.Length && m.Field.Before == MicrLine.Bound.Symbol && m.Field.After == MicrLine.Bound.Symbol
                && !Overlaps(m.Field.Box, here) && !Overlaps(here, m.Field.Box) && Squeeze(FieldRead(m.Line, m.Field).Text) == value);
        List<LabelRead>? labelReads = null;
        List<LabelRead> LabelReads() => labelReads ??= ReadAtLabels(engine, page, labels);

        // A serial that stands must not be contradicted by any reading of its prints: the page pass's candidates, the MICR
        // fields read alone (the page pass may have read that line as letters) and, for a serial that only a re-read of its own
        // print confirmed, the print at the serial label read alone. One of two readings one or two digits apart is misread and
        // nothing says which, even when a third reading sides with one: prints in one font misread alike.
        FieldReading<string> Stand(string value, double confidence, string raw, bool selfConfirmed)
        {
            var readings = candidates.Select(o => o.Value).Concat(MicrReads().Select(r => r.Value)).ToList();
            if (selfConfirmed) readings.AddRange(LabelReads().Select(r => r.Value));
            // A serial only its own pixels confirmed, beside a reading one digit shorter that it holds (a MICR symbol read as one
            // more digit: "76170336901" for 7617033690, whose top print read ten digits; tuning seed 8200 #2): one is misread.
            // Not the other way round: a label or symbol read as a digit beside a print ("02522194617", "14660488711") is common,
            // and the shorter value it holds stands (refusing it cost held-back 900014 about 4 points of orders posted).
            if (selfConfirmed && HoldsShorter(value, readings) && !ShorterReadingsMisread(value, readings))
                return new FieldReading<string>(null, confidence, string.Join(" / ", readings.Prepend(value).Distinct()));
            // Round 19: the top print read with its label glued to it ("No..2985650520") is no candidate, yet it is a clear reading
            // of another print: a value only its own pixels confirmed that holds it with one digit more ("42985650520", the MICR
            // on-us symbol read as a 4; outside 1039 #5, posted with the wrong serial) is refused as beside any shorter reading.
            var labelled = page.Words.Select(w => LabelGluedDigits(w.Text)).OfType<string>().Where(o => !readings.Contains(o)).ToList();
            if (selfConfirmed && HoldsShorter(value, labelled))
                return new FieldReading<string>(null, confidence, string.Join(" / ", readings.Concat(labelled).Prepend(value).Distinct()));
            // Round 20: a value one digit shorter than the issuer's serial, beside a MICR field of the issuer's length that holds it
            // and whose check digit holds (`8978419594` read at the serial label, the top print's first digit under the title's
            // last letter, beside the field `78978419594` between its symbols: held-back outside 1052 #46, a USPS order posted with
            // the wrong serial): the shorter reading lost a digit of a print. A symbol read as the field's extra digit passes the
            // check only by chance (1 in 9–10), so such a value waits for a person whatever path confirmed it.
            if (LostADigitOfACheckedField(value, issuer, MicrReads().Select(r => r.Value)))
                return new FieldReading<string>(null, confidence, string.Join(" / ", readings.Prepend(value).Distinct()));
            // Round 21: the MICR repeat read by the page pass with a symbol beside it taken for one digit more ("99416037694", the
            // on-us symbol read as a 4) is still a reading of the serial's second print: without that digit it spells 9941603769
            // where the top print read 9941663769 (prairie-bank, tuning seed 9758 #285, posted with the wrong serial). One of two
            // readings of the serial is misread: the value stands only as against any reading one or two digits off.
            readings.AddRange(SymbolDigitDropped(value, MicrLineReadings().Select(r => r.Value)));
            // Round 25: so is a MICR field of twelve glyphs read alone as twelve digits (the on-us symbol counted and read as one,
            // `OtherPrint`): an eleven-digit value one or two digits off its first eleven is contradicted by that print.
            if (value.Length == 11)
                readings.AddRange(SymbolDigitDropped(value, MicrFields().Where(m => !m.Field.Open && m.Field.Count == 12)
                    .Select(m => Squeeze(FieldRead(m.Line, m.Field).Text)).Where(d => d.Length == 12 && d.All(char.IsAsciiDigit))));
            if (!Contradicted(value, issuer, readings)) return new FieldReading<string>(value, confidence, raw);
            var valueChecks = issuer is not { HasCheckDigit: true } || value.Length != issuer.SerialLength || issuer.IsValidSerial(value);
            // Round 9: each reading one or two digits off is the page pass's misreading of a print that, read again on its own
            // (its MICR field cut out alone, or its crop with the digit list), spells the value, and two prints spell it
            // (`DissentOverruled`): "6477660486" was the page pass on a MICR field whose cut read 6477660484, as the top print did.
            if (valueChecks && DissentOverruled(value, PrintReads(value))) return new FieldReading<string>(value, confidence, raw);
            // Readings one or two digits apart where one says 0 and the other 6 (or 6/8, 8/9, 0/8): the glyphs' own shapes
            // break the tie, only when every print read either way plainly shows the value's digit (Reading/DigitShape).
            var disputed = DisputedPositions(value, readings);
            if (disputed is not null && valueChecks
                && ShapeSettles(value, readings, SerialPrints(value, readings, disputed), disputed))
                return new FieldReading<string>(value, confidence, raw);
            return new FieldReading<string>(null, confidence, string.Join(" / ", readings.Prepend(value).Distinct()));
        }

        // Round 21: the page pass's runs of digits on a MICR line (its symbols found in the pixels), whole words included: the
        // readings of the MICR print a symbol read as a digit made one digit too long for a candidate of its field.
        List<(string Value, PixelRect Box)> MicrLineReadings() =>
            candidates.Select(c => (c.Value, Box: page.Box(c.Words)))
                .Concat(page.Words.Where(w => WordDigits(w.Text) is { Length: 12 } d && d.All(char.IsAsciiDigit)).Select(w => (Value: WordDigits(w.Text), w.Box)))
                .Where(r => LineAt(r.Box) is { Symbols: > 0 })
                .ToList();

        // Round 16: the readings one digit shorter that the value holds are each the page pass losing a digit of a print, not a
        // symbol read as the value's extra digit (`HoldsShorter`'s fear), when only the page pass read them (no print read alone
        // spells one) and every print read so either (a) counts the value's digits as glyphs, sealed at both ends, and cut out
        // alone spells the value (the page pass dropped the last glyph of a clean top print: "8989418235" over 11 glyphs that
        // read 89894182352, as the MICR field between its symbols did; western-union, tuning seed 9671 #128), or (b) runs into
        // other ink where the value has its extra digit (the MICR print's last digit glued to its on-us symbol or to a
        // signature, "6738367493" beside the top print's 67383674934; 9671 #51, 9672 #110) while the value's own print, on a
        // line with no MICR symbol, counts as many glyphs as its digits, sealed at both ends: its extra digit is a glyph of the
        // print, not a symbol. A shorter reading from a sealed print of its own length still refuses the value.
        bool ShorterReadingsMisread(string value, List<string> readings)
        {
            var shorter = readings.Where(o => o.Length == value.Length - 1 && value.Contains(o, StringComparison.Ordinal)).Distinct().ToList();
            bool SealedBoth(MicrLine.Field f) => Sealing.Of([f]) is { Start: true, End: true };
            var valueSealedOffMicr = candidates.Any(c => c.Value == value && LineAt(page.Box(c.Words)) is { Symbols: 0 } line
                && line.FieldUnder(page.Box(c.Words), value.Length) is { } f && SealedBoth(f));
            foreach (var o in shorter)
            {
                if (MicrReads().Any(r => r.Value == o) || LabelReads().Any(r => r.Value == o)) return false;
                var prints = candidates.Where(c => c.Value == o).ToList();
                if (prints.Count == 0) return false;
                foreach (var c in prints)
                {
                    var box = page.Box(c.Words);
                    if (LineAt(box) is not { } line) return false;
                    if (line.FieldUnder(box, value.Length) is { } whole && SealedBoth(whole) && Squeeze(FieldRead(line, whole).Text) == value) continue;
                    var under = line.FieldsUnder(box).OrderBy(f => f.Box.Left).ToList();
                    var extraAtEnd = value.StartsWith(o, StringComparison.Ordinal);
                    var gluedThere = under.Count > 0 && ((extraAtEnd && under[^1].After == MicrLine.Bound.Glued) || (!extraAtEnd && under[0].Before == MicrLine.Bound.Glued));
                    if (!gluedThere || !valueSealedOffMicr) return false;
                }
            }
            return shorter.Count > 0;
        }

        // Every reading of the serial's prints with the print it came from (the page pass's words, a MICR field cut out alone, the
        // place at a serial label), and, for each page-pass reading one or two digits off the value, that print read again on its
        // own: the MICR field under it cut out alone (not when ink is glued to it), or else its crop held tight to the digits with
        // the digit list, and the crop with room around it when that read holds as many digits (a longer one took in the label).
        // Round 22: the print at a serial label read alone is read again on its own whatever confirmed the value (the top print's
        // crops read nothing, "2751279209" by the page pass, its line cut out at NO. "2754279209" as its MICR field: 9773 #129).
        List<PrintRead> PrintReads(string value)
        {
            var reads = candidates.Select(c => new PrintRead(c.Value, page.Box(c.Words), PagePass: true)).ToList();
            reads.AddRange(MicrReads().Select(r => new PrintRead(r.Value, r.Box, PagePass: false)));
            reads.AddRange(LabelReads().Select(r => new PrintRead(r.Value, r.Place, PagePass: false)));
            // Round 21: a MICR reading one digit longer, without its extra digit, is the page pass's reading of that print, and the
            // field of the value's length under it, cut out alone, is the print read again on its own ("3773214628 4" over a field
            // of ten glyphs between symbols that reads 3773214828, as the top print does: tuning seed 9761 #207).
            foreach (var (micr, box) in MicrLineReadings())
                foreach (var dropped in SymbolDigitDropped(value, [micr]))
                {
                    reads.Add(new PrintRead(dropped, box, PagePass: true));
                    if (LineAt(box)?.FieldUnder(box, value.Length) is { Open: false } field) reads.Add(new PrintRead(Squeeze(FieldRead(LineAt(box)!, field).Text), box, PagePass: false));
                }
            foreach (var c in candidates.Where(c => c.Value.Length == value.Length && Differences(c.Value, value) is > 0 and <= 2))
            {
                var box = page.Box(c.Words);
                var line = LineAt(box);
                if (line is { Symbols: > 0 })
                {
                    if (line.FieldUnder(box, c.Value.Length) is { Open: false } field) reads.Add(new PrintRead(Squeeze(FieldRead(line, field).Text), box, PagePass: false));
                    // Round 26: no field of its length to cut out (a signature's loops glued to its first digits) and the page pass's
                    // word reaching far above and below the line (those loops, the frame under it: "99466379272" at 40 in a box
                    // 135 px tall over digits 35 px tall, other-bank, tuning seed 9827 #394): the print read again from the crop
                    // held to the line's band of digits under the words (`MicrLine.BandUnder`), with the digit list.
                    else if (box.Height > 2 * line.GlyphHeight && line.BandUnder(box) is { } band)
                        reads.Add(new PrintRead(Squeeze(engine.Read(GlyphsCrop(band), PageSegMode.SingleLine, Digits).Text), box, PagePass: false));
                    continue;
                }
                // Round 23: a print off the MICR line whose glyphs the line's structure counts as its digits, no other ink glued to
                // them, is read again as a MICR field is: cut out alone, everything else whitened. A crop takes in the ink around the
                // print (the title's last letter over the first digit, the label `NO.`: "15172055305" for 75172055305, outside tuning
                // 608 #58; "0 16872686336" for 16874686336, 619 #99), and its read is of that ink as much as of the print. The cut
                // is its own read when, read with the digit list and without any, it spells the same digits both times and every glyph
                // whose holes plainly say 0, 6, 8 or 9 is read as that digit (`ShapesAgree`); otherwise its reads join the crops'.
                if (line?.FieldUnder(box, c.Value.Length) is { Open: false, Stroked: false } print)
                {
                    var cut = line.Cut(print);
                    var listed = Squeeze(ReadAlone(engine, cut, Digits).Text);
                    var free = Squeeze(ReadAlone(engine, cut, null).Text);
                    // Round 26: a read of the cut that does not spell one digit per glyph counted is no reading of those glyphs and
                    // says nothing either way (`GlyphForGlyph`: a background wave line glued to a 5 read as "53", "75355569770" for
                    // ten glyphs, beside crops and the MICR field that read 7555569770; other-bank, tuning seed 9826 #13).
                    if (GlyphForGlyph(listed, print)) reads.Add(new PrintRead(listed, box, PagePass: false));
                    if (listed == free && listed.Length == print.Count && listed.All(char.IsAsciiDigit)
                        && ShapesAgree(listed, print.Glyphs.Select(g => DigitShape.GlyphAt(engine.Image!, g) is { } glyph ? DigitShape.Classify(glyph) : DigitForm.Unclear).ToList()))
                        continue;
                    if (GlyphForGlyph(free, print)) reads.Add(new PrintRead(free, box, PagePass: false));
                }
                reads.Add(new PrintRead(Squeeze(engine.Read(box.Inflate(Math.Max(3, box.Height / 6), Math.Max(6, box.Height / 3)), PageSegMode.SingleLine, Digits).Text), box, PagePass: false));
                var around = Squeeze(engine.Read(Around(box), PageSegMode.SingleLine, Digits).Text);
                if (around.Length == value.Length) reads.Add(new PrintRead(around, box, PagePass: false));
            }
            return reads;
        }

        // Every print of the serial that was read as the value or as a reading one or two digits off it, with the form of its
        // glyph at each disputed position: the page pass's words (each digit placed on its word's glyphs) and the MICR fields
        // of as many glyphs (each glyph found by the line's structure).
        List<(string Reading, DigitForm?[] Forms)> SerialPrints(string value, List<string> readings, List<int> positions)
        {
            var image = engine.Image!;
            var wanted = readings.Where(o => o.Length == value.Length && Differences(o, value) <= 2).Append(value).ToHashSet();
            var prints = new List<(string Reading, DigitForm?[] Forms)>();
            foreach (var c in candidates.Where(c => wanted.Contains(c.Value)))
            {
                var places = c.Words.SelectMany(k => page.Words[k].Text.Select((ch, i) => (Word: k, Index: i, Ch: ch))).Where(x => char.IsAsciiDigit(x.Ch)).ToList();
                if (places.Count != c.Value.Length) continue;
                var forms = positions.Select(p => DigitShape.FormsAt(image, page.Words[places[p].Word].Box, page.Words[places[p].Word].Text, [places[p].Index])[0]).ToArray();
                // Round 18: a word whose glyphs could not be matched to its characters (its box stretched over the `NO.` label
                // above it, a MICR symbol read as `"`: outside 510 #42) is judged on the glyphs its line's structure counts under
                // it, when they count its digits and no other ink is glued to them: glyph k is digit k, as on a MICR field; a 6
                // or 9 only with its mouth plain (ink run across a 0 can leave one hole high or low, never a mouth).
                var box = page.Box(c.Words);
                if (forms.Any(f => f is null) && LineAt(box)?.FieldUnder(box, c.Value.Length) is { Open: false } own)
                    forms = positions.Select(p => DigitShape.GlyphAt(image, own.Glyphs[p]) is { } g ? DigitShape.ClassifyWithMouth(g) : (DigitForm?)null).ToArray();
                prints.Add((c.Value, forms));
            }
            foreach (var (line, field) in MicrFields().Where(m => !m.Field.Open && m.Field.Count == value.Length))
            {
                var read = Squeeze(FieldRead(line, field).Text);
                if (!wanted.Contains(read)) continue;
                prints.Add((read, positions.Select(p => DigitShape.GlyphAt(image, field.Glyphs[p]) is { } g ? DigitShape.Classify(g) : (DigitForm?)null).ToArray()));
            }
            return prints;
        }

        // Nothing the page pass read could be confirmed: the print at the serial label read alone, or the MICR field read alone
        // whose issuer's check digit holds.
        FieldReading<string> Fallback(FieldReading<string> none)
        {
            if (ReadSerialAtLabel(issuer, candidates, LabelReads(), OtherPrint, page.Words) is { } atLabel)
                return Stand(atLabel.Value!, atLabel.Confidence, atLabel.RawText, selfConfirmed: false);
            // Round 18: the field's read with the digit list and the check digit are one reading: the field cut out alone is read
            // again without any list (the kind of read the page pass makes) and must spell the same digits.
            var checkedMicr = MicrReads().Where(r => !r.Stroked && issuer is { HasCheckDigit: true } && r.Value.Length == issuer.SerialLength && issuer.IsValidSerial(r.Value)
                && r.Confidence >= Math.Min(SerialCheckDigitMinConfidence, Options.SerialMinConfidence)
                && MicrFields().FirstOrDefault(m => m.Field.Box == r.Box) is { Line: { } line } micr
                && Squeeze(ReadAlone(engine, line.Cut(micr.Field), null).Text) == r.Value).ToList();
            if (checkedMicr.Select(r => r.Value).Distinct().Count() == 1)
                return Stand(checkedMicr[0].Value, checkedMicr.Max(r => r.Confidence), checkedMicr[0].Value, selfConfirmed: true);
            if (StartUnderInk() is { } underInk) return underInk;
            // Round 10: a MICR field's own read (bounded, its glyphs counted) that the page pass read one or two digits off in the
            // top print ("55999193918" at 6 beside the field's 55990193918, outside seed 260 #125) stands as any contradicted
            // serial does (`Stand`): when the top print, read again on its own, spells it (`DissentOverruled`), or the glyphs'
            // shapes settle the digits. Anything less leaves it to a person, as before.
            // (An issuer with a check digit is settled by it above.)
            var micrFloor = Math.Min(SerialTwoReadsMinConfidence, Options.SerialMinConfidence);
            var settled = MicrReads().Where(r => !r.Stroked && r.Confidence >= micrFloor
                    && (issuer is null || (!issuer.HasCheckDigit && issuer.SerialLength == r.Value.Length))
                    && candidates.Any(c => c.Value.Length == r.Value.Length && Differences(c.Value, r.Value) is > 0 and <= 2))
                .Select(r => Stand(r.Value, r.Confidence, r.Value, selfConfirmed: false)).Where(f => f.Value is not null).ToList();
            if (settled.Select(f => f.Value).Distinct().Count() == 1) return settled[0];
            if (MicrReadTwice() is { } micrTwice) return micrTwice;
            if (TwoFieldsAgree() is { } twoFields) return twoFields;
            return none;
        }

        if (candidates.Count == 0)
            return Fallback(Missing<string>());

        var verified = new List<(Candidate C, double Confidence, string Raw, bool Strong, Sealing Sealed, bool OnMicr)>();
        foreach (var c in candidates.OrderByDescending(c => c.Labelled).ThenByDescending(c => c.Confidence))
        {
            var box = page.Box(c.Words);
            // The digits' own line, read by its structure: on a MICR line the symbols bound the fields, and the reading must have
            // one digit per glyph of the field under it (a symbol read as a digit makes one too many, a digit lost in a symbol's
            // quote one too few; no check digit or re-read makes that right).
            var line = LineAt(box);
            var onMicr = line is { Symbols: > 0 };
            var field = line?.FieldUnder(box, c.Value.Length);
            // Round 26: unless another print of the issuer's checked length spells it (`CheckedPrintGlued`): the top print's own line
            // taken for a MICR line (bold serif digits run together, the label's period a symbol), its glyphs not counted.
            var checkedGlued = CheckedPrintGlued(c.Value, box);
            if (onMicr && field is null && checkedGlued is null) continue;
            // Off a MICR line too, the glyphs under the words (in one field, or in groups split by gaps) must count as many as
            // the digits read: a digit glued to a title or two digits run together leave the reading unproven.
            var under = line?.FieldsUnder(box).ToList() ?? [];
            // Round 10: unless a MICR field elsewhere, its glyphs counted as many and bounded on both sides, read cut out alone
            // spells the same digits (outside seed 260 #9: a grainy top print "46133075856" over 19 pieces of ink): that print
            // proves the number's length, and the two prints agree on every digit.
            // Round 18: nor when the count is the digits' once each glyph broken in two side by side is taken once
            // (`MicrLine.GlyphsJoiningBroken`: a light serif 9 whose hairlines broke, tuning seed 9698 #306); the reading still
            // needs its second reading below.
            var brokenGlyphs = field is null && under.Count > 0 && under.Sum(f => f.Count) != c.Value.Length
                && line is { Symbols: 0 } && line.GlyphsJoiningBroken(box) == c.Value.Length;
            // Round 23: nor when the count is the digits' without a label's last letter taken into the print's first field
            // (`MicrLine.GlyphsLessLabelLetter`); the reading still needs its second reading below.
            var labelLetter = field is null && under.Count > 0 && under.Sum(f => f.Count) != c.Value.Length
                && line is { Symbols: 0 } && line.GlyphsLessLabelLetter(box) == c.Value.Length;
            if (field is null && under.Count > 0 && under.Sum(f => f.Count) != c.Value.Length
                && !MicrReads().Any(r => r.Value == c.Value && !Overlaps(r.Box, box) && !Overlaps(box, r.Box)) && !brokenGlyphs && !labelLetter && checkedGlued is null) continue;
            var open = field?.Open ?? under.Any(f => f.Open);
            // A part of a longer run of digits (OCR dropped the symbols between the MICR fields) stands only on the structure.
            // Round 21: unless a MICR field elsewhere of exactly its digits, between two symbols, of the issuer's length, cut out alone
            // spells it: that print counts the number's digits glyph by glyph ("16 3773214828": the top print read with the label's
            // ink as two digits more, tuning seed 9761 #207, prairie-bank, clean).
            if (c.Part && !onMicr && !SymbolBoundFieldSpells(c.Value, box)) continue;
            // What we know of an issuer's serials (length, check digit) holds for its print runs we have seen; a serial of
            // another length is another print run: it stands on the second reading every serial without a check digit needs.
            var scheme = issuer is not null && c.Value.Length == issuer.SerialLength ? issuer : null;
            var other = OtherPrint(c.Value, box) ?? checkedGlued ?? PrintPastEdge(c.Value, box);
            var repeated = other is not null;
            var confidence = Math.Max(c.Confidence, other ?? 0);
            // A known issuer's check digit that fails is a misreading, however many prints repeat it: the same font read by the
            // same engine misreads alike ("30546217453" for 50546217453, a postal order of held-back seed 900009).
            if (scheme is { HasCheckDigit: true } && !scheme.IsValidSerial(c.Value)) continue;
            var checkDigit = scheme is { HasCheckDigit: true } && scheme.IsValidSerial(c.Value);
            var twoReads = repeated;
            if (!checkDigit && !repeated)
            {
                // A print whose digits run into other ink (a title or a stamp over its first digit) may have lost digits there,
                // and a re-read of it loses them too: only another print or the check digit stands for it.
                if (open) continue;
                if (onMicr)
                {
                    // Round 22: a field cut out of a stroke's ink is not read again to confirm itself.
                    if (field!.Stroked) continue;
                    // The field cut out alone, its symbols left out, read with the digit list: the second reading (a re-read of
                    // the crop would repeat a symbol read as a digit).
                    var read = ReadAlone(engine, line!.Cut(field!), Digits);
                    if (!string.Equals(Squeeze(read.Text), c.Value, StringComparison.Ordinal)) continue;
                    confidence = Math.Max(confidence, read.MinConfidence);
                    twoReads = true;
                }
                // A re-read of the same pixels repeats a mark misread as a digit: a marked word off a MICR line whose symbols
                // were found needs a check digit or a second print.
                else if (c.Marked) continue;
                else
                {
                    // No check digit and no second print: re-read the crop with a digit whitelist; it must agree. With the list, a
                    // label just left of the digits ("NO.") is read as one more digit ("95931057514"): then once more from a crop
                    // held tight to the digits' own box. (A read without the list is too like the page pass: it repeated a misread
                    // 8 as 3 on an outside tuning form.)
                    var read = engine.Read(Around(box), PageSegMode.SingleLine, Digits);
                    if (!string.Equals(Squeeze(read.Text), c.Value, StringComparison.Ordinal))
                    {
                        read = engine.Read(box.Inflate(Math.Max(3, box.Height / 6), Math.Max(6, box.Height / 3)), PageSegMode.SingleLine, Digits);
                        // Round 18: the print whose glyphs counted the digits only with a broken glyph taken once (9698 #306:
                        // its word box reached far above the print, and both crops read "7"): its one field cut out alone, every
                        // piece of it kept, read with the digit list.
                        if (brokenGlyphs && !string.Equals(Squeeze(read.Text), c.Value, StringComparison.Ordinal) && under is [{ Open: false } alone])
                            read = ReadAlone(engine, line!.Cut(alone), Digits);
                        // Round 26: both crops read nothing when the page pass's word box reaches far above its print (the frame's top
                        // rule and the wavy line under it taken into the word: a box 80 px tall over digits 35 px tall, prairie-bank
                        // tuning seed 9827 #10); the crop held to the glyphs the line's structure counts under the words, one field of
                        // as many glyphs as digits, closed at both ends (`GlyphsCrop`).
                        if (!string.Equals(Squeeze(read.Text), c.Value, StringComparison.Ordinal) && field is { Open: false, Stroked: false } counted)
                            read = engine.Read(GlyphsCrop(counted.Box), PageSegMode.SingleLine, Digits);
                        if (!string.Equals(Squeeze(read.Text), c.Value, StringComparison.Ordinal)) continue;
                    }
                    confidence = Math.Max(confidence, read.MinConfidence);
                    twoReads = true;
                }
            }
            // Round 18: a check digit alone is one reading, and a weak one (mod 9 lets about one multi-digit misread in nine
            // through: "42088702836" for 42034792836 on a noisy usps order, outside tuning seed 499 #32). The print read again
            // on its own, of another kind, must spell the same digits: on a MICR line its field cut out alone with the digit
            // list (that read 42034792836 there), elsewhere its crop with the digit list, as a serial without a check digit.
            if (checkDigit && !repeated)
            {
                if (field is { Stroked: true } || ReadAgainConfidence(c.Value, box, line, field) is not { } again) continue;
                // Round 26: that read is a reading of its own, and its confidence counts as a re-read's does for a serial without a
                // check digit (the MICR print read at 35 by the page pass beside its glued on-us symbol, at 96 cut out alone, the
                // top print's misread failing the check: moneygram, tuning seed 9822 #96).
                confidence = Math.Max(confidence, again);
            }
            // Two independent readings of the same digits (a second print on the page, or the page pass and a crop read of
            // another kind), or one reading that the issuer's check digit confirms, are the evidence; the confidence only
            // has to show that the reading was more than noise (LSTM confidence on E-13B and on a grainy print is low).
            var floor = twoReads ? SerialTwoReadsMinConfidence : checkDigit ? SerialCheckDigitMinConfidence : Options.SerialMinConfidence;
            if (confidence < Math.Min(floor, Options.SerialMinConfidence)) continue;
            // A labelled print's ends, for a reading one digit longer than it that holds it (Settle).
            // Round 24: or a print of the issuer's serial length, labelled or not: the issuer says which length the serial has, as
            // the label says which print it is (prairie-bank, tuning seed 9771 #180: the label `NO.` read as "wo.", the top print
            // 4215740311 counted ten glyphs between two gaps, beside the MICR repeat "42157403114" whose on-us symbol, blurred
            // into one blob, was counted and read as an eleventh digit).
            var sealable = c.Labelled || (issuer is not null && issuer.SerialLength == c.Value.Length);
            verified.Add((c, confidence, page.Text(c.Words), checkDigit || repeated, sealable ? Sealing.Of(field is not null ? [field] : under) : default, onMicr));
        }
        // The print under a page-pass reading read again alone with the digit list (Round 18, for a check digit alone): on a MICR line
        // its field cut out alone, elsewhere its crop. Round 26: the confidence of the read that spells the value, or null.
        double? ReadAgainConfidence(string value, PixelRect box, MicrLine? line, MicrLine.Field? field)
        {
            if (line is { Symbols: > 0 })
                return field is not null && FieldRead(line, field) is var read && Squeeze(read.Text) == value ? read.MinConfidence : null;
            foreach (var crop in new[] { Around(box), box.Inflate(Math.Max(3, box.Height / 6), Math.Max(6, box.Height / 3)) })
                if (engine.Read(crop, PageSegMode.SingleLine, Digits) is var again && Squeeze(again.Text) == value) return again.MinConfidence;
            // Round 26: the page pass's box may reach far past the print (the form's frame line over a noisy moneygram's top print,
            // its box 71 px for glyphs half as tall, both crops read nothing: tuning seed 9822 #148). The crop held tight to the
            // glyphs the line's structure counts under it, as many as the value's digits, none glued to other ink.
            if (line?.FieldsUnder(box).ToList() is { Count: > 0 } under && under.Sum(f => f.Count) == value.Length && !under.Any(f => f.Open))
            {
                var glyphs = under.Select(f => f.Box).Aggregate((a, b) => a.Union(b));
                var tight = engine.Read(glyphs.Inflate(Math.Max(3, glyphs.Height / 6), Math.Max(6, glyphs.Height / 3)), PageSegMode.SingleLine, Digits);
                if (Squeeze(tight.Text) == value) return tight.MinConfidence;
            }
            return null;
        }
        var values = Settle(verified.Select(v => (v.C.Value, v.Strong)).ToList(), verified.Select(v => (v.C.Value, v.Sealed)).ToList(), issuer?.SerialLength);
        var best = candidates.OrderByDescending(c => c.Labelled).ThenByDescending(c => c.Confidence).First();
        var labelledValues = verified.Where(v => v.C.Labelled && values.Contains(v.C.Value)).Select(v => v.C.Value).Distinct().ToList();
        if (Chosen(values, labelledValues, SerialPrintsOnMicr(verified.Select(x => (x.C.Value, x.OnMicr, x.Strong, x.C.Part)))) is { } value)
        {
            var v = verified.First(x => x.C.Value == value);
            // The serial's other print read one or two digits apart ("3945925754" at the top, "8945925754" in the MICR line):
            // one of the two is misread and nothing says which, so a person looks (a wrong serial is a wrong duplicate key).
            var stood = Stand(value, v.Confidence, v.Raw, selfConfirmed: !verified.Any(x => x.C.Value == value && x.Strong));
            // Round 14: the MICR print's value refused beside the top print's reading one digit shorter that it holds
            // (`HoldsShorter`: "94250942847 / 4250942847", outside tuning seed 401 #165) is confirmed when that top print's start
            // lies under other ink: the digit it lacks is hidden there, not a symbol read as one more digit.
            if (stood.Value is null && StartUnderInk() is { Value: { } underInk } shown && underInk == value) return shown;
            // Round 26: a value only its own print's re-read confirmed, refused beside the MICR field's own read one or two digits
            // off it (a top print of dotted zeros read "20721345060", the field between its symbols 20721345000: western-union,
            // tuning seed 9824 #180), leaves that field's read to stand as when the top print was not confirmed at all
            // (`MicrSettlesTopPrint`, round 10's rule): only when the top print read again on its own, or the glyphs' shapes, say so.
            if (stood.Value is null && !verified.Any(x => x.C.Value == value && x.Strong) && MicrSettlesTopPrint(value) is { } micrSettled) return micrSettled;
            return stood;
        }
        // Round 18: two confirmed values one or two digits apart, each from its own print (a clean heritage top print read
        // `0164768145` by the page pass and its crop re-read, beside the MICR line's 9164768145, outside tuning seed 510 #42): one is
        // misread, and `Stand` decides it as for any contradicted serial: only the value whose digits every print's glyphs
        // plainly show at each disputed place (`ShapeSettles`) stands, and only when exactly one does.
        // Round 23: whatever digits they differ at: `Stand` lets a value stand beside another reading too when every reading
        // against it is the page pass's on a print that, read again on its own, spells the value (`DissentOverruled`): the top
        // print `16872686336` by the page pass and its crop (which took in the label `NO:`), cut out alone 16874686336 as the MICR
        // field reads (outside tuning 619 #99). The other value, whose dissent is a print's own read, cannot stand then.
        if (ApartByOneOrTwo(values) && values.Select(v => verified.Where(x => x.C.Value == v).MaxBy(x => x.Confidence))
                .Select(x => Stand(x.C.Value, x.Confidence, x.Raw, selfConfirmed: !verified.Any(y => y.C.Value == x.C.Value && y.Strong)))
                .Where(f => f.Value is not null).ToList() is [var byShape])
            return byShape;
        // None confirmed, or two different confirmed serials on one page: a person looks.
        var none = new FieldReading<string>(null, best.Confidence, page.Text(best.Words));
        if (values.Count == 0 && SealedBesideGluedSymbol() is { } sealedTop) return sealedTop;
        return values.Count == 0 ? Fallback(none) : none;

        // Round 10: the top print read as the value, its glyphs uncounted (bold or grainy digits run together) but its end clear
        // of ink, and the MICR repeat read by the page pass as the value with one digit more at its end, its on-us symbol glued
        // to the last digit ("70441184194," beside 7044118419, prairie-bank tuning seed 8400 #130): the MICR field under that
        // word counts the value's glyphs, bounded before by a symbol or a gap, and read cut out alone spells the value. Two
        // prints spell it, and the top print, sealed at its end, cannot have lost the extra digit: that is the symbol. The top
        // print's crop read with the digit list must spell it too (OCR's word box may take in a glyph its text left out).
        FieldReading<string>? SealedBesideGluedSymbol()
        {
            bool CropSpells(PixelRect box, string value) =>
                Squeeze(engine.Read(Around(box), PageSegMode.SingleLine, Digits).Text) == value
                || Squeeze(engine.Read(box.Inflate(Math.Max(3, box.Height / 6), Math.Max(6, box.Height / 3)), PageSegMode.SingleLine, Digits).Text) == value;
            var found = new List<(string Value, double Confidence, string Raw)>();
            foreach (var c in candidates.Where(c => !c.Marked && !c.Part))
            {
                if (issuer is not null && (issuer.SerialLength != c.Value.Length || (issuer.HasCheckDigit && !issuer.IsValidSerial(c.Value)))) continue;
                var box = page.Box(c.Words);
                if (LineAt(box) is not { Symbols: 0 } topLine || !topLine.ClearEnds(box).End) continue;
                foreach (var o in candidates.Where(o => o.Value.Length == c.Value.Length + 1 && o.Value.StartsWith(c.Value, StringComparison.Ordinal)))
                {
                    var micr = page.Box(o.Words);
                    if (Overlaps(micr, box) || Overlaps(box, micr) || LineAt(micr) is not { } line) continue;
                    foreach (var f in line.FieldsUnder(micr).Where(f => f.Count == c.Value.Length && f.Before is MicrLine.Bound.Symbol or MicrLine.Bound.Gap or MicrLine.Bound.Edge))
                    {
                        var read = FieldRead(line, f);
                        var confidence = Math.Max(c.Confidence, read.MinConfidence);
                        if (Squeeze(read.Text) == c.Value && confidence >= Math.Min(SerialTwoReadsMinConfidence, Options.SerialMinConfidence)
                            && CropSpells(box, c.Value))
                            found.Add((c.Value, confidence, page.Text(c.Words)));
                    }
                }
            }
            if (found.Select(f => f.Value).Distinct().Count() != 1) return null;
            var pick = found.MaxBy(f => f.Confidence);
            return Stand(pick.Value, pick.Confidence, pick.Raw, selfConfirmed: false);
        }

        // Round 26: round 10's rule (`Fallback`) beside a top print read <paramref name="refused"/>: each MICR field's own read
        // (bounded, its glyphs counted, no stroke through it) of an issuer without a check digit, one or two digits off the top
        // print's reading, stands as any contradicted serial does (`Stand`), and only when exactly one value does.
        FieldReading<string>? MicrSettlesTopPrint(string refused)
        {
            var floor = Math.Min(SerialTwoReadsMinConfidence, Options.SerialMinConfidence);
            var settled = MicrReads().Where(r => !r.Stroked && r.Confidence >= floor
                    && (issuer is null || (!issuer.HasCheckDigit && issuer.SerialLength == r.Value.Length))
                    && r.Value.Length == refused.Length && Differences(r.Value, refused) is > 0 and <= 2)
                .Select(r => Stand(r.Value, r.Confidence, r.Value, selfConfirmed: false)).Where(f => f.Value is not null).ToList();
            return settled.Select(f => f.Value).Distinct().Count() == 1 ? settled[0] : null;
        }

        // Round 24: the page pass read neither print of the serial as digits (a noisy prairie-bank order, the top print read as
        // "ioeaian", the MICR repeat under a signature's loops: tuning seed 9771 #159), yet the line's structure counts the glyphs
        // of both. The serial stands when two prints, each cut out alone and read with the digit list, spell the same digits: one
        // closed at both ends, no stroke through it, of the issuer's serial length, read again without any list alike and every
        // glyph whose holes plainly say 0, 6, 8 or 9 read as that digit; the other elsewhere on the page, a field of as many
        // glyphs (glued or stroked ink may end it: the first print's count is the number's length, the second only agrees with
        // it). Two prints in two fonts agreeing digit for digit are the second reading every serial stands on; `Stand` still
        // refuses it beside any reading one or two digits off.
        // Round 27: the first print may also be the top print the page pass read as noise, off any MICR line (its serif digits
        // read "spaseauaays" at 0, beside the MICR field a signature strokes, both cut out alone 49896494975: moneygram, its title
        // misread so the issuer unknown, tuning seed 9827 #491): `TopPrintsReadAsNoise`, asked all the first print is asked.
        FieldReading<string>? TwoFieldsAgree()
        {
            var floor = Math.Min(SerialTwoReadsMinConfidence, Options.SerialMinConfidence);
            var found = new List<(string Value, double Confidence)>();
            var micrPrints = MicrReads().Where(r => !r.Stroked)
                .Select(r => (r.Value, r.Confidence, Micr: MicrFields().FirstOrDefault(m => m.Field.Box == r.Box)))
                .Where(r => r.Micr.Line is not null).Select(r => (r.Value, r.Confidence, r.Micr.Line, r.Micr.Field));
            foreach (var (value, confidence, line, field) in micrPrints.Concat(TopPrintsReadAsNoise()))
            {
                if (confidence < floor || field.Open || field.Stroked) continue;
                if (issuer is not null && (issuer.SerialLength != value.Length || (issuer.HasCheckDigit && !issuer.IsValidSerial(value)))) continue;
                var elsewhere = MicrFields().Any(m => m.Field.Count == value.Length && !Overlaps(m.Field.Box, field.Box) && !Overlaps(field.Box, m.Field.Box)
                    && Squeeze(FieldRead(m.Line, m.Field).Text) == value);
                if (!elsewhere && !PiecesBetweenSymbolsSpell(value, field.Box)) continue;
                var free = ReadAlone(engine, line.Cut(field), null);
                if (Squeeze(free.Text) != value) continue;
                if (!ShapesAgree(value, field.Glyphs.Select(g => DigitShape.GlyphAt(engine.Image!, g) is { } glyph ? DigitShape.Classify(glyph) : DigitForm.Unclear).ToList()))
                    continue;
                if (found.All(f => f.Value != value)) found.Add((value, confidence));
            }
            if (found.Count != 1) return null;
            return Stand(found[0].Value, found[0].Confidence, $"{found[0].Value} (two prints cut out alone)", selfConfirmed: false);
        }

        // Round 27: the MICR print cut into pieces by ink glued across it (a signature through the serial field: "1941" and
        // "4969192", western-union, tuning seed 9803 #344): a run of fields on one MICR line from a symbol to a symbol, each glued
        // to the next, as many glyphs in all as the value has digits, no glyph's place lost between two pieces (the next piece's
        // first glyph within one and a half glyph steps of the last piece's last glyph: a hidden digit leaves two), each piece
        // cut out alone and read one digit per glyph, spelling the value in order. Only ever the second print of a value.
        bool PiecesBetweenSymbolsSpell(string value, PixelRect here)
        {
            foreach (var line in MicrFields().Select(m => m.Line).Distinct())
            {
                var fields = line.Fields.OrderBy(f => f.Box.Left).ToList();
                for (var i = 0; i < fields.Count; i++)
                {
                    if (fields[i].Before != MicrLine.Bound.Symbol || fields[i].After != MicrLine.Bound.Glued) continue;
                    var k = i;
                    while (k + 1 < fields.Count && fields[k].After == MicrLine.Bound.Glued && fields[k + 1].Before == MicrLine.Bound.Glued) k++;
                    var pieces = fields.GetRange(i, k - i + 1);
                    if (pieces.Count < 2 || pieces[^1].After != MicrLine.Bound.Symbol || pieces.Sum(f => f.Count) != value.Length) continue;
                    if (pieces.Any(f => Overlaps(f.Box, here) || Overlaps(here, f.Box))) continue;
                    var lefts = pieces.SelectMany(f => f.Glyphs).Select(g => g.Left).ToList();
                    var step = lefts.Zip(lefts.Skip(1), (a, b) => b - a).Order().ElementAt((lefts.Count - 1) / 2);
                    if (pieces.Zip(pieces.Skip(1), (a, b) => b.Glyphs[0].Left - a.Glyphs[^1].Left).Any(d => d > 1.5 * step)) continue;
                    var reads = pieces.Select(f => Squeeze(FieldRead(line, f).Text)).ToList();
                    if (pieces.Zip(reads).All(p => GlyphForGlyph(p.Second, p.First)) && string.Concat(reads) == value) return true;
                }
            }
            return false;
        }

        // Round 27: a print of 10–11 glyphs under a word the page pass read as noise (`ReadAsNoise`), on a line with no MICR symbol,
        // closed at both ends, no stroke through it, cut out alone and read with the digit list one digit per glyph.
        IEnumerable<(string Value, double Confidence, MicrLine Line, MicrLine.Field Field)> TopPrintsReadAsNoise()
        {
            foreach (var word in page.Words.Where(ReadAsNoise))
            {
                if (LineAt(word.Box) is not { Symbols: 0 } line) continue;
                foreach (var field in line.FieldsUnder(word.Box).Where(f => f.Count is 10 or 11 && !f.Open && !f.Stroked))
                    if (FieldRead(line, field) is var read && GlyphForGlyph(Squeeze(read.Text), field))
                        yield return (Squeeze(read.Text), read.MinConfidence, line, field);
            }
        }

        // Round 16: the page pass read the MICR print's serial field as letters ("BERETATEEST", "TA258683621": E-13B glyphs) and no
        // other print of the number could be read (a title printed over the whole top print, outside tuning seeds 471 #79, 473
        // #174). The field, bounded by a symbol on each side and counted glyph by glyph, cut out alone, is read twice of different
        // kinds: with the digit list and without any list (the kind of read the page pass makes, on the field alone). Both must
        // spell the same 10-11 digits, one per glyph, each read above noise: the two readings a MICR field the page pass read as
        // digits already stands on. An issuer's check digit, where it has one for that length, must hold, and `Stand` still
        // refuses a value any other reading of the page contradicts (the print at a serial label included).
        FieldReading<string>? MicrReadTwice()
        {
            var floor = Math.Min(SerialTwoReadsMinConfidence, Options.SerialMinConfidence);
            var found = new List<(string Value, double Confidence)>();
            foreach (var (line, field) in MicrFields().Where(m => !m.Field.Open && !m.Field.Stroked && m.Field.Count is 10 or 11
                         && m.Field.Before == MicrLine.Bound.Symbol && m.Field.After == MicrLine.Bound.Symbol))
            {
                if (candidates.Any(c => Overlaps(page.Box(c.Words), field.Box) || Overlaps(field.Box, page.Box(c.Words)))) continue;
                var listed = FieldRead(line, field);
                var value = Squeeze(listed.Text);
                if (value.Length != field.Count || !value.All(char.IsAsciiDigit)) continue;
                if (issuer is { HasCheckDigit: true } && issuer.SerialLength == value.Length && !issuer.IsValidSerial(value)) continue;
                // Another number of its length read elsewhere (a top print read otherwise): one of the two is misread.
                if (candidates.Any(c => c.Value.Length == value.Length && c.Value != value)) continue;
                var free = ReadAlone(engine, line.Cut(field), null);
                if (Squeeze(free.Text) != value || Math.Min(listed.MinConfidence, free.MinConfidence) < floor) continue;
                // Two reads of one crop by one engine may misread a glyph alike: every glyph whose holes plainly say 0, 6, 8 or 9
                // (Reading/DigitShape, the pixels and not the engine) must be read as that digit.
                if (!ShapesAgree(value, field.Glyphs.Select(g => DigitShape.GlyphAt(engine.Image!, g) is { } glyph ? DigitShape.Classify(glyph) : DigitForm.Unclear).ToList()))
                    continue;
                if (found.All(f => f.Value != value)) found.Add((value, Math.Min(listed.MinConfidence, free.MinConfidence)));
            }
            if (found.Count != 1) return null;
            return Stand(found[0].Value, found[0].Confidence, $"{found[0].Value} (MICR field read twice)", selfConfirmed: true);
        }

        // Round 13: the top print's start under another print's ink (a title's last letters: `BIRNKO4477129` for 4404477129,
        // outside tuning seed 350 #42), so no reading of it spells the whole number. The serial is the MICR print's when that
        // print is read twice alike and the top print's visible end agrees with its last digits: every digit rests on two
        // readings of the MICR print and all but the hidden ones on the top print too. Then it must stand as any serial (`Stand`).
        // Round 14: the MICR print's second reading is the page pass's word on it or, when the page pass read its E-13B glyphs
        // as letters (`KS` on 350 #42, where round 13's rule fired on nothing), the field's place on the page read with the
        // digit list, the crop held tight to it (the re-read any top print without a check digit stands on). The top print's
        // visible end is a word of letters glued to digits (`VisibleEndOf`) or a word of digits alone (`ShowsEndOf`: `920891`
        // under a title's `LOAN`, 401 #52) whose print ends clear of ink and whose start taller print covers
        // (`MicrLine.CoveredStart`): a label beside the digits is smaller than they are, and leaves a whole print whole.
        FieldReading<string>? StartUnderInk()
        {
            var floor = Math.Min(SerialTwoReadsMinConfidence, Options.SerialMinConfidence);
            var found = new List<(string Value, double Confidence, string Raw)>();
            foreach (var r in MicrReads().Where(r => !r.Stroked && r.Confidence >= floor))
            {
                if (issuer is not null && (issuer.SerialLength != r.Value.Length || (issuer.HasCheckDigit && !issuer.IsValidSerial(r.Value)))) continue;
                var pagePass = candidates.Where(c => c.Value == r.Value && !c.Part && (Overlaps(page.Box(c.Words), r.Box) || Overlaps(r.Box, page.Box(c.Words)))).ToList();
                var ends = Enumerable.Range(0, page.Words.Count)
                    .Where(j => (page.Words[j].Box.Bottom < r.Box.Top || page.Words[j].Box.Top > r.Box.Bottom)
                        && (VisibleEndOf(page.Words[j].Text, r.Value) is not null
                            || (ShowsEndOf(page.Words[j].Text, r.Value) && LineAt(page.Words[j].Box) is { Symbols: 0 } top
                                && top.ClearEnds(page.Words[j].Box).End && top.CoveredStart(page.Words[j].Box))
                            || CutShowsEnd(page.Words[j].Box, r.Value)))
                    .ToList();
                if (ends.Count == 0) continue;
                var h = r.Box.Height;
                var again = pagePass.Count > 0 ? null : engine.Read(r.Box.Inflate(Math.Max(3, h / 6), Math.Max(6, h / 3)), PageSegMode.SingleLine, Digits);
                if (again is not null && Squeeze(again.Text) != r.Value) continue;
                var confidence = Math.Max(r.Confidence, pagePass.Count > 0 ? pagePass.Max(c => c.Confidence) : again!.MinConfidence);
                found.Add((r.Value, confidence, $"{page.Text(ends)} (start under ink) / {r.Value}"));
            }
            if (found.Select(f => f.Value).Distinct().Count() != 1) return null;
            var pick = found.MaxBy(f => f.Confidence);
            return Stand(pick.Value, pick.Confidence, pick.Raw, selfConfirmed: false);
        }

        // Round 23: a page-pass word that is no reading of the top print (its first digits under the title's letters, the word
        // `LOSsbd0s528643` for 55098528643 under `& LOAN`, outside tuning 622 #19), but over glyphs the line's structure finds: the
        // last field under it glued at its start to taller ink (`MicrLine.CoveredStart`), its end clear, cut out alone and read with
        // the digit list and without any, spells the value's last digits both times, seven or more of them (as `VisibleEndOf` asks
        // of a word: the MICR print alone stands for the few under the title). Every read of the print at a
        // serial label ends with those digits too: what a label read says of the digits under the title ("45008528643") is a read
        // of the title's ink as much as of the print, and says nothing; a label read that differs where the print is clear does.
        bool CutShowsEnd(PixelRect words, string value)
        {
            if (LineAt(words) is not { Symbols: 0 } top || !top.ClearEnds(words).End) return false;
            if (top.FieldsUnder(words).OrderBy(f => f.Box.Left).LastOrDefault() is not { Before: MicrLine.Bound.Glued, Stroked: false } end
                || end.After is MicrLine.Bound.Glued or MicrLine.Bound.Unclear || !top.CoveredStart(end.Box)) return false;
            var cut = top.Cut(end);
            var listed = Squeeze(ReadAlone(engine, cut, Digits).Text);
            if (listed.Length != end.Count || listed.Length < 7 || !ShowsEndOf(listed, value) || Squeeze(ReadAlone(engine, cut, null).Text) != listed) return false;
            return LabelReads().All(l => l.Value.EndsWith(listed, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Round 16: whether a reading of a field, glyph by glyph, says what the glyphs' own holes say: a glyph whose holes plainly
    /// make it a 0, 6, 8 or 9 must be read as that digit; a glyph whose holes say nothing plainly (1, 2, 3, 5, 7, or a
    /// broken ring) says nothing. A 4 printed closed has one hole high in its box, as a 9 has (three lakeside MICR fields of
    /// tuning seeds 473, 475 and 477, every one of their 4s): read as 4 there, it stands.
    /// </summary>
    internal static bool ShapesAgree(string value, IReadOnlyList<DigitForm> forms) =>
        forms.Count == value.Length
        && forms.Select((f, i) => f == DigitForm.Unclear || f == DigitShape.FormOf(value[i]) || (f == DigitForm.Nine && value[i] == '4')).All(ok => ok);

    /// <summary>
    /// Round 16: a word of five characters or more read at a confidence under 10: print the page pass could not read (E-13B
    /// glyphs read as letters, "ROLETERE", "nesSeseh2id"), not a word. A line holding one may be a MICR line.
    /// </summary>
    internal static bool ReadAsNoise(OcrWord word) => word.Text.Length >= 5 && word.Confidence < 10;

    /// <summary>
    /// Round 27: a word the page pass did not trust, of no digit: what it makes of E-13B glyphs it cannot read ("ee" at 30 for a
    /// whole noisy MICR line). A label, a name or an address line on a form is read at 60 and more even on noisy scans.
    /// </summary>
    internal static bool UntrustedWord(OcrWord word) => word.Confidence < 50 && !word.Text.Any(char.IsAsciiDigit);

    /// <summary>
    /// Round 27: a word read below confidence 50 whose box is more than twice its height wide for each character it says: no
    /// letter or digit is that wide, so OCR read a long run of print as a few letters ("Se" over a MICR line 626 px wide and
    /// 69 tall). A line holding one may be a MICR line (its symbols and fields must still be found in the pixels).
    /// </summary>
    internal static bool ReadAsTooFewLetters(OcrWord word) =>
        word.Confidence < 50 && word.Text.Length > 0 && word.Box.Width > 2 * word.Box.Height * word.Text.Length;

    /// <summary>
    /// Round 13: the digits a page-pass word shows of <paramref name="value"/> when the print's start lies under another
    /// print's ink: the word is letters glued to digits (`BANK04477129`: the title's last word ran into the serial's first
    /// digits, which OCR read as part of the letters or lost), its digits are the value's last digits, and only one to three
    /// of the value's are missing, seven or more showing. Null otherwise. A word of digits alone is not this (a part of a
    /// longer number, or a shorter one, read whole): for it the pixels must show the covered start (<see cref="ShowsEndOf"/>).
    /// </summary>
    internal static string? VisibleEndOf(string word, string value)
    {
        var text = SerialDigits(word);
        var start = text.Length;
        while (start > 0 && char.IsAsciiDigit(text[start - 1])) start--;
        var digits = text[start..];
        var letters = text[..start];
        if (letters.Length < 2 || !letters.All(char.IsAsciiLetterUpper)) return null;
        var hidden = value.Length - digits.Length;
        return digits.Length >= 7 && hidden is >= 1 and <= 3 && value.EndsWith(digits, StringComparison.Ordinal) ? digits : null;
    }

    /// <summary>
    /// The serial among the confirmed values: the only one, or, of unrelated ones (an agent's number beside the serial), the
    /// one a serial label points at. Round 15: not when another value of the labelled one's length is the serial's second print
    /// on the MICR line (<see cref="SerialPrintsOnMicr"/>), which repeats the routing number and the serial and nothing else
    /// (FORMATS.md): two prints of one serial three or more digits apart are a misreading that a check digit passed by chance
    /// (`36251149872` at the top beside `35231149572` in the MICR line, both Luhn-valid: a noisy print, tuning seed 9650 #63,
    /// posted with the wrong serial). Null: a person looks.
    /// </summary>
    internal static string? Chosen(IReadOnlyList<string> values, IReadOnlyList<string> labelledValues, IReadOnlySet<string> readOnMicrLine)
    {
        if (values.Count == 1) return values[0];
        if (labelledValues.Count != 1) return null;
        var labelled = labelledValues[0];
        if (values.Any(v => v != labelled && Related(v, labelled))) return null;
        return values.Any(v => v != labelled && v.Length == labelled.Length && readOnMicrLine.Contains(v)) ? null : labelled;
    }

    /// <summary>
    /// Round 15: the confirmed values that are the serial's second print on the MICR line (<see cref="Chosen"/>): read there,
    /// confirmed by a check digit or another print, and a whole field, not a part of a longer run (the routing number with a
    /// symbol read as a tenth digit, `2685147051`, tuning seed 9651 #136, confirmed by nothing but its own re-read).
    /// </summary>
    internal static IReadOnlySet<string> SerialPrintsOnMicr(IEnumerable<(string Value, bool OnMicr, bool Strong, bool Part)> verified) =>
        verified.Where(x => x.OnMicr && x.Strong && !x.Part).Select(x => x.Value).ToHashSet();

    /// <summary>The fewest digits a top print must show of a serial whose start is hidden: four agree by chance once in 10,000.</summary>
    internal const int MinVisibleDigits = 4;

    /// <summary>
    /// Round 14: whether a page-pass word of digits alone (no mark, no letter) is the end of <paramref name="value"/> with its
    /// start missing: <see cref="MinVisibleDigits"/> or more digits, fewer than the value's, that are its last ones. Only the
    /// words part of it: the caller asks the pixels whether taller ink covers that print's start and its end is clear.
    /// </summary>
    internal static bool ShowsEndOf(string word, string value) =>
        word.Length >= MinVisibleDigits && word.Length < value.Length && word.All(char.IsAsciiDigit)
            && value.EndsWith(word, StringComparison.Ordinal);

    /// <summary>
    /// The confirmed values that stand: one that holds another or that another holds ("64998103623" and "4998103623": a digit
    /// lost under a title, or a symbol read as a digit) is a misreading of the same print, and the value a second print or the
    /// check digit confirms stands over the one confirmed only by a re-read of its own pixels; if both or neither are, neither,
    /// unless the longer is the shorter with one digit more at an end where the labelled print read as the shorter is sealed
    /// (<see cref="MarkReadAsDigit"/>).
    /// </summary>
    internal static List<string> Settle(IReadOnlyList<(string Value, bool Strong)> verified,
        IReadOnlyList<(string Value, Sealing Sealed)>? labelledPrints = null, int? issuerLength = null)
    {
        var values = verified.Select(v => v.Value).Distinct().ToList();
        var strong = verified.Where(v => v.Strong).Select(v => v.Value).ToHashSet();
        var dropped = new HashSet<string>();
        foreach (var a in values)
            foreach (var b in values.Where(b => b != a && (b.Contains(a, StringComparison.Ordinal) || a.Contains(b, StringComparison.Ordinal))))
            {
                if (strong.Contains(a) && !strong.Contains(b)) dropped.Add(b);
                else if (!strong.Contains(a) && !strong.Contains(b) && MarkReadAsDigit(b, a, labelledPrints, issuerLength)) dropped.Add(b);
                else if (!strong.Contains(a) && !strong.Contains(b) && MarkReadAsDigit(a, b, labelledPrints, issuerLength)) dropped.Add(a);
                else if (strong.Contains(a) == strong.Contains(b)) { dropped.Add(a); dropped.Add(b); }
            }
        return values.Where(v => !dropped.Contains(v)).ToList();
    }

    /// <summary>
    /// Of two readings each confirmed only by its own pixels, <paramref name="longer"/> is <paramref name="shorter"/> with one
    /// digit more at an end (a MICR symbol beside the serial read as a digit: "46934694841" beside the labelled "4693469484"),
    /// and the labelled print read <paramref name="shorter"/> is sealed at that end: its glyphs count as its digits and only a
    /// gap, the edge or a symbol lies beside it, so no digit of the number is missing there. Not when the issuer's serials
    /// have the longer length (the shorter may then have lost a digit some other way).
    /// </summary>
    internal static bool MarkReadAsDigit(string longer, string shorter, IReadOnlyList<(string Value, Sealing Sealed)>? labelledPrints, int? issuerLength)
    {
        if (labelledPrints is null || longer.Length != shorter.Length + 1 || issuerLength == longer.Length) return false;
        var atEnd = longer.StartsWith(shorter, StringComparison.Ordinal);
        var atStart = longer.EndsWith(shorter, StringComparison.Ordinal);
        return labelledPrints.Any(p => p.Value == shorter && ((atEnd && p.Sealed.End) || (atStart && p.Sealed.Start)));
    }

    /// <summary>
    /// Whether a print's glyphs were counted as its digits (fields found under it) and are bounded at its first and last
    /// digit by a wide gap, the region's edge or a MICR symbol: nothing there (glued or unclear ink) could hold a digit.
    /// </summary>
    internal readonly record struct Sealing(bool Start, bool End)
    {
        public static Sealing Of(IReadOnlyList<MicrLine.Field> fields)
        {
            if (fields.Count == 0) return default;
            static bool Clear(MicrLine.Bound b) => b is MicrLine.Bound.Gap or MicrLine.Bound.Edge or MicrLine.Bound.Symbol;
            var ordered = fields.OrderBy(f => f.Box.Left).ToList();
            return new Sealing(Clear(ordered[0].Before), Clear(ordered[^1].After));
        }
    }

    /// <summary>Two readings of one print: one holds the other, or they are the same length and at most two digits apart.</summary>
    private static bool Related(string a, string b) =>
        a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal) || (a.Length == b.Length && Differences(a, b) <= 2);

    /// <summary>A run of 10–11 digits read from the line of glyphs at a serial label (<paramref name="Place"/>), with or without the digit list.</summary>
    private sealed record LabelRead(string Value, PixelRect Place, double Confidence, bool Listed, string Raw);

    /// <summary>
    /// The print where its label says it is: the biggest line of glyphs right of or under SERIAL / NO. is cut out of the pixels
    /// (Reading/NumeralLine) and read alone, with the digit list and without; every run of 10–11 digits in those reads.
    /// </summary>
    private static List<LabelRead> ReadAtLabels(OcrEngine engine, PageLayout page, List<int> labels)
    {
        var h = Math.Max(page.TextHeight, 12);
        var found = new List<LabelRead>();
        foreach (var j in labels.Take(4))
        {
            var b = page.Words[j].Box;
            var place = PixelRect.FromEdges(b.Left - h, b.Top - h, b.Right + 20 * h, b.Bottom + 4 * h);
            var line = NumeralLine.Find(engine.Image!, place, page.TextHeight);
            if (line is null) continue;
            foreach (var (read, listed) in new[] { (ReadAlone(engine, line, Digits), true), (ReadAlone(engine, line, null), false) })
                foreach (var value in DigitRuns(read.Text).Where(v => v.Length is 10 or 11))
                    found.Add(new LabelRead(value, place, read.MinConfidence, listed, read.Text));
        }
        return found;
    }

    /// <summary>
    /// The serial where its label says it is, when no reading of the page pass could be confirmed: the top print is often
    /// read as noise ("Sposeoe", "eae 435") while its MICR repeat has a symbol glued to it. A run of 10–11 digits read at the
    /// label stands on the same second reading as any serial: the issuer's check digit, or the same digits elsewhere on the
    /// page (the MICR line, or the page pass's reading of this print).
    /// </summary>
    private FieldReading<string>? ReadSerialAtLabel(MoneyOrderIssuer? issuer, List<Candidate> candidates, List<LabelRead> reads,
        Func<string, PixelRect, double?> otherPrint, IReadOnlyList<OcrWord> words)
    {
        var found = new List<LabelRead>();
        foreach (var r in reads)
        {
            var scheme = issuer is not null && r.Value.Length == issuer.SerialLength ? issuer : null;
            var checkDigit = scheme is { HasCheckDigit: true } && scheme.IsValidSerial(r.Value);
            if (scheme is { HasCheckDigit: true } && !checkDigit) continue;
            // The page pass's own reading of this print counts as a second reading only beside the digit-list read
            // (two reads of different kinds); a read without the list is too like the page pass.
            // Another print: the same number whole elsewhere on the page (a MICR field of as many glyphs), not this place's own
            // print read again, nor a part of a longer run of digits.
            // Round 9: or the MICR repeat read with its on-us symbol as a twelfth digit (`RepeatWithSymbolDigit`).
            var elsewhere = otherPrint(r.Value, r.Place) is not null || (r.Listed && candidates.Any(c => c.Value == r.Value))
                || words.Any(w => RepeatWithSymbolDigit(r.Value, w.Text) && !Overlaps(w.Box, r.Place));
            // The same 10–11 digits in another print cannot be noise, whatever the confidence (with a character list
            // Tesseract often reports 0 on digits it reads right); a check digit alone needs a read above noise.
            // Round 18: a check digit alone needs the print read both ways (with the digit list and without) to spell it.
            var readBothWays = reads.Any(o => o.Value == r.Value && o.Listed != r.Listed && o.Place == r.Place);
            if (elsewhere || (checkDigit && readBothWays && r.Confidence >= Math.Min(SerialCheckDigitMinConfidence, Options.SerialMinConfidence)))
                found.Add(r);
        }
        var values = found.Select(f => f.Value).Distinct().ToList();
        if (values.Count != 1) return null;
        var best = found.MaxBy(f => f.Confidence)!;
        return new FieldReading<string>(best.Value, best.Confidence, best.Raw);
    }

    /// <summary>
    /// A page-pass word that is the eleven-digit <paramref name="value"/> with one digit more at its end: the MICR repeat with
    /// the on-us symbol after the serial read as a digit ("445790237854," beside 44579023785 read at the label, a Western Union
    /// order of tuning seed 8600 whose page pass found no serial; twelve digits are not one field, so no candidate). No serial
    /// has twelve digits, so the word's other eleven are this number's second print. Not for ten digits: an eleven-digit word
    /// may be the serial itself whose other print lost a digit.
    /// </summary>
    internal static bool RepeatWithSymbolDigit(string value, string word)
    {
        var digits = SerialDigits(word);
        return value.Length == 11 && digits.Length == 12 && digits.All(char.IsAsciiDigit) && digits.StartsWith(value, StringComparison.Ordinal);
    }

    /// <summary>
    /// Another print of the serial read one or two digits apart ("3945925754" at the top, "8945925754" in the MICR line): one
    /// of them is misread and nothing says which. Unless the issuer's check digit does: it holds for the serial and not for
    /// the other reading (a check digit catches every single misread digit but a 0 read for a 9 under mod 9).
    /// </summary>
    internal static bool Contradicted(string value, MoneyOrderIssuer? issuer, IEnumerable<string> otherReadings)
    {
        var scheme = issuer is { HasCheckDigit: true } && value.Length == issuer.SerialLength && issuer.IsValidSerial(value) ? issuer : null;
        return otherReadings.Any(o => o.Length == value.Length && Differences(o, value) is > 0 and <= 2
            && (scheme is null || scheme.IsValidSerial(o)));
    }

    private static int Differences(string a, string b) => a.Zip(b).Count(p => p.First != p.Second);

    /// <summary>
    /// Round 21: the readings of a MICR print one digit longer than <paramref name="value"/> (a symbol beside the serial read as
    /// a digit), each without its first and without its last digit, that do not spell the value either way but come one or two
    /// digits from it: the serial's second print read otherwise (tuning seed 9758 #285: "99416037694" beside the top print's
    /// 9941663769). A reading that spells the value without its extra digit agrees; one three digits off or more is another
    /// number (the routing number with a symbol read as a tenth digit).
    /// </summary>
    internal static IEnumerable<string> SymbolDigitDropped(string value, IEnumerable<string> micrLineReadings) =>
        micrLineReadings.Where(o => o.Length == value.Length + 1 && o[1..] != value && o[..^1] != value)
            .SelectMany(o => new[] { o[1..], o[..^1] })
            .Where(o => Differences(o, value) is > 0 and <= 2)
            .Distinct();

    /// <summary>A reading of a serial and the print it came from: the page pass's words, or that print read again on its own.</summary>
    internal readonly record struct PrintRead(string Value, PixelRect Print, bool PagePass);

    /// <summary>
    /// Whether every reading one or two digits off <paramref name="value"/> is overruled by its own print: it is the page pass's
    /// reading of a print that was read again on its own, one such read spells the value and none says otherwise (round 22: a
    /// read of nothing, or of the value with one digit more at an end, says nothing, `SaysNothingAgainst`) (the page pass
    /// misread a glyph that the print, cut out alone or read with the digit list, shows as the value's digit); and the value is
    /// read from two prints or more. A print's own read that disagrees (a MICR field cut out alone, the place at a label), a print
    /// not read again, or one re-read split between the two: nothing says which is misread, a person looks, as before.
    /// </summary>
    internal static bool DissentOverruled(string value, IReadOnlyList<PrintRead> reads)
    {
        static bool Same(PixelRect a, PixelRect b) => Overlaps(a, b) || Overlaps(b, a);
        var dissent = reads.Where(r => r.Value.Length == value.Length && Differences(r.Value, value) is > 0 and <= 2).ToList();
        if (dissent.Count == 0) return false;
        foreach (var d in dissent)
        {
            if (!d.PagePass) return false;
            var own = reads.Where(r => !r.PagePass && Same(r.Print, d.Print)).ToList();
            if (!own.Any(r => r.Value == value) || own.Any(r => !SaysNothingAgainst(r.Value, value))) return false;
        }
        var prints = reads.Where(r => r.Value == value).Select(r => r.Print).ToList();
        return prints.Any(a => prints.Any(b => !Same(a, b)));
    }

    /// <summary>
    /// Round 22: whether a print's read of its own is no reading against <paramref name="value"/>: it spells the value, it read
    /// nothing (a crop OCR found no line in), or it is the value with one digit more at an end (the label `NO.` or a MICR
    /// symbol beside the print read as a digit, "02754279209"). Any other read, of the value's length or not, dissents.
    /// </summary>
    internal static bool SaysNothingAgainst(string read, string value) =>
        read.Length == 0 || read == value
        || (read.Length == value.Length + 1 && (read[1..] == value || read[..^1] == value));

    /// <summary>
    /// Round 18: two confirmed serial values of one length, one or two digits apart, that differ only where one of them has a
    /// 0, 6, 8 or 9 (the digits a glyph's holes tell apart): the pair whose tie the glyphs may break (`Stand`).
    /// </summary>
    internal static bool ApartByShapeDigits(IReadOnlyList<string> values) =>
        ApartByOneOrTwo(values)
        && (DisputedPositions(values[0], [values[1]]) is not null || DisputedPositions(values[1], [values[0]]) is not null);

    /// <summary>Round 23: two confirmed serial values of one length, one or two digits apart: one is misread (`Stand` decides).</summary>
    internal static bool ApartByOneOrTwo(IReadOnlyList<string> values) =>
        values.Count == 2 && values[0].Length == values[1].Length && Differences(values[0], values[1]) is > 0 and <= 2;

    /// <summary>
    /// Round 19: the 10–11 digits of a page-pass word that is a serial label glued to its print ("No..2985650520",
    /// "NO.2985650520"): the page pass read the top print whole, but as one word with its label, so it is no candidate. Null
    /// for any other word.
    /// </summary>
    internal static string? LabelGluedDigits(string word)
    {
        var text = word.TrimEnd('.', ',');
        var start = text.Length;
        while (start > 0 && char.IsAsciiDigit(text[start - 1])) start--;
        var digits = text[start..];
        var label = text[..start].Trim('.', ':', '#', ' ').ToUpperInvariant();
        return digits.Length is 10 or 11 && label.Length > 0 && SerialLabels.Contains(label) ? digits : null;
    }

    /// <summary>Another reading one digit shorter than <paramref name="value"/> that it holds.</summary>
    /// <summary>
    /// Whether <paramref name="value"/> is one digit shorter than the issuer's serial and a MICR field's own read of the issuer's
    /// length holds it at its start or end, the issuer's check digit holding on that read (Stand, round 20).
    /// </summary>
    internal static bool LostADigitOfACheckedField(string value, MoneyOrderIssuer? issuer, IEnumerable<string> micrReads) =>
        issuer is { HasCheckDigit: true } && value.Length == issuer.SerialLength - 1
        && micrReads.Any(o => o.Length == issuer.SerialLength && (o.EndsWith(value, StringComparison.Ordinal) || o.StartsWith(value, StringComparison.Ordinal))
            && issuer.IsValidSerial(o));

    internal static bool HoldsShorter(string value, IEnumerable<string> otherReadings) =>
        otherReadings.Any(o => o.Length == value.Length - 1 && value.Contains(o, StringComparison.Ordinal));

    /// <summary>
    /// The positions where the readings one or two digits off <paramref name="value"/> differ from it, when the value's digit
    /// at every such place is one of 0, 6, 8, 9 (the digits a hole tells apart, and that no 1, 2, 3, 4, 5 or 7 shows: an 8
    /// against a 3 or a 5 is settled like an 8 against a 6); null when any is not, or there is none.
    /// </summary>
    internal static List<int>? DisputedPositions(string value, IEnumerable<string> readings)
    {
        var positions = new SortedSet<int>();
        foreach (var o in readings.Where(o => o.Length == value.Length && Differences(o, value) is > 0 and <= 2))
            for (var i = 0; i < value.Length; i++)
            {
                if (o[i] == value[i]) continue;
                // Round 8: the other reading's digit may be any (outside seed 40 #191 "8827226574 / 5827226574", seed 120
                // #165 "12208515655 / 12203515655"): the glyphs must still show the value's digit plainly in every print.
                if (DigitShape.FormOf(value[i]) is null) return null;
                positions.Add(i);
            }
        return positions.Count == 0 ? null : [.. positions];
    }

    /// <summary>
    /// Whether the glyphs settle a serial's disputed digits for <paramref name="value"/>: every print located shows, at every
    /// disputed position, plainly the value's digit (no unclear glyph, none placed nowhere), the value was itself read from
    /// one of them, and each reading that disagrees was read from a print looked at here (the print it came from shows the
    /// value's digit). Anything less leaves the serial to a person, as before: a wrong serial is a wrong duplicate key.
    /// </summary>
    internal static bool ShapeSettles(string value, IEnumerable<string> readings, IReadOnlyList<(string Reading, DigitForm?[] Forms)> prints, IReadOnlyList<int> positions)
    {
        if (prints.Count < 2 || !prints.Any(p => p.Reading == value)) return false;
        if (!prints.All(p => p.Forms.Length == positions.Count && p.Forms.Select((f, k) => f == DigitShape.FormOf(value[positions[k]])).All(ok => ok))) return false;
        return readings.Where(o => o.Length == value.Length && Differences(o, value) is > 0 and <= 2).All(o => prints.Any(p => p.Reading == o));
    }

    /// <summary>The runs of digits in a read, digit groups split by spaces joined, marks at either end of a word dropped.</summary>
    internal static List<string> DigitRuns(string text)
    {
        var runs = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(SerialDigits))
        {
            if (word.Length > 0 && word.All(char.IsAsciiDigit))
            {
                current += word;
                continue;
            }
            if (current.Length > 0) runs.Add(current);
            current = "";
        }
        if (current.Length > 0) runs.Add(current);
        return runs;
    }

    /// <summary>
    /// A word of a serial without the marks glued to it: a MICR line's symbol read as a quote ("\"4767177473"), a period or
    /// comma after it. Letters, colons and bars are kept: a MICR symbol read as "1:" beside a routing number would otherwise
    /// make a 10-digit "serial" (seen on held-back seed 900002). A word that had a mark needs a second print or a check digit.
    /// </summary>
    internal static string SerialDigits(string word) => word.Trim('.', ',', '"', '\'', '‘', '’', '“', '”');

    /// <summary>
    /// A page-pass word of a serial without the marks glued to it: those of <see cref="SerialDigits"/>, and (round 11) a dash
    /// or an underscore at either end, a speck or a MICR symbol's bar read as one ("-4932746636", the only reading the page
    /// pass made of a top print on outside tuning seed 300 #48, while it read the MICR repeat as letters). Such a word is
    /// marked (<see cref="HasMark"/>): it bounds its run, and it stands only on the issuer's check digit or a second print,
    /// never on a re-read of its own pixels. A dash inside a word still keeps it out ("4767-177473"). Not used for a crop's
    /// read (<see cref="DigitRuns"/>), where a word with a mark at its start would join the digits before it.
    /// </summary>
    internal static string WordDigits(string word) => SerialDigits(word.Trim('-', '–', '—', '_')).Trim('-', '–', '—', '_');

    /// <summary>Whether a serial's word had a mark other than a trailing period or comma glued to it.</summary>
    internal static bool HasMark(string word) => WordDigits(word).Length != word.TrimEnd('.', ',').Length;

    /// <summary>A label's value sits to its right on the same row or just under it.</summary>
    private static bool IsLabelOf(PixelRect label, PixelRect value)
    {
        var h = Math.Max(label.Height, 10);
        var right = value.Left >= label.Right - h && value.Left - label.Right < 12 * h && value.VerticalOverlap(label) > 0.3;
        var below = value.Top >= label.Bottom - h / 2 && value.Top - label.Bottom < 4 * h && value.Left > label.Left - 3 * h && value.Left < label.Right + 3 * h;
        return right || below;
    }

    /// <param name="Line">Round 25: the numerals' line cut out of the pixels that a reading without page words came from, where its
    /// cents' glyphs can be placed (<see cref="AmountCandidateView.Line"/>).</param>
    private sealed record AmountCandidate(long Cents, List<int> Words, double Confidence, string Text, GrayImage? Line = null);

    /// <summary>
    /// Numerals anywhere on the page ($125.00, $***125.00, $ 125.00, 125 DOLLARS 00 CENTS) and words anywhere
    /// (ONE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS, … DOLLARS AND 00 CENTS). The amount is the one value both say.
    /// NOT VALID OVER $1,000 and other print are ignored by shape (no cents) or by the words around them.
    /// </summary>
    private (FieldReading<Money?> Courtesy, FieldReading<Money?> Legal, Money? Agreed, bool AnyParsed) ReadAmount(OcrEngine engine, PageLayout page)
    {
        var courtesy = new List<AmountCandidate>();
        var legal = new List<AmountCandidate>();
        var courtesyRegions = new List<List<int>>();
        var legalRegions = new List<List<int>>();
        var cutShort = new List<List<int>>();
        foreach (var seg in page.Segments)
        {
            var keys = seg.Select(j => page.Keys[j]).ToList();
            if (keys.Contains("VALID") || keys.Contains("OVER")) continue;
            // Numerals: a run of words made only of $ * , . digits, optionally with DOLLARS/CENTS between them.
            var run = new List<int>();
            foreach (var j in seg.Append(-1))
            {
                // Round 16: the cents after DOLLARS read as the letters "oo" (CourtesyAmount: only 00) stay in the run, and so
                // does the segment's last word with the form's frame glued after it ("00)").
                if (j >= 0 && (IsNumeralWord(page.Words[j].Text, page.Keys[j])
                               || (run.Count > 0 && page.Keys[run[^1]] == "DOLLARS" && IsZeroCentsReadAsLetters(page.Keys[j]))
                               || (j == seg[^1] && IsNumeralWordAtFrame(page.Words[j].Text, page.Keys[j]))))
                {
                    run.Add(j);
                    continue;
                }
                if (run.Count > 0)
                {
                    var text = page.Text(run);
                    // "325.00" whose "$****" OCR dropped counts too: it must still say what the words say.
                    if (CourtesyAmount.TryParseFound(text, out var cents))
                        courtesy.Add(new AmountCandidate(cents, [.. run], NumeralConfidence(page, run), text));
                    // Round 13: CENTS lost whole past the scan's right edge ("634 DOLLARS 05", the box printed past the paper).
                    else if (EndsAtRightEdge(page, run) && CourtesyAmount.TryParseCutAtEdge(text, out cents))
                        courtesy.Add(new AmountCandidate(cents, [.. run], NumeralConfidence(page, run), text));
                    else if (text.Any(char.IsAsciiDigit) && (text.Contains('$', StringComparison.Ordinal) || run.Any(k => page.Keys[k] == "CENTS")))
                        courtesyRegions.Add([.. run]);
                }
                run.Clear();
            }
            // Asterisk fill read as letters and signs ("S$. 4321 62", "s* > * 17.069"): digits OCR doubted, next to fill.
            if (!keys.Any(k => k.Split('-').Any(LegalAmountWords.IsNumberWord)) && LooksLikeFilledNumerals(page, seg)
                && !courtesy.Any(c => c.Words.Intersect(seg).Any()) && !courtesyRegions.Any(r => r.Intersect(seg).Any()))
            {
                var text = page.Text(seg);
                if (CourtesyAmount.TryParseFound(text, out var cents)) courtesy.Add(new AmountCandidate(cents, seg, NumeralConfidence(page, seg), text));
                else courtesyRegions.Add(seg);
            }
            // Words: the longest window of the segment that parses and is not part of a longer number.
            AmountCandidate? found = null;
            for (var i = 0; i < seg.Count && found is null; i++)
            {
                if (i > 0 && IsAmountWord(page.Keys[seg[i - 1]])) continue;
                for (var k = seg.Count; k > i; k--)
                {
                    if (k < seg.Count && IsAmountWord(page.Keys[seg[k]])) continue;
                    var window = seg.GetRange(i, k - i);
                    var text = page.Text(window);
                    if (!LegalAmountWords.TryParse(text, out var cents)) continue;
                    found = new AmountCandidate(cents, window, page.MinConfidence(window), text);
                    break;
                }
            }
            // Round 10: a tail of the line after a word that may be a number word misread is no reading of the amount (the
            // numerals could have lost the same digits): its row is read whole below (Reading/LegalLine).
            if (found is not null && !NumberWordsLeftOf(page, seg) && LegalLine.StartsWhole(page, seg, found.Words)) legal.Add(found);
            else if (found is not null) cutShort.Add(found.Words);
            else if (found is null && keys.Count(IsAmountWord) >= 2 && keys.Any(k => k.Split('-').Any(LegalAmountWords.IsNumberWord))) legalRegions.Add(seg);
        }

        // Round 20: a line of words the page pass read but split into segments (RowWordsJoined).
        foreach (var row in legalRegions.Select(r => RowWordsJoined(page, r)).OfType<List<int>>().DistinctBy(r => page.Box(r)))
            if (LegalAmountWords.TryParse(page.Text(row), out var cents)) legal.Add(new AmountCandidate(cents, row, page.MinConfidence(row), page.Text(row)));
        // Round 10: a line of words the page pass cut short is read whole from its pixels (Reading/LegalLine).
        if (cutShort.Count > 0) legal.AddRange(LegalLine.ReadRows(engine, page, cutShort).Select(r => new AmountCandidate(r.Cents, r.Words, r.Confidence, r.Text)));
        var agreed = Agree(courtesy, legal);
        if (agreed is null && (courtesyRegions.Count > 0 || legalRegions.Count > 0))
        {
            // The page pass could not settle it: recognise the doubtful lines again from their crops, at full resolution.
            foreach (var region in courtesyRegions.OrderByDescending(r => page.Text(r).IndexOfAny(['$', '*']) >= 0).Take(3))
            {
                var box = page.Box(region);
                // Widened to the left: the "$" and the fill OCR lost are there.
                var read = engine.Read(Around(PixelRect.FromEdges(box.Left - 2 * box.Height, box.Top, box.Right, box.Bottom)), PageSegMode.SingleLine, "$*., " + Digits + "DOLARSCENT");
                if (CourtesyAmount.TryParseFound(read.Text, out var cents)) courtesy.Add(new AmountCandidate(cents, region, read.MinConfidence, read.Text));
            }
            foreach (var region in legalRegions.Take(3))
            {
                var row = RowOf(page, region);
                var read = engine.Read(Around(page.Box(row)), PageSegMode.SingleLine, Upper + Digits + "-/* ");
                if (LegalAmountWords.TryParse(read.Text, out var cents)) legal.Add(new AmountCandidate(cents, row, read.MinConfidence, read.Text));
            }
            agreed = Agree(courtesy, legal);
        }
        // Round 25: neither print parsed on the page (`courtesy -- 0 ''` beside `**FONE HUNDRED THREE AND 00/100 DOLLARS***`: the
        // fill glued to ONE read as an F, which the parser does not cut off alone: F and E begin number words; ours tuning 9804
        // #164, 9805 #360). Every way to the numerals below starts from words read, so the words' lines are read whole
        // first (Reading/LegalLine: the line cut out and read alone, as it is and with its fill erased), as they are for numerals
        // read beside words that did not parse. What they say still counts only where the numerals say the same.
        var readWhole = new List<List<int>>();
        if (agreed is null && courtesy.Count == 0 && legal.Count == 0 && legalRegions.Count > 0)
        {
            readWhole.AddRange(legalRegions.Take(3));
            legal.AddRange(LegalLine.ReadRows(engine, page, readWhole, except: cutShort).Select(r => new AmountCandidate(r.Cents, r.Words, r.Confidence, r.Text)));
        }
        if (agreed is null && legal.Count > 0)
        {
            // Words read, numerals not (or not the same): the asterisk fill is what usually spoils them. Each line that could
            // be the numerals is read once more with the fill erased by its shape (Reading/AsteriskFill).
            var lines = courtesyRegions.Concat(courtesy.Select(c => c.Words))
                .Concat(page.Segments.Where(seg => page.Text(seg).IndexOfAny(['$', '*']) >= 0 && seg.Count <= 5
                    && !seg.Any(j => page.Keys[j].Split('-').Any(LegalAmountWords.IsNumberWord) || page.Keys[j] is "VALID" or "OVER")))
                .DistinctBy(r => page.Box(r)).Take(4).ToList();
            foreach (var line in lines)
            {
                var box = page.Box(line);
                var read = ReadWithoutFill(engine, PixelRect.FromEdges(box.Left - 2 * box.Height, box.Top, box.Right, box.Bottom), "$., " + Digits);
                if (read is not null && CourtesyAmount.TryParseFound(AfterDollarSign(read.Text), out var cents))
                    courtesy.Add(new AmountCandidate(cents, line, read.MinConfidence, read.Text));
            }
            agreed = Agree(courtesy, legal);
        }
        if (agreed is null && legal.Count > 0)
        {
            // Still no numerals that say what the words say: the page pass may not have read them as a line at all (a box's
            // edges glued to them, a caption run into them). The biggest line of glyphs in each place they may be is cut out
            // from the pixels and read alone, with its fill erased and as it is.
            foreach (var place in NumeralPlaces(page, courtesyRegions.Concat(courtesy.Select(c => c.Words))).Take(8))
                if (ReadNumeralLineAt(place)) break;
            agreed = Agree(courtesy, legal);
            // Round 25: the courtesy amount's ruled box, found by its rules where no caption or doubted line led to it (a skewed
            // page's date row read into the box's caption as one line of junk, `20S ans AND. dbs`, and the numerals under it not
            // read at all: ours tuning 9805 #197, `$****464.77`).
            if (agreed is null)
                foreach (var box in NumeralLine.RuledBoxes(engine.Image!, page.TextHeight, (int)(0.85 * engine.Image!.Height)).Take(3))
                    if (ReadNumeralLineAt(box.Inflate(2, 2))) break;
            agreed = Agree(courtesy, legal);
            if (agreed is null && ReadUnreadNumerals(engine, page) is { } unread) courtesy.AddRange(unread);
            agreed = Agree(courtesy, legal);
        }

        var doubtfulLines = new List<List<int>>();
        if (agreed is null && courtesy.Count > 0)
        {
            // Numerals read, words not (or not the same): a faint line of words with a rule under it comes back from the page
            // pass as one tall word of noise ("POUR TUNORED AND. CORES DOLARS"). Each such line is cut out of the pixels alone
            // (the rule and the neighbours whitened) and read again with the characters the words can hold.
            var h = Math.Max(page.TextHeight, 12);
            var doubtful = page.Segments
                .Where(seg => seg.Count >= 3 && !courtesy.Any(c => c.Words.Intersect(seg).Any())
                    && !seg.Any(j => page.Keys[j] is "VALID" or "OVER" || page.Words[j].Text.Contains('$', StringComparison.Ordinal))
                    && (page.Box(seg).Height >= 1.6 * h || page.MinConfidence(seg) < 60)
                    && !legal.Any(l => l.Words.Intersect(seg).Any() && l.Confidence >= Options.AmountMinConfidence))
                .OrderByDescending(seg => seg.Count(j => IsAmountWord(page.Keys[j]) || Near(page.Keys[j], "DOLLARS") || Near(page.Keys[j], "HUNDRED")))
                .ThenByDescending(seg => page.Box(seg).Width)
                .Take(3);
            foreach (var seg in doubtful)
            {
                doubtfulLines.Add(seg);
                var line = NumeralLine.Find(engine.Image!, page.Box(seg).Inflate(h, h / 2), page.TextHeight);
                if (line is null) continue;
                var read = ReadAlone(engine, line, Upper + Digits + "-/* ");
                if (LegalAmountWords.TryParse(read.Text, out var cents)) legal.Add(new AmountCandidate(cents, [], read.MinConfidence, read.Text));
                if (Agree(courtesy, legal) is not null) break;
            }
            agreed = Agree(courtesy, legal);
        }
        if (agreed is null && courtesy.Count > 0)
        {
            // Round 10: the words' line read whole, across the page (Reading/LegalLine): a line whose first words the page pass
            // lost or misread, words that say another amount than the numerals, a line of amount words that did not parse.
            // Round 20: the doubtful lines above too, read whole: the page pass may have cut a line of junk in two at a wide
            // gap (`Be` | `ere ee ten ee we See Sm` for ***TWO HUNDRED TWENTY-FOUR…: ours tuning 9752 #136), and the crop around
            // one part read `/ HUNDRED TWENTY-FOUR AND 00/100 DOLLARS*`, which is no reading of the amount.
            legal.AddRange(LegalLine.ReadRows(engine, page, legal.Select(l => l.Words).Concat(legalRegions).Concat(doubtfulLines), except: [.. cutShort, .. readWhole])
                .Select(r => new AmountCandidate(r.Cents, r.Words, r.Confidence, r.Text)));
            agreed = Agree(courtesy, legal);
        }

        if (agreed is { } pair)
        {
            var (c, l) = pair;
            // Both prints of the cents are numerals in one face, read by one engine: they misread alike (a dotted zero read as 6
            // in both, $1,101.60 posted for $1,101.00 on held-back 900013). The glyphs' own shapes must not say otherwise.
            // The dollars in words are letters, an independent print of the number: words read clearly (the page pass sure of
            // them, every word as printed, nothing repaired) settle a shape dispute of a DOLLARS digit (round 9: `$595.97` whose
            // 9 looks like an 8 beside FIVE HUNDRED NINETY-FIVE). Never the cents: both prints of them are numerals.
            // Round 26: numerals read from their line cut out of the pixels are judged on that line's glyphs, as when the cents are
            // settled by their shapes (western-union `65 DOLLARS 76 CENTS`, no page word under the read: ours tuning 9824 #451).
            if (DigitsDoubtedBeside(engine, page, new(c.Cents, c.Words, c.Text, c.Line), new(l.Cents, l.Words, l.Text), l.Confidence, Options.AmountMinConfidence) is { } doubt)
                return (new FieldReading<Money?>(null, c.Confidence, $"{c.Text} [{doubt}]"), new FieldReading<Money?>(null, l.Confidence, l.Text), null, true);
            var cConf = Confirm(engine, page, c, "$*., " + Digits + "DOLARSCENT", CourtesyAmount.TryParseFound);
            var lConf = Confirm(engine, page, l, Upper + Digits + "-/* ", LegalAmountWords.TryParse);
            // Two independent fields saying the same amount is the evidence; Tesseract's confidence in asterisk-filled
            // numerals is low even when every digit is right, so one clear reading and the other agreeing suffice.
            var ok = Math.Max(cConf, lConf) >= Options.AmountMinConfidence && Math.Min(cConf, lConf) >= Options.AgreeingAmountMinConfidence;
            // Both fields below it, dragged down by their fill (`$*68 1.00` at 0 beside `***STX HUNDRED EIGHTY-ONE … DOLLARS***`
            // at 38): the numerals' line cut out of the pixels and read alone (fill erased, or as it is) is one more reading of
            // the numerals, as Confirm's crop is; saying the very same amount, its own confidence counts.
            var text = c.Text;
            if (!ok && NumeralsReadAgain(engine, page, new(c.Cents, c.Words, c.Text)) is { } again && again > cConf)
            {
                cConf = again;
                ok = Math.Max(cConf, lConf) >= Options.AmountMinConfidence && Math.Min(cConf, lConf) >= Options.AgreeingAmountMinConfidence;
                if (ok) text += " [numerals read again from their line]";
            }
            var money = Money.Usd(c.Cents);
            return (new FieldReading<Money?>(ok || cConf >= Options.AmountMinConfidence ? money : null, cConf, text),
                    new FieldReading<Money?>(ok || lConf >= Options.AmountMinConfidence ? money : null, lConf, l.Text),
                    ok ? money : null, true);
        }

        // The prints disagree only in cents digits Tesseract confuses (`$850.00` beside `AND 90/100`: a 0 read as 9 in one print):
        // the glyphs settle it when both prints plainly show the same one of the two digits at each disputed place. Not when
        // some value is read by both prints (two amounts both said: a person decides).
        if (!courtesy.Any(c => legal.Any(l => l.Cents == c.Cents)) && SettledByShape(engine.Image!, page, courtesy, legal) is { } settled)
        {
            var (c, l, cents, note) = settled;
            var cConf = Confirm(engine, page, c, "$*., " + Digits + "DOLARSCENT", CourtesyAmount.TryParseFound);
            var lConf = Confirm(engine, page, l, Upper + Digits + "-/* ", LegalAmountWords.TryParse);
            var ok = Math.Max(cConf, lConf) >= Options.AmountMinConfidence && Math.Min(cConf, lConf) >= Options.AgreeingAmountMinConfidence;
            var money = ok ? Money.Usd(cents) : (Money?)null;
            return (new FieldReading<Money?>(money, cConf, $"{c.Text} [{note}]"), new FieldReading<Money?>(money, lConf, l.Text), money, true);
        }

        // No single value both say: report what each read (for the keying page), accept nothing.
        var bestC = courtesy.OrderByDescending(c => c.Confidence).FirstOrDefault();
        var bestL = legal.OrderByDescending(c => c.Confidence).FirstOrDefault();
        var rawC = bestC is null && courtesyRegions.Count > 0 ? page.Text(courtesyRegions[0]) : null;
        var rawL = bestL is null && legalRegions.Count > 0 ? page.Text(legalRegions[0]) : null;
        return (Field(bestC, rawC), Field(bestL, rawL), null, courtesy.Count > 0 || legal.Count > 0);

        // The biggest line of glyphs in a place the numerals may be, cut out from the pixels and read alone, with its fill erased
        // and as it is; true when the numerals and the words then agree.
        bool ReadNumeralLineAt(PixelRect place)
        {
            var line = NumeralLine.Find(engine.Image!, place, page.TextHeight);
            if (line is null) return false;
            var erased = AsteriskFill.Erase(line, splitMerged: true);
            foreach (var read in new[] { erased is null ? null : ReadAlone(engine, erased, "$., " + Digits), ReadAlone(engine, line, "$*., " + Digits + "DOLARSCENT") })
            {
                if (read is not null && CourtesyAmount.TryParseFound(AfterDollarSign(read.Text), out var cents))
                    courtesy.Add(new AmountCandidate(cents, [], read.MinConfidence, read.Text, line));
            }
            // Still not: the line black on white with the grain dropped (a noisy scan's gray paper read as "" or "1"), read
            // with nothing but what numerals are made of. One more reading of the numerals: it counts only if the words agree.
            // Round 22: first without the space (`$***25.87` read with it allowed came apart: ours tuning 9771 #186), then with
            // it (`$ 806.00` read as one word scores 0: 9770 #463).
            foreach (var chars in new[] { Digits + "$.,*", NumeralsOnly })
            {
                if (Agree(courtesy, legal) is not null) break;
                if (ReadAlone(engine, NumeralLine.Binarized(line), chars) is var digitsOnly
                    && CourtesyAmount.TryParseFound(AfterDollarSign(digitsOnly.Text), out var onlyCents))
                    courtesy.Add(new AmountCandidate(onlyCents, [], digitsOnly.MinConfidence, digitsOnly.Text, line));
            }
            return Agree(courtesy, legal) is not null;
        }

        // Each field's own value is shown to the keyer when it was read clearly; only the agreed amount is ever posted.
        FieldReading<Money?> Field(AmountCandidate? a, string? raw) => a is null
            ? new FieldReading<Money?>(null, 0, raw ?? "")
            : new FieldReading<Money?>(a.Confidence >= Options.AmountMinConfidence ? Money.Usd(a.Cents) : null, a.Confidence, a.Text);
    }

    /// <summary>The pair of numerals and words that say the same amount, when exactly one amount is said by both.</summary>
    private static (AmountCandidate C, AmountCandidate L)? Agree(List<AmountCandidate> courtesy, List<AmountCandidate> legal)
    {
        var pairs = courtesy.SelectMany(c => legal.Where(l => l.Cents == c.Cents).Select(l => (C: c, L: l))).ToList();
        if (pairs.Select(p => p.C.Cents).Distinct().Count() != 1) return null;
        return pairs.OrderByDescending(p => Math.Min(p.C.Confidence, p.L.Confidence)).First();
    }

    /// <summary>
    /// The agreed amount's digits checked by their shapes (Reading/DigitShape), where they can be placed on their glyphs (the
    /// page pass's words of each print; a line cut out of the pixels has none). A digit read as 0, 6, 8 or 9 whose glyph is
    /// plainly another of them doubts the amount; a cents digit read as 6, 8 or 9 must also be seen as that shape in at
    /// least one print (a dotted zero on a noisy scan loses its ring and reads as 6: unclear pixels do not confirm a 6).
    /// Returns what the pixels said, for the keyer, or null when they do not doubt the amount.
    /// </summary>
    /// <param name="wordsClear">The legal amount was read clearly (<see cref="LegalAmountWords.ReadsPlainly"/>, confidence at the
    /// threshold): its number words then settle a digit of the numerals' DOLLARS whose glyph looks like another (the cents are
    /// numerals in both prints, so they are always judged).</param>
    internal static string? DigitsDoubted(GrayImage image, PageLayout page, AmountCandidateView courtesy, AmountCandidateView legal, bool wordsClear = false)
    {
        var cents = (courtesy.Cents % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        var checks = new List<(char Read, DigitForm? Form, bool Cents)>();
        checks.AddRange(PrintChecks(image, page, courtesy, cents, fromEnd: true));
        checks.AddRange(PrintChecks(image, page, legal, cents, fromEnd: false));
        var contradicted = checks.Where(x => DigitShape.FormOf(x.Read) is { } read && x.Form is { } seen && seen != DigitForm.Unclear && seen != read
            && (x.Cents || !wordsClear)).ToList();
        if (contradicted.Count > 0)
            return "digit shape: " + string.Join(", ", contradicted.Select(x => $"{x.Read} looks {x.Form}"));
        for (var k = 0; k < 2; k++)
        {
            var digit = cents[k];
            if (digit is not ('6' or '8' or '9')) continue;
            if (!checks.Any(x => x.Cents && x.Read == digit && x.Form == DigitShape.FormOf(digit)))
                return $"digit shape: cents {cents}, {digit} not seen";
        }
        return null;
    }

    /// <summary>
    /// <see cref="DigitsDoubted"/> with the words clear when the page pass read them plainly (<see cref="LegalAmountWords.ReadsPlainly"/>)
    /// at <paramref name="minConfidence"/> or above; round 10: or read them plainly under it and their line, read again alone (as
    /// printed, then with its fill erased), says the same amount at <paramref name="minConfidence"/> or above. Asterisk fill glued
    /// to the first and last words drags the page pass's confidence in every word of them (`***FOUR HUNDRED SIXTY NINE DOLLARS AND
    /// 16 CENTS***` at 33 beside `469 DOLLARS 16 CENTS [digit shape: 6 looks Eight]`, own seed 9000 #220). The re-read is made only
    /// for an amount the glyphs doubt; the cents are judged as before.
    /// </summary>
    internal static string? DigitsDoubtedBeside(OcrEngine engine, PageLayout page, AmountCandidateView courtesy, AmountCandidateView legal,
        double legalConfidence, double minConfidence)
    {
        var plain = legal.Words.Count > 0 && LegalAmountWords.ReadsPlainly(legal.Text);
        var doubt = DigitsDoubted(engine.Image!, page, courtesy, legal, plain && legalConfidence >= minConfidence);
        if (doubt is null || !plain || legalConfidence >= minConfidence) return doubt;
        return WordsReadAgain(engine, page, legal) >= minConfidence ? DigitsDoubted(engine.Image!, page, courtesy, legal, wordsClear: true) : doubt;
    }

    /// <summary>
    /// The words' line read again alone, as printed and with its asterisk fill erased, with the characters words hold: the best
    /// confidence of a read that parses to the same amount, null when none does.
    /// </summary>
    internal static double? WordsReadAgain(OcrEngine engine, PageLayout page, AmountCandidateView legal)
    {
        if (legal.Words.Count == 0) return null;
        const string whitelist = Upper + Digits + "-/* ";
        var box = page.Box(legal.Words.ToList());
        double? best = null;
        foreach (var read in new[] { engine.Read(Around(box), PageSegMode.SingleLine, whitelist), ReadWithoutFill(engine, box, whitelist) })
            if (read is not null && LegalAmountWords.TryParse(read.Text, out var cents) && cents == legal.Cents)
                best = Math.Max(best ?? 0, read.MinConfidence);
        return best;
    }

    /// <summary>
    /// The one amount a pair of numerals and words that differ only in cents digits settles to by the glyphs, with a note for
    /// the keyer; null when no pair settles or pairs settle to different amounts.
    /// </summary>
    private static (AmountCandidate C, AmountCandidate L, long Cents, string Note)? SettledByShape(GrayImage image, PageLayout page,
        List<AmountCandidate> courtesy, List<AmountCandidate> legal)
    {
        var settled = new List<(AmountCandidate C, AmountCandidate L, long Cents, string Note)>();
        foreach (var c in courtesy)
            foreach (var l in legal)
                if (CentsSettledByShape(image, page, new(c.Cents, c.Words, c.Text, c.Line), new(l.Cents, l.Words, l.Text)) is { } cents)
                    settled.Add((c, l, cents, FormattableString.Invariant($"digit shape: cents {c.Cents % 100:00} / {l.Cents % 100:00} settled {cents % 100:00}")));
        if (settled.Select(x => x.Cents).Distinct().Count() != 1) return null;
        return settled.OrderByDescending(x => Math.Min(x.C.Confidence, x.L.Confidence)).First();
    }

    /// <summary>
    /// Courtesy and legal amounts with the same dollars whose cents differ only where one print says 0, 6, 8 or 9 and the other
    /// another of them (Tesseract's 0 read as 6 or 9 in ONE print): the amount whose cents the glyphs plainly show. Both prints'
    /// cents must be placed on their glyphs, and at each disputed place BOTH glyphs must be plainly the same digit, one of the
    /// two read there (the print that misread shows the other's digit, the other print confirms its own reading); the agreed
    /// cents digit and the dollars' digits as for an agreed amount (none looks like another digit, a 6, 8 or 9 seen in a print).
    /// Null when anything is unsure: the item then waits, as before.
    /// </summary>
    internal static long? CentsSettledByShape(GrayImage image, PageLayout page, AmountCandidateView courtesy, AmountCandidateView legal)
    {
        if (courtesy.Cents / 100 != legal.Cents / 100 || courtesy.Cents == legal.Cents) return null;
        var cc = (courtesy.Cents % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        var lc = (legal.Cents % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        if (Enumerable.Range(0, 2).Any(k => cc[k] != lc[k] && (DigitShape.FormOf(cc[k]) is null || DigitShape.FormOf(lc[k]) is null))) return null;
        var cChecks = PrintChecks(image, page, courtesy, cc, fromEnd: true).ToList();
        var lChecks = PrintChecks(image, page, legal, lc, fromEnd: false).ToList();
        var cCents = cChecks.Where(x => x.Cents).ToList();
        var lCents = lChecks.Where(x => x.Cents).ToList();
        if (cCents.Count != 2 || lCents.Count != 2 || cCents[0].Read != cc[0] || cCents[1].Read != cc[1] || lCents[0].Read != lc[0] || lCents[1].Read != lc[1])
            return null;
        static bool Contradicted((char Read, DigitForm? Form, bool Cents) x) =>
            DigitShape.FormOf(x.Read) is { } read && x.Form is { } seen && seen != DigitForm.Unclear && seen != read;
        if (cChecks.Concat(lChecks).Any(x => !x.Cents && Contradicted(x))) return null;
        var settled = new char[2];
        for (var k = 0; k < 2; k++)
        {
            var (cf, lf) = (cCents[k].Form, lCents[k].Form);
            if (cc[k] == lc[k])
            {
                if (Contradicted(cCents[k]) || Contradicted(lCents[k])) return null;
                if (cc[k] is '6' or '8' or '9' && cf != DigitShape.FormOf(cc[k]) && lf != DigitShape.FormOf(cc[k])) return null;
                settled[k] = cc[k];
                continue;
            }
            if (cf is not { } form || form == DigitForm.Unclear || lf != form) return null;
            if (form == DigitShape.FormOf(cc[k])) settled[k] = cc[k];
            else if (form == DigitShape.FormOf(lc[k])) settled[k] = lc[k];
            else return null;
        }
        return courtesy.Cents / 100 * 100 + (settled[0] - '0') * 10 + (settled[1] - '0');
    }

    /// <summary>An amount reading as the shape check needs it: its cents, the page words it was read from, and its text.</summary>
    /// <param name="Line">Round 25: the numerals' line cut out of the pixels (<see cref="NumeralLine.Find"/>) that a reading with no
    /// page words came from: its cents are placed on that line's glyphs when the cents are settled by their shapes.</param>
    internal sealed record AmountCandidateView(long Cents, IReadOnlyList<int> Words, string Text, GrayImage? Line = null);

    /// <summary>
    /// Each digit of one print placed on its glyph: the page words' own texts, the cents being the last two digits of the
    /// numerals (<paramref name="fromEnd"/>) or the first two of the words (`AND 60/100`); nothing when the words' texts do not
    /// hold the cents there (the reading came from a re-read of the crop: then only its cents are placed, on the whole box).
    /// </summary>
    private static IEnumerable<(char Read, DigitForm? Form, bool Cents)> PrintChecks(GrayImage image, PageLayout page, AmountCandidateView a, string cents, bool fromEnd)
    {
        if (a.Words.Count == 0)
        {
            // Round 25: numerals read from their line cut out of the pixels, no page word under them (the page pass read the fill as
            // a digit, `$741.00` for `$*****41.00`, so its word's characters and glyphs do not count alike: ours tuning 9806 #245).
            // The read's characters are placed on the line's glyphs as on a word's (they must count alike: the fill is no glyph of
            // a digit's height, erased or not); only the cents are judged, as for any re-read.
            if (!fromEnd || a.Line is not { } line) yield break;
            var read = a.Text;
            var digitsAt = Enumerable.Range(0, read.Length).Where(i => char.IsAsciiDigit(read[i])).ToList();
            if (digitsAt.Count < 2 || string.Concat(digitsAt.TakeLast(2).Select(i => read[i])) != cents) yield break;
            var lineCents = digitsAt.TakeLast(2).ToList();
            var forms = DigitShape.FormsAt(line, line.Bounds, read, lineCents, lightToo: true);
            for (var k = 0; k < 2; k++) yield return (read[lineCents[k]], forms[k], true);
            yield break;
        }
        var digits = a.Words.SelectMany(j => page.Words[j].Text.Select((ch, i) => (Word: j, Index: i, Ch: ch))).Where(d => char.IsAsciiDigit(d.Ch)).ToList();
        var centsAt = digits.Count < 2 ? [] : fromEnd ? digits.GetRange(digits.Count - 2, 2) : digits.GetRange(0, 2);
        // Round 21: asterisk fill read as a digit glued to the first word (`*6EIGHT HUNDRED SIXTEEN AND 61/100`, ours tuning
        // 9759 #60): the words' cents are then the first two digits side by side in one word.
        if (!fromEnd && string.Concat(centsAt.Select(d => d.Ch)) != cents)
            centsAt = Enumerable.Range(0, Math.Max(0, digits.Count - 1))
                .Where(k => digits[k + 1].Word == digits[k].Word && digits[k + 1].Index == digits[k].Index + 1)
                .Select(k => digits.GetRange(k, 2)).FirstOrDefault() ?? [];
        // Round 26: numerals a re-read of their crop read with other cents than the page pass (`$****792 00` on the page, `792.88`
        // read again beside SEVEN HUNDRED NINETY-TWO AND 00/100: ours tuning 9824 #386) are judged on the page words' glyphs when
        // the page pass read as many digits and the same dollars: the re-read's cents are placed on the page's last two digits,
        // so their glyphs say which cents were printed.
        var amount = (a.Cents / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + cents;
        var sameDollars = fromEnd && digits.Count == amount.Length
            && string.Concat(digits.Take(digits.Count - 2).Select(d => d.Ch)) == amount[..^2];
        if (centsAt.Count == 2 && (string.Concat(centsAt.Select(d => d.Ch)) == cents || sameDollars))
        {
            // Numerals: every digit is judged (a 0 of the dollars looking like a 6 doubts the amount too); words: only the cents.
            var judged = fromEnd ? digits : centsAt;
            // Round 23: numerals the page pass misread and a re-read of their line read as the words say (`$075.00` on the page,
            // `$673.00` read again beside SIX HUNDRED SEVENTY-THREE: outside tuning 616 #91) are judged as the amount, digit for
            // digit from the end: the glyph under the page pass's 0 is the amount's 6, and must look like a 6, not like its misread.
            if (fromEnd && digits.Count >= amount.Length)
                judged = [.. digits.Select((d, i) => i < digits.Count - amount.Length ? d : d with { Ch = amount[i - (digits.Count - amount.Length)] })];
            foreach (var group in judged.GroupBy(d => d.Word))
            {
                // A 6 or 9 must show its mouth; the cents are judged at the lighter ink too when the usual one says nothing (pale print).
                foreach (var part in group.GroupBy(d => centsAt.Any(c => c.Word == d.Word && c.Index == d.Index)))
                {
                    var list = part.ToList();
                    var word = page.Words[group.Key];
                    var forms = DigitShape.FormsAt(image, word.Box, fromEnd ? FillLettersAsFill(word.Text) : word.Text, list.Select(d => d.Index).ToList(), lightToo: part.Key);
                    for (var k = 0; k < list.Count; k++) yield return (list[k].Ch, forms[k], part.Key);
                }
            }
            yield break;
        }
        // A re-read's text over the page words' box: the cents are the last two digits of numerals read from the crop.
        var text = a.Text;
        var at = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiDigit(text[i])).ToList();
        if (!fromEnd || at.Count < 2 || string.Concat(at.TakeLast(2).Select(i => text[i])) != cents) yield break;
        var last = at.TakeLast(2).ToList();
        var placed = DigitShape.FormsAt(image, page.Box(a.Words.ToList()), text, last, lightToo: true);
        for (var k = 0; k < 2; k++) yield return (text[last[k]], placed[k], true);
    }

    /// <summary>
    /// A numerals word's text with the letters the page pass made of its asterisk fill (`-$**K4.73.67`: ours tuning 9782 #472,
    /// postal `$****473.67` in a bold serif face) written as the fill they are: after an asterisk and before the first digit
    /// nothing but fill is printed, and an asterisk is no glyph of a digit's height, so a letter there counted as one put every
    /// digit on the wrong glyph and none was placed (the cents' 6, plainly a 6, "not seen"). Same length, so the indexes hold;
    /// the glyphs must still count as the tall characters left, or nothing is placed.
    /// </summary>
    internal static string FillLettersAsFill(string text)
    {
        var star = text.IndexOf('*', StringComparison.Ordinal);
        if (star < 0) return text;
        var chars = text.ToCharArray();
        for (var i = star + 1; i < chars.Length && !char.IsAsciiDigit(chars[i]); i++)
            if (char.IsAsciiLetter(chars[i])) chars[i] = '*';
        return new string(chars);
    }

    private static bool IsAmountWord(string key) =>
        key is "AND" or "DOLLARS" or "CENTS" || key.EndsWith("/100", StringComparison.Ordinal)
        || key.Split('-', StringSplitOptions.RemoveEmptyEntries).Any(LegalAmountWords.IsNumberWord);

    /// <summary>Number words just left of the segment on its row: the amount in words began earlier, so this part alone is not it.</summary>
    private static bool NumberWordsLeftOf(PageLayout page, List<int> seg)
    {
        var box = page.Box(seg);
        var h = Math.Max(box.Height, 10);
        return page.Segments.Any(o => o != seg && page.Box(o).Right <= box.Left && box.Left - page.Box(o).Right < 4 * h
            && page.Box(o).VerticalOverlap(box) > 0.5 && IsAmountWord(page.Keys[o[^1]]));
    }

    /// <summary>The segments on a region's row that carry amount words: a line of words split by a wide gap, joined again.</summary>
    private static List<int> RowOf(PageLayout page, List<int> region)
    {
        var box = page.Box(region);
        return page.Segments.Where(o => page.Box(o).VerticalOverlap(box) > 0.5 && o.Any(j => IsAmountWord(page.Keys[j])))
            .SelectMany(o => o).Union(region).OrderBy(j => page.Words[j].Box.Left).ToList();
    }

    /// <summary>
    /// Round 20: the page pass's words of a legal region's row, when the row is one line of amount words that the segments split
    /// (one word's box drawn wide over the next, so `AND` stood alone beside `THREE HUNDRED SEVENTY-ONE 84/100 DOLLARS`: outside
    /// tuning 561 #69, every word read at 92–97). The row's words in order, only when they parse whole, every word the page pass
    /// read within the row's span is one of them (nothing between them left out), and nothing left of it may be a number word;
    /// else null. The page pass's own words joined: as every reading of the words, they count only where the numerals agree.
    /// </summary>
    internal static List<int>? RowWordsJoined(PageLayout page, List<int> region)
    {
        var row = RowOf(page, region);
        if (row.Count == region.Count) return null;
        var box = page.Box(row);
        var whole = Enumerable.Range(0, page.Words.Count).All(j => row.Contains(j) || page.Words[j].Box.VerticalOverlap(box) <= 0.5
            || page.Words[j].Box.Right <= box.Left || page.Words[j].Box.Left >= box.Right);
        return whole && LegalAmountWords.TryParse(page.Text(row), out _) && LegalLine.StartsWhole(page, row, row) ? row : null;
    }

    /// <summary>
    /// The confidence of an amount field. When the page pass was unsure, the field's crop is recognised again at full
    /// resolution with the characters it can hold; a re-read that parses to the same amount lends its confidence.
    /// </summary>
    private double Confirm(OcrEngine engine, PageLayout page, AmountCandidate a, string whitelist, TryParseCents parse)
    {
        // A line cut out of the pixels (NumeralLine) has no words on the page to read again: its own read stands.
        if (a.Confidence >= Options.AmountMinConfidence || a.Words.Count == 0) return a.Confidence;
        var read = engine.Read(Around(page.Box(a.Words)), PageSegMode.SingleLine, whitelist);
        var confidence = parse(read.Text, out var cents) && cents == a.Cents ? Math.Max(a.Confidence, read.MinConfidence) : a.Confidence;
        if (confidence >= Options.AmountMinConfidence) return confidence;
        // Asterisk fill (around numerals, fencing words) drags the confidence of every word it touches: read once more without it.
        var clean = ReadWithoutFill(engine, page.Box(a.Words), whitelist);
        confidence = clean is not null && parse(AfterDollarSign(clean.Text), out cents) && cents == a.Cents ? Math.Max(confidence, clean.MinConfidence) : confidence;
        // Round 22: on a noisy scan's gray paper that read still gives a clear word 0 (`EIGHT` of `***EIGHT HUNDRED SIX AND 00/100
        // DOLLARS***` beside the patch its fill left: ours tuning 9770 #463); black on white, the grain dropped, it reads at 96.
        if (confidence < Options.AmountMinConfidence && ReadWithoutFill(engine, page.Box(a.Words), whitelist, binarized: true) is { } black
            && parse(AfterDollarSign(black.Text), out cents) && cents == a.Cents)
            confidence = Math.Max(confidence, black.MinConfidence);
        if (confidence >= Options.AmountMinConfidence || FillWordBefore(page, a.Words) is not { } fill) return confidence;
        // Round 17: fill glued to the first number word ("***K THREE", both at 0: 9671 #94) leaves ink of the fill in the
        // field's crop. Cut from the fill word's left edge, the fill erased, the whole line read once more.
        var whole = ReadWithoutFill(engine, page.Box([fill, .. a.Words]), whitelist);
        return whole is not null && parse(AfterDollarSign(whole.Text), out cents) && cents == a.Cents ? Math.Max(confidence, whole.MinConfidence) : confidence;
    }

    /// <summary>The word right before <paramref name="words"/> on their line when it starts with asterisk fill ("***K"), else null.</summary>
    internal static int? FillWordBefore(PageLayout page, IReadOnlyList<int> words)
    {
        if (words.Count == 0) return null;
        var seg = page.Segments.FirstOrDefault(s => s.Contains(words[0]));
        var at = seg?.IndexOf(words[0]) ?? -1;
        return at > 0 && page.Words[seg![at - 1]].Text.StartsWith("**", StringComparison.Ordinal) ? seg[at - 1] : null;
    }

    /// <summary>
    /// Round 9, last: the tallest line of glyphs above the MICR band that the page pass did not read (every word it read with
    /// some confidence whitened), read alone with its fill erased and as it is. Readings of the numerals like any other: they
    /// count only where the words say the same amount. Only a read that holds its dollar sign: with some of the numerals read
    /// and whitened ("$4" of `$407.00`), the rest ("07.00") is no amount, and words that lost their first words ("SEVEN AND
    /// 00/100") could agree with it.
    /// </summary>
    internal static List<long> ReadUnreadNumeralsCents(OcrEngine engine, PageLayout page) => ReadUnreadNumerals(engine, page).Select(c => c.Cents).ToList();

    private static List<AmountCandidate> ReadUnreadNumerals(OcrEngine engine, PageLayout page)
    {
        var found = new List<AmountCandidate>();
        var image = engine.Image!;
        var read = Enumerable.Range(0, page.Words.Count).Where(j => page.Words[j].Confidence >= 50).Select(j => page.Words[j].Box);
        var line = NumeralLine.FindUnread(image, read, new PixelRect(0, 0, image.Width, (int)(0.85 * image.Height)), page.TextHeight);
        if (line is null) return found;
        var erased = AsteriskFill.Erase(line, splitMerged: true);
        foreach (var r in new[] { erased is null ? null : ReadAlone(engine, erased, "$., " + Digits), ReadAlone(engine, line, "$*., " + Digits + "DOLARSCENT") })
            if (r is not null && r.Text.Contains('$', StringComparison.Ordinal) && CourtesyAmount.TryParseFound(AfterDollarSign(r.Text), out var cents))
                found.Add(new AmountCandidate(cents, [], r.MinConfidence, r.Text));
        return found;
    }

    /// <summary>
    /// The courtesy numerals' line cut out of the pixels around the page pass's words (NumeralLine: frames, rules and
    /// neighbours whitened) and read alone, with its fill erased and as it is: the best confidence of a read that parses to
    /// the same amount, null when none does.
    /// </summary>
    internal static double? NumeralsReadAgain(OcrEngine engine, PageLayout page, AmountCandidateView c)
    {
        if (c.Words.Count == 0) return null;
        var h = Math.Max(page.TextHeight, 12);
        var line = NumeralLine.Find(engine.Image!, page.Box(c.Words).Inflate(3 * h, h), page.TextHeight);
        if (line is null) return null;
        var erased = AsteriskFill.Erase(line, splitMerged: true);
        double? best = null;
        // Round 22: and black on white with the grain dropped. On a noisy scan the gray line reads at 0 however clean its
        // digits (`$806.00` at 0 and 23 beside `**KEIGHT HUNDRED SIX AND 00/100 DOLLARS***` at 40: ours tuning 9770 #463);
        // binarized, the same line reads `$ 806.00` at 92.
        foreach (var read in new[] { erased is null ? null : ReadAlone(engine, erased, "$., " + Digits), ReadAlone(engine, line, "$*., " + Digits + "DOLARSCENT"),
                                     ReadAlone(engine, NumeralLine.Binarized(line), NumeralsOnly) })
            if (read is not null && CourtesyAmount.TryParseFound(AfterDollarSign(read.Text), out var cents) && cents == c.Cents)
                best = Math.Max(best ?? 0, read.MinConfidence);
        return best;
    }

    /// <summary>A crop widened to the left holds the end of a caption or a box edge: numerals start at their dollar sign.</summary>
    private static string AfterDollarSign(string text) => text.IndexOf('$', StringComparison.Ordinal) is var dollar and > 0 ? text[dollar..] : text;

    private delegate bool TryParseCents(string? text, out long cents);

    /// <summary>
    /// The amount in <paramref name="box"/> read alone: the crop with its asterisk fill erased, recognised as one line of the
    /// characters it can hold; the engine gets its page back after. Null when no line of glyphs is found in the crop.
    /// </summary>
    /// <param name="binarized">Read black on white with the grain dropped (<see cref="NumeralLine.Binarized"/>).</param>
    private static OcrText? ReadWithoutFill(OcrEngine engine, PixelRect box, string whitelist, bool binarized = false)
    {
        var page = engine.Image!;
        var region = Around(box).ClampTo(page.Width, page.Height);
        if (region.IsEmpty) return null;
        var numerals = AsteriskFill.Erase(page.Crop(region), splitMerged: whitelist.Contains('$', StringComparison.Ordinal));
        return numerals is null ? null : ReadAlone(engine, binarized ? NumeralLine.Binarized(numerals) : numerals, whitelist);
    }

    /// <summary>One line image read on its own as a single line of the given characters; the engine gets its page back after.</summary>
    internal static OcrText ReadAlone(OcrEngine engine, GrayImage line, string? whitelist)
    {
        var page = engine.Image!;
        try
        {
            engine.SetImage(line);
            return engine.Read(line.Bounds, PageSegMode.SingleLine, whitelist);
        }
        finally
        {
            engine.SetImage(page);
        }
    }

    /// <summary>
    /// Where courtesy numerals may be that the page pass did not read: under or beside an amount caption (AMOUNT, DOLLARS AND
    /// CENTS, however OCR spelled one of its words), inside a word much taller than the page's print that OCR could not read
    /// (a box whose edges it glued to the numerals), and around the lines already doubted. Captions first: they say where.
    /// </summary>
    internal static List<PixelRect> NumeralPlaces(PageLayout page, IEnumerable<List<int>> doubted)
    {
        var h = Math.Max(page.TextHeight, 12);
        var places = new List<PixelRect>();
        bool AmountInWords(IEnumerable<int> words) => words.Any(j => page.Keys[j].Split('-').Any(LegalAmountWords.IsNumberWord)
            || page.Words[j].Text.Contains("/100", StringComparison.Ordinal));
        foreach (var seg in page.Segments.Where(s => !AmountInWords(s)))
        {
            var keys = seg.Select(j => page.Keys[j]).ToList();
            var caption = keys.Any(k => Near(k, "AMOUNT"))
                || (keys.Any(k => Near(k, "CENTS")) && keys.Any(k => Near(k, "DOLLARS") || k == "AND"));
            var b = page.Box(seg);
            if (caption)
                places.Add(PixelRect.FromEdges(b.Left - 3 * h, b.Top - h, b.Right + 24 * h, b.Bottom + 5 * h));
            // A lone DOLLARS under a box (prairie-bank prints "$ 2572.00" boxed above it, and the page pass often reads nothing
            // of the box): the numerals are above the caption and mostly left of it.
            else if (seg.Count == 1 && Near(keys[0], "DOLLARS"))
                places.Add(PixelRect.FromEdges(b.Left - 24 * h, b.Top - 8 * h, b.Right + 10 * h, b.Top));
        }
        for (var j = 0; j < page.Words.Count; j++)
        {
            var w = page.Words[j];
            if (w.Box.Height < 2 * h || w.Confidence >= 60 || AmountInWords([j])) continue;
            places.Add(w.Box.Inflate(h, h / 2));
            // Round 20: the rest of the numerals may be words of their own beside it (`ie` `ves` `92` for $***543.92, outside
            // tuning 558 #86: the place around `ves` cut the 92 off and the line read `$***543.`): its segment's span too.
            var seg = page.Segments.First(s => s.Contains(j));
            if (seg.Count > 1 && !AmountInWords(seg)) places.Add(page.Box(seg).Inflate(h, h / 2));
        }
        places.AddRange(doubted.Where(r => r.Count > 0).Select(r => page.Box(r).Inflate(3 * h, h)));
        // Round 9: where the page pass read nothing of the numerals or of their caption (tuning: a skewed MoneyGram whose box the
        // pass skipped, a USPS box on hatching read as three lines of junk, a caption glued to the date boxes as "potart Ano CENTS"):
        // a CENTS however glued; above and beside NOT VALID OVER, which forms print by the courtesy amount; and each cluster of
        // junk (words that are nothing OCR was sure of, no number word, no long digit run) above the MICR line.
        foreach (var seg in page.Segments.Where(s => !AmountInWords(s)))
        {
            var b = page.Box(seg);
            var keys = seg.Select(j => page.Keys[j]).ToList();
            if (keys.Any(k => Near(k, "CENTS")))
                places.Add(PixelRect.FromEdges(b.Left - 3 * h, b.Top - h, b.Right + 24 * h, b.Bottom + 5 * h));
            var valid = keys.FindIndex(k => k == "VALID");
            if (valid >= 0 && keys.Skip(valid).Any(k => k.StartsWith("OVER", StringComparison.Ordinal)))
                places.Add(PixelRect.FromEdges(b.Left - 6 * h, b.Top - 10 * h, b.Right + 14 * h, b.Top));
        }
        var junk = page.Segments.Where(s => s.All(j => page.Words[j].Confidence < 50) && !AmountInWords(s)
                && !s.Any(j => page.Keys[j].Count(char.IsAsciiDigit) >= 6) && page.Box(s).Bottom < 0.85 * page.Height)
            .Select(s => page.Box(s)).ToList();
        var clusters = new List<PixelRect>();
        foreach (var box in junk.OrderBy(b => b.Top))
        {
            var near = clusters.FindIndex(c => box.Top - c.Bottom < 2 * h && Math.Min(c.Right, box.Right) - Math.Max(c.Left, box.Left) > -h);
            if (near >= 0) clusters[near] = clusters[near].Union(box);
            else clusters.Add(box);
        }
        places.AddRange(clusters.Select(c => c.Inflate(2 * h, h)));
        return places.Distinct().ToList();
    }

    /// <summary>
    /// A short line with digits and fill or signs ($, *, S$, &gt;) or digits OCR doubted: a courtesy amount the page pass
    /// mangled. Not a serial, date or MICR line (a long digit run, or digits split by dashes or slashes).
    /// </summary>
    private static bool LooksLikeFilledNumerals(PageLayout page, List<int> seg)
    {
        var text = page.Text(seg);
        if (!text.Any(char.IsAsciiDigit) || seg.Count > 5) return false;
        if (text.Split(' ').Any(w => w.Count(char.IsAsciiDigit) >= 8) || text.Contains('/', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal)) return false;
        // A word of print (four letters or more, no digit) means a caption or a name, not fill around numerals.
        if (seg.Any(j => page.Keys[j].Length >= 4 && !page.Keys[j].Any(char.IsAsciiDigit) && page.Keys[j] is not ("DOLLARS" or "CENTS"))) return false;
        var fill = text.IndexOfAny(['$', '*', '>', '<']) >= 0 || seg.Any(j => page.Words[j].Text.StartsWith("S$", StringComparison.Ordinal));
        var doubted = seg.Any(j => page.Words[j].Text.Any(char.IsAsciiDigit) && page.Words[j].Confidence < 50);
        return fill || doubted;
    }

    internal static bool IsNumeralWord(string text, string key)
    {
        if (key is "DOLLARS" or "CENTS" || IsCutCents(text, key)) return true;
        // A speck or a box edge read as a quote glued to the numerals ("955, "$621.27'): the parser trims it too.
        text = text.Trim('"', '\'', '‘', '’', '“', '”');
        // Round 10: a box edge or a rule's end read as `_`, `-`, `~` or a bracket just before the dollar sign (`_S9751.47`), which
        // TryParseFound trims too. Only before a dollar sign: junk before a bare digit ("|1") would join the numerals' run and spoil it.
        var sign = text.TrimStart('(', '[', '{', '|', '-', '_', '~');
        if (sign.Length > 1 && (sign[0] == '$' || (sign[0] == 'S' && (sign[1] == '*' || char.IsAsciiDigit(sign[1]))))) text = sign;
        if (text.Length > 1 && text[0] == 'S' && (text[1] == '*' || char.IsAsciiDigit(text[1]))) text = text[1..];
        // Round 19: the point before the cents read as a colon ("196:70", prairie-bank tuning seed 9737 #125): one colon after a
        // digit with exactly two digits after it, at the word's end (CourtesyAmount parses it so only after a dollar sign). A MICR
        // word ends in its colon ("2665202121:") or holds no two digits after one ("I:"), so it is not taken.
        if (text.IndexOf(':') is var colon and > 0 && colon == text.Length - 3 && text.LastIndexOf(':') == colon
            && char.IsAsciiDigit(text[colon - 1]) && char.IsAsciiDigit(text[^2]) && char.IsAsciiDigit(text[^1]))
            text = text[..colon] + "." + text[(colon + 1)..];
        return text.Length > 0 && text.All(ch => ch is '$' or '*' or ',' or '.' || char.IsAsciiDigit(ch)) && text.Any(ch => ch is '$' || char.IsAsciiDigit(ch));
    }

    /// <summary>Round 16: a word of two characters each a 0 or the letter O a 0 is read as, with an O ("OO", "O0").</summary>
    internal static bool IsZeroCentsReadAsLetters(string key) => key.Length == 2 && key.All(ch => ch is 'O' or '0') && key.Contains('O');

    /// <summary>
    /// Round 16: the last word of a line of numerals with a box edge or the form's frame glued after it, read as a closing
    /// bracket or bar ("547 DOLLARS 00)": the line printed past the form's frame, CENTS lost beyond it; outside tuning seed 475
    /// #185). <see cref="CourtesyAmount.TryParseFound"/> trims it at the run's end as it does a speck. Only the line's last
    /// word: a bracket inside a line ("1) $125.00") still ends the run.
    /// </summary>
    internal static bool IsNumeralWordAtFrame(string text, string key)
    {
        var trimmed = text.TrimEnd(')', ']', '}', '|');
        return trimmed.Length < text.Length && trimmed.Length > 0 && IsNumeralWord(trimmed, key);
    }

    /// <summary>
    /// "CENTS" with its end lost at the paper's edge or under a speck: "CENT", "CEN", "CEI", "¢"; or only its first letter left
    /// where the form prints the line past its own edge ("452 DOLLARS 00 C", "CI", "CE!": outside forms, round 9); or that C
    /// with the box's edge run through it, read as a euro sign ("628 DOLLARS 15 €", outside seed 240 #121, round 10).
    /// </summary>
    private static bool IsCutCents(string text, string key) =>
        (key.StartsWith("CE", StringComparison.Ordinal) && key.Length <= 5) || text is "¢" or "€"
        || (key.Length is >= 1 and <= 2 && key[0] == 'C' && key.All(char.IsAsciiLetter));

    /// <summary>
    /// Round 13: the run's print ends within three of its own heights of the scan's right edge, where a word after it (the
    /// CENTS of "634 DOLLARS 05 CENTS") has no room left on the paper.
    /// </summary>
    internal static bool EndsAtRightEdge(PageLayout page, List<int> run)
    {
        var box = page.Box(run);
        return page.Width - box.Right <= 3 * Math.Max(box.Height, 8);
    }

    /// <summary>Asterisk fill drags Tesseract's confidence down even when every digit is right: the digit-bearing words decide.</summary>
    private static double NumeralConfidence(PageLayout page, List<int> words) =>
        page.MinConfidence(words.Where(j => page.Words[j].Text.Any(char.IsAsciiDigit) || page.Keys[j] is "DOLLARS" or "CENTS").DefaultIfEmpty(words[0]));

    /// <summary>
    /// Positive evidence that the amount cannot be read by anyone: no amount in numerals or words anywhere, the page
    /// otherwise read as a money order (its serial or PAY TO found), and at least two soft, inked patches as wide as
    /// a printed amount where print should be sharp (smear, melt, blur, tear): the courtesy and the legal amount's places.
    /// Round 10: the patches as the damage itself looks, not as one generator draws it (see <see cref="InkDamage"/>).
    /// </summary>
    private static bool AmountDamaged(PageLayout page, GrayImage raw, FieldReading<string> serial, LabelHit? payLabel)
    {
        if (serial.RawText.Length == 0 && payLabel is null) return false;
        // OCR saw part of an amount in words (a number word, or the "/100" of the cents): a person can read it, however badly
        // OCR did, so it waits for keying. A false "illegible" sends a family's money on a two-week round trip.
        if (page.Words.Select((w, j) => (w, j)).Any(x => x.w.Text.Contains("/100", StringComparison.Ordinal)
                || page.Keys[x.j].Split('-').Any(LegalAmountWords.IsNumberWord)))
            return false;
        var h = Math.Max(page.TextHeight, 12);
        var patches = DamagedPlaces(page, raw);
        return patches.Count >= 2 || patches.Any(p => p.Height >= 3 * h && p.Width >= 8 * h);
    }

    /// <summary>
    /// Soft ink or missing paper (<see cref="InkDamage"/>) as wide as a printed amount and as tall as a line of print (round 10:
    /// a strip one cell high is a rule, a fold's shadow or the page's edge, not an amount's place), with no word OCR read
    /// confidently inside (such a patch is print: the cores of bold strokes).
    /// </summary>
    internal static List<PixelRect> DamagedPlaces(PageLayout page, GrayImage raw)
    {
        var h = Math.Max(page.TextHeight, 12);
        var patches = InkDamage.Find(raw, h / 2, minWidth: 4 * h);
        patches.RemoveAll(p => p.Height < 2 * (h / 2) || page.Words.Any(w => w.Confidence >= 80 && w.Text.Length >= 3 && Overlaps(w.Box, p)));
        return patches;
    }

    private static bool Overlaps(PixelRect a, PixelRect b)
    {
        var x = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var y = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        return x > 0 && y > 0 && (long)x * y > 0.5 * a.Width * a.Height;
    }

    /// <summary>
    /// The purchaser: the CITY, ST ZIP line, the street line above it and the name above that; near FROM / PURCHASER /
    /// SENDER when such a label is printed, anywhere otherwise. Label words are not part of the values. When the page pass
    /// holds no such block but a label is printed, the place beside and under the label is read again on its own with a
    /// stamp's gray dropped (round 8, <see cref="PurchaserBlock"/>).
    /// </summary>
    private (FieldReading<string> Name, FieldReading<string> Address) ReadPurchaser(OcrEngine engine, PageLayout page)
    {
        var labels = page.Find("FROM").Concat(page.Find("PURCHASER")).Concat(page.Find("SENDER")).ToList();
        if (FindPurchaser(page, labels.Select(h => h.Box).ToList(), engine) is { } found) return found;
        foreach (var label in PurchaserBlock.ValueLabels(page, labels))
        foreach (var again in PurchaserBlock.ReadAgain(engine, page, label.Box))
        {
            // The crop's own layout: the label read again sits at the same place in it.
            if (FindPurchaser(again, []) is { } block) return block;
        }
        return (Missing<string>(), Missing<string>());
    }

    /// <param name="engine">The engine holding <paramref name="page"/>'s image, to read a faint block's lines again; null for a crop's layout.</param>
    private (FieldReading<string> Name, FieldReading<string> Address)? FindPurchaser(PageLayout page, List<PixelRect> labelBoxes, OcrEngine? engine = null)
    {
        List<int> Value(List<int> seg) => seg.Where(j => !PurchaserLabels.Contains(page.Keys[j])).ToList();
        var cities = page.Segments.Select(Value).Where(v => v.Count > 0 && CityLine().IsMatch(page.Text(v))).ToList();
        var h = Math.Max(page.TextHeight, 12);
        double Distance(List<int> city) => labelBoxes.Count == 0 ? 0 : labelBoxes.Min(l => Math.Abs(page.Box(city).Top - l.Bottom));
        foreach (var city in cities.OrderBy(Distance))
        {
            var cityBox = page.Box(city);
            List<int>? Above(PixelRect box) => page.Segments.Select(Value)
                .Where(v => v.Count > 0 && page.Box(v).Bottom <= box.Top + box.Height / 3 && page.Box(v).Bottom > box.Top - 2.5 * box.Height
                    && Math.Abs(page.Box(v).Left - box.Left) < 3 * h)
                .OrderByDescending(v => page.Box(v).Bottom).FirstOrDefault();
            var street = Above(cityBox);
            if (street is null || !char.IsAsciiDigit(page.Words[street[0]].Text[0])) continue;
            var name = Above(page.Box(street));
            var address = TextField(page, street.Concat(city).ToList(), joiner: page.Text(street) + ", " + page.Text(city));
            // Round 8: a block the page pass read faintly (a comma at 1 on tuning seed 8200 #160) is read again line by line; each
            // crop spelling its line alike, itself clearly, is the block's confidence (ReturnAddress: one sheet read clearly).
            if (engine is not null && address.Confidence < ReturnAddress.AgreementMinConfidence)
            {
                var again = new[] { street, city }.Select(line => (Page: page.Text(line), Crop: engine.Read(Around(page.Box(line)), PageSegMode.SingleLine, PurchaserBlock.Characters))).ToList();
                var crop = again.Min(r => r.Crop.MinConfidence);
                if (again.All(r => PurchaserLines.Chars(r.Page) == PurchaserLines.Chars(r.Crop.Text)) && crop >= ReturnAddress.AgreementMinConfidence)
                    address = new FieldReading<string>(crop >= Options.TextMinConfidence ? address.RawText : null, crop, address.RawText);
            }
            return (name is null ? Missing<string>() : TextField(page, name), address);
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Z][A-Z .'-]*,?\s[A-Z]{2}\s\d{5}(-\d{4})?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CityLine();

    /// <param name="purchaserAddress">The purchaser's address as read on the money order, if any: a sender address the page pass
    /// reads clearly and alike needs no second read (<see cref="ReturnAddress"/>).</param>
    /// <param name="purchaserName">The purchaser's name as read on the money order, if any (<see cref="PurchaserLines"/>).</param>
    public DepositSlipReading ReadDepositSlip(OcrEngine engine, GrayImage image, string? purchaserAddress = null, string? purchaserName = null)
    {
        // Round 21: a slip's value typed over its rule is now and then boxed on the rule alone (PageLayout.Uncollapsed).
        var page = Recognize(engine, image, out image, restoreCollapsedWords: true);
        var start = ReadTimings.Timestamp();
        try
        {
            return ParseDepositSlip(engine, page, image, purchaserAddress ?? "", purchaserName ?? "");
        }
        finally
        {
            Timings?.Add(ReadStage.Parse, start);
        }
    }

    private DepositSlipReading ParseDepositSlip(OcrEngine engine, PageLayout page, GrayImage image, string purchaserAddress, string purchaserName)
    {
        var labels = new Dictionary<string, LabelHit?>(StringComparer.Ordinal)
        {
            // OCR glues a small bold label's words now and then ("RESIDENTNAME" on a clean outside slip).
            ["name"] = page.Find("RESIDENT", "NAME").FirstOrDefault() ?? Single(page.Find("RESIDENTNAME")),
            // The form has one NUMBER and one CREDIT label: a speck that hides RESIDENT or TO leaves the other word enough.
            ["number"] = page.Find("RESIDENT", "NUMBER").FirstOrDefault() ?? Single(page.Find("NUMBER")) ?? Single(page.Find("RESIDENTNUMBER")),
            ["facility"] = page.Find("FACILITY").FirstOrDefault(),
            // "CREDITTO:" when OCR glues the two words.
            ["credit"] = page.Find("CREDIT", "TO").FirstOrDefault() ?? Single(page.Find("CREDIT")) ?? Single(page.Find("CREDITTO")),
            ["sender"] = page.Find("SENDER", "NAME").FirstOrDefault() ?? Single(page.Find("SENDERNAME")),
            ["address"] = page.Find("SENDER", "ADDRESS").FirstOrDefault() ?? Single(page.Find("SENDERADDRESS")),
            ["city"] = page.Find("CITY", "STATE", "ZIP").FirstOrDefault(),
            ["phone"] = page.Find("PHONE").FirstOrDefault(),
        };
        // Round 17: one word of RESIDENT NAME read as noise (`Renew NAME.`, `RESIDENT riniae` on noisy outside slips).
        labels["name"] ??= ResidentNameLabelHalfRead(page, labels["number"], labels["sender"],
            box => engine.Read(Around(box), PageSegMode.SingleLine).Text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // Round 27: neither word of RESIDENT NAME read at all; the strip left of a value row is read again (SlipLabelUnread).
        labels["name"] ??= ResidentNameLabelUnread(page, labels.Values.OfType<LabelHit>().ToList(),
            box => engine.Read(box, PageSegMode.SingleLine).Text);
        // Round 21: NUMBER read as noise (`RESIDENT ee`, tuning seed 9761 #265: the number not looked for, the order waiting).
        if (labels["name"] is { } nameLabel) labels["number"] ??= ResidentNumberLabelHalfRead(page, nameLabel);
        // Our own form: its title, or (grain or a stamp over the title) most of its fixed labels.
        var isSlip = page.Find("DEPOSIT", "SLIP").Any() || labels.Values.Count(h => h is not null) >= 5;
        var labelWords = labels.Values.Where(h => h is not null).SelectMany(h => h!.WordIndexes).ToHashSet();
        foreach (var j in Enumerable.Range(0, page.Words.Count).Where(j => page.Keys[j] is "TRUST" or "MEDIA" or "RESTITUTION")) labelWords.Add(j);

        List<int> ValueOf(string key)
        {
            if (!isSlip || labels[key] is not { } hit) return [];
            // Under the label: stop before the next label in the same row (the form's second column).
            // Round 24: a value begins up to two label heights left of its own label (PageLayout.Below), so a word that begins as
            // near the second column's label is that column's (`RICHMOND,` 2 px left of CITY, STATE ZIP read into the street,
            // `7590 LAKE RD RICHMOND`, a clean two-column slip of tuning 9789 #98).
            var nextColumn = labels.Values.Where(h => h is not null && h != hit && h.Box.Left > hit.Box.Right && h.Box.VerticalOverlap(hit.Box) > 0.4)
                .Select(h => h!.Box.Left - 2 * Math.Max(h.Box.Height, 10)).DefaultIfEmpty(page.Width).Min();
            return SlipValue(page, hit.Box, labelWords, nextColumn);
        }

        var residentName = NameField(engine, page, ValueOf("name"));
        var residentNumber = ReadResidentNumber(engine, page, ValueOf("number"));
        // Round 21: a number the reads did not settle is settled only by the roster's whole name beside one of its readings; a
        // name settled by two reads agreeing on a misread (`MARIA “GARCTA` from the page pass and the crop, tuning seed 9758 #12)
        // then gets its other reads too, as readings for the roster (never a name by themselves).
        if (residentNumber.Value is null && residentNumber.Alternatives.Count > 0 && residentName.Value is { } settledName
            && residentName.Alternatives.Count == 0)
            residentName = residentName with { Alternatives = NameReadAgain(engine, page, ValueOf("name"), settledName) };
        var facility = TextField(page, ValueOf("facility"));
        var creditTo = isSlip ? ReadCreditTo(image, page, labels["credit"]) : Missing<AccountKind?>();
        var addressReads = new List<AddressLineRead>();
        // The sender's name is read as before; its reads are kept for the return address (ReturnAddress: the purchaser's name).
        // Round 25: lower-case words after a name typed in capitals are not part of it, as on the resident's name (SlipNames:
        // `SUSAN TORRES esate beatin`, grain 6 heights right of the name read at 11 and 0, ours tuning 9803 #207).
        var senderWords = ValueOf("sender");
        senderWords = senderWords.Take(SlipNames.WithoutTrailingJunk(senderWords.Select(j => page.Words[j].Text).ToList())).ToList();
        var sender = AddressField(engine, page, senderWords, AddressLine.Name, addressReads);
        // The street and city lines are read a second time for the return address's evidence, unless the page pass already
        // spells, clearly, what the money order's purchaser block says (ReturnAddress: that agreement is the evidence).
        var (streetWords, cityWords) = (ValueOf("address"), ValueOf("city"));
        static string Chars(string v) => string.Concat(v.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
        var purchaserAgrees = streetWords.Count > 0 && cityWords.Count > 0 && Chars(purchaserAddress).Length > 0
            && Chars(TrimJunk(page.Text(streetWords)) + TrimJunk(page.Text(cityWords))) == Chars(purchaserAddress)
            && ReturnAddress.IsCityLine(TrimJunk(page.Text(cityWords)).Trim());
        var address = AddressField(engine, page, streetWords, AddressLine.Street, addressReads, purchaserAgrees);
        var city = AddressField(engine, page, cityWords, AddressLine.City, addressReads, purchaserAgrees);
        var phone = TextField(page, ValueOf("phone"));
        // Round 7: a line no read spells as the purchaser block does is looked for again as it spells it (Reading/PurchaserLines).
        if (isSlip) ReadAgainstPurchaser(engine, page, labelWords, addressReads, purchaserAddress, purchaserName,
            (AddressLine.Name, senderWords), (AddressLine.Street, streetWords), (AddressLine.City, cityWords));
        return new DepositSlipReading(isSlip, residentName, residentNumber, facility, creditTo, sender, address, city, phone) { AddressReads = addressReads };
    }

    private static void ReadAgainstPurchaser(OcrEngine engine, PageLayout page, ISet<int> labelWords, List<AddressLineRead> reads,
        string purchaserAddress, string purchaserName, params (AddressLine Line, List<int> Words)[] lines)
    {
        var purchaser = PurchaserLines.Split(purchaserAddress);
        foreach (var (line, words) in lines)
        {
            var target = line switch
            {
                AddressLine.Street => purchaser?.Street,
                AddressLine.City => purchaser?.City,
                _ => purchaserName.Trim(),
            };
            if (string.IsNullOrEmpty(target) || PurchaserLines.Spelled(reads, line, target)) continue;
            if (PurchaserLines.OnPage(page, labelWords, line, target) is { } found) reads.Add(found);
            else if (words.Count > 0)
                reads.AddRange(PurchaserLines.ReadAgain(engine, Around(page.Box(words)), line, target,
                    line == AddressLine.Name ? Upper + " ,.'-" : Upper + Digits + " ,.'-#", ReadAlone));
        }
    }

    private FieldReading<string> ReadResidentNumber(OcrEngine engine, PageLayout page, List<int> words)
    {
        if (words.Count == 0) return Missing<string>();
        var region = Around(page.Box(words));
        // Rule remnants on a skewed slip read as words of their own ("ea 10148-954 eee"): the digits decide the confidence.
        var numberWords = words.Where(j => page.Words[j].Text.Any(char.IsAsciiDigit)).DefaultIfEmpty(words[0]).ToList();
        var pageConfidence = page.MinConfidence(numberWords);
        var layoutText = NumberKey(page.Text(words));
        var read = engine.Read(region, PageSegMode.SingleLine, Digits + Upper + "-");
        var text = NumberKey(read.Text);
        var agree = string.Equals(layoutText, text, StringComparison.Ordinal);
        var reads = new List<string> { layoutText, text };
        if (!agree)
        {
            // The character list makes the LSTM double a last digit now and then ("52245-0110"): a third read of the crop
            // without it may side with the page pass. Two reads of different kinds agreeing is still the rule.
            var plain = engine.Read(region, PageSegMode.SingleLine);
            reads.Add(NumberKey(plain.Text));
            if (string.Equals(layoutText, NumberKey(plain.Text), StringComparison.Ordinal))
            {
                read = plain;
                text = layoutText;
                agree = true;
            }
            else if (CleanLine(engine, page, words) is { } line)
            {
                // Grain splits and glues digits on a noisy slip; the line cut out of the pixels keeps only glyph-sized ink
                // (Reading/NumeralLine), and its read is of another kind than the page pass: agreeing with it settles the
                // number, and what it spells otherwise is one more reading for the roster to confirm or not.
                var clean = ReadAlone(engine, line, Digits + Upper + "-");
                reads.Add(NumberKey(clean.Text));
                if (string.Equals(layoutText, NumberKey(clean.Text), StringComparison.Ordinal))
                {
                    read = clean;
                    text = layoutText;
                    agree = true;
                }
            }
        }
        var conf = Confidence(read.MinConfidence, pageConfidence, agree);
        // Tesseract's LSTM confidence in typed digits on a rule swings from 0 to 92 on the same clear print. Two reads of
        // different kinds (the page pass, sparse text over the whole form; the crop, one line with a character list)
        // spelling the same well-formed number are the evidence: on 150 tuning slips they agreed 130 times, never on a
        // wrong number, while the crop reads among themselves (same pixels) agreed on wrong numbers 6 times.
        // The better of the two must still be more than nothing; the number's shape is checked below.
        if (agree && Math.Max(read.MinConfidence, pageConfidence) >= 10) conf = Math.Max(conf, Options.ResidentNumberMinConfidence);
        var digitsAndDash = text.All(ch => char.IsAsciiDigit(ch) || ch == '-');
        var wellFormed = digitsAndDash ? PersonNumber.IsRegisterNumber(text) : PersonNumber.IsWellFormed(text) && text.Length >= 5 && text.Any(char.IsAsciiDigit);
        var ok = wellFormed && conf >= Options.ResidentNumberMinConfidence && (agree || !Options.RequireTwoReadsToAgree);
        if (!ok)
        {
            // Round 7: the box read as digits alone, and reads one doubled digit too long, are more readings for the roster only.
            reads.AddRange(ResidentNumberDigits.Reads(engine, region, CleanLine(engine, page, words), ReadAlone).Select(NumberKey));
            // Round 24: a word of the value with no letter or digit (a rule's remnant `_` 61 px tall beside `67076-851` on a noisy
            // slip, tuning 9787 #349) stretches the crop over the lines above and below (`278782822`, the cut-out line FCI-DUB):
            // the crop and cut-out line of the inked words alone, more readings for the roster only.
            var inked = words.Where(j => page.Words[j].Text.Any(char.IsLetterOrDigit)).ToList();
            if (inked.Count > 0 && inked.Count < words.Count)
                reads.AddRange(ResidentNumberDigits.Reads(engine, Around(page.Box(inked)), CleanLine(engine, page, inked), ReadAlone).Select(NumberKey));
            // Round 9: a number the page pass read cut short (`31925-`) is read again over the whole number's width.
            // Round 24: the page pass read the number's word as letters (`eos` at 13 for 19708-389, a skewed two-column slip of
            // tuning 9787 #350, the rest of the print not boxed): the crop's digits under that word measure the characters.
            var measured = ResidentNumberDigits.MeasuredText(page.Text(numberWords), read.Text);
            if (ResidentNumberDigits.WholeNumberPlace(page.Box(numberWords), measured, page.Width, page.Height) is { } whole)
            {
                var h = Math.Max(page.Box(numberWords).Height, 10);
                var wholeLine = NumeralLine.Find(engine.Image!, whole.Inflate(h, h / 2), Math.Max(8, (int)(0.7 * Math.Min(h, page.TextHeight))));
                reads.AddRange(ResidentNumberDigits.Reads(engine, whole, wholeLine, ReadAlone).Select(NumberKey));
            }
            reads.AddRange(reads.SelectMany(r => ResidentNumberDigits.Undoubled(r).Concat(ResidentNumberDigits.WithoutExtraDigit(r))).ToList());
            // Round 21: eight digits with the dash lost (`96902978` at 0 for 96902-978, tuning seed 9759 #125, the crop reading
            // rule remnants beside it): the register number they spell, for the roster only.
            reads.AddRange(reads.Select(r => PersonNumber.RegisterNumberFromDigits(r)).OfType<string>().ToList());
            // Round 10: a letter read for a digit that looks like it (`7S771-516`): the number with the digit, for the roster only.
            reads.AddRange(reads.SelectMany(ResidentNumberDigits.LettersAsDigits).ToList());
        }
        // Unsettled, the well-formed numbers the reads spelled are kept: the decider takes one only when the roster
        // holds it under the very name the slip reads (LockboxDecider.ConfirmedByRoster).
        return new FieldReading<string>(ok ? text : null, conf, read.Text)
        {
            Alternatives = ok ? [] : reads.Where(IsWellFormedNumber).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private static bool IsWellFormedNumber(string text) => text.All(ch => char.IsAsciiDigit(ch) || ch == '-')
        ? PersonNumber.IsRegisterNumber(text)
        : PersonNumber.IsWellFormed(text) && text.Length >= 5 && text.Any(char.IsAsciiDigit);

    /// <summary>
    /// What a read says the resident number is: the one register number (NNNNN-NNN, a space either side of the dash
    /// allowed) standing alone in it, so that a stray mark beside it ("39105-274 2") does not hide it; otherwise the whole
    /// read without spaces and the junk a rule leaves at either end (an agency's own number).
    /// </summary>
    private static string NumberKey(string read)
    {
        var matches = RegisterToken().Matches(read);
        if (matches.Count == 1) return matches[0].Groups[1].Value + "-" + matches[0].Groups[2].Value;
        return TrimJunk(Squeeze(read).ToUpperInvariant());
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\dA-Za-z])(\d{5}) ?- ?(\d{3})(?![\dA-Za-z])", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RegisterToken();

    /// <summary>
    /// CREDIT TO: the three boxes are found by their shape (a drawn square), each paired with its word on the same row,
    /// whichever side of the word the form prints it and whatever its size; when OCR missed a word, three squares on the
    /// row are TRUST, MEDIA, RESTITUTION left to right (the form's fixed order). A box is marked or empty by the ink inside
    /// it; anything in between, two marks, or boxes that cannot be paired leave the field unread (a person decides).
    /// </summary>
    private FieldReading<AccountKind?> ReadCreditTo(GrayImage image, PageLayout page, LabelHit? creditLabel)
    {
        var kinds = new[] { (AccountKind.Trust, "TRUST"), (AccountKind.Media, "MEDIA"), (AccountKind.Restitution, "RESTITUTION") };
        // Round 9: a stamp over `CREDIT TO:` (outside tuning seed 20 #50) hides the label, not the three words of the boxes.
        creditLabel ??= CreditBoxes.LabelFromWords(page, kinds.Select(k => k.Item2).ToArray());
        if (creditLabel is null) return Missing<AccountKind?>();
        // The print's height: a label box OCR stretched over a speck or a box edge ("To:" 33 px on 21 px print) would ask for
        // boxes bigger than the form's.
        var h = Math.Max(Math.Min(creditLabel.Box.Height, Math.Max(page.TextHeight, 8)), 8);
        // The boxes' row: beside the label, or the line under it.
        var rowTop = creditLabel.Box.Top - 2 * h;
        var rowBottom = creditLabel.Box.Bottom + 4 * h;
        var band = PixelRect.FromEdges(creditLabel.Box.Left - h, rowTop, image.Width, rowBottom);
        // Round 20: where the label's print ends, not its box: OCR boxes the TRUST box glued to `TO:` with it (`TO:.{-]`, outside
        // tuning seed 557 #60), and that box, read as the label's, was not looked at ("2 boxes on the row").
        var labelEnd = CreditBoxes.LabelPrintEnd(page, creditLabel);
        List<Checkbox.Square> Squares(byte dark) => Checkbox.FindSquares(image, band, (int)(0.7 * h), 4 * h, dark)
            .Where(q => q.Outer.Left >= labelEnd - h || q.Outer.Top > creditLabel.Box.Bottom)
            .ToList();
        var squares = Squares(Checkbox.Dark);
        // A light-gray box on a grainy scan breaks up at the usual ink threshold (its sides 120–200 on tuning seed 7400):
        // read the band again taking lighter gray as ink. Only whole drawn squares count either way.
        if (squares.Count < 3 && Squares(Checkbox.LightDark) is { } light && light.Count > squares.Count) squares = light;
        // Round 9: a stamp's gray border across a box joins it into one shape that is no square (outside tuning seed 20 #190):
        // the band again with only near-black print taken as ink, and the marks measured the same way (an X is print).
        var ink = Checkbox.MarkInk;
        if (squares.Count < 3 && Squares(PurchaserBlock.StampInk) is { } print && print.Count > squares.Count) (squares, ink) = (print, PurchaserBlock.StampInk);
        var words = kinds.Select(k => Enumerable.Range(0, page.Words.Count)
                .Where(j => Near(page.Keys[j], k.Item2) && page.Words[j].Box.Top >= rowTop && page.Words[j].Box.Bottom <= rowBottom
                    && page.Words[j].Box.Left > creditLabel.Box.Left)
                .Select(j => page.Words[j].Box).ToList()).ToList();

        List<Checkbox.Square>? paired = null;
        var why = "";
        if (words.All(w => w.Count == 1))
        {
            // Each word with the nearest square on one side of it, the same side for all three (the form is printed one way).
            (List<Checkbox.Square> Boxes, int Gaps)? best = null;
            foreach (var leftOfWord in new[] { true, false })
            {
                var boxes = new List<Checkbox.Square>();
                var gaps = 0;
                foreach (var word in words.Select(w => w[0]))
                {
                    var match = squares
                        .Where(q => q.Outer.VerticalOverlap(word) > 0.3)
                        .Where(q => BoxBesideWord(q.Outer, word, h, leftOfWord))
                        .Select(q => (Square: q, Gap: Math.Abs(leftOfWord ? word.Left - q.Outer.Right : q.Outer.Left - word.Right)))
                        .OrderBy(m => m.Gap).FirstOrDefault();
                    if (match.Square.Outer.IsEmpty || boxes.Contains(match.Square)) break;
                    boxes.Add(match.Square);
                    gaps += match.Gap;
                }
                if (boxes.Count == kinds.Length && (best is null || gaps < best.Value.Gaps)) best = (boxes, gaps);
            }
            paired = best?.Boxes;
            why = paired is null ? $"{squares.Count} boxes on the row, not one beside each word" : "";
        }
        else
        {
            why = string.Join(' ', kinds.Select((k, i) => $"{k.Item2} label found {words[i].Count} times"));
            var onRow = squares.Where(q => q.Outer.VerticalOverlap(creditLabel.Box) > 0.2).ToList();
            if (onRow.Count == kinds.Length) paired = onRow;
            else why += $"; {onRow.Count} boxes on the row";
        }
        if (paired is null) return new FieldReading<AccountKind?>(null, 0, why);

        var shares = paired.Select(q => Checkbox.MarkShare(image, q.Inner, ink)).ToList();
        var raw = (why.Length > 0 ? why + "; " : "") + string.Join(' ', kinds.Select((k, i) =>
            $"{k.Item2}={shares[i].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}"));
        if (shares.Any(v => v > Options.CheckboxEmptyShare && v < Options.CheckboxMarkedShare)) return new FieldReading<AccountKind?>(null, 0, raw);
        var marked = Enumerable.Range(0, kinds.Length).Where(i => shares[i] >= Options.CheckboxMarkedShare).Select(i => kinds[i].Item1).ToList();
        return marked.Count switch
        {
            // No box marked is TRUST, the form's default; but with only near-black taken as ink a mark in lighter pen is not
            // seen, so there an unmarked row is left for a person rather than read as TRUST (a wrong account otherwise).
            // Round 20: unless the boxes measured at the usual mark ink are empty too: then no mark is seen as the usual read sees
            // marks, and the row is TRUST as it would be there (outside tuning seed 560 #140: a skewed slip's RESTITUTION box found
            // only at near-black, no stamp, no mark). A stamp's gray in a box is ink at that measure: the row then still waits.
            0 when ink != Checkbox.MarkInk && !paired.All(q => Checkbox.MarkShare(image, q.Inner) <= Options.CheckboxEmptyShare)
                => new FieldReading<AccountKind?>(null, 0, raw + "; no mark seen in near-black ink"),
            0 => new FieldReading<AccountKind?>(AccountKind.Trust, 100, raw),
            1 => new FieldReading<AccountKind?>(marked[0], 100, raw),
            _ => new FieldReading<AccountKind?>(null, 0, raw),
        };
    }


    /// <summary>
    /// A CREDIT TO box on the given side of its word, within three print heights of it. OCR often glues a box to its word
    /// ("[_]MEDIA"): then the box lies inside the word's box, at its start or end (its middle a box's half-width in, which is
    /// more than the print's height when the box is drawn bigger). Round 9: or the box begins within a print height of the
    /// glued word's start (ends within one of its end): a speck before the box glued to the word too puts the middle a pixel
    /// further in (`RESTITUTION` from 9 px before its box, outside tuning seed 120 #82).
    /// </summary>
    internal static bool BoxBesideWord(PixelRect box, PixelRect word, int h, bool leftOfWord) => leftOfWord
        ? (box.Left + box.Width / 2 < word.Left + Math.Max(h, box.Width * 3 / 4) || box.Left < word.Left + h) && box.Right >= word.Left - 3 * h
        : (box.Left + box.Width / 2 > word.Right - Math.Max(h, box.Width * 3 / 4) || box.Right > word.Right - h) && box.Left <= word.Right + 3 * h;

    /// <summary>
    /// A slip field's value: the words right of its label, or else the first row under it. Round 15: words "right of" the
    /// label that are the tail of the row under it are not a value of their own: OCR boxes a value over its rule from the
    /// label's row down (82 px for a 30 px name), so a last word past the label's end overlaps the label's row, and
    /// `HERNANDEZ, SUSAN` was read as `SUSAN` (outside tuning seed 450 #135, `DE LA CRUZ, LINDA` as `LINDA` in #199: a name
    /// of one word, waiting). When the row under the label holds every one of those words and more before them, that row is the value.
    /// </summary>
    internal static List<int> SlipValue(PageLayout page, PixelRect label, ISet<int> labelWords, int nextColumn)
    {
        var right = page.RightOf(label, labelWords);
        var under = page.Below(label, labelWords, rightLimit: nextColumn, byMiddle: true, nearLabelFirst: true);
        // Round 16: what lies right of the label holds no letter or digit (the slip's border read as one tall `—` beside
        // `RESIDENT NUMBER`, tuning seed 9673 #17): no value there, the one under the label is read.
        if (right.All(j => !page.Words[j].Text.Any(char.IsLetterOrDigit))) return under;
        // Only the row's start may be added: words left of the first one taken, under the label.
        var first = page.Words[right[0]].Box.Left;
        var start = under.Where(j => !right.Contains(j)).ToList();
        return start.Count > 0 && right.All(under.Contains) && start.All(j => page.Words[j].Box.Right <= first) ? under : right;
    }

    /// <summary>A person's name holds no digits: a number at either end belongs to the next field (a form's second column).</summary>
    private FieldReading<string> NameField(OcrEngine engine, PageLayout page, List<int> words)
    {
        var name = words.ToList();
        while (name.Count > 0 && page.Words[name[^1]].Text.Any(char.IsAsciiDigit)) name.RemoveAt(name.Count - 1);
        while (name.Count > 0 && page.Words[name[0]].Text.Any(char.IsAsciiDigit)) name.RemoveAt(0);
        // Round 20: a lone digit between the name's words is a speck, no word of a name (`PEREZ, 2 ROBERT` at confidence 1 for
        // PEREZ, ROBERT, outside tuning 561 #138). The words left still need a clear read, two agreeing reads or the roster.
        name = name.Where((j, i) => i == 0 || i == name.Count - 1 || !IsSpeckDigit(page.Words[j])).ToList();
        // Round 8: lower-case junk after a name in capitals (a signature or grain read as words) is not part of it.
        name = name.Take(SlipNames.WithoutTrailingJunk(name.Select(j => page.Words[j].Text).ToList())).ToList();
        if (name.Count == 0 || name.Any(j => page.Words[j].Text.Any(char.IsAsciiDigit)))
            return words.Count == 0 ? Missing<string>() : new FieldReading<string>(null, page.MinConfidence(words), page.Text(words));
        var text = TrimJunk(page.Text(name)).Trim();
        var raw = page.Text(name);
        var conf = page.MinConfidence(name);
        var reads = new List<string> { text };
        if (conf < 90)
        {
            // A doubtful name is read again from its crop; the two reads must spell the same letters. A misread name
            // would send the order back as "not this person", so it is never taken from one doubtful read.
            var read = engine.Read(Around(page.Box(name)), PageSegMode.SingleLine, Upper + " ,.'-");
            var agree = string.Equals(Letters(read.Text), Letters(text), StringComparison.Ordinal);
            // Two reads of different kinds (page pass and crop) spelling the same letters are the evidence, the better of
            // them more than noise (≥ 30): LSTM confidence on typed names over a rule swings widely on clear print.
            conf = !agree ? Math.Min(conf, read.MinConfidence)
                : Math.Max(conf, read.MinConfidence) >= 30 ? Math.Max(Math.Max(conf, read.MinConfidence), Options.TextMinConfidence)
                : Math.Max(conf, read.MinConfidence);
            if (!agree)
            {
                raw = $"{text} | {read.Text}";
                reads.Add(TrimJunk(read.Text).Trim());
                // The line cut out of the pixels (grain, rule remnants and neighbours whitened): agreeing with the page pass
                // settles the name; otherwise it is one more reading for the roster to confirm with the number.
                if (CleanLine(engine, page, name) is { } line)
                {
                    var clean = ReadAlone(engine, line, Upper + " ,.'-");
                    var cleanText = TrimJunk(clean.Text).Trim();
                    if (string.Equals(Letters(cleanText), Letters(text), StringComparison.Ordinal) && Math.Max(page.MinConfidence(name), clean.MinConfidence) >= 30)
                    {
                        conf = Math.Max(Math.Max(page.MinConfidence(name), clean.MinConfidence), Options.TextMinConfidence);
                        raw = text;
                    }
                    else
                    {
                        raw += $" | {clean.Text}";
                        reads.Add(cleanText);
                    }
                }
            }
        }
        // A whole name is two words at least (FIRST LAST, LAST, FIRST): one word means OCR lost the other, and a part of a
        // name compared with the roster would send a legible order back as "not this person" (seen once on a grainy slip).
        // Round 24: a read that ends at a comma is `LAST,` with the first name lost, however many words the last name has
        // (`ST. JOHN,` at 96 for ST. JOHN, KAREN, tuning 9787 #222: matched as the last name alone it was a name mismatch).
        var whole = text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsAsciiLetter)) >= 2
            && !SlipNames.EndsAtComma(page.Text(name));
        // Round 23: a name read clearly whose last letter the page pass dropped (`MALIK TORRE` at 96 for the plainly printed
        // MALIK TORRES, outside tuning 612 #179): a glyph as tall as the name's letters just after its last word, no page word
        // over it. The line cut out of the pixels, reaching it, and the crop at twice the size (NameReadAgain) are more readings
        // for the roster to confirm with the number (LockboxDecider.ConfirmedByRoster); the name as read stands as before.
        if (reads.Count == 1 && whole && name.Count > 0 && SlipNames.LetterAfter(engine.Image!, page, name[^1]))
            reads.AddRange(NameReadAgain(engine, page, name, text));
        if (!whole || SlipNames.LostWordBehindJunk(name.Select(j => page.Words[j].Text).ToList()))
        {
            // One word left (on noisy outside slips `NELSON` for NELSON, MARY: the first name lost, or dropped with a speck read
            // as a digit): the whole value's crop, reaching a few letters on where a lost word would be, and its cut-out line,
            // read as letters, are more readings for the roster to confirm with the number, never a name by themselves.
            var value = page.Box(words);
            var box = Around(value with { Width = Math.Min(page.Width - value.Left, value.Width + 5 * Math.Max(value.Height, 10)) });
            reads.Add(TrimJunk(engine.Read(box, PageSegMode.SingleLine, Upper + " ,.'-").Text).Trim());
            if (CleanLine(engine, page, words) is { } line) reads.Add(TrimJunk(ReadAlone(engine, line, Upper + " ,.'-").Text).Trim());
            // Round 9: the same crop at twice the size (the LSTM reads a small or skewed line otherwise at another scale).
            if (box.ClampTo(page.Width, page.Height) is { IsEmpty: false } place)
                reads.Add(TrimJunk(ReadAlone(engine, engine.Image!.Crop(place).Scale(2), Upper + " ,.'-").Text).Trim());
        }
        var ok = conf >= Options.TextMinConfidence && whole;
        // Unsettled, what each read spelled is kept: the decider takes one only when it is the roster's whole name for the
        // number on the slip (LockboxDecider.ConfirmedByRoster). Settled from reads that disagreed (`KETSHA ANDERSON` at 83
        // beside `KEISHA ANDERSON`), they are kept too: the roster may settle an unread number with one of them (round 7).
        // A mark read before the name as a token of its own (`E WILLIAMS, CHARLES`) is a reading without it as well.
        var alternatives = reads.Where(r => r.Length > 0).SelectMany(r => SlipNames.WithoutLeadingMark(r) is { } bare ? [r, bare] : new[] { r })
            .Distinct(StringComparer.Ordinal).ToList();
        return new FieldReading<string>(ok ? text : null, conf, raw) { Alternatives = ok && alternatives.Count == 1 ? [] : alternatives };
    }

    /// <summary>
    /// The settled name and what the name's line cut out of the pixels and its crop at twice the size spell (letters only): more
    /// readings for the roster to confirm with a number read several ways (LockboxDecider.ConfirmedByRoster).
    /// </summary>
    private static List<string> NameReadAgain(OcrEngine engine, PageLayout page, List<int> words, string settled)
    {
        var reads = new List<string> { settled };
        if (words.Count == 0) return [];
        if (CleanLine(engine, page, words) is { } line) reads.Add(TrimJunk(ReadAlone(engine, line, Upper + " ,.'-").Text).Trim());
        if (Around(page.Box(words)).ClampTo(page.Width, page.Height) is { IsEmpty: false } place)
            reads.Add(TrimJunk(ReadAlone(engine, engine.Image!.Crop(place).Scale(2), Upper + " ,.'-").Text).Trim());
        var distinct = reads.Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count > 1 ? distinct : [];
    }

    /// <summary>One digit alone, read doubtfully (under the text threshold): a speck on the line, not a character written there.</summary>
    private bool IsSpeckDigit(OcrWord word) =>
        word.Text.Count(char.IsAsciiLetterOrDigit) == 1 && word.Text.Any(char.IsAsciiDigit) && word.Confidence < Options.TextMinConfidence;

    /// <summary>The line of a field's words cut out of the pixels alone (Reading/NumeralLine), or null.</summary>
    private static GrayImage? CleanLine(OcrEngine engine, PageLayout page, List<int> words)
    {
        if (words.Count == 0) return null;
        var box = page.Box(words);
        var h = Math.Max(box.Height, 10);
        return NumeralLine.Find(engine.Image!, box.Inflate(h, h), Math.Max(8, (int)(0.7 * Math.Min(box.Height, page.TextHeight))));
    }

    /// <summary>
    /// Round 17: the RESIDENT NAME label when the page pass read one of its two words as noise (confidence &lt; 30): a RESIDENT
    /// that is not the number's label with a noise word glued right after it, or a NAME that is not the sender's with a noise
    /// word glued before it. Glued: a gap under 3/4 of the label's height (a space; the value starts further on, so a first name
    /// read doubtfully is not swallowed); the noise word on the row and about as wide as the lost word would be (RESIDENT is
    /// twice NAME's letters). Exactly one such place, or none: the value right of it is still read and checked as any name.
    /// </summary>
    /// <param name="readAgain">Round 22: the words a crop of the page reads as one line. A word glued to the label's other half that the
    /// page pass read with some confidence (`RESIDENT Benes` at 31 for a plainly printed `RESIDENT NAME:`, a speck under it
    /// making its box half as tall again: ours tuning 9771 #177) is the lost word when its crop, read again, spells it.</param>
    internal static LabelHit? ResidentNameLabelHalfRead(PageLayout page, LabelHit? numberLabel, LabelHit? senderLabel,
        Func<PixelRect, IReadOnlyList<string>>? readAgain = null)
    {
        var taken = new HashSet<int>((numberLabel?.WordIndexes ?? []).Concat(senderLabel?.WordIndexes ?? []));
        var found = new List<LabelHit>();
        for (var i = 0; i < page.Words.Count; i++)
        {
            if (taken.Contains(i)) continue;
            var resident = PageLayout.IsWord(page.Keys[i], "RESIDENT");
            if (!resident && !PageLayout.IsWord(page.Keys[i], "NAME")) continue;
            var word = page.Words[i].Box;
            var h = Math.Max(word.Height, 10);
            // The lost word's width: RESIDENT has eight letters, NAME four.
            var lostWidth = resident ? word.Width / 2.0 : word.Width * 2.0;
            var glued = Enumerable.Range(0, page.Words.Count)
                .Where(j => j != i && !taken.Contains(j) && page.Words[j].Box.VerticalOverlap(word) > 0.5)
                .Where(j => resident
                    ? page.Words[j].Box.Left >= word.Right - 2 && page.Words[j].Box.Left - word.Right < 0.75 * h
                    : page.Words[j].Box.Right <= word.Left + 2 && word.Left - page.Words[j].Box.Right < 0.75 * h)
                .ToList();
            if (glued.Count != 1) continue;
            var noise = page.Words[glued[0]];
            if (noise.Text.Any(char.IsAsciiDigit) || PageLayout.IsWord(page.Keys[glued[0]], "NUMBER")
                || noise.Box.Width < 0.6 * lostWidth || noise.Box.Width > 1.5 * lostWidth) continue;
            if (noise.Confidence >= 30 && readAgain?.Invoke(noise.Box).Any(w => PageLayout.IsWord(PageLayout.Normalize(w), resident ? "NAME" : "RESIDENT")) != true) continue;
            int[] chain = resident ? [i, glued[0]] : [glued[0], i];
            found.Add(new LabelHit(chain, word.Union(noise.Box)));
        }
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>
    /// Round 27: the RESIDENT NAME label when the page pass read neither of its words (ours tuning 9825 #206: no word at all left of
    /// `JAMES DE LA CRUZ` on a clean slip, the name not looked for and the order waiting). On a slip whose other labels were found
    /// (three at least), a row of print that starts right of the labels' column with nothing the page pass read left of it is where
    /// a label beside its value was lost: that strip, from the labels' column to the row, is read again as one line. Exactly one
    /// strip spelling RESIDENT NAME (each word one letter off at most) is the label; its box is the strip, so the value is the row
    /// right of it, read and checked as any name (two agreeing reads, or the roster with the number). Values printed under their
    /// labels are not looked for this way.
    /// </summary>
    internal static LabelHit? ResidentNameLabelUnread(PageLayout page, IReadOnlyList<LabelHit> found, Func<PixelRect, string> readAgain)
    {
        if (found.Count < 3) return null;
        var labelWords = found.SelectMany(h => h.WordIndexes).ToHashSet();
        var column = found.Min(h => h.Box.Left);
        var places = new List<PixelRect>();
        foreach (var row in page.Segments)
        {
            if (row.Any(labelWords.Contains) || !row.Any(j => page.Words[j].Text.Count(char.IsAsciiLetter) >= 2)) continue;
            var value = page.Box(row);
            var h = Math.Max(value.Height, 10);
            if (value.Left - column < 4 * h) continue;
            var strip = PixelRect.FromEdges(column - h / 2, value.Top - h / 3, value.Left - h / 2, value.Bottom + h / 3).ClampTo(page.Width, page.Height);
            if (strip.IsEmpty || Enumerable.Range(0, page.Words.Count).Any(j => page.Words[j].Box.Right > strip.Left && page.Words[j].Box.Left < strip.Right
                    && page.Words[j].Box.VerticalOverlap(value) > 0.3)) continue;
            var read = readAgain(strip).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(PageLayout.Normalize).ToList();
            var at = read.FindIndex(w => PageLayout.IsWord(w, "RESIDENT"));
            if (at >= 0 && at + 1 < read.Count && PageLayout.IsWord(read[at + 1], "NAME")) places.Add(strip);
        }
        return places.Count == 1 ? new LabelHit([], places[0]) : null;
    }

    /// <summary>
    /// Round 21: the RESIDENT NUMBER label when the page pass read NUMBER as noise (confidence &lt; 30, no digit): the one RESIDENT
    /// that is not the name's label, with one noise word glued right after it (a gap under 3/4 of the label's height) about as
    /// wide as NUMBER would be (six letters to RESIDENT's eight: 0.6–1.5 times 3/4 of RESIDENT's width). Exactly one such place,
    /// or none. The value right of it is read and checked as any number (two reads agreeing, or the roster with the name).
    /// </summary>
    internal static LabelHit? ResidentNumberLabelHalfRead(PageLayout page, LabelHit nameLabel)
    {
        var found = new List<LabelHit>();
        for (var i = 0; i < page.Words.Count; i++)
        {
            if (nameLabel.WordIndexes.Contains(i) || !PageLayout.IsWord(page.Keys[i], "RESIDENT")) continue;
            var word = page.Words[i].Box;
            var h = Math.Max(word.Height, 10);
            var lostWidth = word.Width * 0.75;
            var glued = Enumerable.Range(0, page.Words.Count)
                .Where(j => j != i && !nameLabel.WordIndexes.Contains(j) && page.Words[j].Box.VerticalOverlap(word) > 0.5
                    && page.Words[j].Box.Left >= word.Right - 2 && page.Words[j].Box.Left - word.Right < 0.75 * h)
                .ToList();
            if (glued.Count != 1) continue;
            var noise = page.Words[glued[0]];
            if (noise.Confidence >= 30 || noise.Text.Any(char.IsAsciiDigit) || PageLayout.IsWord(page.Keys[glued[0]], "NAME")
                || noise.Box.Width < 0.6 * lostWidth || noise.Box.Width > 1.5 * lostWidth) continue;
            found.Add(new LabelHit([i, glued[0]], word.Union(noise.Box)));
        }
        return found.Count == 1 ? found[0] : null;
    }

    private static LabelHit? Single(IEnumerable<LabelHit> hits)
    {
        var list = hits.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }

    private static string Letters(string s) => string.Concat(s.Where(char.IsAsciiLetter)).ToUpperInvariant();

    /// <summary>
    /// A line of the sender's address on the slip (a return is mailed to it): taken from the page pass alone only when very clear
    /// (<see cref="MoneyOrderReaderOptions.AddressSingleReadMinConfidence"/>), else when another read spells the same letters and digits.
    /// The street and city lines are read a second time from their crop (and from the line cut out of the pixels when the two do
    /// not already agree clearly) unless the page pass reads them clearly as the purchaser block spells them
    /// (<paramref name="purchaserAgrees"/>), and every read is kept in <paramref name="reads"/>: a return is mailed without a
    /// person only on the evidence <see cref="ReturnAddress.Confirmed"/> asks for, which one read of the slip cannot give.
    /// </summary>
    private FieldReading<string> AddressField(OcrEngine engine, PageLayout page, List<int> words, AddressLine? line = null, List<AddressLineRead>? reads = null,
        bool purchaserAgrees = false)
    {
        if (words.Count == 0) return Missing<string>();
        var text = TrimJunk(page.Text(words)).Trim();
        var conf = page.MinConfidence(words);
        void Keep(AddressReadKind kind, string read, double confidence)
        {
            if (line is { } l && reads is not null) reads.Add(new AddressLineRead(l, kind, TrimJunk(read).Trim(), confidence));
        }
        Keep(AddressReadKind.Page, text, conf);
        if (text.Length == 0) return new FieldReading<string>(null, conf, text);
        // The street and city lines get a second read for the return address's evidence; the name's reads are only kept.
        var secondRead = line is AddressLine.Street or AddressLine.City;
        if (conf >= Options.AddressSingleReadMinConfidence && (!secondRead || purchaserAgrees)) return new FieldReading<string>(text, conf, text);
        const string chars = Upper + Digits + " ,.'-#";
        var read = engine.Read(Around(page.Box(words)), PageSegMode.SingleLine, chars);
        Keep(AddressReadKind.Crop, read.Text, read.MinConfidence);
        static string Chars(string v) => string.Concat(v.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
        var agree = string.Equals(Chars(read.Text), Chars(text), StringComparison.Ordinal);
        var better = Math.Max(conf, read.MinConfidence);
        var clear = Options.AddressAgreeingReadMinConfidence;
        FieldReading<string>? settled = conf >= Options.AddressSingleReadMinConfidence ? new FieldReading<string>(text, conf, text)
            : agree && better >= clear ? new FieldReading<string>(text, Math.Max(better, Options.TextMinConfidence), text)
            : null;
        // Already two clear reads of a well-formed line: the cut-out line would add nothing to the return address's evidence.
        var wellFormed = line == AddressLine.Street ? ReturnAddress.IsStreetLine(text) : line == AddressLine.City && ReturnAddress.IsCityLine(text);
        if (settled is not null && (!secondRead || (agree && wellFormed && Math.Min(conf, read.MinConfidence) >= ReturnAddress.TwoReadsMinConfidence)))
            return settled;
        // The line cut out of the pixels (grain and neighbours whitened) is a read of another kind: the page pass and it spelling
        // the same letters and digits settle the line when the better of the reads is clear enough.
        if (CleanLine(engine, page, words) is { } cut)
        {
            var clean = ReadAlone(engine, cut, chars);
            Keep(AddressReadKind.CleanLine, clean.Text, clean.MinConfidence);
            if (settled is not null) return settled;
            if (string.Equals(Chars(clean.Text), Chars(text), StringComparison.Ordinal) && Math.Max(better, clean.MinConfidence) >= clear)
                return new FieldReading<string>(text, Math.Max(Math.Max(better, clean.MinConfidence), Options.TextMinConfidence), text);
            return new FieldReading<string>(null, Math.Min(conf, read.MinConfidence), $"{text} | {read.Text} | {clean.Text}");
        }
        return settled ?? new FieldReading<string>(null, Math.Min(conf, read.MinConfidence), $"{text} | {read.Text}");
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
