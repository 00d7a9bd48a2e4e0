using Ledger.Domain;
using Ledger.Domain.Accounts;
using Ledger.Domain.People;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Intake.Lockbox.Reading;

namespace Ledger.Intake.Lockbox;

/// <summary>
/// Reads a money-order front and its deposit slip. A first OCR pass over a half-size page finds
/// the words and their boxes; fields are located from their printed labels (SERIAL NUMBER /
/// SERIAL NO. / NO., PAY TO, FROM / PURCHASER, the $ amount, the line of words ending in DOLLARS)
/// and the critical ones are read again, cropped, at full resolution, with the page segmentation
/// mode and character whitelist of that field. Anything below its threshold comes back null.
/// </summary>
public sealed class MoneyOrderReader
{
    private const string Digits = "0123456789";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    public MoneyOrderReader(MoneyOrderReaderOptions? options = null) => Options = options ?? MoneyOrderReaderOptions.Default;

    public MoneyOrderReaderOptions Options { get; }

    /// <summary>Reads one item's two images with an engine the caller owns (one thread at a time).</summary>
    public LockboxItemReading Read(OcrEngine engine, int sequence, GrayImage moneyOrder, GrayImage depositSlip) =>
        new(sequence, ReadMoneyOrder(engine, moneyOrder), ReadDepositSlip(engine, depositSlip));

    /// <summary>Reads one item from a batch, borrowing an engine from the pool.</summary>
    public LockboxItemReading Read(OcrEnginePool pool, LockboxItem item)
    {
        var order = GrayImage.Decode(item.MoneyOrderImage);
        var slip = GrayImage.Decode(item.DepositSlipImage);
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
        image = image.NormalizeBackground();
        var page = Layout(engine, image);
        var issuer = FindIssuer(page);
        var serial = ReadSerial(engine, page, issuer);
        var (courtesy, courtesyIndexes) = ReadCourtesy(engine, page);
        var legal = ReadLegal(engine, page, courtesyIndexes);
        Money? agreed = courtesy.Value is { } c && legal.Value is { } l && c == l ? c : null;
        var dollarWords = Enumerable.Range(0, page.Words.Count).Where(j => page.Words[j].Text.Contains('$', StringComparison.Ordinal)).ToHashSet();

        var payLabel = page.Find("PAY", "TO", "THE", "ORDER", "OF").Concat(page.Find("PAY", "TO")).FirstOrDefault();
        var payTo = Missing<string>();
        if (payLabel is not null)
        {
            var stop = new HashSet<int>(dollarWords.Concat(payLabel.WordIndexes));
            var words = page.RightOf(payLabel.Box, stop);
            if (words.Count == 0) words = page.Below(payLabel.Box, stop);
            payTo = TextField(page, words);
        }

        var fromLabel = page.Find("PURCHASER").Concat(page.Find("FROM")).FirstOrDefault();
        FieldReading<string> purchaserName = Missing<string>(), purchaserAddress = Missing<string>();
        if (fromLabel is not null)
        {
            var stop = new HashSet<int>(fromLabel.WordIndexes);
            var first = page.RightOf(fromLabel.Box, stop);
            if (first.Count == 0) first = page.Below(fromLabel.Box, stop);
            purchaserName = TextField(page, first);
            var second = page.NextRow(first, stop);
            var third = page.NextRow(second, stop);
            var addressWords = second.Concat(third).ToList();
            var address = TextField(page, addressWords, joiner: second.Count > 0 && third.Count > 0 ? page.Text(second) + ", " + page.Text(third) : null);
            purchaserAddress = address;
        }

        return new MoneyOrderReading(issuer?.Code, serial, courtesy, legal, agreed, payTo, purchaserName, purchaserAddress);
    }

