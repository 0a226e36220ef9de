namespace Research.Forecasting.Data;

/// <summary>The data files opened while a <see cref="DataFile.Track"/> log was open: full paths, in the order first opened.</summary>
public sealed class DataFileLog : IDisposable
{
    private readonly List<string> _files = [];
    private readonly Action<DataFileLog?> _restore;
    private readonly Lock _gate = new();

    internal DataFileLog(DataFileLog? outer, Action<DataFileLog?> restore)
    {
        Outer = outer;
        _restore = restore;
    }

    internal DataFileLog? Outer { get; }

    /// <summary>The files opened so far (full paths, each once).</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_gate) return [.. _files];
        }
    }

    internal void Add(string fullPath)
    {
        lock (_gate)
            if (!_files.Contains(fullPath, StringComparer.Ordinal)) _files.Add(fullPath);
    }

    /// <summary>Stops recording (the enclosing log, if any, records again).</summary>
    public void Dispose() => _restore(Outer);
}
