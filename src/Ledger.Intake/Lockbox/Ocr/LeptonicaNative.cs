using System.Runtime.InteropServices;

namespace Ledger.Intake.Lockbox.Ocr;

/// <summary>Leptonica (installed with Tesseract): image decoding (PNG, TIFF, …) and deskewing.</summary>
internal static partial class LeptonicaNative
{
    private const string Lib = NativeLibraries.Leptonica;

    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr pixReadMem(byte* data, nuint size);

    /// <summary>Encodes a pix; the buffer it returns is freed with <see cref="lept_free"/>.</summary>
    [LibraryImport(Lib)]
    internal static unsafe partial int pixWriteMem(byte** data, nuint* size, IntPtr pix, int format);

    [LibraryImport(Lib)]
    internal static unsafe partial void lept_free(void* ptr);

    /// <summary>Leptonica's IFF_PNG and IFF_TIFF (imageio.h).</summary>
    internal const int FormatPng = 3;
    internal const int FormatTiff = 4;

    [LibraryImport(Lib)]
    internal static partial IntPtr pixConvertTo8(IntPtr pix, int colormapFlag);

    [LibraryImport(Lib)]
    internal static partial IntPtr pixDeskew(IntPtr pix, int reductionSearch);

    /// <summary>Leptonica's deskew with every parameter given; the angle found (degrees) and its confidence come back.</summary>
    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr pixDeskewGeneral(IntPtr pix, int reductionSweep, float sweepRange, float sweepDelta, int reductionSearch,
        int threshold, float* angle, float* confidence);

    /// <summary>A new pix of the given depth, every bit (the rows' padding too) zero.</summary>
    [LibraryImport(Lib)]
    internal static partial IntPtr pixCreate(int width, int height, int depth);

    [LibraryImport(Lib)]
    internal static partial int pixGetWidth(IntPtr pix);

    [LibraryImport(Lib)]
    internal static partial int pixGetHeight(IntPtr pix);

    [LibraryImport(Lib)]
    internal static partial int pixGetDepth(IntPtr pix);

    [LibraryImport(Lib)]
    internal static partial int pixGetWpl(IntPtr pix);

    [LibraryImport(Lib)]
    internal static partial IntPtr pixGetData(IntPtr pix);

    [LibraryImport(Lib)]
    internal static unsafe partial void pixDestroy(IntPtr* pix);

    internal static unsafe void Destroy(ref IntPtr pix)
    {
        if (pix == IntPtr.Zero) return;
        var p = pix;
        pixDestroy(&p);
        pix = IntPtr.Zero;
    }
}
