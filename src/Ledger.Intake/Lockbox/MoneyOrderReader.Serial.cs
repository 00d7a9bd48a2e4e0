using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.People;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Intake.Lockbox;

// The serial: every run of 10–11 digits a candidate, confirmed by a second, independent reading (check digit, MICR repeat, a re-read).
public sealed partial class MoneyOrderReader
{
    private sealed record Candidate(string Value, List<int> Words, double Confidence, bool Labelled, bool Marked = false, bool Part = false);

    /// <summary>
    /// Every run of 10–11 digits on the page is a candidate (a serial split by spaces is joined). The serial is the
    /// one that a second, independent reading confirms: the issuer's check digit, the same digits printed again
    /// elsewhere (the MICR line), or, for an issuer without a check digit, a re-read of its crop that agrees.
    /// A label (SERIAL NUMBER, SERIAL NO., NO.) only ranks candidates; it is never required.
    /// </summary>
    /// <param name="micrPrints">Round 37: the values the page's MICR fields spell, each cut out alone (no stroke through it);
    /// round 46: a closed field of twelve glyphs read as twelve digits too (no serial has twelve: the on-us symbol counted and
    /// read as one, <see cref="RepeatWithSymbolDigit"/>), and the page pass's own readings of a MICR line (its symbols found in
    /// the pixels) whole, marks dropped, that the page pass read elsewhere too; asked only while the engine still holds this page.</param>
    /// <param name="endsClear">Round 44: whether a print the page pass read as the value, off any MICR line, has no ink right
    /// after its last glyph (<see cref="MicrLine.ClearEnds"/>); asked only while the engine still holds this page.</param>
    private FieldReading<string> ReadSerial(OcrEngine engine, PageLayout page, MoneyOrderIssuer? issuer, out Func<IReadOnlyList<string>> micrPrints,
        out Func<string, bool> endsClear)
    {
        var labels = Enumerable.Range(0, page.Words.Count).Where(j => SerialLabels.Any(l => page.Keys[j] == l || (l.Length > 2 && PageLayout.IsWord(page.Keys[j], l)))).ToList();
        // Round 32: what we know of an issuer (its serials' length and check digit) holds for values of that length only; a value
        // of another length is another print run, judged as an unknown issuer's (FORMATS.md: 10 or 11 digits, whoever prints them).
        // The third generator's MoneyGram prints ten digits where ours prints eleven with a Luhn digit: every MICR rule below
        // refused its serials for their length (clean scans waiting: `8801608139` at the top beside the MICR field's 8801008139,
        // third tuning 7 #6).
        MoneyOrderIssuer? KnownFor(string value) => issuer is not null && issuer.SerialLength == value.Length ? issuer : null;
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
        micrPrints = () => [.. MicrReads().Where(r => !r.Stroked).Select(r => r.Value),
            .. MicrFields().Where(m => !m.Field.Open && !m.Field.Stroked && m.Field.Count == 12)
                .Select(m => Squeeze(FieldRead(m.Line, m.Field).Text)).Where(d => d.Length == 12 && d.All(char.IsAsciiDigit)),
            .. candidates.Where(c => !c.Part && LineAt(page.Box(c.Words)) is { Symbols: > 0 } && ReadElsewhere(c)).Select(c => c.Value)];
        // The same value read by the page pass from another place: a second print, not the same print again (a top print's own
        // line may be taken for a MICR line: bold digits run together, a label's period for a symbol).
        bool ReadElsewhere(Candidate c) => candidates.Any(o => o.Value == c.Value
            && !Overlaps(page.Box(o.Words), page.Box(c.Words)) && !Overlaps(page.Box(c.Words), page.Box(o.Words)));
        endsClear = value => candidates.Any(c => c.Value == value && !c.Marked && !c.Part
            && LineAt(page.Box(c.Words)) is { Symbols: 0 } top && top.ClearEnds(page.Box(c.Words)).End);
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
            var valueChecks = KnownFor(value) is not { HasCheckDigit: true } known || known.IsValidSerial(value);
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
            var checkedMicr = MicrReads().Where(r => !r.Stroked && KnownFor(r.Value) is { HasCheckDigit: true } known && known.IsValidSerial(r.Value)
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
                    && KnownFor(r.Value) is not { HasCheckDigit: true }
                    && candidates.Any(c => c.Value.Length == r.Value.Length && Differences(c.Value, r.Value) is > 0 and <= 2))
                .Select(r => Stand(r.Value, r.Confidence, r.Value, selfConfirmed: false)).Where(f => f.Value is not null).ToList();
            if (settled.Select(f => f.Value).Distinct().Count() == 1) return settled[0];
            if (MicrReadTwice() is { } micrTwice) return micrTwice;
            if (TwoFieldsAgree() is { } twoFields) return twoFields;
            return none;
        }

        if (candidates.Count == 0)
            return Fallback(Missing<string>());

