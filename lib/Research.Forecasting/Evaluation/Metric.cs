using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Research.Forecasting.Evaluation;

/// <summary>
/// A named metric, so a table can be computed for a list of metric names such as <c>"mae,rmse,mape"</c>.
/// Names are lower case; <see cref="Parse"/> and <see cref="FromName"/> ignore case. The kernels and their
/// definitions are in <see cref="Metrics"/>; MASE is not here because it needs the training series.
/// </summary>
/// <param name="Name">Lower-case name, e.g. <c>mae</c> or <c>pinball:0.9</c>.</param>
/// <param name="Function">The kernel.</param>
public sealed record Metric(string Name, MetricFunction Function)
{
    /// <summary>Mean absolute error (<see cref="Metrics.Mae"/>).</summary>
    public static Metric Mae { get; } = new("mae", Metrics.Mae);

    /// <summary>Root mean squared error (<see cref="Metrics.Rmse"/>).</summary>
    public static Metric Rmse { get; } = new("rmse", Metrics.Rmse);

    /// <summary>MAPE in percent over non-zero actuals (<see cref="Metrics.Mape"/>).</summary>
    public static Metric Mape { get; } = new("mape", Metrics.Mape);

    /// <summary>sMAPE in percent, 0..200 (<see cref="Metrics.Smape"/>).</summary>
    public static Metric Smape { get; } = new("smape", Metrics.Smape);

    /// <summary>WAPE in percent (<see cref="Metrics.Wape"/>).</summary>
    public static Metric Wape { get; } = new("wape", Metrics.Wape);

    /// <summary>Mean of forecast minus actual (<see cref="Metrics.Bias"/>).</summary>
    public static Metric Bias { get; } = new("bias", Metrics.Bias);

    /// <summary>RMSPE as a fraction over non-zero actuals, Rossmann's score (<see cref="Metrics.Rmspe"/>).</summary>
    public static Metric Rmspe { get; } = new("rmspe", Metrics.Rmspe);

    /// <summary>The point metrics, in the order of <see cref="MetricValues"/>.</summary>
    public static IReadOnlyList<Metric> All { get; } = [Mae, Rmse, Mape, Smape, Wape, Bias, Rmspe];

    /// <summary>The accepted names, as listed in error messages.</summary>
    public static string Known { get; } = string.Join(", ", All.Select(m => m.Name)) + ", pinball:q (0 < q < 1)";

    private const string PinballPrefix = "pinball:";

    /// <summary>Pinball loss at quantile <paramref name="quantile"/> (<see cref="Metrics.Pinball"/>), named <c>pinball:q</c>, e.g. <c>pinball:0.9</c>.</summary>
    public static Metric Pinball(double quantile)
    {
        Metrics.CheckQuantile(quantile);
        return new(PinballPrefix + quantile.ToString("R", CultureInfo.InvariantCulture),
            (actual, forecast) => Metrics.Pinball(actual, forecast, quantile));
    }

    /// <summary>Evaluates the metric.</summary>
    public double Evaluate(ReadOnlySpan<double> actual, ReadOnlySpan<double> forecast) => Function(actual, forecast);

    /// <summary>
    /// The metric named <paramref name="name"/> (case-insensitive, surrounding blanks ignored): one of
    /// <c>mae, rmse, mape, smape, wape, bias, rmspe</c> or <c>pinball:q</c> with <c>0 &lt; q &lt; 1</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known names.</exception>
    public static Metric FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryFromName(name, out var metric, out var error) ? metric : throw new ArgumentException(error, nameof(name));
    }

    /// <summary>
    /// The metrics of a comma-separated list such as <c>"mae, RMSE, mape, pinball:0.9"</c>, in order
    /// (names as in <see cref="FromName"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A name is unknown, empty or listed twice; the message names it and the known metrics.</exception>
    public static IReadOnlyList<Metric> Parse(string names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = new List<Metric>();
        foreach (var part in names.Split(','))
        {
            if (!TryFromName(part, out var metric, out var error))
                throw new ArgumentException($"'{names}': {error}", nameof(names));
            if (result.Exists(m => m.Name == metric.Name))
                throw new ArgumentException($"'{names}': metric '{metric.Name}' is listed twice", nameof(names));
            result.Add(metric);
        }
        return result;
    }

    private static bool TryFromName(string name, [NotNullWhen(true)] out Metric? metric, [NotNullWhen(false)] out string? error)
    {
        var key = name.Trim();
        metric = null;
        error = null;
        if (key.Length == 0)
        {
            error = $"empty metric name; known metrics: {Known}";
            return false;
        }
        foreach (var m in All)
        {
            if (!string.Equals(m.Name, key, StringComparison.OrdinalIgnoreCase)) continue;
            metric = m;
            return true;
        }
        if (key.StartsWith(PinballPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var text = key[PinballPrefix.Length..];
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) && q > 0 && q < 1)
            {
                metric = Pinball(q);
                return true;
            }
            error = $"metric '{key}': the pinball quantile '{text}' is not a number strictly between 0 and 1";
            return false;
        }
        error = $"unknown metric '{key}'; known metrics: {Known}";
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
