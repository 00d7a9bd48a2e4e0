using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.People;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Intake.Lockbox;

// The deposit slip: this company's form, its fixed labels read tolerantly, values beside or under them.
public sealed partial class MoneyOrderReader
{
    /// <param name="purchaserAddress">The purchaser's address as read on the money order, if any: a sender address the page pass
    /// reads clearly and alike needs no second read (<see cref="ReturnAddress"/>).</param>
    /// <param name="purchaserName">The purchaser's name as read on the money order, if any (<see cref="PurchaserLines"/>).</param>
    public DepositSlipReading ReadDepositSlip(OcrEngine engine, GrayImage image, string? purchaserAddress = null, string? purchaserName = null) =>
        ReadDepositSlip(engine, image, purchaserAddress ?? "", purchaserName ?? "", illegibleOrder: null);

    /// <summary>The slip of an order read first: its purchaser block read against the slip's lines, and, when the order goes back
    /// as illegible, a return address sought harder.</summary>
    public DepositSlipReading ReadDepositSlip(OcrEngine engine, GrayImage image, MoneyOrderReading order) =>
        ReadDepositSlip(engine, image, order.PurchaserAddress.RawText, order.PurchaserName.RawText, order.AmountIllegible ? order : null);

    private DepositSlipReading ReadDepositSlip(OcrEngine engine, GrayImage image, string purchaserAddress, string purchaserName, MoneyOrderReading? illegibleOrder)
    {
        var start = ReadTimings.Timestamp();
        var (clean, text) = Prepared(image);
        Timings?.Add(ReadStage.Preprocess, start);
        // Round 21: a slip's value typed over its rule is now and then boxed on the rule alone (PageLayout.Uncollapsed).
        var first = RecognizeText(engine, text, clean, restoreCollapsedWords: true);
        var reading = ParseSlip(first);
        var addressWanted = illegibleOrder is not null && reading.IsDepositSlip && ReturnAddress.Confirmed(illegibleOrder, reading) is null;
        if (!Options.ReadsPageAgain || (reading.IsDepositSlip && AllSettled(reading) && !addressWanted)) return reading;
        // Round 36: the resident's name or number not settled, or (36b) an illegible order's return address not confirmed: the slip
        // read again without what is not print (PagesAgain). A field such a reading settles on its own evidence is taken where the
        // first left it unsettled; its reads of the sender's lines join the first's, and are kept only when together they confirm
        // the address (ReturnAddress, on its usual evidence). Round 39: and the CREDIT TO row, whose labels grain can make
        // unreadable on the first reading (`Gieeown'To: [x] trust Kuen [1 restrrunion` on a speckled gray slip, third tuning 9 #19);
        // its boxes' marks are judged on the slip's own pixels as ever, the labels only placed by the reading again.
        var sought = reading;
        foreach (var page in PagesAgain(text, first.TextHeight, () => DotMatrixPrint.Regions(text)))
        {
            var again = ParseSlip(RecognizeText(engine, page, clean, restoreCollapsedWords: true));
            if (!reading.IsDepositSlip)
            {
                if (again.IsDepositSlip) return again;
                continue;
            }
            reading = reading with
            {
                ResidentName = SettledOrPooled(reading.ResidentName, again.ResidentName),
                ResidentNumber = SettledOrPooled(reading.ResidentNumber, again.ResidentNumber),
                CreditTo = Settled(reading.CreditTo, again.CreditTo),
            };
            if (addressWanted)
            {
                sought = sought with
                {
                    SenderName = Settled(sought.SenderName, again.SenderName),
                    SenderAddress = Settled(sought.SenderAddress, again.SenderAddress),
                    CityStateZip = Settled(sought.CityStateZip, again.CityStateZip),
                    AddressReads = [.. sought.AddressReads, .. again.AddressReads],
                };
                if (ReturnAddress.Confirmed(illegibleOrder!, sought) is not null)
                {
                    reading = reading with
                    {
                        SenderName = sought.SenderName, SenderAddress = sought.SenderAddress, CityStateZip = sought.CityStateZip,
                        AddressReads = sought.AddressReads,
                    };
                    addressWanted = false;
                }
            }
            if (AllSettled(reading) && !addressWanted) break;
        }
        return reading;

        static FieldReading<T> Settled<T>(FieldReading<T> first, FieldReading<T> again) => first.IsAccepted || !again.IsAccepted ? first : again;
        // Round 46: neither reading settled the resident's name or number: what each spelled is a reading for the roster all the
        // same (a stamp over `RESIDENT NUMBER` hid the label from the first reading, and the reading without the stamp's gray
        // spelled `83462-0930` for 83462-090: third tuning 29 #261). Still never a value by itself (LockboxDecider.ConfirmedByRoster).
        static FieldReading<string> SettledOrPooled(FieldReading<string> first, FieldReading<string> again) =>
            first.IsAccepted || again.IsAccepted ? Settled(first, again)
            : first with { Alternatives = first.Alternatives.Concat(again.Alternatives).Distinct(StringComparer.Ordinal).ToList() };
        static bool AllSettled(DepositSlipReading r) => r.ResidentName.IsAccepted && r.ResidentNumber.IsAccepted && r.CreditTo.IsAccepted;

        DepositSlipReading ParseSlip(PageLayout page)
        {
            var parse = ReadTimings.Timestamp();
            try
            {
                return ParseDepositSlip(engine, page, clean, purchaserAddress, purchaserName);
            }
            finally
            {
                Timings?.Add(ReadStage.Parse, parse);
            }
        }
    }