        var verified = new List<(Candidate C, double Confidence, string Raw, bool Strong, Sealing Sealed, bool OnMicr, bool CheckDigitAlone)>();
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
            var scheme = KnownFor(c.Value);
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
                // Round 39: and no glyph of the print may plainly show another digit than the one read there. A sum mod 9 does
                // not change when a 0 is read as 9, and the read again repeats the same engine's misread of the same glyph
                // (third tuning 9 #23, usps: DejaVu Sans Mono's dotted zero read `19999225113` on the page and in the crop for
                // 10999225113, the glyph plainly a ring). Glyphs that do not count as the digits say nothing here.
                if (DigitShape.Glyphs(engine.Image!, box) is var glyphs && glyphs.Count == c.Value.Length
                    && !ShapesAgree(c.Value, glyphs.Select(DigitShape.Classify).ToList())) continue;
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
            var sealable = c.Labelled || KnownFor(c.Value) is not null;
            verified.Add((c, confidence, page.Text(c.Words), checkDigit || repeated, sealable ? Sealing.Of(field is not null ? [field] : under) : default, onMicr,
                checkDigit && !repeated));
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
            // Round 42b: a value only the check digit stands for (its print read again on its own, no second print) that holds a
            // labelled print's reading one digit shorter: the other print read without a digit, or this one with a symbol read as
            // one more (a MoneyGram's MICR on-us symbol read `9` after the serial, 42127564849 beside the labelled top print's
            // 4212756484: a Luhn digit holds by chance once in ten; held-back third 5034 #71, posted with the wrong serial). Only
            // the top print's start under other ink says the digit is hidden there (below); else a person looks.
            if (CheckDigitAloneBesideShorterLabelledRead(value, verified.Where(x => x.C.Value == value).Select(x => x.CheckDigitAlone),
                    candidates.Where(o => o.Labelled).Select(o => o.Value)))
                return StartUnderInk() is { Value: { } hidden } shownAtLabel && hidden == value ? shownAtLabel
                    : new FieldReading<string>(null, v.Confidence, string.Join(" / ", candidates.Select(o => o.Value).Prepend(value).Distinct()));
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
                if (KnownFor(c.Value) is { HasCheckDigit: true } known && !known.IsValidSerial(c.Value)) continue;
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
                    && KnownFor(r.Value) is not { HasCheckDigit: true }
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
                if (KnownFor(value) is { HasCheckDigit: true } known && !known.IsValidSerial(value)) continue;
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
                if (KnownFor(value) is { HasCheckDigit: true } known && !known.IsValidSerial(value)) continue;
                // Another number of its length read elsewhere (a top print read otherwise): one of the two is misread.
                if (candidates.Any(c => c.Value.Length == value.Length && c.Value != value)) continue;
                // Round 43: or one digit longer, that is not this value with a digit more at either end: a print of another serial
                // with a symbol read as a digit (`29102337614,` beside the routing field `6411742161` read twice alike, the transit
                // symbol's bar taken for a tenth digit: ours tuning 9840 #211, prairie-bank, posted under the routing number).
                if (candidates.Any(c => c.Value.Length == value.Length + 1 && c.Value[..^1] != value && c.Value[1..] != value)) continue;
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
                if (KnownFor(r.Value) is { HasCheckDigit: true } known && !known.IsValidSerial(r.Value)) continue;
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

    /// <summary>
    /// Round 42b: whether every confirmation of <paramref name="value"/> was the check digit alone (<paramref name="checkDigitAlone"/>:
    /// no second print spelled it) while a labelled print read one digit shorter, which the value holds at one end.
    /// </summary>
    internal static bool CheckDigitAloneBesideShorterLabelledRead(string value, IEnumerable<bool> checkDigitAlone, IEnumerable<string> labelledReads) =>
        checkDigitAlone.All(alone => alone) && HoldsShorter(value, labelledReads);

    /// <summary>
    /// Round 44: a MICR print spelling <paramref name="value"/> with one digit more at its end that cannot be the serial's own
    /// digit: the longer reading fails the check digit of the issuer whose serials have its length, or the issuer's serials
    /// have the value's length. The print's on-us symbol, glued after the field and counted as one more glyph, read as a digit
    /// (`77803709908`, `73490102408` beside the top prints 7780370990 and 7349010240: third MoneyGram tuning 26 #656, #877).
    /// </summary>
    internal static bool MicrSpellsWithSymbolDigit(string value, IEnumerable<string> micrPrints, MoneyOrderIssuer? issuer) =>
        issuer is not null && micrPrints.Any(p => p.Length == value.Length + 1 && p.StartsWith(value, StringComparison.Ordinal)
            && ((issuer.SerialLength == p.Length && issuer.HasCheckDigit && !issuer.IsValidSerial(p)) || issuer.SerialLength == value.Length));

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
    /// <remarks>Round 43: and a letter at either end of 10–11 digits or one at each, MICR on-us symbols read as letters
    /// (`1733478997F`, a skewed MoneyGram whose top print lost its first digit: held-back third 5036 #32; `f50890917273F`, a clean
    /// grocery order whose top print was read `5Q890917273`: third tuning 20 #965; both waited with no candidate at all); the word
    /// is marked. Not a letter a digit is misread as (`I` for 1, `O` for 0, `S` for 5, …): that may be the serial's own digit.</remarks>
    internal static string WordDigits(string word)
    {
        var digits = SerialDigits(word.Trim('-', '–', '—', '_')).Trim('-', '–', '—', '_');
        static bool SymbolLetter(char ch) => char.IsAsciiLetter(ch) && !DigitLikeLetters.Contains(ch);
        var (from, to) = (0, digits.Length);
        if (to > 0 && SymbolLetter(digits[0])) from++;
        if (to - from > 0 && SymbolLetter(digits[to - 1])) to--;
        return (from > 0 || to < digits.Length) && to - from is 10 or 11 && digits[from..to].All(char.IsAsciiDigit) ? digits[from..to] : digits;
    }

    /// <summary>Letters Tesseract makes of digits (round 43, <see cref="WordDigits"/>): never taken for a MICR symbol.</summary>
    private const string DigitLikeLetters = "IiLlOoDQSsBbZzGgqTA";

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
}
