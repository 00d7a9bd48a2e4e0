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
    public static SKTypeface SansCondensedBold { get; } = Load("DejaVuSansCondensed-Bold.ttf");
    public static SKTypeface SerifCondensed { get; } = Load("DejaVuSerifCondensed.ttf");

    /// <summary>Every face a value may be printed in: sans, serif, mono; regular, bold, condensed.</summary>
    public static IReadOnlyList<SKTypeface> Values { get; } = [Sans, SansBold, SansCondensed, SansCondensedBold, Serif, SerifBold, SerifCondensed, Mono, MonoBold];

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
    private readonly float _scale;

    /// <summary>A sheet drawn in 300-dpi units and scanned at <paramref name="dpi"/>.</summary>
    public Sheet(int width, int height, byte paper, byte bed, int dpi = 300)
    {
        _scale = dpi / 300f;
        _bitmap = new SKBitmap(new SKImageInfo((int)Math.Round((width + 2 * Margin) * _scale), (int)Math.Round((height + 2 * Margin) * _scale), SKColorType.Rgba8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_bitmap);
        _canvas.Clear(Gray(bed));
        _canvas.Scale(_scale);
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

    public SKRectI ToImage(SKRect r) =>
        new((int)((r.Left + Margin) * _scale), (int)((r.Top + Margin) * _scale), (int)Math.Ceiling((r.Right + Margin) * _scale), (int)Math.Ceiling((r.Bottom + Margin) * _scale));

    /// <summary>A scribbled signature: a few joined loops in dark ink.</summary>
    public void Signature(Random rng, float x, float y, float width)
    {
        using var paint = new SKPaint { Color = Gray((byte)(20 + rng.Next(50))), Style = SKPaintStyle.Stroke, StrokeWidth = 3 + rng.Next(3), IsAntialias = true, StrokeCap = SKStrokeCap.Round };
        // Loops along the line: x advances with a wobble while y swings, like a hurried hand.
        var points = new List<SKPoint>();
        var loops = 4 + rng.Next(5);
        var amp = 20 + rng.Next(30);
        for (var i = 0; i <= loops * 24; i++)
        {
            var t = i / 24.0;
            points.Add(new SKPoint(x + (float)(width * t / loops + Math.Cos(t * 2 * Math.PI) * amp * 0.6), y + (float)(Math.Sin(t * 2 * Math.PI + t) * amp)));
        }
        _canvas.DrawPoints(SKPointMode.Polygon, points.ToArray(), paint);
    }

    /// <summary>Light diagonal hatching behind the print, as on some bank forms.</summary>
    public void Hatch(byte gray, float spacing)
    {
        using var paint = new SKPaint { Color = Gray(gray), Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f, IsAntialias = true };
        for (var x = -Height; x < Width; x += (int)spacing) _canvas.DrawLine(x, 0, x + Height, Height, paint);
    }

    /// <summary>E-13B-like transit/on-us symbols: bars and squares that OCR cannot read as digits.</summary>
    public void MicrSymbol(float x, float baseline, float size, int kind, byte ink = 25)
    {
        var h = size * 0.7f;
        if (kind == 0)
        {
            FillRect(new SKRect(x, baseline - h, x + size * 0.12f, baseline), ink);
            FillRect(new SKRect(x + size * 0.25f, baseline - h * 0.6f, x + size * 0.45f, baseline - h * 0.35f), ink);
            FillRect(new SKRect(x + size * 0.25f, baseline - h * 0.25f, x + size * 0.45f, baseline), ink);
        }
        else
        {
            FillRect(new SKRect(x, baseline - h, x + size * 0.15f, baseline - h * 0.3f), ink);
            FillRect(new SKRect(x + size * 0.22f, baseline - h * 0.5f, x + size * 0.37f, baseline), ink);
            FillRect(new SKRect(x + size * 0.44f, baseline - h * 0.5f, x + size * 0.5f, baseline), ink);
        }
    }

    public void Dispose()
    {
        _canvas.Dispose();
        _bitmap.Dispose();
    }
}
