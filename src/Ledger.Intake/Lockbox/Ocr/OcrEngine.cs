using System.Globalization;
using System.Runtime.InteropServices;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Ocr;

/// <summary>
/// One in-process Tesseract engine with its model loaded once. Not thread-safe: use one per
/// thread, e.g. through <see cref="OcrEnginePool"/>.
/// </summary>
public sealed class OcrEngine : IDisposable
{
    public const string DefaultDataPath = "/usr/share/tesseract-ocr/5/tessdata";
    private const string WhitelistVariable = "tessedit_char_whitelist";

    private readonly TessBaseApiHandle _api;
    private string _whitelist = "";
    private GrayImage? _image;
    private int _dpi;
    // The image Tesseract does not hold yet: it is handed over when something is recognised on it. A page given back after a
    // line was read alone (MoneyOrderReader.ReadAlone) and replaced by the next line before anything was read on it is never
    // copied in at all; what Tesseract holds when it recognises is the same either way.
    private bool _pending;

    public OcrEngine(string? dataPath = null, string language = "eng")
    {
        var path = dataPath ?? Environment.GetEnvironmentVariable("TESSDATA_PREFIX") ?? DefaultDataPath;
        _api = TessBaseApiHandle.Create();
        try
        {
            if (TesseractNative.TessBaseAPIInit3(_api, path, language) != 0)
                throw new InvalidOperationException($"Tesseract could not load language '{language}' from '{path}' (is tesseract-ocr-{language} installed?).");
            // Printed forms, not prose: the dictionaries push digits and names towards words.
            TesseractNative.TessBaseAPISetVariable(_api, "load_system_dawg", "0");
            TesseractNative.TessBaseAPISetVariable(_api, "load_freq_dawg", "0");
            TesseractNative.TessBaseAPISetVariable(_api, "debug_file", "/dev/null");
            // Printed dark-on-light only: skip the second, inverted recognition of doubtful lines.
            TesseractNative.TessBaseAPISetVariable(_api, "tessedit_do_invert", "0");
        }
        catch
        {
            _api.Dispose();
            throw;
        }
    }

    /// <summary>The native library's version string, e.g. "5.3.0".</summary>
    public static string NativeVersion
    {
        get
        {
            NativeLibraries.EnsureRegistered();
            return Marshal.PtrToStringUTF8(TesseractNative.TessVersion()) ?? "";
        }
    }

    public GrayImage? Image => _image;

    /// <summary>Gives the engine a page; Tesseract copies the pixels when something is first recognised on it.</summary>
    public void SetImage(GrayImage image, int dpi = 300)
    {
        ObjectDisposedException.ThrowIf(_api.IsClosed, this);
        ArgumentNullException.ThrowIfNull(image);
        _image = image;
        _dpi = dpi;
        _pending = true;
    }

    /// <summary>
    /// Hands Tesseract the image set last, if it does not hold it yet, as a Leptonica pix: Tesseract copies a pix with one
    /// memcpy, where from a byte buffer it first builds the pix a byte at a time (≈1–2 ms of CPU per page, about five pages per item).
    /// </summary>
    private void Hand(GrayImage image)
    {
        if (!_pending) return;
        var pix = image.ToPix();
        try
        {
            TesseractNative.TessBaseAPISetImage2(_api, pix);
        }
        finally
        {
            LeptonicaNative.Destroy(ref pix);
        }
        TesseractNative.TessBaseAPISetSourceResolution(_api, _dpi);
        _pending = false;
    }

    /// <summary>Recognises the whole page (or a region) and returns every word with its box.</summary>
    public OcrPage ReadWords(PageSegMode mode = PageSegMode.SparseText, PixelRect? region = null, string? whitelist = null)
    {
        Prepare(region, mode, whitelist);
        var tsv = TakeText(TesseractNative.TessBaseAPIGetTsvText(_api, 0));
        return new OcrPage(ParseTsv(tsv));
    }

    /// <summary>Recognises one field: a region, read with the segmentation mode and characters that fit it.</summary>
    public OcrText Read(PixelRect region, PageSegMode mode, string? whitelist = null)
    {
        Prepare(region, mode, whitelist);
        if (TesseractNative.TessBaseAPIRecognize(_api, IntPtr.Zero) != 0) return OcrText.Empty;
        var text = TakeText(TesseractNative.TessBaseAPIGetUTF8Text(_api)).Trim();
        var confidences = TakeConfidences(TesseractNative.TessBaseAPIAllWordConfidences(_api));
        var mean = TesseractNative.TessBaseAPIMeanTextConf(_api);
        return new OcrText(text, confidences, mean);
    }

    private void Prepare(PixelRect? region, PageSegMode mode, string? whitelist)
    {
        ObjectDisposedException.ThrowIf(_api.IsClosed, this);
        var image = _image ?? throw new InvalidOperationException("Call SetImage first.");
        Hand(image);
        var r = (region ?? image.Bounds).ClampTo(image.Width, image.Height);
        if (r.IsEmpty) r = image.Bounds;
        var wanted = whitelist ?? "";
        if (!string.Equals(wanted, _whitelist, StringComparison.Ordinal))
        {
            TesseractNative.TessBaseAPISetVariable(_api, WhitelistVariable, wanted);
            _whitelist = wanted;
        }
        TesseractNative.TessBaseAPISetPageSegMode(_api, (int)mode);
        TesseractNative.TessBaseAPISetRectangle(_api, r.Left, r.Top, r.Width, r.Height);
    }

    private static string TakeText(IntPtr text)
    {
        if (text == IntPtr.Zero) return "";
        try
        {
            return Marshal.PtrToStringUTF8(text) ?? "";
        }
        finally
        {
            TesseractNative.TessDeleteText(text);
        }
    }

    private static int[] TakeConfidences(IntPtr array)
    {
        if (array == IntPtr.Zero) return [];
        try
        {
            var list = new List<int>();
            for (var i = 0; ; i++)
            {
                var value = Marshal.ReadInt32(array, i * sizeof(int));
                if (value < 0) break; // the array ends with -1
                list.Add(value);
            }
            return [.. list];
        }
        finally
        {
            TesseractNative.TessDeleteIntArray(array);
        }
    }

    /// <summary>Tesseract's TSV: level page block par line word left top width height conf text.</summary>
    internal static List<OcrWord> ParseTsv(string tsv)
    {
        var words = new List<OcrWord>();
        foreach (var raw in tsv.Split('\n'))
        {
            var f = raw.Split('\t');
            if (f.Length < 12 || f[0] != "5") continue;
            var text = f[11].Trim();
            if (text.Length == 0) continue;
            int I(int i) => int.Parse(f[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
            var conf = double.Parse(f[10], NumberStyles.Float, CultureInfo.InvariantCulture);
            var lineKey = I(2) * 1_000_000 + I(3) * 1_000 + I(4);
            words.Add(new OcrWord(text, conf, new PixelRect(I(6), I(7), I(8), I(9)), lineKey));
        }
        return words;
    }

    public void Dispose() => _api.Dispose();
}
