namespace Research.Contracts;

/// <summary>
/// The environment the notebook runner gives a notebook's process, read by the library inside the notebook. Declared
/// once, in this file, which both sides compile in (the runner's kernel host must not carry the forecasting library, so
/// the two share source, not an assembly).
/// </summary>
internal static class NotebookEnvironment
{
    /// <summary>A file (JSON lines) that receives every named result the notebook records.</summary>
    public const string ResultsFile = "RESEARCH_RESULTS_FILE";

    /// <summary>
    /// A file that receives, one full path a line, every data file the library opens in the process (so a run's manifest
    /// can list the SHA-256 of exactly the data a notebook read).
    /// </summary>
    public const string DataLog = "RESEARCH_DATA_LOG";

    /// <summary><c>true</c> in CI: long work stays quiet.</summary>
    public const string Ci = "CI";
}
