using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Ocr;

/// <summary>One recognised word, where it is on the image and Tesseract's confidence (0–100).</summary>
public sealed record OcrWord(string Text, double Confidence, PixelRect Box, int LineKey);

/// <summary>All words from a layout pass, grouped by Tesseract's text lines.</summary>
public sealed record OcrPage(IReadOnlyList<OcrWord> Words)
{
    public IEnumerable<IReadOnlyList<OcrWord>> Lines =>
        Words.GroupBy(w => w.LineKey).Select(g => (IReadOnlyList<OcrWord>)g.OrderBy(w => w.Box.Left).ToList());
}

/// <summary>The text of one field and the confidence of each of its words (0–100).</summary>
public sealed record OcrText(string Text, IReadOnlyList<int> WordConfidences, int MeanConfidence)
{
    /// <summary>The weakest word decides: one doubtful digit makes the whole field doubtful.</summary>
    public int MinConfidence => WordConfidences.Count == 0 ? 0 : WordConfidences.Min();

    public static readonly OcrText Empty = new("", [], 0);
}
