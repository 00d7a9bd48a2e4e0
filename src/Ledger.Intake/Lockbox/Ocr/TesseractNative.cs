using System.Runtime.InteropServices;

namespace Ledger.Intake.Lockbox.Ocr;

/// <summary>The slice of Tesseract's C API (capi.h, 5.x) the lockbox reader uses.</summary>
internal static partial class TesseractNative
{
    private const string Lib = NativeLibraries.Tesseract;

    [LibraryImport(Lib)]
    internal static partial IntPtr TessBaseAPICreate();

    [LibraryImport(Lib)]
    internal static partial void TessBaseAPIDelete(IntPtr handle);

    [LibraryImport(Lib)]
    internal static partial void TessBaseAPIEnd(IntPtr handle);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPIInit3(TessBaseApiHandle handle, string? dataPath, string language);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPISetVariable(TessBaseApiHandle handle, string name, string value);

    [LibraryImport(Lib)]
    internal static partial void TessBaseAPISetPageSegMode(TessBaseApiHandle handle, int mode);

    /// <summary>Gives Tesseract a Leptonica pix; it takes its own copy (the caller destroys the pix).</summary>
    [LibraryImport(Lib)]
    internal static partial void TessBaseAPISetImage2(TessBaseApiHandle handle, IntPtr pix);

    [LibraryImport(Lib)]
    internal static partial void TessBaseAPISetSourceResolution(TessBaseApiHandle handle, int ppi);

    [LibraryImport(Lib)]
    internal static partial void TessBaseAPISetRectangle(TessBaseApiHandle handle, int left, int top, int width, int height);

    [LibraryImport(Lib)]
    internal static partial int TessBaseAPIRecognize(TessBaseApiHandle handle, IntPtr monitor);

    [LibraryImport(Lib)]
    internal static partial IntPtr TessBaseAPIGetUTF8Text(TessBaseApiHandle handle);

    [LibraryImport(Lib)]
    internal static partial IntPtr TessBaseAPIGetTsvText(TessBaseApiHandle handle, int pageNumber);

    [LibraryImport(Lib)]
    internal static partial int TessBaseAPIMeanTextConf(TessBaseApiHandle handle);

    [LibraryImport(Lib)]
    internal static partial IntPtr TessBaseAPIAllWordConfidences(TessBaseApiHandle handle);

    [LibraryImport(Lib)]
    internal static partial void TessBaseAPIClear(TessBaseApiHandle handle);

    [LibraryImport(Lib)]
    internal static partial void TessDeleteText(IntPtr text);

    [LibraryImport(Lib)]
    internal static partial void TessDeleteIntArray(IntPtr array);

    [LibraryImport(Lib)]
    internal static partial IntPtr TessVersion();
}
