using Research.Forecasting.Benchmarks;
using Research.Forecasting.Data;
using Research.Forecasting.Statistics;

namespace Research.Forecasting.Decisions.Promotions;

/// <summary>
/// Uplift of Rossmann's daily <c>Promo</c> on held-out days: per store, OLS of <c>log(sales)</c> on open days with positive
/// sales before the held-out window on <c>const</c>, <c>Promo</c>, day-of-week dummies (Monday baseline),
/// <c>SchoolHoliday</c>, <c>Promo2Active</c>, month dummies (January baseline) and a linear trend (years); for every
/// held-out open day with <c>Promo = 1</c> the forecast with the promotion is <c>exp(x'b + s^2/2)</c> and without it
/// <c>exp(x'b - b_promo + s^2/2)</c>. Interval: bootstrap over stores (stores resampled with replacement, their
/// forecasts summed), percentile interval of the relative uplift (Efron and Tibshirani 1993).
/// </summary>
public static class RossmannUplift
{
    private static readonly string[] Names =
        ["const", "Promo", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "SchoolHoliday", "Promo2Active",
         "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "trend"];

    /// <summary>
    /// Estimates the uplift over the last <paramref name="heldOutDays"/> days up to <see cref="RossmannBenchmark.LastDay"/>
    /// (126: the benchmark's three 42-day windows) of <paramref name="panel"/> (<see cref="Datasets.Rossmann.Load"/>, raw).
    /// </summary>
    public static UpliftEstimate Estimate(SeriesPanel panel, int heldOutDays = 126, UpliftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        options ??= new UpliftOptions();
        var last = Frequency.Daily.ToOrdinal(RossmannBenchmark.LastDay);
        var cutoff = last - heldOutDays;
        var groups = new List<UpliftGroup>();
        foreach (var s in panel.Series)
        {
            var g = Store(s, cutoff, last);
            if (g is not null) groups.Add(g);
        }
        var rng = new Random(options.Seed);
        var percents = new double[options.Draws];
        for (var d = 0; d < options.Draws; d++)
        {
            double w = 0, wo = 0;
            for (var i = 0; i < groups.Count; i++)
            {
                var g = groups[rng.Next(groups.Count)];
                w += g.With;
                wo += g.Without;
            }
            percents[d] = 100 * (w - wo) / wo;
        }
        var (low, high) = OrangeJuiceUplift.PercentileInterval(percents, options.Level);
        return new UpliftEstimate("rossmann", "Promo", $"log-linear regression per store, days <= {Frequency.Daily.ToDate(cutoff):yyyy-MM-dd}; store bootstrap",
            groups.Sum(g => g.Periods), groups.Sum(g => g.Actual), groups.Sum(g => g.With), groups.Sum(g => g.Without), low, high, options.Level, groups);
    }

    private static UpliftGroup? Store(SeriesView s, long cutoff, long last)
    {
        var time = s.Time;
        var sales = s.Target;
        var open = s.Dynamic("Open");
        var promo = s.Dynamic("Promo");
        var school = s.Dynamic("SchoolHoliday");
        var promo2 = s.Dynamic("Promo2Active");
        var train = new List<int>();
        var test = new List<int>();
        for (var t = 0; t < s.Length; t++)
        {
            if (open[t] != 1 || !(sales[t] > 0)) continue;
            if (time[t] <= cutoff) train.Add(t);
            else if (time[t] <= last && promo[t] == 1) test.Add(t);
        }
        if (test.Count == 0 || train.Count < 3 * Names.Length) return null;
        var k = Names.Length;
        var n = train.Count;
        var y = new double[n];
        var x = new double[n * k];
        for (var i = 0; i < n; i++)
        {
            y[i] = Math.Log(sales[train[i]]);
            var row = Row(time[train[i]], promo[train[i]], school[train[i]], promo2[train[i]], cutoff);
            for (var j = 0; j < k; j++) x[i + j * n] = row[j];
        }
        var fit = LeastSquares.Fit(y, x, k);
        var b = fit.Coefficients.Select(c => double.IsNaN(c) ? 0 : c).ToArray(); // a column never seen (e.g. Sunday) adds nothing
        double with = 0, without = 0, actual = 0;
        foreach (var t in test)
        {
            var row = Row(time[t], promo[t], school[t], promo2[t], cutoff);
            var eta = fit.Sigma2 / 2;
            for (var j = 0; j < k; j++) eta += b[j] * row[j];
            with += Math.Exp(eta);
            without += Math.Exp(eta - b[1]);
            actual += sales[t];
        }
        return new UpliftGroup($"store {string.Join('/', s.Key)}", test.Count, actual, with, without);
    }

    private static double[] Row(long day, double promo, double school, double promo2, long cutoff)
    {
        var date = Frequency.Daily.ToDate(day);
        var row = new double[Names.Length];
        row[0] = 1;
        row[1] = promo;
        var dow = ((int)date.DayOfWeek + 6) % 7; // Monday 0
        if (dow > 0) row[1 + dow] = 1;
        row[8] = school;
        row[9] = promo2;
        if (date.Month > 1) row[8 + date.Month] = 1;
        row[21] = (day - cutoff) / 365.25;
        return row;
    }
}
