using System.Reflection;
using System.Runtime.InteropServices;

namespace Ledger.Intake.Lockbox.Ocr;

/// <summary>
/// Maps the logical library names used by the P/Invoke declarations to Debian's sonames.
/// Probing for "tesseract" finds nothing on Debian (only libtesseract.so.5 is installed without
/// the -dev package), the failure charlesw/tesseract hits on Linux (its #503, #529).
/// </summary>
internal static partial class NativeLibraries
{
    internal const string Tesseract = "tesseract";
    internal const string Leptonica = "lept";

    private static readonly string[] TesseractCandidates = ["libtesseract.so.5", "/usr/lib/x86_64-linux-gnu/libtesseract.so.5", "libtesseract.so"];
    private static readonly string[] LeptonicaCandidates = ["liblept.so.5", "/usr/lib/x86_64-linux-gnu/liblept.so.5", "libleptonica.so.6", "liblept.so"];

    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Installs the resolver once per process; every entry point calls it before the first native call.</summary>
    internal static void EnsureRegistered()
    {
        if (Volatile.Read(ref _registered)) return;
        lock (Gate)
        {
            if (_registered) return;
            // Tesseract's LSTM uses OpenMP; one engine per core already uses every core, and nested
            // OpenMP threads only oversubscribe them. libgomp reads this once, when it is loaded,
            // which is why it goes into the native environment before the first dlopen.
            if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("OMP_THREAD_LIMIT") is null)
            {
                _ = SetEnv("OMP_THREAD_LIMIT", "1", 0);
                Environment.SetEnvironmentVariable("OMP_THREAD_LIMIT", "1");
            }
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
            Volatile.Write(ref _registered, true);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var candidates = libraryName switch
        {
            Tesseract => TesseractCandidates,
            Leptonica => LeptonicaCandidates,
            _ => null,
        };
        if (candidates is null) return IntPtr.Zero;
        foreach (var candidate in candidates)
            if (NativeLibrary.TryLoad(candidate, out var handle)) return handle;
        throw new DllNotFoundException(
            $"Could not load {libraryName} (tried {string.Join(", ", candidates)}). On Debian: apt-get install libtesseract5 tesseract-ocr-eng.");
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
