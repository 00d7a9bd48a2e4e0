using System.Collections.Concurrent;

namespace Ledger.Intake.Lockbox.Ocr;

/// <summary>
/// A fixed set of engines, one per core by default, created once and lent out one at a time:
/// loading the model is the expensive part, so it happens once per engine, not per image.
/// </summary>
public sealed class OcrEnginePool : IDisposable
{
    private readonly ConcurrentBag<OcrEngine> _idle = [];
    private readonly List<OcrEngine> _all = [];
    private readonly SemaphoreSlim _available;
    private bool _disposed;

    public OcrEnginePool(int? size = null, string? dataPath = null, string language = "eng")
    {
        Size = size ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Size);
        try
        {
            for (var i = 0; i < Size; i++)
            {
                var engine = new OcrEngine(dataPath, language);
                _all.Add(engine);
                _idle.Add(engine);
            }
        }
        catch
        {
            foreach (var engine in _all) engine.Dispose();
            throw;
        }
        _available = new SemaphoreSlim(Size, Size);
    }

    public int Size { get; }

    /// <summary>Runs <paramref name="work"/> with an engine nobody else is using.</summary>
    public T Use<T>(Func<OcrEngine, T> work, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _available.Wait(cancellationToken);
        OcrEngine? engine = null;
        try
        {
            if (!_idle.TryTake(out engine)) throw new InvalidOperationException("Engine pool is inconsistent.");
            return work(engine);
        }
        finally
        {
            if (engine is not null) _idle.Add(engine);
            _available.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var engine in _all) engine.Dispose();
        _available.Dispose();
    }
}