    private DepositSlipReading ParseDepositSlip(OcrEngine engine, PageLayout page, GrayImage image, string purchaserAddress, string purchaserName)
    {
        var labels = new Dictionary<string, LabelHit?>(StringComparer.Ordinal)
        {
            // OCR glues a small bold label's words now and then ("RESIDENTNAME" on a clean outside slip).
            ["name"] = page.Find("RESIDENT", "NAME").FirstOrDefault() ?? Single(page.Find("RESIDENTNAME")),
            // The form has one NUMBER and one CREDIT label: a speck that hides RESIDENT or TO leaves the other word enough.
            ["number"] = page.Find("RESIDENT", "NUMBER").FirstOrDefault() ?? WithUnreadWordBefore(page, Single(page.Find("NUMBER"))) ?? Single(page.Find("RESIDENTNUMBER")),
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
        // Round 28: RESIDENT lost in noise of another width (`eer OeaT NAME`: a speck split it), NAME read clearly.
        labels["name"] ??= ResidentNameLabelByName(page, labels["sender"], labels["number"]);
        // Round 21: NUMBER read as noise (`RESIDENT ee`, tuning seed 9761 #265: the number not looked for, the order waiting).
        if (labels["name"] is { } nameLabel) labels["number"] ??= ResidentNumberLabelHalfRead(page, nameLabel);
        // Round 30: both words of RESIDENT NUMBER read as noise (`ore ee`), the number beside them read clearly.
        if (labels["name"] is { } name) labels["number"] ??= ResidentNumberLabelUnread(page, name, labels.Values.OfType<LabelHit>().ToList());
        // Round 35: the sender's labels read as noise on a grainy slip (`seen NAME` for SENDER NAME, `cin, stare a` for CITY, STATE
        // ZIP, third tuning seed 8 #146): the return address's lines were not looked for, and a clear illegible order waited.
        labels["sender"] ??= SenderNameLabelHalfRead(page, labels["name"], labels["address"]);
        labels["city"] ??= CityLabelUnread(page, labels["address"], labels["phone"], labels.Values.OfType<LabelHit>().ToList());
        // Our own form: its title, or (grain or a stamp over the title) most of its fixed labels.
        var isSlip = page.Find("DEPOSIT", "SLIP").Any() || labels.Values.Count(h => h is not null) >= 5;
        var labelWords = labels.Values.Where(h => h is not null).SelectMany(h => h!.WordIndexes).ToHashSet();
        foreach (var j in Enumerable.Range(0, page.Words.Count).Where(j => page.Keys[j] is "TRUST" or "MEDIA" or "RESTITUTION")) labelWords.Add(j);

        // Under the label: stop before the next label in the same row (the form's second column).
        // Round 24: a value begins up to two label heights left of its own label (PageLayout.Below), so a word that begins as
        // near the second column's label is that column's (`RICHMOND,` 2 px left of CITY, STATE ZIP read into the street,
        // `7590 LAKE RD RICHMOND`, a clean two-column slip of tuning 9789 #98).
        int NextColumn(LabelHit hit) => labels.Values.Where(h => h is not null && h != hit && h.Box.Left > hit.Box.Right && h.Box.VerticalOverlap(hit.Box) > 0.4)
            .Select(h => h!.Box.Left - 2 * Math.Max(h.Box.Height, 10)).DefaultIfEmpty(page.Width).Min();

        List<int> ValueOf(string key) => isSlip && labels[key] is { } hit ? SlipValue(page, hit.Box, labelWords, NextColumn(hit)) : [];

        var residentName = NameField(engine, page, ValueOf("name"));
        var residentNumber = ReadResidentNumber(engine, page, ValueOf("number"));
        // Round 32: a number no read settled is read again over the strips where the form puts its value (beside and under
        // its label), whatever words the page pass made there: more readings for the roster only.
        if (residentNumber.Value is null && isSlip && labels["number"] is { } numberLabel)
            residentNumber = residentNumber with
            {
                Alternatives = residentNumber.Alternatives.Concat(ResidentNumberDigits.StripReads(engine, page, numberLabel.Box, NextColumn(numberLabel), ReadAlone))
                    .Where(IsWellFormedNumber).Distinct(StringComparer.Ordinal).ToList(),
            };
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
        // Round 30: letters the page pass read in lower case are no agency number's (printed in capitals) but a misread (`75771-
        // pie` for 75771-516, read `75771-PIE` again with capitals only: third tuning 5 #31, its name read clearly, returned by
        // rule as a stranger's): such a number is only a reading for the roster.
        var lowerCase = words.Any(j => page.Words[j].Text.Any(char.IsAsciiLetterLower));
        var wellFormed = digitsAndDash ? PersonNumber.IsRegisterNumber(text)
            : !lowerCase && PersonNumber.IsWellFormed(text) && text.Length >= 5 && text.Any(char.IsAsciiDigit);
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
        var numbers = ResidentNumberDigits.RegisterNumbers(read).Take(2).ToList();
        return numbers.Count == 1 ? numbers[0] : TrimJunk(Squeeze(read).ToUpperInvariant());
    }

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
        creditLabel ??= CreditBoxes.LabelFromWords(page, kinds.Select(k => k.Item2).ToArray()) ?? CreditBoxes.LabelFromTo(page);
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
    /// Round 30: the RESIDENT NUMBER label when the page pass read both its words as noise (`ore ee` at 30 and 17 on a speckled
    /// slip, the number `20243-967` beside it read at 91: third generator's tuning 4 #141). The form prints it next after
    /// RESIDENT NAME in the labels' column: the first row under the name's label that starts at the label's left edge, when
    /// every word of it is unread noise (a value under its label is print read clearly) and print with digits stands right of
    /// it on its row. Null otherwise, or when another label was found between the two.
    /// </summary>
    internal static LabelHit? ResidentNumberLabelUnread(PageLayout page, LabelHit nameLabel, IReadOnlyCollection<LabelHit> found)
    {
        var h = Math.Max(nameLabel.Box.Height, 10);
        var taken = found.SelectMany(l => l.WordIndexes).ToHashSet();
        var row = page.Segments
            .Where(seg => page.Box(seg).Top >= nameLabel.Box.Bottom && Math.Abs(page.Box(seg).Left - nameLabel.Box.Left) <= h && !seg.Any(taken.Contains))
            .OrderBy(seg => page.Box(seg).Top).FirstOrDefault();
        if (row is null || row.Any(j => page.Words[j].Confidence >= 50 || page.Words[j].Text.Any(char.IsAsciiDigit))) return null;
        var box = page.Box(row);
        if (found.Any(l => l.Box.Top >= nameLabel.Box.Bottom && l.Box.Bottom <= box.Top)) return null;
        return page.RightOf(box, row.ToHashSet()).Any(j => page.Words[j].Text.Count(char.IsAsciiDigit) >= 3) ? new LabelHit(row, box) : null;
    }

    /// <summary>
    /// Round 35: SENDER NAME with SENDER read as noise: the one NAME read clearly (80 or more) below the resident's name label and
    /// above SENDER ADDRESS, with the word just before it on its row (the noise where SENDER was: the value under the label begins
    /// under it). None, or more than one such NAME: null.
    /// </summary>
    internal static LabelHit? SenderNameLabelHalfRead(PageLayout page, LabelHit? nameLabel, LabelHit? addressLabel)
    {
        if (addressLabel is null) return null;
        var found = Enumerable.Range(0, page.Words.Count).Where(i => page.Keys[i] == "NAME" && page.Words[i].Confidence >= 80
            && !(nameLabel?.WordIndexes.Contains(i) ?? false) && page.Words[i].Box.Bottom <= addressLabel.Box.Top
            && (nameLabel is null || page.Words[i].Box.Top >= nameLabel.Box.Bottom)).ToList();
        if (found.Count != 1) return null;
        var name = page.Words[found[0]].Box;
        var h = Math.Max(name.Height, 8);
        var before = Enumerable.Range(0, page.Words.Count).Where(j => j != found[0] && page.Words[j].Box.VerticalOverlap(name) > 0.4
                && page.Words[j].Box.Right <= name.Left + 2 && name.Left - page.Words[j].Box.Right < 1.5 * h)
            .OrderByDescending(j => page.Words[j].Box.Right).Take(1).ToList();
        return new LabelHit([.. before, found[0]], before.Aggregate(name, (box, j) => box.Union(page.Words[j].Box)));
    }

    /// <summary>
    /// Round 35: CITY, STATE ZIP read as noise, none of its words recognised: the first row below SENDER ADDRESS (above PHONE
    /// when that was found) beginning in the labels' column, without digits and no label found, whose value (beside or under
    /// it, as any label's) reads as a city line `CITY, ST 12345`. Only a value shaped as the line the label names makes the row
    /// its label.
    /// </summary>
    internal static LabelHit? CityLabelUnread(PageLayout page, LabelHit? addressLabel, LabelHit? phoneLabel, IReadOnlyCollection<LabelHit> found)
    {
        if (addressLabel is null) return null;
        var h = Math.Max(addressLabel.Box.Height, 10);
        var taken = found.SelectMany(l => l.WordIndexes).ToHashSet();
        foreach (var row in page.Segments.Where(seg => page.Box(seg).Top >= addressLabel.Box.Bottom && Math.Abs(page.Box(seg).Left - addressLabel.Box.Left) <= h
                     && (phoneLabel is null || page.Box(seg).Bottom <= phoneLabel.Box.Top) && !seg.Any(taken.Contains))
                 .OrderBy(seg => page.Box(seg).Top))
        {
            if (row.Any(j => page.Words[j].Text.Any(char.IsAsciiDigit))) continue;
            var box = page.Box(row);
            var value = SlipValue(page, box, taken.Union(row).ToHashSet(), page.Width);
            return value.Count > 0 && ReturnAddress.IsCityLine(TrimJunk(page.Text(value)).Trim()) ? new LabelHit(row, box) : null;
        }
        return null;
    }

    /// <summary>
    /// Round 30: a label found by its last word alone, with the word before it on its row read as noise (`Spat NUMBER` for
    /// RESIDENT NUMBER: third generator's boxed slip, tuning 4 #75), starts where that word starts: the value under it begins
    /// under RESIDENT, two label heights and more left of NUMBER, and was not looked for there.
    /// </summary>
    internal static LabelHit? WithUnreadWordBefore(PageLayout page, LabelHit? hit)
    {
        if (hit is null) return null;
        var box = hit.Box;
        var h = Math.Max(box.Height, 8);
        var before = Enumerable.Range(0, page.Words.Count)
            .Where(j => !hit.WordIndexes.Contains(j) && page.Words[j].Confidence < 30 && !page.Words[j].Text.Any(char.IsAsciiDigit)
                && page.Words[j].Box.VerticalOverlap(box) > 0.5 && page.Words[j].Box.Right <= box.Left + 2 && box.Left - page.Words[j].Box.Right < 2 * h
                && page.Words[j].Box.Width >= 0.6 * box.Width && page.Words[j].Box.Width <= 2.5 * box.Width)
            .OrderByDescending(j => page.Words[j].Box.Right).Take(1).ToList();
        return before.Count == 0 ? hit : new LabelHit([.. before, .. hit.WordIndexes], page.Words[before[0]].Box.Union(box));
    }

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
        // Round 30: a first row of nothing but ink the page pass could not read (a box's corner beside the label read `cee` at 0,
        // the value's box drawn up to the label: the third generator's boxed slip, tuning 4 #112, `19211-416` under it never
        // read) is no value when the row under it holds print read clearly and no label stands between the two (then the
        // unread row is this field's value, badly read, and the next row another field's: tuning 4 #92, #128).
        if (under.Count > 0 && under.All(j => page.Words[j].Confidence < 30)
            && page.Below(label, new HashSet<int>(labelWords.Concat(under)), rightLimit: nextColumn, byMiddle: true, nearLabelFirst: true) is { Count: > 0 } next
            && next.Any(j => page.Words[j].Confidence >= 60)
            && !labelWords.Any(j => page.Words[j].Box.Top >= page.Box(under).CenterY && page.Words[j].Box.Bottom <= page.Box(next).CenterY))
            under = next;
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
        var beforeJunk = name;
        name = name.Take(SlipNames.WithoutTrailingJunk(name.Select(j => page.Words[j].Text).ToList())).ToList();
        // Round 40: unless it stands where the name's next word would (`DAVID DE LA mun` at 33 for DAVID DE LA CRUZ, third tuning
        // 11 #6, a speckled slip): the name as read may have lost a word, and is read again as below.
        var wordDropped = name.Count > 0 && name.Count < beforeJunk.Count && SlipNames.NextWordOf(page, name[^1], beforeJunk[name.Count]);
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
            // Round 30: a name typed in Title Case (`Darnell Jackson`, third generator's slips, tuning 4 #141) is read again with
            // lower case allowed: read with capitals only it came back as `D L J`.
            var chars = Upper + (text.Count(char.IsAsciiLetterLower) >= 2 ? Upper.ToLowerInvariant() : "") + " ,.'-";
            var read = engine.Read(Around(page.Box(name)), PageSegMode.SingleLine, chars);
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
                    var clean = ReadAlone(engine, line, chars);
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
        // Round 41: or a word the page pass lost whole after the name's last word read (SlipNames.WordAfter).
        var wordLost = name.Count > 0 && SlipNames.WordAfter(engine.Image!, page, name[^1]);
        if (!whole || wordDropped || wordLost || SlipNames.LostWordBehindJunk(name.Select(j => page.Words[j].Text).ToList()))
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
        return NumeralLine.Find(engine.Image!, box.Inflate(h, h), Math.Max(8, (int)(0.7 * Math.Min(box.Height, page.TextHeight))), row: box);
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
    /// Round 28: the RESIDENT NAME label when the page pass read its NAME clearly but RESIDENT as noise of any width or not at
    /// all (third-generator tuning s1 #3: `eer` and `OeaT` for RESIDENT, a speck between its letters; the name not looked for and
    /// a clear order waiting). The slip is this company's form: it prints NAME twice, after RESIDENT and after SENDER, and the
    /// resident's name comes before the resident's number. So a NAME read clearly (80 at least) that is not the sender label's,
    /// has no SENDER before it on its row, and stands above the RESIDENT NUMBER label (when that was found) is the resident's,
    /// when it is the only one. Its value is read and checked as any name (two agreeing reads, or the roster with the number).
    /// </summary>
    internal static LabelHit? ResidentNameLabelByName(PageLayout page, LabelHit? senderLabel, LabelHit? numberLabel)
    {
        var taken = new HashSet<int>(senderLabel?.WordIndexes ?? []);
        var found = new List<int>();
        for (var i = 0; i < page.Words.Count; i++)
        {
            if (taken.Contains(i) || page.Keys[i] != "NAME" || page.Words[i].Confidence < 80) continue;
            var word = page.Words[i].Box;
            var h = Math.Max(word.Height, 10);
            if (numberLabel is not null && word.CenterY >= numberLabel.Box.Top) continue;
            var senderBefore = Enumerable.Range(0, page.Words.Count).Any(j => j != i && PageLayout.IsWord(page.Keys[j], "SENDER")
                && page.Words[j].Box.VerticalOverlap(word) > 0.4 && page.Words[j].Box.Right <= word.Left + 2 && word.Left - page.Words[j].Box.Right < 3 * h);
            if (!senderBefore) found.Add(i);
        }
        return found.Count == 1 ? new LabelHit([found[0]], page.Words[found[0]].Box) : null;
    }

    /// <summary>
    /// Round 21: the RESIDENT NUMBER label when the page pass read NUMBER as noise (confidence &lt; 30, no digit): the one RESIDENT
    /// that is not the name's label, with one noise word glued right after it (a gap under 3/4 of the label's height) about as
    /// wide as NUMBER would be (six letters to RESIDENT's eight: 0.6–1.5 times 3/4 of RESIDENT's width). Exactly one such place,
    /// or none. The value right of it is read and checked as any number (two reads agreeing, or the roster with the name).
    /// Round 45: or a word glued there that spells NUMBER's first letters, however clearly read.
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
            // Round 45: or NUMBER's first letters read clearly, the rest lost or boxed apart (`RESIDENT N` at 91 beside `manag` at 17
            // on a clean slip, third held-back 5042 #104), below the name's label as the form prints it.
            var begun = page.Keys[glued[0]] is { Length: > 0 and < 6 } key && "NUMBER".StartsWith(key, StringComparison.Ordinal)
                && word.Top >= nameLabel.Box.Bottom;
            if (!begun && (noise.Confidence >= 30 || noise.Text.Any(char.IsAsciiDigit) || PageLayout.IsWord(page.Keys[glued[0]], "NAME")
                || noise.Box.Width < 0.6 * lostWidth || noise.Box.Width > 1.5 * lostWidth)) continue;
            // The rest of NUMBER boxed apart as noise after its first letters belongs to the label, not to the value.
            var rest = begun
                ? Enumerable.Range(0, page.Words.Count).Where(j => j != i && j != glued[0] && page.Words[j].Box.VerticalOverlap(word) > 0.5
                    && page.Words[j].Box.Left >= noise.Box.Right - 2 && page.Words[j].Box.Left < word.Right + 1.5 * lostWidth
                    && page.Words[j].Confidence < 30 && !page.Words[j].Text.Any(char.IsAsciiDigit)).ToList()
                : [];
            found.Add(new LabelHit([i, glued[0], .. rest], rest.Aggregate(word.Union(noise.Box), (box, j) => box.Union(page.Words[j].Box))));
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
            // Round 35: the page pass misread the line (`MISHBEC PATTERSON` at 15, third tuning seed 7 #183; `ERIE, PA 16524` at 1)
            // and the crop and the cut-out line, two reads of other kinds, spell it alike, both clearly and well formed: the line
            // is theirs (ReturnAddress takes the same two reads as evidence).
            var (cropText, cleanText) = (TrimJunk(read.Text).Trim(), TrimJunk(clean.Text).Trim());
            if (string.Equals(Chars(cleanText), Chars(cropText), StringComparison.Ordinal) && Math.Min(read.MinConfidence, clean.MinConfidence) >= ReturnAddress.TwoReadsMinConfidence
                && ReturnAddress.IsWellFormed(line, cropText))
                return new FieldReading<string>(cropText, Math.Min(read.MinConfidence, clean.MinConfidence), $"{text} | {read.Text} | {clean.Text}");
            return new FieldReading<string>(null, Math.Min(conf, read.MinConfidence), $"{text} | {read.Text} | {clean.Text}");
        }
        return settled ?? new FieldReading<string>(null, Math.Min(conf, read.MinConfidence), $"{text} | {read.Text}");
    }
}