    public DepositSlipReading ReadDepositSlip(OcrEngine engine, GrayImage image)
    {
        image = image.NormalizeBackground();
        var page = Layout(engine, image);
        var isSlip = page.Find("DEPOSIT", "SLIP").Any();
        var labels = new Dictionary<string, LabelHit?>(StringComparer.Ordinal)
        {
            ["name"] = page.Find("RESIDENT", "NAME").FirstOrDefault(),
            ["number"] = page.Find("RESIDENT", "NUMBER").FirstOrDefault(),
            ["facility"] = page.Find("FACILITY").FirstOrDefault(),
            ["credit"] = page.Find("CREDIT", "TO").FirstOrDefault(),
            ["sender"] = page.Find("SENDER", "NAME").FirstOrDefault(),
            ["address"] = page.Find("SENDER", "ADDRESS").FirstOrDefault(),
            ["city"] = page.Find("CITY", "STATE", "ZIP").FirstOrDefault(),
            ["phone"] = page.Find("PHONE").FirstOrDefault(),
        };
        var labelWords = labels.Values.Where(h => h is not null).SelectMany(h => h!.WordIndexes).ToHashSet();
        foreach (var j in Enumerable.Range(0, page.Words.Count).Where(j => page.Keys[j] is "TRUST" or "MEDIA" or "RESTITUTION")) labelWords.Add(j);

        List<int> ValueOf(string key)
        {
            if (!isSlip || labels[key] is not { } hit) return [];
            var right = page.RightOf(hit.Box, labelWords);
            if (right.Count > 0) return right;
            // Under the label: stop before the next label in the same row (the form's second column).
            var nextColumn = labels.Values.Where(h => h is not null && h != hit && h.Box.Left > hit.Box.Right && h.Box.VerticalOverlap(hit.Box) > 0.4)
                .Select(h => h!.Box.Left).DefaultIfEmpty(page.Width).Min();
            return page.Below(hit.Box, labelWords, rightLimit: nextColumn);
        }

        var residentName = TextField(page, ValueOf("name"));
        var residentNumber = ReadResidentNumber(engine, page, ValueOf("number"));
        var facility = TextField(page, ValueOf("facility"));
        var creditTo = isSlip ? ReadCreditTo(image, page, labels["credit"]) : Missing<AccountKind?>();
        var sender = TextField(page, ValueOf("sender"));
        var address = TextField(page, ValueOf("address"));
        var city = TextField(page, ValueOf("city"));
        var phone = TextField(page, ValueOf("phone"));
        return new DepositSlipReading(isSlip, residentName, residentNumber, facility, creditTo, sender, address, city, phone);
    }

    /// <summary>The layout pass: a half-size page (150 dpi) is plenty to find labels and is much cheaper.</summary>
    private static PageLayout Layout(OcrEngine engine, GrayImage image)
    {
        engine.SetImage(image.HalfSize(), 150);
        var words = engine.ReadWords(PageSegMode.SparseText).Words
            .Select(w => w with { Box = new PixelRect(w.Box.Left * 2, w.Box.Top * 2, w.Box.Width * 2, w.Box.Height * 2) })
            .ToList();
        engine.SetImage(image, 300);
        return new PageLayout(words, image.Width, image.Height);
    }

    private static MoneyOrderIssuer? FindIssuer(PageLayout page)
    {
        var letters = " " + string.Join(' ', page.Keys.Select(k => new string(k.Where(char.IsAsciiLetterUpper).ToArray())).Where(k => k.Length > 0)) + " ";
        var found = MoneyOrderIssuer.All.Where(i => i.Markers.Any(m => letters.Contains(" " + m + " ", StringComparison.Ordinal))).ToList();
        return found.Count == 1 ? found[0] : null;
    }

    private FieldReading<string> ReadSerial(OcrEngine engine, PageLayout page, MoneyOrderIssuer? issuer)
    {
        var hits = page.Find("SERIAL", "NUMBER").Concat(page.Find("SERIAL", "NO")).Concat(page.Find("NO")).ToList();
        foreach (var hit in hits)
        {
            var stop = new HashSet<int>(hit.WordIndexes);
            var value = page.RightOf(hit.Box, stop).Where(j => CountDigits(page.Words[j].Text) >= 6).Take(1).ToList();
            if (value.Count == 0) value = page.Below(hit.Box, stop, maxDropInHeights: 4).Where(j => CountDigits(page.Words[j].Text) >= 6).Take(1).ToList();
            if (value.Count == 0) continue;
            var word = page.Words[value[0]];
            var read = engine.Read(Around(word.Box), PageSegMode.SingleLine, Digits);
            var text = Squeeze(read.Text);
            var layoutText = Squeeze(word.Text);
            var agree = string.Equals(layoutText, text, StringComparison.Ordinal);
            var conf = Confidence(read.MinConfidence, word.Confidence, agree);
            var ok = issuer is not null && issuer.IsValidSerial(text) && conf >= Options.SerialMinConfidence
                && (agree || !Options.RequireTwoReadsToAgree);
            return new FieldReading<string>(ok ? text : null, conf, read.Text);
        }
        return Missing<string>();
    }

