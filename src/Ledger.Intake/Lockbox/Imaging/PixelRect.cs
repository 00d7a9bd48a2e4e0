namespace Ledger.Intake.Lockbox.Imaging;

/// <summary>A rectangle of pixels, left/top inclusive.</summary>
public readonly record struct PixelRect(int Left, int Top, int Width, int Height)
{
    public int Right => Left + Width;
    public int Bottom => Top + Height;
    public int CenterY => Top + Height / 2;
    public bool IsEmpty => Width <= 0 || Height <= 0;

    public static PixelRect FromEdges(int left, int top, int right, int bottom) => new(left, top, right - left, bottom - top);

    public PixelRect Union(PixelRect other) =>
        IsEmpty ? other : other.IsEmpty ? this
        : FromEdges(Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));

    public PixelRect Inflate(int dx, int dy) => FromEdges(Left - dx, Top - dy, Right + dx, Bottom + dy);

    public PixelRect ClampTo(int width, int height)
    {
        var l = Math.Clamp(Left, 0, width);
        var t = Math.Clamp(Top, 0, height);
        var r = Math.Clamp(Right, 0, width);
        var b = Math.Clamp(Bottom, 0, height);
        return FromEdges(l, t, Math.Max(l, r), Math.Max(t, b));
    }

    /// <summary>How much two rectangles overlap vertically, as a share of the shorter one.</summary>
    public double VerticalOverlap(PixelRect other)
    {
        var overlap = Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top);
        var shorter = Math.Min(Height, other.Height);
        return overlap <= 0 || shorter <= 0 ? 0 : (double)overlap / shorter;
    }
}
