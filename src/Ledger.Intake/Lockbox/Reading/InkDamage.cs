using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// Finds places where the paper carries ink or shadow but no print: a smear, a melt (water, a fold), a blur, or a tear
/// that shows the scanner bed or lid. Print has sharp strokes, faint print too; soft damage is darker than the paper
/// around it without them; missing paper is flat, without the paper's grain or pattern, and darker than the paper.
/// This is the positive evidence behind "nobody can read this amount": text OCR merely failed on is still sharp.
/// </summary>
internal static class InkDamage
{
    /// <summary>
    /// Edges per level of darkness below which ink is soft. A blur or a smear measures 0.03–0.1, print 0.3 and more, faint
    /// print too (its edges fade with its tone); 0.35 before round 10 took the cores of faint or bold strokes for damage.
    /// </summary>
    private const double Soft = 0.2;

    /// <summary>Damaged areas (image pixels) at least <paramref name="minWidth"/> wide, not touching the image edge (the bed around the page).</summary>
    public static List<PixelRect> Find(GrayImage image, int cell, int minWidth)
    {
        cell = Math.Max(6, cell);
        var cw = image.Width / cell;
        var ch = image.Height / cell;
        if (cw < 3 || ch < 3) return [];
        var mean = new float[cw * ch];
        var sharp = new float[cw * ch];
        var top = new float[cw * ch];
        var px = image.Pixels;
        var w = image.Width;
        for (var cy = 0; cy < ch; cy++)
        {
            for (var cx = 0; cx < cw; cx++)
            {
                long sum = 0, grad = 0;
                var lightest = 0;
                var x0 = cx * cell;
                var y0 = cy * cell;
                // Differences two pixels apart on a 2-pixel grid: strokes show, sensor noise mostly cancels against the baseline.
                for (var y = y0; y < y0 + cell; y += 2)
                {
                    var row = y * w;
                    for (var x = x0; x < x0 + cell; x += 2)
                    {
                        int v = px[row + x];
                        sum += v;
                        lightest = Math.Max(lightest, v);
                        if (x + 2 < w) grad += Math.Abs(v - px[row + x + 2]);
                        if (y + 2 < image.Height) grad += Math.Abs(v - px[row + w * 2 + x]);
                    }
                }
                var n = ((cell + 1) / 2) * ((cell + 1) / 2);
                mean[cy * cw + cx] = (float)sum / n;
                sharp[cy * cw + cx] = (float)grad / (2 * n);
                top[cy * cw + cx] = lightest;
            }
        }

        // The paper's own level around each cell (the brightest cells nearby) and the sensor's noise floor.
        var noise = Percentile(sharp, 0.3);
        // Missing paper is judged against the flattest paper of the page (the sensor's grain) and must differ in tone by more
        // than that grain can make a cell's mean wander (four standard deviations of it: a speckled cell is not a tear).
        var floor = Percentile(sharp, 0.05);
        var samples = ((cell + 1) / 2) * ((cell + 1) / 2);
        var bareTone = 4 + 4 * (floor / 1.13) / Math.Sqrt(samples);
        var damaged = new bool[cw * ch];
        var print = new bool[cw * ch];
        const int reach = 5;
        var around = new List<float>();
        var grain = new List<float>();
        var tops = new List<float>();
        for (var cy = 0; cy < ch; cy++)
        {
            for (var cx = 0; cx < cw; cx++)
            {
                float paper = 0;
                for (var yy = Math.Max(0, cy - reach); yy <= Math.Min(ch - 1, cy + reach); yy++)
                    for (var xx = Math.Max(0, cx - reach); xx <= Math.Min(cw - 1, cx + reach); xx++)
                        paper = Math.Max(paper, mean[yy * cw + xx]);
                var i = cy * cw + cx;
                var darkness = paper - mean[i];
                var edges = sharp[i] - noise;
                print[i] = darkness >= 18 && edges >= Soft * darkness;
                // Soft ink (a smear, a melt, a blur): darker than the paper, without the sharp strokes of print.
                if (darkness >= 18 && edges < Soft * darkness)
                {
                    damaged[i] = true;
                    continue;
                }
                // Missing paper (a tear, the bed or lid showing): flat as the flattest paper, no print, and darker than the
                // paper around it (its median, so that a brighter box or label does not make the paper beside it look
                // dark), or flat where that paper carries a printed pattern. Never brighter: a white box is not a tear.
                if (sharp[i] > floor + 1) continue;
                around.Clear();
                grain.Clear();
                tops.Clear();
                for (var yy = Math.Max(0, cy - 2 * reach); yy <= Math.Min(ch - 1, cy + 2 * reach); yy += 2)
                    for (var xx = Math.Max(0, cx - 2 * reach); xx <= Math.Min(cw - 1, cx + 2 * reach); xx += 2)
                    {
                        around.Add(mean[yy * cw + xx]);
                        grain.Add(sharp[yy * cw + xx]);
                        tops.Add(top[yy * cw + xx]);
                    }
                around.Sort();
                grain.Sort();
                tops.Sort();
                // Round 11: or its lightest tone is not the paper's. On hatched or guilloche paper a tear's flat gray is as dark as
                // the pattern's mean (248 beside hatched paper averaging 252, outside tuning seed 301 #141, #23, #129), but the
                // paper between the pattern's lines is the page's white, and a flat area whose lightest pixel is darker than the
                // lightest pixels around it by more than the grain moves a cell's tone is no paper at all. A white box printed
                // on patterned paper is the paper's own white: never this.
                var unlike = tops[tops.Count / 2] - top[i] >= bareTone;
                if (darkness < 4 && !unlike) continue;
                var below = around[around.Count / 2] - mean[i];
                damaged[i] = unlike || (below >= 1 && (below >= bareTone || grain[grain.Count / 2] >= floor + 3));
            }
        }

        var areas = new List<PixelRect>();
        var seen = new bool[cw * ch];
        var stack = new Stack<int>();
        for (var start = 0; start < damaged.Length; start++)
        {
            if (!damaged[start] || seen[start]) continue;
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
            var sides = 0;
            stack.Push(start);
            seen[start] = true;
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                int x = i % cw, y = i / cw;
                count++;
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
                if (x == 0) sides |= 1;
                if (x == cw - 1) sides |= 2;
                if (y == 0) sides |= 4;
                if (y == ch - 1) sides |= 8;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= cw || ny >= ch) continue;
                        var j = ny * cw + nx;
                        if (damaged[j] && !seen[j])
                        {
                            seen[j] = true;
                            stack.Push(j);
                        }
                    }
            }
            int wide = maxX - minX + 1, high = maxY - minY + 1;
            // The bed around the page runs along the image's edge; damage over a field printed up to the edge reaches it
            // across, on one side only (round 10: amounts printed past the form's right edge).
            var bed = sides switch
            {
                0 => false,
                1 or 2 => wide < 2 * high,
                4 or 8 => high < 2 * wide,
                _ => true,
            };
            // Print inside the area (sharp strokes among the soft cells: a stamp's letters, whose cores are soft) is not damage.
            var printed = 0;
            for (var y = minY; y <= maxY; y++)
                for (var x = minX; x <= maxX; x++)
                    if (print[y * cw + x]) printed++;
            var box = new PixelRect(minX * cell, minY * cell, wide * cell, high * cell);
            // Solid enough to be a patch (not a scatter of soft cells) and as wide as a printed amount.
            if (!bed && box.Width >= minWidth && count >= 0.4 * wide * high && printed < 0.5 * count) areas.Add(box);
        }
        return areas;
    }

    private static float Percentile(float[] values, double p)
    {
        var copy = (float[])values.Clone();
        Array.Sort(copy);
        return copy[(int)(p * (copy.Length - 1))];
    }
}
