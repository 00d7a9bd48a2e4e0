using System.Diagnostics;
using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Lockbox.Tests;

/// <summary>Runs a generator script of tools/ (Python with Debian's Pillow) and fails the test run when it fails.</summary>
internal static class DrawScript
{
    /// <summary>The checkout's root: the first folder up from the test binaries that holds tools/.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !Directory.Exists(Path.Combine(root.FullName, "tools", "outside-scans"))) root = root.Parent;
            return root!.FullName;
        }
    }

    /// <param name="script">The script's path from the repository's root.</param>
    public static void Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(RepositoryRoot, script), .. arguments])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var draw = Process.Start(start)!;
        var errors = draw.StandardError.ReadToEndAsync();
        draw.StandardOutput.ReadToEnd();
        draw.WaitForExit();
        if (draw.ExitCode != 0) throw new InvalidOperationException($"{script} failed: {errors.Result}");
    }
}

/// <summary>
/// The first <c>items</c> orders of an outside tuning seed, drawn once by tools/outside-scans/draw_batch.py (the outside forms,
/// not this project's generator; the script draws the items in sequence, so item N needs the N − 1 before it).
/// </summary>
public abstract class OutsideDrawnBatch : IDisposable
{
    public DirectoryInfo Folder { get; }

    protected OutsideDrawnBatch(int seed, int items)
    {
        Folder = Directory.CreateTempSubdirectory($"outside{seed}-");
        var root = DrawScript.RepositoryRoot;
        DrawScript.Run(Path.Combine("tools", "outside-scans", "draw_batch.py"), Folder.FullName, "--items", $"{items}", "--seed", $"{seed}",
            "--roster", Path.Combine(root, "samples", "reference", "roster.csv"));
    }

    public string Order(int sequence) => Path.Combine(Folder.FullName, "images", $"{sequence:0000}-order.png");

    public string Slip(int sequence) => Path.Combine(Folder.FullName, "images", $"{sequence:0000}-slip.png");

    public void Dispose()
    {
        Folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The image with <paramref name="area"/> painted paper-white (<paramref name="paper"/>): a print taken away, to see what stands without it.</summary>
    public static GrayImage Whitened(GrayImage image, PixelRect area, byte paper = 250) => Painted(image, area, paper);

    /// <summary>The same, the rectangle from (left, top) to (right, bottom), right and bottom excluded.</summary>
    public static GrayImage Whitened(GrayImage image, int left, int top, int right, int bottom, byte paper = 250) =>
        Painted(image, PixelRect.FromEdges(left, top, right, bottom), paper);

    /// <summary>The image with <paramref name="area"/> painted one gray level: paper to take a print away, ink to add a stroke.</summary>
    public static GrayImage Painted(GrayImage image, PixelRect area, byte level)
    {
        var px = image.Pixels.ToArray();
        for (var y = area.Top; y < area.Bottom; y++)
            for (var x = area.Left; x < area.Right; x++)
                px[y * image.Width + x] = level;
        return new GrayImage(image.Width, image.Height, px);
    }
}

/// <summary>The first 125 orders of outside tuning seed 260.</summary>
public sealed class OutsideSeed260() : OutsideDrawnBatch(260, 125);

/// <summary>The first 111 orders of outside tuning seed 471.</summary>
public sealed class OutsideSeed471() : OutsideDrawnBatch(471, 111);

/// <summary>The first 8 orders of outside tuning seed 483.</summary>
public sealed class OutsideSeed483() : OutsideDrawnBatch(483, 8);

/// <summary>The first 32 orders of outside tuning seed 499.</summary>
public sealed class OutsideSeed499() : OutsideDrawnBatch(499, 32);

/// <summary>The first 83 orders of outside tuning seed 547.</summary>
public sealed class OutsideSeed547() : OutsideDrawnBatch(547, 83);

/// <summary>The first 60 items of outside tuning seed 557 (round 20: #39's amount words, #60's CREDIT TO row).</summary>
public sealed class OutsideSeed557() : OutsideDrawnBatch(557, 60);

/// <summary>The first 86 items of outside tuning seed 558 (round 20: #41's CREDIT TO row under a stamp, #86's numerals).</summary>
public sealed class OutsideSeed558() : OutsideDrawnBatch(558, 86);

/// <summary>The first 69 items of outside tuning seed 561 (round 20: #69's amount words split by the page pass).</summary>
public sealed class OutsideSeed561() : OutsideDrawnBatch(561, 69);

/// <summary>The first 91 items of outside tuning seed 616 (round 23: lakeside #68's and #91's amounts).</summary>
public sealed class OutsideSeed616() : OutsideDrawnBatch(616, 91);

/// <summary>The first 64 items of outside tuning seed 620 (round 23: lakeside #31, its MICR serial read two ways; #64's CREDIT TO row
/// on a skewed slip).</summary>
public sealed class OutsideSeed620() : OutsideDrawnBatch(620, 64);

/// <summary>The first 5 orders of outside seed 1039 (burnt for held-back use after round 18; its #5 is the wrong serial).</summary>
public sealed class OutsideSeed1039() : OutsideDrawnBatch(1039, 5);

/// <summary>Outside seed 1052's first 46 items (held-back, burnt by #46's wrong serial, round 20).</summary>
public sealed class OutsideSeed1052() : OutsideDrawnBatch(1052, 46);

/// <summary>The first 26 orders of outside tuning seed 610 (round 23: #26, lakeside, its MICR fields read as letters).</summary>
public sealed class OutsideSeed610() : OutsideDrawnBatch(610, 26);

/// <summary>The first 133 orders of outside tuning seed 612 (round 23: #133, lakeside, its label's last letter beside the serial).</summary>
public sealed class OutsideSeed612() : OutsideDrawnBatch(612, 133);

