using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Intake.Lockbox.Imaging;

/// <summary>A scan as a browser can show it: PNG and JPEG as they are; TIFF (which browsers do not display) re-encoded as PNG.</summary>
public sealed record BrowserImage(byte[] Bytes, string ContentType)
{
    public static BrowserImage From(byte[] scan)
    {
        if (IsPng(scan)) return new BrowserImage(scan, "image/png");
        if (scan is [0xFF, 0xD8, 0xFF, ..]) return new BrowserImage(scan, "image/jpeg");
        if (IsTiff(scan)) return new BrowserImage(Encode(scan, LeptonicaNative.FormatPng), "image/png");
        throw new InvalidDataException("The scan is neither PNG, JPEG nor TIFF.");
    }

    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes is [0x89, (byte)'P', (byte)'N', (byte)'G', ..];

    public static bool IsTiff(ReadOnlySpan<byte> bytes) => bytes is [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..];

    /// <summary>Re-encodes an image (any format Leptonica reads) as TIFF: how tests make a TIFF scan from a PNG one.</summary>
    public static byte[] ToTiff(byte[] image) => Encode(image, LeptonicaNative.FormatTiff);

    /// <summary>Decodes with Leptonica and writes the same pixels in <paramref name="format"/> (no deskew, no conversion to gray).</summary>
    private static unsafe byte[] Encode(byte[] image, int format)
    {
        NativeLibraries.EnsureRegistered();
        IntPtr pix;
        fixed (byte* data = image)
            pix = LeptonicaNative.pixReadMem(data, (nuint)image.Length);
        if (pix == IntPtr.Zero) throw new InvalidDataException("The image could not be decoded (damaged?).");
        byte* encoded = null;
        try
        {
            nuint size = 0;
            if (LeptonicaNative.pixWriteMem(&encoded, &size, pix, format) != 0 || encoded == null)
                throw new InvalidDataException("The image could not be re-encoded.");
            return new ReadOnlySpan<byte>(encoded, checked((int)size)).ToArray();
        }
        finally
        {
            if (encoded != null) LeptonicaNative.lept_free(encoded);
            LeptonicaNative.Destroy(ref pix);
        }
    }
}