    private (FieldReading<Money?> Reading, HashSet<int> Words) ReadCourtesy(OcrEngine engine, PageLayout page)
    {
        for (var j = 0; j < page.Words.Count; j++)
        {
            var key = page.Keys[j];
            List<int>? segment = null;
            string whitelist;
            if (page.Words[j].Text.Contains('$', StringComparison.Ordinal))
            {
                segment = page.Segment(j, 1.2).Where(k => page.Words[k].Box.Left >= page.Words[j].Box.Left).ToList();
                whitelist = "$*.," + Digits;
            }
            else if (key == "DOLLARS" && page.RightOf(page.Words[j].Box, new HashSet<int>(), 2, 2).Any(k => page.Keys[k] == "CENTS"))
            {
                var row = page.Segment(j, 2.0);
                var cents = row.First(k => page.Keys[k] == "CENTS" && page.Words[k].Box.Left > page.Words[j].Box.Left);
                var start = row.Where(k => page.Words[k].Box.Left < page.Words[j].Box.Left).DefaultIfEmpty(j).Last();
                segment = row.Where(k => page.Words[k].Box.Left >= page.Words[start].Box.Left && page.Words[k].Box.Left <= page.Words[cents].Box.Left).ToList();
                whitelist = "DOLARSCENT " + Digits;
            }
            else continue;
            var box = page.Box(segment);
            var read = engine.Read(Around(box), PageSegMode.SingleLine, whitelist);
            var parsed = CourtesyAmount.TryParse(read.Text, out var c);
            // Asterisk fill drags Tesseract's confidence to nothing even when every digit is right,
            // so a second, independent read (the layout pass) that parses to the same amount counts too.
            var layoutParsed = CourtesyAmount.TryParse(page.Text(segment), out var c2);
            var agree = parsed && layoutParsed && c2 == c;
            var conf = Confidence(read.MinConfidence, page.MinConfidence(segment), agree);
            Money? value = parsed && (conf >= Options.AmountMinConfidence || agree) ? Money.Usd(c) : null;
            // The crop misread but the layout pass read it confidently: take that (the words must still agree).
            if (value is null && !parsed && layoutParsed && page.MinConfidence(segment) >= Options.AmountMinConfidence)
            {
                value = Money.Usd(c2);
                conf = page.MinConfidence(segment);
            }
            return (new FieldReading<Money?>(value, conf, read.Text), segment.ToHashSet());
        }
        return (Missing<Money?>(), []);
    }

    private FieldReading<Money?> ReadLegal(OcrEngine engine, PageLayout page, HashSet<int> courtesyWords)
    {
        for (var j = 0; j < page.Words.Count; j++)
        {
            if (courtesyWords.Contains(j)) continue;
            var key = page.Keys[j];
            if (key != "DOLLARS" && !key.EndsWith("/100", StringComparison.Ordinal)) continue;
            var segment = page.Segment(j, 2.5);
            if (segment.Any(k => page.Keys[k] == "CENTS" || page.Words[k].Text.Contains('$', StringComparison.Ordinal))) continue;
            var read = engine.Read(Around(page.Box(segment)), PageSegMode.SingleLine, Upper + Digits + "-/ ");
            var parsed = LegalAmountWords.TryParse(read.Text, out var c);
            var agree = parsed && LegalAmountWords.TryParse(page.Text(segment), out var c2) && c2 == c;
            var conf = Confidence(read.MinConfidence, page.MinConfidence(segment), agree);
            Money? value = parsed && conf >= Options.AmountMinConfidence ? Money.Usd(c) : null;
            return new FieldReading<Money?>(value, conf, read.Text);
        }
        return Missing<Money?>();
    }

