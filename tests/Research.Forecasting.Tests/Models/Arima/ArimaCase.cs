using System.Text.Json;
using Research.Forecasting.Data;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Arima;
using Research.Forecasting.Tests.Support;

namespace Research.Forecasting.Tests.Models.Arima;

/// <summary>
/// One case of the R fixtures written by tests/reference/arima.R (R 4.2.2, forecast 8.20):
/// Fixtures/arima/fixed.json (Arima with given orders) and Fixtures/arima/auto.json.gz (auto.arima).
/// </summary>
public sealed class ArimaCase
{
    private readonly JsonElement _e;

    private ArimaCase(JsonElement e) => _e = e;

    public string Name => _e.GetProperty("name").GetString()!;

    public double[] Y => Numbers("y");

    public int Frequency => _e.GetProperty("frequency").GetInt32();

    public bool HasError => _e.TryGetProperty("error", out _);

    public string[] XregNames => Strings("xreg_names");

    /// <summary>Regressor rows flattened row-major, as <see cref="SeriesData"/> takes them.</summary>
    public double[] Xreg => Rows("xreg");

    public int XregColumns => XregNames.Length;

    public double[] XregFuture => Rows("xreg_future");

    public int H => _e.GetProperty("h").GetInt32();

    public ArimaOrder Order => OrderOf("order");

    public ArimaOrder Seasonal => OrderOf("seasonal");

    public bool IncludeMean => _e.GetProperty("include_mean").GetBoolean();

    public bool IncludeDrift => _e.GetProperty("include_drift").GetBoolean();

    public string Method => _e.GetProperty("method").GetString()!;

    public string[] CoefNames => Strings("coef_names");

    public double[] Coef => Numbers("coef");

    public double Number(string name) => _e.GetProperty(name).ValueKind == JsonValueKind.Null ? double.NaN : _e.GetProperty(name).GetDouble();

    public double[] Numbers(string name)
    {
        var p = _e.GetProperty(name);
        return p.ValueKind switch
        {
            JsonValueKind.Array => [.. p.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble())],
            JsonValueKind.Null => [],
            _ => [p.GetDouble()],
        };
    }

    public int? Int(string name) => _e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : null;

    public SeriesData Data => new(Y, Xreg, XregColumns, Name);

    /// <summary>The lines of <c>auto.arima(trace = TRUE)</c> (trace.json): model text, orders, constant, criterion (infinite for R's Inf).</summary>
    public IReadOnlyList<TraceLine> Trace => [.. _e.GetProperty("trace").EnumerateArray().Select(t =>
    {
        var ic = t.GetProperty("ic");
        return new TraceLine(t.GetProperty("model").GetString()!, TraceOrder(t, "order"), TraceOrder(t, "seasonal"),
            t.GetProperty("constant").GetBoolean(), ic.ValueKind == JsonValueKind.Null ? double.PositiveInfinity : ic.GetDouble());
    })];

    public sealed record TraceLine(string Model, ArimaOrder Order, ArimaOrder Seasonal, bool Constant, double Criterion);

    private static ArimaOrder TraceOrder(JsonElement e, string name)
    {
        var o = e.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();
        return new ArimaOrder(o[0], o[1], o[2]);
    }

    private string[] Strings(string name)
    {
        var p = _e.GetProperty(name);
        return p.ValueKind switch
        {
            JsonValueKind.Array => [.. p.EnumerateArray().Select(v => v.GetString()!)],
            JsonValueKind.String => [p.GetString()!],
            _ => [],
        };
    }

    private double[] Rows(string name)
    {
        var p = _e.GetProperty(name);
        if (p.ValueKind != JsonValueKind.Array) return [];
        return [.. p.EnumerateArray().SelectMany(r => r.EnumerateArray().Select(v => v.GetDouble()))];
    }

    private ArimaOrder OrderOf(string name)
    {
        var o = Numbers(name);
        return new ArimaOrder((int)o[0], (int)o[1], (int)o[2]);
    }

    public override string ToString() => Name;

    // ------------------------------------------------------------------ loading (each file parsed once)

    private static readonly Lazy<IReadOnlyList<ArimaCase>> s_fixed = new(() => Parse(Fixtures.Load(Path.Combine("arima", "fixed.json"))));

    private static readonly Lazy<IReadOnlyList<ArimaCase>> s_auto = new(() =>
    {
        var bytes = DataFile.ReadAllBytes(Repo.Path("tests", "Research.Forecasting.Tests", "Fixtures", "arima", "auto.json.gz"));
        using var doc = JsonDocument.Parse(bytes.AsMemory());
        return Parse(doc.RootElement.Clone());
    });

    private static readonly Lazy<IReadOnlyList<ArimaCase>> s_traces = new(() => Parse(Fixtures.Load(Path.Combine("arima", "trace.json"))));

    /// <summary>The cases of trace.json (tests/reference/arima_trace.R).</summary>
    public static IReadOnlyList<ArimaCase> Traces => s_traces.Value;

    /// <summary>The cases of fixed.json.</summary>
    public static IReadOnlyList<ArimaCase> Fixed => s_fixed.Value;

    /// <summary>The cases of auto.json.gz.</summary>
    public static IReadOnlyList<ArimaCase> Auto => s_auto.Value;

    private static List<ArimaCase> Parse(JsonElement root) => [.. root.GetProperty("cases").EnumerateArray().Select(e => new ArimaCase(e))];
}
