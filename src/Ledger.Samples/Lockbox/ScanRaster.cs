using System.Runtime.InteropServices;
using SkiaSharp;

namespace Ledger.Samples.Lockbox;

/// <summary>An 8-bit gray page being aged into a plausible scan: all effects draw from the caller's seeded RNG.</summary>
internal sealed class ScanRaster
{
    public ScanRaster(int width, int height, byte[] pixels)
    {
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; private set; }

    public static ScanRaster FromBitmap(SKBitmap bitmap)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888 && bitmap.ColorType != SKColorType.Bgra8888)
            throw new ArgumentException("Expected a 32-bit bitmap.", nameof(bitmap));
        var span = bitmap.GetPixelSpan();
        var pixels = new byte[bitmap.Width * bitmap.Height];
        // Everything is drawn in shades of gray, so any color channel is the gray value.
        for (var i = 0; i < pixels.Length; i++) pixels[i] = span[i * 4 + 1];
        return new ScanRaster(bitmap.Width, bitmap.Height, pixels);
    }

    /// <summary>Turns the page by <paramref name="degrees"/> around its centre (bilinear), filling with the scanner bed.</summary>
    public void Rotate(double degrees, byte fill)
    {
        if (Math.Abs(degrees) < 1e-6) return;
        var rad = degrees * Math.PI / 180;
        var cos = Math.Cos(rad);
        var sin = Math.Sin(rad);
        var cx = Width / 2.0;
        var cy = Height / 2.0;
        var src = Pixels;
        var dst = new byte[src.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var dx = x - cx;
                var dy = y - cy;
                var sx = cos * dx + sin * dy + cx;
                var sy = -sin * dx + cos * dy + cy;
                var x0 = (int)Math.Floor(sx);
                var y0 = (int)Math.Floor(sy);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= Width || y0 + 1 >= Height)
                {
                    dst[y * Width + x] = fill;
                    continue;
                }
                var fx = sx - x0;
                var fy = sy - y0;
                var i = y0 * Width + x0;
                var top = src[i] * (1 - fx) + src[i + 1] * fx;
                var bottom = src[i + Width] * (1 - fx) + src[i + Width + 1] * fx;
                dst[y * Width + x] = (byte)Math.Clamp((int)Math.Round(top * (1 - fy) + bottom * fy), 0, 255);
            }
        }
        Pixels = dst;
    }

    /// <summary>Separable box blur of the given radius inside a rectangle (the whole page when null).</summary>
    public void BoxBlur(int radius, SKRectI? area = null)
    {
        if (radius <= 0) return;
        var r = area ?? new SKRectI(0, 0, Width, Height);
        var left = Math.Max(0, r.Left);
        var top = Math.Max(0, r.Top);
        var right = Math.Min(Width, r.Right);
        var bottom = Math.Min(Height, r.Bottom);
        if (right <= left || bottom <= top) return;
        var line = new int[Math.Max(right - left, bottom - top)];
        var window = 2 * radius + 1;
        for (var y = top; y < bottom; y++)
        {
            var n = right - left;
            for (var i = 0; i < n; i++) line[i] = Pixels[y * Width + left + i];
            for (var i = 0; i < n; i++)
            {
                var sum = 0;
                for (var k = -radius; k <= radius; k++) sum += line[Math.Clamp(i + k, 0, n - 1)];
                Pixels[y * Width + left + i] = (byte)(sum / window);
            }
        }
        for (var x = left; x < right; x++)
        {
            var n = bottom - top;
            for (var i = 0; i < n; i++) line[i] = Pixels[(top + i) * Width + x];
            for (var i = 0; i < n; i++)
            {
                var sum = 0;
                for (var k = -radius; k <= radius; k++) sum += line[Math.Clamp(i + k, 0, n - 1)];
                Pixels[(top + i) * Width + x] = (byte)(sum / window);
            }
        }
    }

    /// <summary>Lowers contrast (ink no longer black) and darkens one side, like a tired lamp.</summary>
    public void UnevenContrast(Random rng, double strength)
    {
        var inkFloor = 30 + rng.NextDouble() * 50 * strength;
        var horizontal = rng.Next(2) == 0;
        var darkStart = rng.Next(2) == 0;
        var dim = 1 - (0.10 + 0.25 * rng.NextDouble()) * strength;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var t = horizontal ? (double)x / Width : (double)y / Height;
                if (darkStart) t = 1 - t;
                var gain = dim + (1 - dim) * t;
                var i = y * Width + x;
                var v = inkFloor + Pixels[i] * (255 - inkFloor) / 255.0;
                Pixels[i] = (byte)Math.Clamp((int)(v * gain), 0, 255);
            }
        }
    }

    /// <summary>Gaussian sensor noise plus a few dust specks.</summary>
    public void Noise(Random rng, double sigma, double speckShare)
    {
        for (var i = 0; i < Pixels.Length; i++)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            var g = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            var v = Pixels[i] + g * sigma;
            if (speckShare > 0 && rng.NextDouble() < speckShare) v = rng.Next(2) == 0 ? 20 : 250;
            Pixels[i] = (byte)Math.Clamp((int)Math.Round(v), 0, 255);
        }
    }

    /// <summary>Wet-ink smear: blurs the area to mush and drags dark streaks over it. Nobody can read it afterwards.</summary>
    public void Smear(Random rng, SKRectI area)
    {
        var a = new SKRectI(Math.Max(0, area.Left - 12), Math.Max(0, area.Top - 12), Math.Min(Width, area.Right + 12), Math.Min(Height, area.Bottom + 12));
        BoxBlur(10, a);
        BoxBlur(10, a);
        var streaks = 5 + rng.Next(5);
        for (var s = 0; s < streaks; s++)
        {
            var y0 = a.Top + rng.Next(Math.Max(1, a.Height));
            var thickness = 10 + rng.Next(25);
            var darkness = 0.35 + rng.NextDouble() * 0.4;
            var phase = rng.NextDouble() * Math.PI * 2;
            for (var x = a.Left; x < a.Right; x++)
            {
                var yc = y0 + (int)(Math.Sin(phase + x / 90.0) * 18);
                for (var y = yc - thickness / 2; y < yc + thickness / 2; y++)
                {
                    if (y < a.Top || y >= a.Bottom) continue;
                    var i = y * Width + x;
                    Pixels[i] = (byte)(Pixels[i] * (1 - darkness) + 60 * darkness);
                }
            }
        }
        BoxBlur(4, a);
    }

    /// <summary>Heavy defocus over an area (water damage, a fold in the feeder): strokes melt into gray mush.</summary>
    public void Melt(SKRectI area)
    {
        var a = new SKRectI(Math.Max(0, area.Left - 10), Math.Max(0, area.Top - 10), Math.Min(Width, area.Right + 10), Math.Min(Height, area.Bottom + 10));
        for (var i = 0; i < 3; i++) BoxBlur(Math.Max(6, a.Height / 5), a);
    }

    /// <summary>A piece torn out over the area: the scanner bed shows through, with a ragged edge.</summary>
    public void Tear(Random rng, SKRectI area, byte bed)
    {
        var a = new SKRectI(Math.Max(0, area.Left - 15), Math.Max(0, area.Top - 20), Math.Min(Width, area.Right + 15), Math.Min(Height, area.Bottom + 20));
        var top = a.Top + rng.Next(0, 8);
        var bottom = a.Bottom - rng.Next(0, 8);
        for (var x = a.Left; x < a.Right; x++)
        {
            top = Math.Clamp(top + rng.Next(-2, 3), a.Top, a.Top + 12);
            bottom = Math.Clamp(bottom + rng.Next(-2, 3), a.Bottom - 12, a.Bottom);
            for (var y = top; y < bottom; y++) Pixels[y * Width + x] = (byte)Math.Clamp(bed + rng.Next(-6, 7), 0, 255);
            if (top > 0) Pixels[(top - 1) * Width + x] = 120;
        }
    }

    /// <summary>8-bit grayscale PNG; the same pixels always give the same bytes.</summary>
    public byte[] EncodePng()
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        Marshal.Copy(Pixels, 0, bitmap.GetPixels(), Pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
