using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>
/// Finds places where the paper carries ink or shadow but no print: a smear, a melt (water, a fold) or a tear
/// that shows the scanner bed. Print has sharp strokes; damage is darker than the paper around it and soft.
/// This is the positive evidence behind "nobody can read this amount": text OCR merely failed on is still sharp.
/// </summary>
internal static class InkDamage
{
    /// <summary>Damaged areas (image pixels) at least <paramref name="minWidth"/> wide, not touching the image edge (the bed around the page).</summary>
    public static List<PixelRect> Find(GrayImage image, int cell, int minWidth)
    {
        cell = Math.Max(6, cell);
        var cw = image.Width / cell;
        var ch = image.Height / cell;
        if (cw < 3 || ch < 3) return [];
        var mean = new float[cw * ch];
        var sharp = new float[cw * ch];
        var px = image.Pixels;
        var w = image.Width;
        for (var cy = 0; cy < ch; cy++)
        {
            for (var cx = 0; cx < cw; cx++)
            {
                long sum = 0, grad = 0;
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
                        if (x + 2 < w) grad += Math.Abs(v - px[row + x + 2]);
                        if (y + 2 < image.Height) grad += Math.Abs(v - px[row + w * 2 + x]);
                    }
                }
                var n = ((cell + 1) / 2) * ((cell + 1) / 2);
                mean[cy * cw + cx] = (float)sum / n;
                sharp[cy * cw + cx] = (float)grad / (2 * n);
            }
        }

        // The paper's own level around each cell (the brightest cells nearby) and the sensor's noise floor.
        var noise = Percentile(sharp, 0.3);
        var damaged = new bool[cw * ch];
        const int reach = 5;
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
                damaged[i] = darkness >= 18 && edges < 0.35 * darkness;
            }
        }

        var areas = new List<PixelRect>();
        var seen = new bool[cw * ch];
        var stack = new Stack<int>();
        for (var start = 0; start < damaged.Length; start++)
        {
            if (!damaged[start] || seen[start]) continue;
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
            var touchesEdge = false;
            stack.Push(start);
            seen[start] = true;
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                int x = i % cw, y = i / cw;
                count++;
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x);
                minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
                if (x == 0 || y == 0 || x == cw - 1 || y == ch - 1) touchesEdge = true;
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
            var box = new PixelRect(minX * cell, minY * cell, (maxX - minX + 1) * cell, (maxY - minY + 1) * cell);
            // Solid enough to be a patch (not a scatter of soft cells) and as wide as a printed amount.
            if (!touchesEdge && box.Width >= minWidth && count >= 0.4 * (maxX - minX + 1) * (maxY - minY + 1)) areas.Add(box);
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
