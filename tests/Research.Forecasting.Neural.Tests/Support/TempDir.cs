namespace Research.Forecasting.Neural.Tests.Support;

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("neural-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
