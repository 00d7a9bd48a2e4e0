using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Ledger.Intake.Lockbox.Ocr;

namespace Ledger.Intake.Lockbox.Imaging;

/// <summary>An 8-bit grayscale image, one byte per pixel, rows packed (stride = width); 0 is black.</summary>
public sealed class GrayImage
{
    public GrayImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != checked(width * height)) throw new ArgumentException("Pixel buffer does not match the size.", nameof(pixels));
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public PixelRect Bounds => new(0, 0, Width, Height);

    public byte this[int x, int y] => Pixels[y * Width + x];

    public static GrayImage Load(string path, bool deskew = true) => Decode(File.ReadAllBytes(path), deskew);

    /// <summary>Leptonica's own floor (skew.c): below this confidence it leaves the page as it is.</summary>
    private const float DeskewMinConfidence = 3.0f;

    /// <summary>The skew found at reduced size, in degrees, for which a page left as it was is searched again at full size.</summary>
    private const float FullSizeSearchMinAngle = 1.0f;

    /// <summary>
    /// Decodes PNG, TIFF, JPEG… with Leptonica, converts to 8-bit gray and, when asked,
    /// straightens a scan skewed by up to about 7 degrees.
    /// </summary>
    public static unsafe GrayImage Decode(ReadOnlySpan<byte> encoded, bool deskew = true)
    {
        NativeLibraries.EnsureRegistered();
        if (encoded.IsEmpty) throw new InvalidDataException("The image is empty.");
        IntPtr pix, gray = IntPtr.Zero, straight = IntPtr.Zero;
        fixed (byte* data = encoded)
            pix = LeptonicaNative.pixReadMem(data, (nuint)encoded.Length);
        if (pix == IntPtr.Zero) throw new InvalidDataException("The image could not be decoded (not a PNG/TIFF/JPEG, or damaged).");
        try
        {
            gray = LeptonicaNative.pixConvertTo8(pix, 0);
            if (gray == IntPtr.Zero) throw new InvalidDataException("The image could not be converted to 8-bit gray.");
            if (deskew)
            {
                float angle, confidence;
                straight = LeptonicaNative.pixDeskewGeneral(gray, 0, 0, 0, 0, 0, &angle, &confidence);
                // Round 44: Leptonica leaves a page as it is when the skew it found at half and quarter size is less sure than its
                // floor: a 200-dpi dot-matrix form, its small print faint when shrunk, stayed 2–3° skewed (`$*****15.00` read as
                // `Gree eeg 00`, third grocery tuning 25 #932; 2–6 of each 150 grocery orders). The search again at full size, for
                // a skew of a degree or more: turning a clean dotted page by 0.4° blurred its dots enough that a cents zero the
                // glyphs had settled no longer did (tuning 25 #353 waited).
                if (confidence < DeskewMinConfidence && Math.Abs(angle) >= FullSizeSearchMinAngle)
                {
                    LeptonicaNative.Destroy(ref straight);
                    straight = LeptonicaNative.pixDeskewGeneral(gray, 1, 0, 0, 1, 0, &angle, &confidence);
                }
            }
            return CopyOut(straight != IntPtr.Zero ? straight : gray);
        }
        finally
        {
            LeptonicaNative.Destroy(ref straight);
            LeptonicaNative.Destroy(ref gray);
            LeptonicaNative.Destroy(ref pix);
        }
    }

    /// <summary>An 8-bit Leptonica pix copied out (the pix stays the caller's).</summary>
    internal static GrayImage FromPix(IntPtr pix) => CopyOut(pix);

    private static unsafe GrayImage CopyOut(IntPtr pix)
    {
        var width = LeptonicaNative.pixGetWidth(pix);
        var height = LeptonicaNative.pixGetHeight(pix);
        if (LeptonicaNative.pixGetDepth(pix) != 8) throw new InvalidDataException("Expected an 8-bit image after conversion.");
        var wpl = LeptonicaNative.pixGetWpl(pix);
        var data = (byte*)LeptonicaNative.pixGetData(pix);
        var pixels = new byte[checked(width * height)];
        // Leptonica packs pixels into 32-bit words, most significant byte first: on a little-endian machine
        // each word's bytes are reversed, which BinaryPrimitives does for a whole row at once.
        var words = new uint[wpl];
        for (var y = 0; y < height; y++)
        {
            var line = new ReadOnlySpan<uint>(data + (long)y * wpl * 4, wpl);
            var row = pixels.AsSpan(y * width, width);
            if (BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.ReverseEndianness(line, words);
                MemoryMarshal.AsBytes(words.AsSpan())[..width].CopyTo(row);
            }
            else MemoryMarshal.AsBytes(line)[..width].CopyTo(row);
        }
        return new GrayImage(width, height, pixels);
    }

    /// <summary>
    /// The image as a new 8-bit Leptonica pix (the caller destroys it): the rows as <see cref="FromPix"/> reads them, each
    /// 32-bit word's bytes in Leptonica's order, and the rows' padding left zero as pixCreate made it.
    /// </summary>
    internal unsafe IntPtr ToPix()
    {
        NativeLibraries.EnsureRegistered();
        var pix = LeptonicaNative.pixCreate(Width, Height, 8);
        if (pix == IntPtr.Zero) throw new InsufficientMemoryException($"Leptonica could not allocate a {Width}x{Height} image.");
        var wpl = LeptonicaNative.pixGetWpl(pix);
        var data = (byte*)LeptonicaNative.pixGetData(pix);
        var words = new uint[wpl];
        var bytes = MemoryMarshal.AsBytes(words.AsSpan());
        for (var y = 0; y < Height; y++)
        {
            var line = new Span<uint>(data + (long)y * wpl * 4, wpl);
            Pixels.AsSpan(y * Width, Width).CopyTo(bytes); // the bytes past Width stay zero: the row's padding
            if (BitConverter.IsLittleEndian) BinaryPrimitives.ReverseEndianness(words, line);
            else words.CopyTo(line);
        }
        return pix;
    }

    public GrayImage Crop(PixelRect rect)
    {
        var r = rect.ClampTo(Width, Height);
        if (r.IsEmpty) throw new ArgumentException("The crop is outside the image.", nameof(rect));
        var pixels = new byte[r.Width * r.Height];
        for (var y = 0; y < r.Height; y++)
            Array.Copy(Pixels, (r.Top + y) * Width + r.Left, pixels, y * r.Width, r.Width);
        return new GrayImage(r.Width, r.Height, pixels);
    }

    /// <summary>Resamples by <paramref name="factor"/> (bilinear): a 200-dpi scan brought up to the text size Tesseract reads best.</summary>
    public GrayImage Scale(double factor)
    {
        var w = Math.Max(1, (int)Math.Round(Width * factor));
        var h = Math.Max(1, (int)Math.Round(Height * factor));
        var pixels = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var sy = Math.Clamp((y + 0.5) / factor - 0.5, 0, Height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, Height - 1);
            var fy = sy - y0;
            for (var x = 0; x < w; x++)
            {
                var sx = Math.Clamp((x + 0.5) / factor - 0.5, 0, Width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, Width - 1);
                var fx = sx - x0;
                var top = Pixels[y0 * Width + x0] * (1 - fx) + Pixels[y0 * Width + x1] * fx;
                var bottom = Pixels[y1 * Width + x0] * (1 - fx) + Pixels[y1 * Width + x1] * fx;
                pixels[y * w + x] = (byte)(top * (1 - fy) + bottom * fy + 0.5);
            }
        }
        return new GrayImage(w, h, pixels);
    }

    /// <summary>Halves both dimensions by averaging 2×2 blocks: a cheap page for layout analysis.</summary>
    public GrayImage HalfSize()
    {
        var w = Width / 2;
        var h = Height / 2;
        var pixels = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var a = 2 * y * Width;
            var b = a + Width;
            for (var x = 0; x < w; x++)
                pixels[y * w + x] = (byte)((Pixels[a + 2 * x] + Pixels[a + 2 * x + 1] + Pixels[b + 2 * x] + Pixels[b + 2 * x + 1] + 2) >> 2);
        }
        return new GrayImage(w, h, pixels);
    }

    /// <summary>
    /// Divides out the paper's brightness, estimated per block, so a lamp that dims one side of
    /// the scan no longer defeats Tesseract's single global threshold.
    /// </summary>
    public GrayImage NormalizeBackground(int block = 48)
    {
        var bw = (Width + block - 1) / block;
        var bh = (Height + block - 1) / block;
        var bg = new float[bw * bh];
        var histogram = new int[256];
        for (var by = 0; by < bh; by++)
        {
            for (var bx = 0; bx < bw; bx++)
            {
                Array.Clear(histogram);
                var x1 = Math.Min(Width, (bx + 1) * block);
                var y1 = Math.Min(Height, (by + 1) * block);
                var n = 0;
                for (var y = by * block; y < y1; y++)
                    for (var x = bx * block; x < x1; x++, n++)
                        histogram[Pixels[y * Width + x]]++;
                // The 90th percentile is paper in any block that is not solid ink; dust specks do not move it.
                var target = n * 9 / 10;
                int v = 0, seen = 0;
                while (v < 255 && (seen += histogram[v]) < target) v++;
                bg[by * bw + bx] = Math.Max(v, 60);
            }
        }
        // The paper's brightness at each pixel, bilinear between block centres. The weights along x are the same on every
        // row and the two block rows' blends along x are the same for every row between them, so both are computed once;
        // the float operations are the same, in the same order, as blending each pixel from scratch.
        var x0s = new int[Width];
        var x1s = new int[Width];
        var txs = new float[Width];
        var oneMinusTxs = new float[Width];
        for (var x = 0; x < Width; x++)
        {
            var fx = Math.Clamp((x - block / 2f) / block, 0, bw - 1);
            x0s[x] = (int)fx;
            x1s[x] = Math.Min(x0s[x] + 1, bw - 1);
            txs[x] = fx - x0s[x];
            oneMinusTxs[x] = 1 - txs[x];
        }
        var top = new float[Width];
        var bottom = new float[Width];
        var blendedRow = -1;
        var pixels = new byte[Pixels.Length];
        for (var y = 0; y < Height; y++)
        {
            var fy = Math.Clamp((y - block / 2f) / block, 0, bh - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, bh - 1);
            var ty = fy - y0;
            var oneMinusTy = 1 - ty;
            if (y0 != blendedRow)
            {
                for (var i = 0; i < Width; i++)
                {
                    top[i] = bg[y0 * bw + x0s[i]] * oneMinusTxs[i] + bg[y0 * bw + x1s[i]] * txs[i];
                    bottom[i] = bg[y1 * bw + x0s[i]] * oneMinusTxs[i] + bg[y1 * bw + x1s[i]] * txs[i];
                }
                blendedRow = y0;
            }
            var source = Pixels.AsSpan(y * Width, Width);
            var target = pixels.AsSpan(y * Width, Width);
            var x = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                // Eight pixels at a time, with the scalar loop's operations (no fused multiply-add, truncating conversion).
                var vTy = Vector256.Create(ty);
                var vOneMinusTy = Vector256.Create(oneMinusTy);
                var v255 = Vector256.Create(255f);
                var vMax = Vector256.Create(255);
                for (; x + 8 <= Width; x += 8)
                {
                    var b = Vector256.Create<float>(top.AsSpan(x, 8)) * vOneMinusTy + Vector256.Create<float>(bottom.AsSpan(x, 8)) * vTy;
                    var bytes = Vector128.CreateScalarUnsafe(MemoryMarshal.Read<ulong>(source[x..])).AsByte();
                    var shorts = Vector128.WidenLower(bytes);
                    var p = Vector256.ConvertToSingle(Vector256.Create(Vector128.WidenLower(shorts), Vector128.WidenUpper(shorts)).AsInt32());
                    var v = Vector256.Min(Vector256.Max(Vector256.ConvertToInt32(p * v255 / b), Vector256<int>.Zero), vMax);
                    var narrowed = Vector128.Narrow(Vector128.Narrow(v.GetLower(), v.GetUpper()).AsUInt16(), Vector128<ushort>.Zero);
                    MemoryMarshal.Write(target[x..], narrowed.AsUInt64().ToScalar());
                }
            }
            for (; x < Width; x++)
            {
                var b = top[x] * oneMinusTy + bottom[x] * ty;
                target[x] = (byte)Math.Clamp((int)(source[x] * 255f / b), 0, 255);
            }
        }
        return new GrayImage(Width, Height, pixels);
    }

    /// <summary>
    /// The page without the form's rules (and, when asked, without print paler than <paramref name="paper"/>): long horizontal runs of ink (lines under values, box edges) and tall
    /// vertical ones (box sides) are whitened. A rule touching a word makes Tesseract read "=" for CENTS or "1"
    /// for a box side; text strokes are far shorter than these runs, so print is left alone.
    /// </summary>
    public GrayImage WithoutRules(byte dark = 160, byte paper = 255)
    {
        var pixels = (byte[])Pixels.Clone();
        // Only what is paler than paper-grade is whitened: thin strokes of a serif "$" at 200 dpi are light gray too,
        // and a harder threshold lost dollar signs on the generated scans.
        if (paper < 255)
            for (var i = 0; i < pixels.Length; i++)
                if (pixels[i] >= paper) pixels[i] = 255;
        var minRun = Math.Max(40, Width / 15);
        for (var y = 0; y < Height; y++)
        {
            var row = y * Width;
            var x = 0;
            while (x < Width)
            {
                if (Pixels[row + x] >= dark) { x++; continue; }
                var start = x;
                while (x < Width && Pixels[row + x] < dark) x++;
                if (x - start >= minRun)
                    for (var k = start; k < x; k++) pixels[row + k] = 255;
            }
        }
        var minColumn = Math.Max(30, Height / 14);
        for (var x = 0; x < Width; x++)
        {
            var y = 0;
            while (y < Height)
            {
                if (Pixels[y * Width + x] >= dark) { y++; continue; }
                var start = y;
                while (y < Height && Pixels[y * Width + x] < dark) y++;
                if (y - start >= minColumn)
                    for (var k = start; k < y; k++) pixels[k * Width + x] = 255;
            }
        }
        return new GrayImage(Width, Height, pixels);
    }

    /// <summary>
    /// How grainy the paper is: the mean difference between horizontally adjacent paper pixels (both light), sampled
    /// on every fourth row. A clean scan's paper is flat (about 1); speckle and sensor grain raise it.
    /// </summary>
    public double PaperGrain()
    {
        long sum = 0, n = 0;
        for (var y = 0; y < Height; y += 4)
        {
            var row = y * Width;
            for (var x = 0; x + 1 < Width; x++)
            {
                int a = Pixels[row + x], b = Pixels[row + x + 1];
                if (a < 170 || b < 170) continue;
                sum += Math.Abs(a - b);
                n++;
            }
        }
        return n == 0 ? 0 : (double)sum / n;
    }

    /// <summary>
    /// A 3×3 mean: dots of one stroke (a dot-matrix or halftoned print) run together into the stroke, so the print can be
    /// read as letters. Edges are copied.
    /// </summary>
    public GrayImage Blur3() => BoxBlur(3);

    /// <summary>
    /// Round 31: a mean over a <paramref name="size"/>×<paramref name="size"/> square (odd): a dot-matrix print whose lattice is
    /// wider than 3 px averaged into its strokes. Edges are copied.
    /// </summary>
    public GrayImage BoxBlur(int size)
    {
        var r = size / 2;
        var src = Pixels;
        var dst = (byte[])src.Clone();
        for (var y = r; y < Height - r; y++)
            for (var x = r; x < Width - r; x++)
            {
                var sum = 0;
                for (var dy = -r; dy <= r; dy++)
                {
                    var row = (y + dy) * Width + x;
                    for (var dx = -r; dx <= r; dx++) sum += src[row + dx];
                }
                dst[y * Width + x] = (byte)(sum / (size * size));
            }
        return new GrayImage(Width, Height, dst);
    }

    /// <summary>
    /// A 3×3 median: removes speckle and grain (single dark or light pixels) while keeping the strokes of print, which
    /// are wider than one pixel at 200–300 dpi. Edges are copied.
    /// </summary>
    public GrayImage Median3()
    {
        var src = Pixels;
        var dst = (byte[])src.Clone();
        for (var y = 1; y < Height - 1; y++)
        {
            var r0 = (y - 1) * Width;
            var r1 = y * Width;
            var r2 = (y + 1) * Width;
            var x = 1;
            // The same network of min/max 32 pixels at a time (min and max are exact, so the result is the same).
            if (Vector256.IsHardwareAccelerated)
            {
                for (; x + 33 <= Width; x += 32)
                {
                    var q0 = Vector256.Create<byte>(src.AsSpan(r0 + x - 1, 32));
                    var q1 = Vector256.Create<byte>(src.AsSpan(r0 + x, 32));
                    var q2 = Vector256.Create<byte>(src.AsSpan(r0 + x + 1, 32));
                    var q3 = Vector256.Create<byte>(src.AsSpan(r1 + x - 1, 32));
                    var q4 = Vector256.Create<byte>(src.AsSpan(r1 + x, 32));
                    var q5 = Vector256.Create<byte>(src.AsSpan(r1 + x + 1, 32));
                    var q6 = Vector256.Create<byte>(src.AsSpan(r2 + x - 1, 32));
                    var q7 = Vector256.Create<byte>(src.AsSpan(r2 + x, 32));
                    var q8 = Vector256.Create<byte>(src.AsSpan(r2 + x + 1, 32));
                    Sort3(ref q0, ref q3, ref q6);
                    Sort3(ref q1, ref q4, ref q7);
                    Sort3(ref q2, ref q5, ref q8);
                    var lo = Vector256.Max(Vector256.Max(q0, q1), q2);
                    var hi = Vector256.Min(Vector256.Min(q6, q7), q8);
                    Median3Of(lo, Median3Of(q3, q4, q5), hi).CopyTo(dst.AsSpan(r1 + x, 32));
                }
            }
            for (; x < Width - 1; x++)
            {
                int p0 = src[r0 + x - 1], p1 = src[r0 + x], p2 = src[r0 + x + 1];
                int p3 = src[r1 + x - 1], p4 = src[r1 + x], p5 = src[r1 + x + 1];
                int p6 = src[r2 + x - 1], p7 = src[r2 + x], p8 = src[r2 + x + 1];
                // Sort each column of three, then the median is the median of (max of mins, median of medians, min of maxes).
                Sort3(ref p0, ref p3, ref p6);
                Sort3(ref p1, ref p4, ref p7);
                Sort3(ref p2, ref p5, ref p8);
                var lo = Math.Max(Math.Max(p0, p1), p2);
                var hi = Math.Min(Math.Min(p6, p7), p8);
                var mid = Median3Of(p3, p4, p5);
                dst[r1 + x] = (byte)Median3Of(lo, mid, hi);
            }
        }
        return new GrayImage(Width, Height, dst);
    }

    private static void Sort3(ref int a, ref int b, ref int c)
    {
        if (a > b) (a, b) = (b, a);
        if (b > c) (b, c) = (c, b);
        if (a > b) (a, b) = (b, a);
    }

    private static int Median3Of(int a, int b, int c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    private static void Sort3(ref Vector256<byte> a, ref Vector256<byte> b, ref Vector256<byte> c)
    {
        (a, b) = (Vector256.Min(a, b), Vector256.Max(a, b));
        (b, c) = (Vector256.Min(b, c), Vector256.Max(b, c));
        (a, b) = (Vector256.Min(a, b), Vector256.Max(a, b));
    }

    private static Vector256<byte> Median3Of(Vector256<byte> a, Vector256<byte> b, Vector256<byte> c) =>
        Vector256.Max(Vector256.Min(a, b), Vector256.Min(Vector256.Max(a, b), c));

    /// <summary>Share of pixels in the rectangle darker than the threshold.</summary>
    public double DarkShare(PixelRect rect, byte threshold = 128)
    {
        var r = rect.ClampTo(Width, Height);
        if (r.IsEmpty) return 0;
        long dark = 0;
        for (var y = r.Top; y < r.Bottom; y++)
        {
            var row = y * Width;
            for (var x = r.Left; x < r.Right; x++)
                if (Pixels[row + x] < threshold) dark++;
        }
        return (double)dark / (r.Width * r.Height);
    }
}
