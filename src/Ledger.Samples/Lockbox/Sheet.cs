using SkiaSharp;

namespace Ledger.Samples.Lockbox;

/// <summary>Fonts from Debian's fonts-dejavu-core, loaded from files so output never depends on fontconfig.</summary>
internal static class SampleFonts
{
    private const string Folder = "/usr/share/fonts/truetype/dejavu/";

    public static SKTypeface Sans { get; } = Load("DejaVuSans.ttf");
    public static SKTypeface SansBold { get; } = Load("DejaVuSans-Bold.ttf");
    public static SKTypeface SansCondensed { get; } = Load("DejaVuSansCondensed.ttf");
    public static SKTypeface Serif { get; } = Load("DejaVuSerif.ttf");
    public static SKTypeface SerifBold { get; } = Load("DejaVuSerif-Bold.ttf");
    public static SKTypeface Mono { get; } = Load("DejaVuSansMono.ttf");
    public static SKTypeface MonoBold { get; } = Load("DejaVuSansMono-Bold.ttf");

    private static SKTypeface Load(string file)
    {
        var path = Path.Combine(Folder, file);
        return SKTypeface.FromFile(path)
            ?? throw new FileNotFoundException($"Font {path} not found: apt-get install fonts-dejavu-core.", path);
    }
}

/// <summary>A blank document on a scanner bed, drawn with Skia in shades of gray.</summary>
internal sealed class Sheet : IDisposable
{
    public const int Margin = 30;
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;

    public Sheet(int width, int height, byte paper, byte bed)
    {
        _bitmap = new SKBitmap(new SKImageInfo(width + 2 * Margin, height + 2 * Margin, SKColorType.Rgba8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
        _canvas.Clear(Gray(bed));
        _canvas.Translate(Margin, Margin);
        FillRect(new SKRect(0, 0, width, height), paper);
        Width = width;
        Height = height;
    }

    public int Width { get; }
    public int Height { get; }

    public static SKColor Gray(byte v, byte alpha = 255) => new(v, v, v, alpha);

    public static float Measure(string text, SKTypeface typeface, float size)
    {
        using var font = new SKFont(typeface, size);
        return font.MeasureText(text);
    }

    /// <summary>Draws text with its baseline at <paramref name="baseline"/>; returns its box in image pixels.</summary>
    public SKRectI Text(string text, float x, float baseline, SKTypeface typeface, float size, byte ink = 25, byte alpha = 255)
    {
        using var font = new SKFont(typeface, size) { Edging = SKFontEdging.Antialias, Subpixel = false };
        using var paint = new SKPaint { Color = Gray(ink, alpha), IsAntialias = true };
        _canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
        var width = font.MeasureText(text);
        return ToImage(new SKRect(x, baseline - size * 0.8f, x + width, baseline + size * 0.25f));
    }

    public void FillRect(SKRect rect, byte gray, byte alpha = 255)
    {
        using var paint = new SKPaint { Color = Gray(gray, alpha), Style = SKPaintStyle.Fill, IsAntialias = true };
        _canvas.DrawRect(rect, paint);
    }

    public void Box(SKRect rect, float stroke, byte ink = 30)
    {
        using var paint = new SKPaint { Color = Gray(ink), Style = SKPaintStyle.Stroke, StrokeWidth = stroke, IsAntialias = true };
        _canvas.DrawRect(rect, paint);
    }

    public void Line(float x0, float y0, float x1, float y1, float stroke, byte ink = 30, byte alpha = 255)
    {
        using var paint = new SKPaint { Color = Gray(ink, alpha), Style = SKPaintStyle.Stroke, StrokeWidth = stroke, IsAntialias = true, StrokeCap = SKStrokeCap.Round };
        _canvas.DrawLine(x0, y0, x1, y1, paint);
    }

    /// <summary>Faint wavy security print behind the text, as on real money orders.</summary>
    public void Guilloche(Random rng, byte gray)
    {
        using var paint = new SKPaint { Color = Gray(gray), Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true };
        var phase = rng.NextDouble() * 6;
        for (var k = 0; k < 14; k++)
        {
            var y0 = 60 + k * (Height - 120) / 14f;
            var points = new SKPoint[Width / 20 + 1];
            for (var j = 0; j < points.Length; j++)
                points[j] = new SKPoint(j * 20, y0 + (float)(Math.Sin(phase + j * 20 / 70.0 + k) * 18));
            _canvas.DrawPoints(SKPointMode.Polygon, points, paint);
        }
    }

    /// <summary>A rubber stamp (mid-gray, half transparent, turned) centred on a point in document coordinates.</summary>
    public void Stamp(Random rng, float cx, float cy, string line1, string line2)
    {
        _canvas.Save();
        _canvas.RotateDegrees((float)(rng.NextDouble() * 30 - 15), cx, cy);
        var ink = (byte)(70 + rng.Next(40));
        const byte alpha = 150;
        using (var paint = new SKPaint { Color = Gray(ink, alpha), Style = SKPaintStyle.Stroke, StrokeWidth = 6, IsAntialias = true })
            _canvas.DrawRoundRect(new SKRect(cx - 260, cy - 85, cx + 260, cy + 85), 20, 20, paint);
        var w1 = Measure(line1, SampleFonts.SansBold, 60);
        Text(line1, cx - w1 / 2, cy - 10, SampleFonts.SansBold, 60, ink, alpha);
        var w2 = Measure(line2, SampleFonts.SansBold, 40);
        Text(line2, cx - w2 / 2, cy + 55, SampleFonts.SansBold, 40, ink, alpha);
        _canvas.Restore();
    }

    public ScanRaster ToRaster()
    {
        _canvas.Flush();
        return ScanRaster.FromBitmap(_bitmap);
    }

    private static SKRectI ToImage(SKRect r) =>
        new((int)r.Left + Margin, (int)r.Top + Margin, (int)Math.Ceiling(r.Right) + Margin, (int)Math.Ceiling(r.Bottom) + Margin);

    public void Dispose()
    {
        _canvas.Dispose();
        _bitmap.Dispose();
    }
}
