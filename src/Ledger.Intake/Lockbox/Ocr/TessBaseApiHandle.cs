using System.Runtime.InteropServices;

namespace Ledger.Intake.Lockbox.Ocr;

/// <summary>Owns one TessBaseAPI*: releasing it ends the engine (frees the model) and deletes the object.</summary>
internal sealed class TessBaseApiHandle : SafeHandle
{
    private static int _live;

    public TessBaseApiHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <summary>How many engines are alive in this process: lets tests see that handles are released.</summary>
    internal static int LiveCount => Volatile.Read(ref _live);

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal static TessBaseApiHandle Create()
    {
        NativeLibraries.EnsureRegistered();
        var result = new TessBaseApiHandle();
        var raw = TesseractNative.TessBaseAPICreate();
        if (raw == IntPtr.Zero) throw new InvalidOperationException("TessBaseAPICreate returned null.");
        result.SetHandle(raw);
        Interlocked.Increment(ref _live);
        return result;
    }

    protected override bool ReleaseHandle()
    {
        TesseractNative.TessBaseAPIEnd(handle);
        TesseractNative.TessBaseAPIDelete(handle);
        Interlocked.Decrement(ref _live);
        return true;
    }
}
