using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Lockbox.Tests;

/// <summary>OCR words made by hand for layout tests: text, box and confidence (96, a clear read, unless given).</summary>
internal static class OcrWords
{
    public static OcrWord W(string text, int left, int top, int width, int height, double confidence = 96) =>
        new(text, confidence, new PixelRect(left, top, width, height), 0);
}
