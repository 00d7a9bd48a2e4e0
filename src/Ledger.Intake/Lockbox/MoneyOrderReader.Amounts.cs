using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.People;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Intake.Lockbox;

// The amounts: the courtesy numerals and the legal words, found anywhere on the page; the amount is the one value both say.
public sealed partial class MoneyOrderReader
{
    /// <param name="Line">Round 25: the numerals' line cut out of the pixels that a reading without page words came from, where its
    /// cents' glyphs can be placed (<see cref="AmountCandidateView.Line"/>).</param>
    private sealed record AmountCandidate(long Cents, List<int> Words, double Confidence, string Text, GrayImage? Line = null);

    /// <summary>
    /// Numerals anywhere on the page ($125.00, $***125.00, $ 125.00, 125 DOLLARS 00 CENTS) and words anywhere
    /// (ONE HUNDRED TWENTY-FIVE AND 00/100 DOLLARS, … DOLLARS AND 00 CENTS). The amount is the one value both say.
    /// NOT VALID OVER $1,000 and other print are ignored by shape (no cents) or by the words around them.
    /// </summary>
    /// <param name="ruled">The page with its rules (the engine's page has them taken out): where the courtesy box is sought last.</param>
    private (FieldReading<Money?> Courtesy, FieldReading<Money?> Legal, Money? Agreed, bool AnyParsed) ReadAmount(OcrEngine engine, PageLayout page, GrayImage ruled)
    {
        var courtesy = new List<AmountCandidate>();
        var legal = new List<AmountCandidate>();
        var courtesyRegions = new List<List<int>>();
        var legalRegions = new List<List<int>>();
        var cutShort = new List<List<int>>();
        foreach (var seg in page.Segments)
        {
            var keys = seg.Select(j => page.Keys[j]).ToList();
            if (keys.Any(IsLimitNoticeWord)) continue;
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
                    // Round 35: not the order's date (InDateField).
                    if (InDateField(page, run, text))
                    {
                        run.Clear();
                        continue;
                    }
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
            // Round 28: a cents fraction (`91/100`) marks the words' line as well as a number word does: every number word of a
            // short amount may be misread (`***ETFTY AND 91/100***`, third-generator tuning s1 #31), and its crop is read again.
            // Round 33: or a fraction's shape, its digits misread (`G4/106` beside `Two Bundred DeVlere anc`, a dot-matrix line of
            // words: third generator's grocery form, tuning 7 #21), counts as one of the amount's words.
            else if (found is null && keys.Count(k => IsAmountWord(k) || IsFractionShape(k)) >= 2
                     && keys.Any(k => k.Split('-').Any(LegalAmountWords.IsNumberWord) || IsCentsFraction(k))) legalRegions.Add(seg);
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
                var read = engine.Read(Around(page.Box(row)), PageSegMode.SingleLine, LegalLine.WhitelistFor(page, page.Box(row)));
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
        var numeralsSought = false;
        SeekNumerals();

        var doubtfulLines = new List<List<int>>();
        if (agreed is null && courtesy.Count > 0)
        {
            // Numerals read, words not (or not the same): a faint line of words with a rule under it comes back from the page
            // pass as one tall word of noise ("POUR TUNORED AND. CORES DOLARS"). Each such line is cut out of the pixels alone
            // (the rule and the neighbours whitened) and read again with the characters the words can hold.
            var h = Math.Max(page.TextHeight, 12);
            var doubtful = page.Segments
                .Where(seg => seg.Count >= 3 && !courtesy.Any(c => c.Words.Intersect(seg).Any())
                    && !seg.Any(j => IsLimitNoticeWord(page.Keys[j]) || page.Words[j].Text.Contains('$', StringComparison.Ordinal))
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
            // Round 30: and a row whose number word the page pass read alone, the rest of the line lost under a stamp (`FIFTEEN`
            // a segment of its own, `DOLLARS AND 00/100` read as `hy`, `00/` and specks: third generator's bank form, tuning 4 #192).
            var numberWordRows = page.Segments.Where(seg => !seg.Any(j => IsLimitNoticeWord(page.Keys[j]))
                && seg.Any(j => page.Keys[j].Split('-').Any(LegalAmountWords.IsNumberWord)) && !courtesy.Any(c => c.Words.Intersect(seg).Any()));
            legal.AddRange(LegalLine.ReadRows(engine, page, legal.Select(l => l.Words).Concat(legalRegions).Concat(numberWordRows).Concat(doubtfulLines), except: [.. cutShort, .. readWhole])
                .Select(r => new AmountCandidate(r.Cents, r.Words, r.Confidence, r.Text)));
            agreed = Agree(courtesy, legal);
        }
        // Round 41: words found only beside numerals that say another amount (a caption's line read `$** 8 . 00`, the words then
        // read whole from their row: third tuning 10 #10) have the numerals sought beside them, as words found first do.
        if (!numeralsSought) SeekNumerals();

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
            {
                // Round 29: both prints misread one cents digit alike and both glyphs plainly show another (a dot-matrix
                // dotted zero read as 6 in both: third generator's MoneyGram `$120.60` beside `AND 60/160`).
                if (CentsSettledByShape(engine.Image!, page, new(c.Cents, c.Words, c.Text, c.Line), new(l.Cents, l.Words, l.Text), [.. courtesy.Concat(legal).Select(a => a.Cents)]) is { } shaped)
                    return SettledReading(c, l, shaped, FormattableString.Invariant($"digit shape: cents {c.Cents % 100:00} in both prints, glyphs show {shaped % 100:00}"));
                return (new FieldReading<Money?>(null, c.Confidence, $"{c.Text} [{doubt}]"), new FieldReading<Money?>(null, l.Confidence, l.Text), null, true);
            }
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
        if (!courtesy.Any(c => legal.Any(l => l.Cents == c.Cents)) && SettledByShape(engine.Image!, page, courtesy, legal, Options.AmountMinConfidence) is { } settled)
            return SettledReading(settled.C, settled.L, settled.Cents, settled.Note);

        // No single value both say: report what each read (for the keying page), accept nothing.
        var bestC = courtesy.OrderByDescending(c => c.Confidence).FirstOrDefault();
        var bestL = legal.OrderByDescending(c => c.Confidence).FirstOrDefault();
        var rawC = bestC is null && courtesyRegions.Count > 0 ? page.Text(courtesyRegions[0]) : null;
        var rawL = bestL is null && legalRegions.Count > 0 ? page.Text(legalRegions[0]) : null;
        return (Field(bestC, rawC), Field(bestL, rawL), null, courtesy.Count > 0 || legal.Count > 0);

        // An amount the glyphs settled: posted when both prints are confirmed as an agreed amount is.
        (FieldReading<Money?>, FieldReading<Money?>, Money?, bool) SettledReading(AmountCandidate c, AmountCandidate l, long cents, string note)
        {
            var cConf = Confirm(engine, page, c, "$*., " + Digits + "DOLARSCENT", CourtesyAmount.TryParseFound);
            var lConf = Confirm(engine, page, l, Upper + Digits + "-/* ", LegalAmountWords.TryParse);
            var ok = Math.Max(cConf, lConf) >= Options.AmountMinConfidence && Math.Min(cConf, lConf) >= Options.AgreeingAmountMinConfidence;
            var money = ok ? Money.Usd(cents) : (Money?)null;
            return (new FieldReading<Money?>(money, cConf, $"{c.Text} [{note}]"), new FieldReading<Money?>(money, lConf, l.Text), money, true);
        }

        // Words read, numerals not (or not the same): the numerals sought beside them, once.
        void SeekNumerals()
        {
            if (agreed is not null || legal.Count == 0) return;
            numeralsSought = true;
            if (agreed is null && legal.Count > 0)
            {
                // Words read, numerals not (or not the same): the asterisk fill is what usually spoils them. Each line that could
                // be the numerals is read once more with the fill erased by its shape (Reading/AsteriskFill).
                var lines = courtesyRegions.Concat(courtesy.Select(c => c.Words))
                    .Concat(page.Segments.Where(seg => page.Text(seg).IndexOfAny(['$', '*']) >= 0 && seg.Count <= 5
                        && !seg.Any(j => page.Keys[j].Split('-').Any(LegalAmountWords.IsNumberWord) || IsLimitNoticeWord(page.Keys[j]))))
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
                var tried = new List<PixelRect>();
                if (agreed is null)
                    foreach (var box in NumeralLine.RuledBoxes(engine.Image!, page.TextHeight, (int)(0.85 * engine.Image!.Height)).Take(3))
                    {
                        tried.Add(box);
                        if (ReadNumeralLineAt(box.Inflate(2, 2))) break;
                    }
                agreed = Agree(courtesy, legal);
                // Round 30: the box's rules are taken out of the engine's page with the other rules when nothing but its print
                // crosses them (third generator's bank form, tuning 4 #64: `$****62.17` in a ruled box, never read): sought on the
                // page as scanned, its print still read from the engine's page.
                if (agreed is null)
                    foreach (var box in NumeralLine.RuledBoxes(ruled, page.TextHeight, (int)(0.85 * ruled.Height)).Where(b => !tried.Any(t => Overlaps(t, b))).Take(3))
                        if (ReadNumeralLineAt(box.Inflate(2, 2))) break;
                agreed = Agree(courtesy, legal);
                var unreadPlaces = new List<PixelRect>();
                if (agreed is null && ReadUnreadNumerals(engine, page, out unreadPlaces) is { } unread) courtesy.AddRange(unread);
                agreed = Agree(courtesy, legal);
                // Round 33: an unread line cut out of the page as it is, where the cut of the unread ink lost parts of its glyphs
                // (a dot-matrix `$ 500.00` the page pass never read, its dots' pieces whitened as specks: third tuning 6 #28), read
                // as any place of the numerals is (its dots joined, black on white).
                if (agreed is null)
                    foreach (var place in unreadPlaces)
                        if (ReadNumeralLineAt(place.Inflate(Math.Max(page.TextHeight, 12), Math.Max(page.TextHeight, 12) / 2))) break;
                agreed = Agree(courtesy, legal);
            }
        }

        // The biggest line of glyphs in a place the numerals may be, cut out from the pixels and read alone, with its fill erased
        // and as it is; true when the numerals and the words then agree.
        bool ReadNumeralLineAt(PixelRect place)
        {
            // Round 30: no line there, as printed: a pen stroke across the numerals may have glued them into one blob.
            var line = NumeralLine.Find(engine.Image!, place, page.TextHeight) ?? NumeralLine.FindWithoutThinStrokes(engine.Image!, place, page.TextHeight);
            if (line is null) return false;
            if (ReadNumeralLine(line)) return true;
            // Round 32: the line went on past the place's edge (NumeralLine.FindPastEdges): read whole as well.
            return NumeralLine.FindPastEdges(engine.Image!, place, page.TextHeight) is { } whole && ReadNumeralLine(whole);
        }

        bool ReadNumeralLine(GrayImage line)
        {
            var erased = AsteriskFill.Erase(line, splitMerged: true);
            foreach (var read in new[] { erased is null ? null : ReadAlone(engine, erased, "$., " + Digits), ReadAlone(engine, line, "$*., " + Digits + "DOLARSCENT") })
                AddRead(read, line);
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
            // Round 32: a line printed in dots, read with its dots joined (NumeralLine.DotsJoined).
            if (Agree(courtesy, legal) is null && NumeralLine.DotsJoined(erased ?? line) is { } joined)
                AddRead(ReadAlone(engine, joined, "$*., " + Digits + "DOLARSCENT"), line);
            return Agree(courtesy, legal) is not null;
        }

        void AddRead(OcrText? read, GrayImage line)
        {
            if (read is not null && CourtesyAmount.TryParseFound(AfterDollarSign(read.Text), out var cents))
                courtesy.Add(new AmountCandidate(cents, [], read.MinConfidence, read.Text, line));
            // Round 30: the point dropped by OCR, seen in the pixels.
            else if (read is not null && CourtesyAmount.TryParsePointLost(AfterDollarSign(read.Text), out cents) && NumeralLine.PointBeforeLastTwo(line))
                courtesy.Add(new AmountCandidate(cents, [], read.MinConfidence, read.Text + " [point seen]", line));
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
        // Round 41: among pairs as weak as each other in their weaker print, the one whose stronger print is surest (pairs say one amount).
        return pairs.OrderByDescending(p => Math.Min(p.C.Confidence, p.L.Confidence)).ThenByDescending(p => Math.Max(p.C.Confidence, p.L.Confidence)).First();
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
        List<AmountCandidate> courtesy, List<AmountCandidate> legal, double minConfidence)
    {
        var settled = new List<(AmountCandidate C, AmountCandidate L, long Cents, string Note)>();
        List<long> allCents = [.. courtesy.Concat(legal).Select(a => a.Cents)];
        foreach (var c in courtesy)
            foreach (var l in legal)
            {
                AmountCandidateView numerals = new(c.Cents, c.Words, c.Text, c.Line), words = new(l.Cents, l.Words, l.Text);
                if (CentsSettledByShape(image, page, numerals, words, allCents) is { } cents)
                    settled.Add((c, l, cents, FormattableString.Invariant($"digit shape: cents {c.Cents % 100:00} / {l.Cents % 100:00} settled {cents % 100:00}")));
                // Round 30: the dollars too, where the words are read plainly and the numerals' glyphs plainly show the words' digits.
                else if (DollarWordsConfidence(page, l.Words, l.Confidence) >= minConfidence && DollarsSettledByWords(image, page, numerals, words) is { } dollars
                         && (CentsSettledByShape(image, page, dollars, words, allCents) ?? (dollars.Cents == l.Cents && DigitsDoubted(image, page, dollars, words, wordsClear: true) is null ? dollars.Cents : null)) is { } both)
                    settled.Add((c, l, both, FormattableString.Invariant($"digit shape: dollars {c.Cents / 100} read, the words and the glyphs say {both / 100}; cents {c.Cents % 100:00} / {l.Cents % 100:00} settled {both % 100:00}")));
            }
        if (settled.Select(x => x.Cents).Distinct().Count() != 1) return null;
        // Round 41: then by the stronger print, as Agree: words read at 0–4 in every reading made the weaker print a tie, and the
        // numerals read at 17 were taken over the same numerals read at 65, short of the confidence an agreed amount needs
        // (third tuning 6 #40, a dot-matrix `TWENTY AND 00/100` read `66/166` beside `$*****20.00`).
        return settled.OrderByDescending(x => Math.Min(x.C.Confidence, x.L.Confidence)).ThenByDescending(x => Math.Max(x.C.Confidence, x.L.Confidence)).First();
    }

    /// <summary>
    /// Round 33: how sure the page pass was of the words that say the dollars: the weakest of the legal reading's page words that
    /// are number words (`THREE`, `HUNDRED`), or the reading's own confidence when it is higher or has no such word. A dot-matrix
    /// fraction read `80/165` at 11 drags the whole line's confidence under the floor while `THREE HUNDRED` was read at 96 (third
    /// generator's grocery form, tuning 7 #20): the fraction's digits are judged by their glyphs, not by this.
    /// </summary>
    internal static double DollarWordsConfidence(PageLayout page, IReadOnlyList<int> words, double confidence)
    {
        var said = words.Where(j => page.Keys[j].Split('-', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts && parts.All(LegalAmountWords.IsNumberWord))
            .Select(j => page.Words[j].Confidence).ToList();
        return said.Count == 0 ? confidence : Math.Max(confidence, said.Min());
    }

    /// <summary>
    /// Courtesy and legal amounts with the same dollars whose cents differ only where one print says 0, 6, 8 or 9 and the other
    /// another of them (Tesseract's 0 read as 6 or 9 in ONE print): the amount whose cents the glyphs plainly show. Both prints'
    /// cents must be placed on their glyphs, and at each disputed place BOTH glyphs must be plainly the same digit, one of the
    /// two read there (the print that misread shows the other's digit, the other print confirms its own reading); the agreed
    /// cents digit and the dollars' digits as for an agreed amount (none looks like another digit, a 6, 8 or 9 seen in a print).
    /// Round 29: prints that read a cents digit alike (the amounts agree) settle it too when both its glyphs are plainly the
    /// same other digit of the four (a dot-matrix zero read as 6 in both prints); null when that leaves the amount as read.
    /// Round 30: prints that read a cents digit each its own way settle it to a third digit of the four both glyphs plainly show.
    /// Null when anything is unsure: the item then waits, as before.
    /// </summary>
    /// <param name="readings">Round 31: the cents of every reading of either print (the page pass, the crops read again): a digit
    /// both prints read alike is overruled into a zero where one of them read a zero at that place.</param>
    internal static long? CentsSettledByShape(GrayImage image, PageLayout page, AmountCandidateView courtesy, AmountCandidateView legal, IReadOnlyCollection<long>? readings = null)
    {
        if (courtesy.Cents / 100 != legal.Cents / 100) return null;
        var cc = (courtesy.Cents % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        var lc = (legal.Cents % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        if (Enumerable.Range(0, 2).Any(k => cc[k] != lc[k] && (DigitShape.FormOf(cc[k]) is null || DigitShape.FormOf(lc[k]) is null))) return null;
        List<CentsPlace> cPlaced = [], lPlaced = [];
        var cChecks = PrintChecks(image, page, courtesy, cc, fromEnd: true, centsPlaced: cPlaced).ToList();
        var lChecks = PrintChecks(image, page, legal, lc, fromEnd: false, centsPlaced: lPlaced).ToList();
        var cCents = cChecks.Where(x => x.Cents).ToList();
        var lCents = lChecks.Where(x => x.Cents).ToList();
        if (cCents.Count != 2 || lCents.Count != 2 || cCents[0].Read != cc[0] || cCents[1].Read != cc[1] || lCents[0].Read != lc[0] || lCents[1].Read != lc[1])
            return null;
        static bool Contradicted((char Read, DigitForm? Form, bool Cents) x) =>
            DigitShape.FormOf(x.Read) is { } read && x.Form is { } seen && seen != DigitForm.Unclear && seen != read;
        if (cChecks.Concat(lChecks).Any(x => !x.Cents && Contradicted(x))) return null;
        var settled = new char?[2];
        // Round 31: what this item's known zeros were read as (ZerosMisread): a digit both prints read is overruled by the glyphs
        // only where the engine is seen misreading zeros as that digit on this very item.
        var zerosReadAs = ZerosMisread(courtesy, legal);
        bool ZeroReadAt(int k) => readings?.Any(r => (r % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture)[k] == '0') == true;
        // Round 42: the glyph as alike to its own print's known zeros (the dollars' zeros, a fraction's hundred, the other cents
        // place read 0 in both prints) as zeros of one face are to each other (DigitShape.Likeness; ZeroLikenessFloor).
        // Round 43: the other place settled to a zero by its glyphs counts as a known zero too (below).
        bool AlikeToZeros(List<CentsPlace> placed, int k) =>
            placed.FirstOrDefault() is { } p && ZeroLikeness(p, k, (cc[1 - k] == '0' && lc[1 - k] == '0') || settled[1 - k] == '0') >= ZeroLikenessFloor;
        // Seen as a zero in one print: shaped as one; or, shaped as no digit plainly or as an 8 (a dotted zero's ring broken, a
        // bold ring's bar closing it into two bowls) and not as the digit read there, alike to the print's known zeros.
        bool SeenAsZero(DigitForm? form, char read, List<CentsPlace> placed, int k) =>
            form == DigitForm.Zero || (form is null or DigitForm.Unclear or DigitForm.Eight && form != DigitShape.FormOf(read) && AlikeToZeros(placed, k));
        // Round 42: both prints show a zero at place k, one of them by its shape, and the item gives a reason to doubt the reads: a
        // known zero read as the digit read here (round 31), a reading with a zero here, or a zero-shaped glyph alike to its
        // print's known zeros (no 0, 6, 8 or 9 of any face we drew, solid or dotted, was both: ZeroLikenessRound42Tests).
        bool ZeroByGlyphs(int k, DigitForm? cf, DigitForm? lf) =>
            SeenAsZero(cf, cc[k], cPlaced, k) && SeenAsZero(lf, lc[k], lPlaced, k) && (cf == DigitForm.Zero || lf == DigitForm.Zero)
            && (zerosReadAs.Contains(cc[k]) || zerosReadAs.Contains(lc[k]) || ZeroReadAt(k)
                || (cf == DigitForm.Zero && AlikeToZeros(cPlaced, k)) || (lf == DigitForm.Zero && AlikeToZeros(lPlaced, k)));
        // Round 43: or one print's glyph shaped as a zero and as alike to its print's known zeros as zeros are (never a 6, 8 or 9 of
        // any face drawn: ZeroLikenessRound42Tests), the other print's glyph shaped as no digit or not placed at all (a dotted
        // `66/166` whose first cents glyph merges with the slash's dots), and a known zero of this item misread as the digit read
        // here or a reading with a zero here (third grocery tuning 23 #887: `$50.66` beside `FIFTY AND 66/166`).
        // Round 44: or one print read a zero here on a glyph shaped as one, the other print a 6, 8 or 9 on a glyph shaped as no
        // digit: the two reads disagree and only the zero is seen in the pixels (a grocery `$75.00` beside `68 CENTS`, both cents
        // glyphs of the numerals read 0 and shaped as zeros, the words' dotted zeros shaped as nothing; no other zero on the
        // item to compare with: third grocery tuning 25 #345).
        bool ZeroByOneGlyph(int k, DigitForm? cf, DigitForm? lf) =>
            ((cf == DigitForm.Zero && (AlikeToZeros(cPlaced, k) || ReadAndShapedZero(cc[k], lc[k])) && lf is null or DigitForm.Unclear)
                || (lf == DigitForm.Zero && (AlikeToZeros(lPlaced, k) || ReadAndShapedZero(lc[k], cc[k])) && cf is null or DigitForm.Unclear))
            && (zerosReadAs.Contains(cc[k]) || zerosReadAs.Contains(lc[k]) || ZeroReadAt(k));
        static bool ReadAndShapedZero(char read, char otherRead) => read == '0' && otherRead is '6' or '8' or '9';
        char? Place(int k)
        {
            var (cf, lf) = (cCents[k].Form, lCents[k].Form);
            if (cc[k] == lc[k])
            {
                // Round 29: read alike in both prints, and both glyphs plainly the same other digit of the four: that digit.
                // Round 31: only a zero, and only where a known zero of one print was read as that digit (a dot-matrix zero read
                // as 6 in both prints, its fraction's `/100` read `/166`) or one reading of either print read a zero there (the
                // page pass's `08` beside the crop's `68`). The glyphs' shapes alone are no proof against two prints: a bold 6
                // whose mouth closes at 200 dpi is judged an 8 (Liberation Sans Bold), and on some dot lattices an 8 or a 9
                // averages into a barred oval, a zero's shape (ShapeSettlingRound31Tests).
                // Round 42: or where both glyphs are seen as zeros and one of them, shaped as a zero, is as alike to its print's known
                // zeros as zeros are (a grocery `$175.60` beside `60/100`, the cents' dotted 0 read as 6 in both: third tuning 14 #196).
                if (cc[k] != '0' && (ZeroByGlyphs(k, cf, lf) || ZeroByOneGlyph(k, cf, lf)))
                    return '0';
                if (Contradicted(cCents[k]) || Contradicted(lCents[k])) return null;
                if (cc[k] is '6' or '8' or '9' && cf != DigitShape.FormOf(cc[k]) && lf != DigitShape.FormOf(cc[k])) return null;
                return cc[k];
            }
            // Round 42: both glyphs seen as zeros (above), one of the two reads a zero or the item doubting its reads; round 43: or
            // one glyph plainly a zero of this print, the other silent.
            if (ZeroByGlyphs(k, cf, lf) || ZeroByOneGlyph(k, cf, lf))
                return '0';
            // Round 31: an 8's shape settles nothing: a bold 6 or 9 whose mouth closed looks like one (see above).
            if (cf is not { } form || form is DigitForm.Unclear or DigitForm.Eight || lf != form) return null;
            if (form == DigitShape.FormOf(cc[k])) return cc[k];
            if (form == DigitShape.FormOf(lc[k])) return lc[k];
            // Round 30: each print misread it its own way and both glyphs plainly show a third digit of the four, as round 29
            // settles a digit both misread alike (a dot-matrix zero read 6 in the numerals and 8 in the words: third generator's
            // MoneyGram form, tuning 4 #85). Round 31: a zero, where a known zero was misread as one of the two (as above).
            return form == DigitForm.Zero && (zerosReadAs.Contains(cc[k]) || zerosReadAs.Contains(lc[k]) || ZeroReadAt(k)) ? '0' : null;
        }
        for (var k = 0; k < 2; k++) settled[k] = Place(k);
        // Round 43: a place left unsettled beside one its glyphs settled to a zero is judged again with that zero as one of its
        // print's known zeros (a grocery `$125.68` beside `66 CENTS`, every cents glyph dotted and shaped as a zero, no zero
        // elsewhere in either amount, `$125.08` read once: third grocery tuning 23 #592). Each glyph is still judged on its own
        // shape and likeness; only the zero it is compared with was found by the rules above.
        for (var k = 0; k < 2; k++)
            if (settled[k] is null && settled[1 - k] == '0' && !(cc[1 - k] == '0' && lc[1 - k] == '0'))
                settled[k] = Place(k);
        if (settled[0] is not { } tens || settled[1] is not { } ones) return null;
        // Round 45: a place both prints read as a digit and whose glyphs overruled it into a zero shows both prints misreading this
        // very field's zeros as that digit; the other place, read as that digit in both prints, then stands only where both its
        // glyphs plainly show it. A dotted zero with a speck of paper on its ring is shaped as a 6 (held-back third 5045 #8, a noisy
        // grocery `$125.00` read `$125.66` and `66/166`: its second zero settled, its first shaped as a 6 in the numerals and
        // unclear in the words, posted as $125.60 by round 44). A print that read the zero as a zero still speaks for its 6
        // (`720 DOLLARS 06 CENTS` beside `66/166`, safety set s24 #5675, posts as before).
        for (var k = 0; k < 2; k++)
            if (settled[k] == '0' && settled[1 - k] is { } digit and not '0' && cc[1 - k] == digit && lc[1 - k] == digit
                && cc[k] == digit && lc[k] == digit
                && (cCents[1 - k].Form != DigitShape.FormOf(digit) || lCents[1 - k].Form != DigitShape.FormOf(digit)))
                return null;
        var result = courtesy.Cents / 100 * 100 + (tens - '0') * 10 + (ones - '0');
        return courtesy.Cents == legal.Cents && result == courtesy.Cents ? null : result;
    }

    /// <summary>
    /// Round 30: numerals whose dollars differ from the words' only where one reads 0, 6, 8 or 9 and the other another of them
    /// (a dot-matrix `$36.66` beside `THIRTY AND 00/100`, both zeros of the numerals read as 6: third generator's MoneyGram form,
    /// tuning 4 #172), with the words read plainly (every word as printed, nothing repaired; round 33: the dollars' words,
    /// LegalAmountWords.ReadsDollarsPlainly): the numerals with the words'
    /// dollars, when every disputed glyph of the numerals is plainly the words' digit. The words are letters, a print of the
    /// number independent of the numerals; a glyph that is unclear settles nothing. The cents are then judged as ever.
    /// </summary>
    internal static AmountCandidateView? DollarsSettledByWords(GrayImage image, PageLayout page, AmountCandidateView courtesy, AmountCandidateView legal)
    {
        var (read, said) = ((courtesy.Cents / 100).ToString(System.Globalization.CultureInfo.InvariantCulture), (legal.Cents / 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (read == said || read.Length != said.Length || !LegalAmountWords.ReadsDollarsPlainly(legal.Text)) return null;
        var disputed = Enumerable.Range(0, read.Length).Where(i => read[i] != said[i]).ToList();
        if (disputed.Any(i => DigitShape.FormOf(read[i]) is null || DigitShape.FormOf(said[i]) is null)) return null;
        var view = courtesy with { Cents = legal.Cents / 100 * 100 + courtesy.Cents % 100 };
        var cents = (courtesy.Cents % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        // The numerals' glyphs judged as the words' amount (PrintChecks puts the amount's digits on the page words' glyphs).
        var dollars = PrintChecks(image, page, view, cents, fromEnd: true, lineDollars: true).Where(x => !x.Cents).ToList();
        if (dollars.Count < said.Length) return null;
        var placed = dollars.GetRange(dollars.Count - said.Length, said.Length);
        return disputed.All(i => placed[i].Read == said[i] && placed[i].Form == DigitShape.FormOf(said[i])) ? view : null;
    }

    /// <summary>
    /// Round 31: what the engine read this item's known zeros as, other than 0: the two zeros of the words' fraction (`/100`,
    /// every cents fraction's denominator: `66/166` says the print's zeros read as 6), and the zeros of the numerals' dollars
    /// where the words say them (<paramref name="numerals"/>' amount carrying the words' dollars while its text is the read:
    /// `$126.60` for ONE HUNDRED TWENTY). Both prints are one engine's reads of one printer's face: a digit its known zeros
    /// were read as is a digit its other zeros may have been read as.
    /// </summary>
    internal static HashSet<char> ZerosMisread(AmountCandidateView numerals, AmountCandidateView words)
    {
        var readAs = new HashSet<char>();
        if (System.Text.RegularExpressions.Regex.Match(words.Text, @"[0-9]{2}\s*/\s*(\S)(\S)(\S)") is { Success: true } fraction)
            foreach (var ch in new[] { fraction.Groups[2].Value[0], fraction.Groups[3].Value[0] })
                if (ch != '0' && ch != 'O') readAs.Add(ch);
        var read = string.Concat(numerals.Text.Where(char.IsAsciiDigit));
        var dollars = (numerals.Cents / 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (read.Length == dollars.Length + 2)
            for (var i = 0; i < dollars.Length; i++)
                if (dollars[i] == '0' && read[i] != '0') readAs.Add(read[i]);
        return readAs;
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
    /// <param name="lineDollars">Round 31: numerals read from their line cut out of the pixels have their dollars placed on that
    /// line's glyphs too (as the amount's digits, as for page words), for <see cref="DollarsSettledByWords"/> alone.</param>
    /// <param name="centsPlaced">Round 42: where the cents were placed (the glyphs' image, box and text, and the dollars' zeros in that
    /// text), for <see cref="ZeroLikeness"/>.</param>
    private static IEnumerable<(char Read, DigitForm? Form, bool Cents)> PrintChecks(GrayImage image, PageLayout page, AmountCandidateView a, string cents, bool fromEnd,
        bool lineDollars = false, List<CentsPlace>? centsPlaced = null)
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
            var amountDigits = (a.Cents / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + cents;
            if (lineDollars && digitsAt.Count == amountDigits.Length)
            {
                var all = DigitShape.FormsAt(line, line.Bounds, read, digitsAt, lightToo: true);
                for (var k = 0; k < digitsAt.Count; k++) yield return (amountDigits[k], all[k], k >= digitsAt.Count - 2);
                yield break;
            }
            var forms = DigitShape.FormsAt(line, line.Bounds, read, lineCents, lightToo: true);
            centsPlaced?.Add(new CentsPlace(line, line.Bounds, read, lineCents, DollarZerosAt(read, digitsAt, amountDigits), false));
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
        // Round 30: words a re-read of their line read with other cents than the page pass (`AND 66/160` read again, `86/166` on
        // the page: a dot-matrix `00/100`, third generator's MoneyGram tuning 4 #85) are judged on the page's fraction: the two
        // glyphs before its slash are the cents, whatever digits the page pass made of them.
        if (!fromEnd && string.Concat(centsAt.Select(d => d.Ch)) != cents)
            foreach (var j in a.Words)
                if (FractionCentsAt(page.Words[j].Text) is { } slashAt)
                {
                    centsAt = [(j, slashAt, cents[0]), (j, slashAt + 1, cents[1])];
                    break;
                }
        // Round 33: a fraction whose two cents glyphs the page pass read as one character (`0/106` over a dot-matrix `00/100`,
        // third generator's MoneyGram form, tuning 7 #198) or as a letter and a digit (`G4/106`, tuning 7 #21): its word begins
        // with the fraction, so the cents are still its first two glyphs; they are placed there (FormsAt's fromLeft), the word's
        // text taken as the reading's cents before its slash. Only the glyphs' shapes then say which digits they are.
        var textOf = new Dictionary<int, string>();
        if (!fromEnd && string.Concat(centsAt.Select(d => d.Ch)) != cents)
            foreach (var j in a.Words)
                if (page.Words[j].Text.IndexOf('/', StringComparison.Ordinal) is var slash and >= 1 and <= 2
                    && page.Words[j].Text[..slash].All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '@')
                    && (slash == 1 || page.Words[j].Text[..slash].Any(char.IsAsciiDigit) || page.Words[j].Text[(slash + 1)..].StartsWith('1')))
                {
                    textOf[j] = cents + page.Words[j].Text[slash..];
                    centsAt = [(j, 0, cents[0]), (j, 1, cents[1])];
                    break;
                }
        // Round 33: and `AND 00 CENTS` whose cents the page pass read as a digit and a zero's misread (`6@`: third tuning 6 #116)
        // or as two misreads before the CENTS word (`e@`: tuning 7 #133): a word of two such characters is the cents.
        if (!fromEnd && string.Concat(centsAt.Select(d => d.Ch)) != cents)
            foreach (var j in a.Words)
                if (page.Words[j].Text is { Length: 2 } two && two.All(ch => char.IsAsciiDigit(ch) || ch is '@' or 'O' or 'o' or 'e')
                    && (two.Any(char.IsAsciiDigit) || a.Words.Any(k => page.Keys[k] == "CENTS" && page.Words[k].Box.Left > page.Words[j].Box.Right)))
                {
                    textOf[j] = cents;
                    centsAt = [(j, 0, cents[0]), (j, 1, cents[1])];
                    break;
                }
        // Round 26: numerals a re-read of their crop read with other cents than the page pass (`$****792 00` on the page, `792.88`
        // read again beside SEVEN HUNDRED NINETY-TWO AND 00/100: ours tuning 9824 #386) are judged on the page words' glyphs when
        // the page pass read as many digits and the same dollars: the re-read's cents are placed on the page's last two digits,
        // so their glyphs say which cents were printed.
        // Round 33: or the same dollars as the reading's own text, where the amount carries the words' dollars
        // (DollarsSettledByWords: `16 DOLLARS 66 CENTS` read again beside TEN AND 66/166, the page's `16` `06`: third tuning 7 #141).
        var amount = (a.Cents / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + cents;
        var readDigits = string.Concat(a.Text.Where(char.IsAsciiDigit));
        var pageDollars = string.Concat(digits.Take(Math.Max(0, digits.Count - 2)).Select(d => d.Ch));
        var sameDollars = fromEnd && digits.Count == amount.Length
            && (pageDollars == amount[..^2] || (readDigits.Length == amount.Length && pageDollars == readDigits[..^2]));
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
                    // Round 31: a fraction's cents beginning its word are its first two glyphs, whatever the page pass made of the rest.
                    var wordText = textOf.GetValueOrDefault(group.Key, word.Text);
                    var fractionFirst = !fromEnd && part.Key && list.Count == 2 && list[0].Index == 0 && list[1].Index == 1 && FractionCentsAt(wordText) == 0;
                    var placedText = fromEnd ? FillLettersAsFill(wordText) : wordText;
                    var forms = DigitShape.FormsAt(image, word.Box, placedText, list.Select(d => d.Index).ToList(), lightToo: part.Key, fromLeft: fractionFirst);
                    if (part.Key && list.Count == 2)
                        centsPlaced?.Add(new CentsPlace(image, word.Box, placedText, [.. list.Select(d => d.Index)],
                            fromEnd ? [.. group.Where(d => d.Ch == '0' && !part.Contains(d)).Select(d => d.Index)] : HundredZerosAt(placedText), fractionFirst));
                    for (var k = 0; k < list.Count; k++) yield return (list[k].Ch, forms[k], part.Key);
                }
            }
            yield break;
        }
        // A re-read's text over the page words' box: the cents are the last two digits of numerals read from the crop.
        var text = a.Text;
        var at = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiDigit(text[i])).ToList();
        if (!fromEnd || at.Count < 2 || string.Concat(at.TakeLast(2).Select(i => text[i])) != cents) yield break;
        // Round 33: for DollarsSettledByWords, every digit of the re-read placed over the page words' box, as a line's are
        // (the page pass read `$1` `06` for `$100.00`, the re-read `$160.60` beside ONE HUNDRED: third tuning 5 #103).
        if (lineDollars && at.Count == amount.Length)
        {
            var every = DigitShape.FormsAt(image, page.Box(a.Words.ToList()), text, at, lightToo: true);
            for (var k = 0; k < at.Count; k++) yield return (amount[k], every[k], k >= at.Count - 2);
            yield break;
        }
        var last = at.TakeLast(2).ToList();
        var placed = DigitShape.FormsAt(image, page.Box(a.Words.ToList()), text, last, lightToo: true);
        centsPlaced?.Add(new CentsPlace(image, page.Box(a.Words.ToList()), text, last, DollarZerosAt(text, at, amount), false));
        for (var k = 0; k < 2; k++) yield return (text[last[k]], placed[k], true);
    }

    /// <summary>Round 42: how alike a glyph must be to its print's known zeros to be seen as one (<see cref="ZeroLikeness"/>). Zeros
    /// of one face come out at 0.8 and over on the third generator's dotted grocery scans (0.81–0.96); a 6 alike to the zeros at
    /// that is never also shaped as a zero in any face drawn (ZeroLikenessRound42Tests).</summary>
    internal const double ZeroLikenessFloor = 0.8;

    /// <summary>Round 42: where one print's cents were placed on glyphs: the image and box the glyphs are cut from, the text placed on
    /// them, the cents' indexes in it, and the indexes of the print's known zeros in it (the dollars' zeros both prints agree on;
    /// a fraction's hundred).</summary>
    internal sealed record CentsPlace(GrayImage Image, PixelRect Box, string Text, IReadOnlyList<int> Cents, IReadOnlyList<int> KnownZeros, bool FromLeft);

    /// <summary>
    /// Round 42: how alike the glyph of cents place <paramref name="k"/> is to the print's known zeros (<see cref="CentsPlace.KnownZeros"/>,
    /// and the other cents place when both prints read a zero there): the best <see cref="DigitShape.Likeness"/>, null when
    /// the glyphs could not be placed or the print has no known zero.
    /// </summary>
    internal static double? ZeroLikeness(CentsPlace place, int k, bool otherCentsZero)
    {
        List<int> zeros = [.. place.KnownZeros];
        if (otherCentsZero) zeros.Add(place.Cents[1 - k]);
        if (zeros.Count == 0) return null;
        var glyphs = DigitShape.GlyphsAt(place.Image, place.Box, place.Text, [place.Cents[k], .. zeros], place.FromLeft);
        if (glyphs[0] is not { } glyph) return null;
        var likeness = glyphs.Skip(1).OfType<DigitShape.Glyph>().Select(z => DigitShape.Likeness(glyph, z)).ToList();
        return likeness.Count == 0 ? null : likeness.Max();
    }

    /// <summary>Round 42: the indexes of a read's digits that are zeros of the amount's dollars (digits aligned from the end).</summary>
    private static List<int> DollarZerosAt(string read, List<int> digitsAt, string amountDigits) =>
        digitsAt.Count != amountDigits.Length ? [] : [.. digitsAt.Take(digitsAt.Count - 2).Where((i, k) => amountDigits[k] == '0' && read[i] == '0')];

    /// <summary>Round 42: the indexes of the two zeros of a fraction's hundred (`66/166`: whatever they were read as), or none.</summary>
    private static List<int> HundredZerosAt(string text) =>
        FractionCentsAt(text) is { } at && at + 5 < text.Length ? [at + 4, at + 5] : [];

    /// <summary>
    /// Where a word's cents fraction (`86/166`) begins: two digits alone before its slash; null when it has none. Round 33: one
    /// of the two may be what Tesseract makes of a dot-matrix zero, `@` or `O` (`@0/100` over `00/100`: third generator's grocery
    /// form, tuning 7 #143), as long as the other is a digit: both are tall glyphs, so they still sit on the fraction's first two
    /// glyphs, and only those glyphs' shapes say which digits they are.
    /// </summary>
    internal static int? FractionCentsAt(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, @"(?<![0-9A-Za-z@])(?:[0-9]{2}|[0-9][@Oo]|[@Oo][0-9])/") is { Success: true } m ? m.Index : null;

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

    /// <summary>Round 28: the cents of a legal amount as a fraction, `91/100` (a zero of the hundred read as O or o).</summary>
    internal static bool IsCentsFraction(string key) =>
        key.Length == 6 && char.IsAsciiDigit(key[0]) && char.IsAsciiDigit(key[1]) && key[2] == '/' && key[3] == '1' && key[4] is '0' or 'O' && key[5] is '0' or 'O';

    /// <summary>Round 33: two characters, one a digit, a slash, a 1 and two or three more: a cents fraction however its other digits were read.</summary>
    internal static bool IsFractionShape(string key) =>
        key.Length is 6 or 7 && key[2] == '/' && key[3] == '1' && key.Remove(2, 1).All(char.IsAsciiLetterOrDigit) && key[..2].Any(char.IsAsciiDigit);

    private static bool IsAmountWord(string key) =>
        key is "AND" or "DOLLARS" or "CENTS" || key.EndsWith("/100", StringComparison.Ordinal)
        || key.Split('-', StringSplitOptions.RemoveEmptyEntries).Any(LegalAmountWords.IsNumberWord);

    /// <summary>Number words just left of the segment on its row: the amount in words began earlier, so this part alone is not it.</summary>
    private static bool NumberWordsLeftOf(PageLayout page, List<int> seg)
    {
        var box = page.Box(seg);
        var h = Math.Max(box.Height, 10);
        return page.Segments.Any(o => o != seg && LegalLine.EndsLeftOf(page.Box(o), box, h) && box.Left - page.Box(o).Right < 4 * h
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

    private static List<AmountCandidate> ReadUnreadNumerals(OcrEngine engine, PageLayout page) => ReadUnreadNumerals(engine, page, out _);

    /// <param name="places">Round 33: where the unread lines are on the page, for reading them again as the numerals' places are.</param>
    private static List<AmountCandidate> ReadUnreadNumerals(OcrEngine engine, PageLayout page, out List<PixelRect> places)
    {
        var found = new List<AmountCandidate>();
        places = [];
        var image = engine.Image!;
        var read = Enumerable.Range(0, page.Words.Count).Where(j => page.Words[j].Confidence >= 50).Select(j => page.Words[j].Box);
        // Round 33: the three tallest unread lines, not only the tallest (a received stamp's date stood above the numerals).
        foreach (var (line, box) in NumeralLine.FindUnreadLines(image, read, new PixelRect(0, 0, image.Width, (int)(0.85 * image.Height)), page.TextHeight, 3))
        {
            places.Add(box);
            var erased = AsteriskFill.Erase(line, splitMerged: true);
            foreach (var r in new[] { erased is null ? null : ReadAlone(engine, erased, "$., " + Digits), ReadAlone(engine, line, "$*., " + Digits + "DOLARSCENT") })
                if (r is not null && r.Text.Contains('$', StringComparison.Ordinal) && CourtesyAmount.TryParseFound(AfterDollarSign(r.Text), out var cents))
                    found.Add(new AmountCandidate(cents, [], r.MinConfidence, r.Text, line));
            if (found.Count > 0) break;
        }
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
            var valid = keys.FindIndex(k => NoticeParts(k).Contains("VALID"));
            if (valid >= 0 && keys.Skip(valid).Any(k => NoticeParts(k).Any(p => p.StartsWith("OVER", StringComparison.Ordinal))))
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
        if (SaysSomeAmount(page)) return false;
        var h = Math.Max(page.TextHeight, 12);
        var patches = DamagedPlaces(page, raw);
        return patches.Count >= 2 || patches.Any(p => p.Height >= 3 * h && p.Width >= 8 * h);
    }

    /// <summary>
    /// Round 28: the last check before an order goes back unread: the page is softened (a 3×3 mean, so the dots of a
    /// dot-matrix or halftoned print run into strokes) and recognised once more, and its amounts looked for as on the page.
    /// Numerals or words that parse as an amount, a number word or a `/100` there are print a person can read: the order
    /// waits for keying (third-generator tuning s1 #159: `80 DOLLARS 00 CENTS` in dot-matrix print and `**EIGHTY AND 00/100
    /// DOLLARS` under a stamp, neither read, and grain in the title taken for damage: a clear order was mailed back). Only
    /// orders about to be mailed back pay for this second pass.
    /// </summary>
    private bool AmountReadWhenSoftened(OcrEngine engine, GrayImage clean)
    {
        var image = engine.Image!;
        try
        {
            engine.SetImage(clean.Blur3().WithoutRules(), 300);
            var soft = new PageLayout(engine.ReadWords(PageSegMode.SparseText).Words, clean.Width, clean.Height);
            return SaysSomeAmount(soft) || ReadAmount(engine, soft, clean).AnyParsed;
        }
        finally
        {
            engine.SetImage(image, 300);
        }
    }

    /// <summary>
    /// Round 35: numerals without a dollar sign printed in the order's date (`20.26` for the year 2026 under YEAR MONTH DAY, third
    /// tuning seed 8 #42, an illegible order kept from going back because its date parsed as an amount): right under a DATE, YEAR,
    /// MONTH or DAY label (within two print heights, starting within three of it).
    /// </summary>
    internal static bool InDateField(PageLayout page, List<int> run, string text)
    {
        if (text.Contains('$', StringComparison.Ordinal)) return false;
        var box = page.Box(run);
        var h = Math.Max(page.TextHeight, 12);
        return Enumerable.Range(0, page.Words.Count).Any(j => page.Keys[j] is "DATE" or "YEAR" or "MONTH" or "DAY" && !run.Contains(j)
            && page.Words[j].Box is var label
            && label.Bottom <= box.Top + h / 3 && box.Top - label.Bottom < 2 * h && Math.Abs(box.Left - label.Left) < 3 * h);
    }

    /// <summary>
    /// A word of the form's limit notice (`NOT VALID OVER $1,000`), read alone or, round 40d, glued to its neighbour by a mark
    /// (`VALID-OVER`, third tuning 10 #68: the notice's `$1,000.00` was taken for the courtesy amount of an illegible order,
    /// which then waited instead of going back).
    /// </summary>
    internal static bool IsLimitNoticeWord(string key) => NoticeParts(key).Any(p => p is "VALID" or "OVER");

    /// <summary>A page key cut at the marks OCR reads between words it glued (`VALID-OVER`, `VALID.OVER`).</summary>
    private static string[] NoticeParts(string key) => key.Split(['-', '.', ',', '_', '~', '·'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>OCR saw part of an amount in words (a number word, or the "/100" of the cents).</summary>
    private static bool SaysSomeAmount(PageLayout page)
    {
        // Round 30: not the form's limit notice (`NOT VALID OVER ONE THOUSAND DOLLARS ($1,000)`: third generator's bank forms),
        // whose ONE and THOUSAND kept every illegible order of those forms from going back.
        var notice = page.Segments.Where(seg => seg.Any(j => IsLimitNoticeWord(page.Keys[j]))).SelectMany(seg => seg).ToHashSet();
        // Round 35: nor the form's title, MONEY ORDER, its M lost on the softened page (`ONE Y'ORDER`, third tuning seed 8 #10):
        // the word right before ORDER is MONEY, whatever it reads.
        foreach (var seg in page.Segments)
            for (var i = 0; i + 1 < seg.Count; i++)
                if (page.Keys[seg[i + 1]].Contains("ORDER", StringComparison.Ordinal)) notice.Add(seg[i]);
        return page.Words.Select((w, j) => (w, j)).Any(x => !notice.Contains(x.j) && (x.w.Text.Contains("/100", StringComparison.Ordinal)
            || page.Keys[x.j].Split('-').Any(LegalAmountWords.IsNumberWord)));
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
        // Round 30: a patch whose clear print lies only along its top or bottom edge (a blot up against the date row above it,
        // the patch's coarse cells taking the row in: third generator's postal form, tuning 4 #73) is the patch without that band.
        patches = [.. patches.Select(p => WithoutPrintAlongEdges(page, p, h))];
        patches.RemoveAll(p => p.Height < 2 * (h / 2) || page.Words.Any(w => w.Confidence >= 80 && w.Text.Length >= 3 && Overlaps(w.Box, p)));
        return patches;
    }

    private static PixelRect WithoutPrintAlongEdges(PageLayout page, PixelRect patch, int h)
    {
        var clear = page.Words.Where(w => w.Confidence >= 80 && w.Text.Length >= 3 && Overlaps(w.Box, patch)).Select(w => w.Box).ToList();
        if (clear.Count == 0) return patch;
        var (top, bottom) = (patch.Top, patch.Bottom);
        if (clear.All(b => b.Top <= patch.Top + 1.5 * h)) top = clear.Max(b => b.Bottom);
        else if (clear.All(b => b.Bottom >= patch.Bottom - 1.5 * h)) bottom = clear.Min(b => b.Top);
        return top < bottom ? PixelRect.FromEdges(patch.Left, top, patch.Right, bottom) : patch;
    }

    private static bool Overlaps(PixelRect a, PixelRect b)
    {
        var x = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var y = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
        return x > 0 && y > 0 && (long)x * y > 0.5 * a.Width * a.Height;
    }
}
