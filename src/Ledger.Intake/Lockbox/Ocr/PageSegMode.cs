namespace Ledger.Intake.Lockbox.Ocr;

/// <summary>Tesseract's page segmentation modes (the values of its TessPageSegMode enum).</summary>
public enum PageSegMode
{
    Auto = 3,
    SingleColumn = 4,
    SingleBlock = 6,
    SingleLine = 7,
    SingleWord = 8,
    SparseText = 11,
    RawLine = 13,
}
