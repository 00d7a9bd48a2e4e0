using System.Globalization;
using System.Text.Json;
using Ledger.Data.Intake;
using Ledger.Data.Schema;
using Ledger.Intake.Lockbox;
using Ledger.Intake.MoneyGram;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Keying;

/// <summary>One field as OCR read it: the accepted value (null when it did not clear its threshold), the confidence and the raw text.</summary>
public sealed record OcrGuess(string? Value, double Confidence, string? Raw);

/// <summary>What OCR saw on the money order and its deposit slip (LockboxDecider.Details), for the operator keying the item.</summary>
public sealed record OcrGuesses(
    string? Issuer, OcrGuess? Serial, OcrGuess? AmountNumerals, OcrGuess? AmountWords, string? AgreedAmount,
    OcrGuess? ResidentNumber, OcrGuess? ResidentName, OcrGuess? Facility, OcrGuess? CreditTo,
    OcrGuess? SenderName, OcrGuess? SenderAddress, OcrGuess? CityStateZip, OcrGuess? Phone, OcrGuess? PurchaserName, OcrGuess? PurchaserAddress)
{
    public static OcrGuesses Parse(string? details)
    {
        if (string.IsNullOrEmpty(details)) return new OcrGuesses(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        using var doc = JsonDocument.Parse(details);
        var root = doc.RootElement;
        OcrGuess? G(string name) =>
            root.TryGetProperty(name, out var f) && f.ValueKind == JsonValueKind.Object
                ? new OcrGuess(Text(f, "value"), f.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : 0, Text(f, "raw"))
                : null;
        return new OcrGuesses(Text(root, "issuer"), G("serial"), G("courtesy_amount"), G("legal_amount"), Text(root, "agreed_amount"),
            G("resident_number"), G("resident_name"), G("facility"), G("credit_to"),
            G("sender_name"), G("sender_address"), G("city_state_zip"), G("phone"), G("purchaser_name"), G("purchaser_address"));
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>A lockbox item waiting for operations: why it is in review, what OCR saw, and where its two scans are.</summary>
public sealed record KeyingItem(
    long FileId, int Sequence, string FileName, DateTimeOffset ReceivedAt, string Reference, string? ReasonCode, string? Reason,
    long AmountReadCents, string? PersonNumberRead, string? SenderName, string? SenderAddress, OcrGuesses Ocr,
    string? MoneyOrderImage, string? DepositSlipImage)
{
    /// <summary>The serial when OCR read it with confidence (the item's reference), else null: it must be keyed.</summary>
    public string? SerialRead => Reference.StartsWith("item:", StringComparison.Ordinal) ? null : Reference;

    public static KeyingItem From(ReviewItem review)
    {
        var i = review.Item;
        string? image = null, slip = null;
        if (i.Details is { } details)
        {
            using var doc = JsonDocument.Parse(details);
            image = doc.RootElement.TryGetProperty("money_order_image", out var m) ? m.GetString() : null;
            slip = doc.RootElement.TryGetProperty("deposit_slip_image", out var d) ? d.GetString() : null;
        }
        return new KeyingItem(i.FileId, i.Sequence, review.FileName, review.ReceivedAt, i.Reference, i.ReasonCode, i.Reason, i.AmountCents,
            i.PersonNumber, i.SenderName, i.SenderAddress, OcrGuesses.Parse(i.Details), image, slip);
    }
}

/// <summary>A keyed item waiting for a second staff member, with what was keyed and by whom.</summary>
public sealed record AwaitingApproval(KeyingItem Item, ReviewResolutionRow Resolution);

/// <summary>
/// A MoneyGram reversal intake could not apply (original unknown, principal differs, money already spent): operations
/// apply it (the send is reversed) or dismiss it with a reason. <see cref="Resolution"/> is set while it waits for approval.
/// </summary>
public sealed record ReversalInReview(long FileId, int Sequence, string FileName, DateTimeOffset ReceivedAt, string Reference, string? ReasonCode,
    string? Reason, long AmountCents, string? PersonNumber, ReviewResolutionRow? Resolution)
{
    public static ReversalInReview From(ReviewItem review) => new(review.Item.FileId, review.Item.Sequence, review.FileName, review.ReceivedAt,
        review.Item.Reference, review.Item.ReasonCode, review.Item.Reason, review.Item.AmountCents, review.Item.PersonNumber, review.Resolution);
}

public enum ScanSide
{
    MoneyOrder,
    DepositSlip,
}

/// <summary>The keying queue as operations see it: items nobody has resolved, items waiting for approval, and their scans.</summary>
public sealed class KeyingQueue(ReviewResolutionStore resolutions)
{
    public async Task<IReadOnlyList<KeyingItem>> WaitingAsync(CancellationToken ct = default) =>
        (await resolutions.InReviewAsync(LockboxIntake.Source, awaitingApproval: false, ct)).Select(KeyingItem.From).ToArray();

    public async Task<IReadOnlyList<AwaitingApproval>> AwaitingApprovalAsync(CancellationToken ct = default) =>
        (await resolutions.InReviewAsync(LockboxIntake.Source, awaitingApproval: true, ct))
        .Select(r => new AwaitingApproval(KeyingItem.From(r), r.Resolution!)).ToArray();

    /// <summary>MoneyGram reversals in review: those nobody has settled yet, then those waiting for a second staff member.</summary>
    public async Task<IReadOnlyList<ReversalInReview>> ReversalsAsync(CancellationToken ct = default) =>
        (await resolutions.InReviewAsync(MoneyGramDecider.Source, awaitingApproval: false, ct))
        .Concat(await resolutions.InReviewAsync(MoneyGramDecider.Source, awaitingApproval: true, ct))
        .Where(r => r.Item.Kind == "reversal").Select(ReversalInReview.From).ToArray();

    /// <summary>One lockbox item in review (resolved or not) with its resolutions so far; null when there is no such item in review.</summary>
    public async Task<(KeyingItem Item, IReadOnlyList<ReviewResolutionRow> Resolutions)?> ItemAsync(long fileId, int sequence, CancellationToken ct = default)
    {
        var review = await resolutions.ItemAsync(LockboxIntake.Source, fileId, sequence, ct);
        if (review is null || review.Item.Outcome != "in_review") return null;
        return (KeyingItem.From(review), await resolutions.HistoryAsync(fileId, sequence, ct));
    }

    /// <summary>
    /// One scan of an item in review, ready for a browser (TIFF becomes PNG), read from the batch where intake keeps it
    /// (folder or .zip). Null when the item is not in review or its batch is no longer where it was recorded.
    /// </summary>
    public async Task<BrowserImage?> ScanAsync(long fileId, int sequence, ScanSide side, CancellationToken ct = default)
    {
        var review = await resolutions.ItemAsync(LockboxIntake.Source, fileId, sequence, ct);
        if (review is null || review.Item.Outcome != "in_review") return null;
        var item = KeyingItem.From(review);
        var path = side == ScanSide.MoneyOrder ? item.MoneyOrderImage : item.DepositSlipImage;
        var batch = review.StoredPath;
        if (path is null || batch is null || !(Directory.Exists(batch) || File.Exists(batch))) return null;
        using var reader = LockboxBatchReader.Open(batch);
        return BrowserImage.From(reader.ReadImage(path));
    }

    public static bool TryParseSide(string text, out ScanSide side)
    {
        side = text.ToLower(CultureInfo.InvariantCulture) switch
        {
            "money-order" => ScanSide.MoneyOrder,
            "deposit-slip" => ScanSide.DepositSlip,
            _ => (ScanSide)(-1),
        };
        return Enum.IsDefined(side);
    }
}
