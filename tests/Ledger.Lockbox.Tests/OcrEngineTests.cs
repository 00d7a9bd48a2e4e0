using System.Collections.Concurrent;
using Ledger.Intake.Lockbox.Imaging;
using Ledger.Intake.Lockbox.Ocr;
using Ledger.Samples.Lockbox;

namespace Ledger.Lockbox.Tests;

[Collection("ocr")]
public class OcrEngineTests
{
    [Fact]
    public void The_native_library_is_debians_tesseract_5() => Assert.StartsWith("5.", OcrEngine.NativeVersion, StringComparison.Ordinal);

    [Fact]
    public void An_engine_reads_a_rendered_line_of_known_text_with_word_confidences()
    {
        var image = GrayImage.Decode(LockboxSampleImages.RenderTextLine("SERIAL 40917732215 PAID"));
        using var engine = new OcrEngine();
        engine.SetImage(image);
        var text = engine.Read(image.Bounds, PageSegMode.SingleLine);
        Assert.Equal("SERIAL 40917732215 PAID", text.Text);
        Assert.Equal(3, text.WordConfidences.Count);
        Assert.All(text.WordConfidences, c => Assert.InRange(c, 80, 100));

        var digits = engine.Read(image.Bounds, PageSegMode.SingleLine, "0123456789");
        Assert.DoesNotContain(digits.Text, c => char.IsAsciiLetter(c));
        var words = engine.ReadWords(PageSegMode.SparseText);
        Assert.Contains(words.Words, w => w.Text == "40917732215" && w.Box.Width > 100);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(6, 4)]
    [InlineData(7, 2)]
    [InlineData(64, 5)]
    public void An_image_handed_to_leptonica_as_a_pix_comes_back_the_same(int width, int height)
    {
        var pixels = Enumerable.Range(0, width * height).Select(i => (byte)(i * 37 + 11)).ToArray();
        var image = new GrayImage(width, height, pixels);
        var pix = image.ToPix();
        try
        {
            Assert.Equal(8, LeptonicaNative.pixGetDepth(pix));
            var back = GrayImage.FromPix(pix);
            Assert.Equal((width, height), (back.Width, back.Height));
            Assert.Equal(pixels, back.Pixels);
        }
        finally
        {
            LeptonicaNative.Destroy(ref pix);
        }
    }

    [Fact]
    public void The_engine_reads_the_image_set_last_even_when_another_was_set_in_between_unread()
    {
        var page = GrayImage.Decode(LockboxSampleImages.RenderTextLine("SERIAL 40917732215 PAID"));
        var line = GrayImage.Decode(LockboxSampleImages.RenderTextLine("POOL 42"));
        using var engine = new OcrEngine();
        engine.SetImage(page);
        var first = engine.ReadWords(PageSegMode.SparseText).Words.Select(w => (w.Text, w.Confidence, w.Box)).ToList();
        // As MoneyOrderReader.ReadAlone does: a line read alone, the page given back, another line, the page again.
        engine.SetImage(line);
        Assert.Equal("POOL 42", engine.Read(line.Bounds, PageSegMode.SingleLine).Text);
        engine.SetImage(page);
        engine.SetImage(line);
        engine.SetImage(page);
        Assert.Same(page, engine.Image);
        Assert.Equal(first, engine.ReadWords(PageSegMode.SparseText).Words.Select(w => (w.Text, w.Confidence, w.Box)).ToList());
        Assert.Equal("SERIAL 40917732215 PAID", engine.Read(page.Bounds, PageSegMode.SingleLine).Text);
    }

    [Fact]
    public void Disposing_an_engine_releases_its_native_handle()
    {
        var before = TessBaseApiHandleCount();
        var engine = new OcrEngine();
        Assert.Equal(before + 1, TessBaseApiHandleCount());
        engine.Dispose();
        Assert.Equal(before, TessBaseApiHandleCount());
        Assert.Throws<ObjectDisposedException>(() => engine.SetImage(new GrayImage(1, 1, [255])));
    }

    [Fact]
    public void The_pool_lends_the_same_few_engines_to_many_threads()
    {
        var image = GrayImage.Decode(LockboxSampleImages.RenderTextLine("POOL 42"));
        var before = TessBaseApiHandleCount();
        var seen = new ConcurrentDictionary<OcrEngine, int>(ReferenceEqualityComparer.Instance);
        var texts = new ConcurrentBag<string>();
        using (var pool = new OcrEnginePool(2))
        {
            Assert.Equal(before + 2, TessBaseApiHandleCount());
            Parallel.For(0, 12, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
                texts.Add(pool.Use(engine =>
                {
                    seen.AddOrUpdate(engine, 1, (_, n) => n + 1);
                    engine.SetImage(image);
                    return engine.Read(image.Bounds, PageSegMode.SingleLine).Text;
                })));
        }
        Assert.InRange(seen.Count, 1, 2);
        Assert.Equal(12, seen.Values.Sum());
        Assert.All(texts, t => Assert.Equal("POOL 42", t));
        Assert.Equal(before, TessBaseApiHandleCount());
    }

    private static int TessBaseApiHandleCount() => TessBaseApiHandle.LiveCount;
}