    private FieldReading<string> ReadResidentNumber(OcrEngine engine, PageLayout page, List<int> words)
    {
        if (words.Count == 0) return Missing<string>();
        var read = engine.Read(Around(page.Box(words)), PageSegMode.SingleLine, Digits + Upper + "-");
        var text = Squeeze(read.Text).ToUpperInvariant();
        var layoutText = Squeeze(page.Text(words)).ToUpperInvariant();
        var agree = string.Equals(layoutText, text, StringComparison.Ordinal);
        var conf = Confidence(read.MinConfidence, page.MinConfidence(words), agree);
        var digitsAndDash = text.All(ch => char.IsAsciiDigit(ch) || ch == '-');
        var wellFormed = digitsAndDash ? PersonNumber.IsRegisterNumber(text) : PersonNumber.IsWellFormed(text) && text.Length >= 5 && text.Any(char.IsAsciiDigit);
        var ok = wellFormed && conf >= Options.ResidentNumberMinConfidence && (agree || !Options.RequireTwoReadsToAgree);
        return new FieldReading<string>(ok ? text : null, conf, read.Text);
    }

    private FieldReading<AccountKind?> ReadCreditTo(GrayImage image, PageLayout page, LabelHit? creditLabel)
    {
        if (creditLabel is null) return Missing<AccountKind?>();
        var kinds = new[] { (AccountKind.Trust, "TRUST"), (AccountKind.Media, "MEDIA"), (AccountKind.Restitution, "RESTITUTION") };
        var marked = new List<AccountKind>();
        var raw = new List<string>();
        foreach (var (kind, name) in kinds)
        {
            var label = Enumerable.Range(0, page.Words.Count)
                .Where(j => Near(page.Keys[j], name) && page.Words[j].Box.Top < creditLabel.Box.Bottom + 3 * creditLabel.Box.Height
                    && page.Words[j].Box.Bottom > creditLabel.Box.Top - creditLabel.Box.Height)
                .Select(j => page.Words[j].Box)
                .ToList();
            if (label.Count != 1) return new FieldReading<AccountKind?>(null, 0, $"{name} label not found once");
            var h = Math.Max(label[0].Height, 12);
            var side = 2 * h;
            // OCR sometimes glues the box to the label ("[JTRUST"): then the box is inside the word's box.
            var glued = label[0].Width > (name.Length + 2) * h;
            var search = PixelRect.FromEdges(label[0].Left - (int)(4.5 * h), label[0].Top - (int)(1.5 * h), glued ? label[0].Left + 3 * h : label[0].Left - h / 5, label[0].Bottom + h);
            var ink = Checkbox.InkInside(image, search, side);
            raw.Add($"{name}={(ink is { } v ? v.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "?")}");
            if (ink is not { } share || (share > Options.CheckboxEmptyShare && share < Options.CheckboxMarkedShare))
                return new FieldReading<AccountKind?>(null, 0, string.Join(' ', raw));
            if (share >= Options.CheckboxMarkedShare) marked.Add(kind);
        }
        var text = string.Join(' ', raw);
        return marked.Count switch
        {
            0 => new FieldReading<AccountKind?>(AccountKind.Trust, 100, text),
            1 => new FieldReading<AccountKind?>(marked[0], 100, text),
            _ => new FieldReading<AccountKind?>(null, 0, text),
        };
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

    /// <summary>A field's box with room for ascenders, descenders and a little skew.</summary>
    private static PixelRect Around(PixelRect box) => box.Inflate(Math.Max(12, box.Height * 2 / 3), Math.Max(6, box.Height / 3));

    private static bool Near(string key, string name) =>
        key == name || (key.Length >= name.Length - 1 && key.Length <= name.Length + 1 && Levenshtein(key, name) <= (name.Length > 6 ? 2 : 1));

    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    private static int CountDigits(string s) => s.Count(char.IsAsciiDigit);

    private static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static FieldReading<T> Missing<T>() => new(default, 0, "");
}
