using MathNet.Numerics.LinearAlgebra;
using Research.Forecasting.Statistics;

namespace Research.Forecasting.Models.Arima;

/// <summary>One run of forecast's <c>auto.arima</c> on one series (see <see cref="AutoArima"/>).</summary>
internal sealed partial class AutoArimaSearch
{
    private readonly AutoArimaOptions _o;
    private readonly ArimaEstimator _estimator;
    private readonly SeriesData _train;
    private readonly int _first;            // leading missing values dropped
    private readonly double[] _x;           // the series from its first non-missing value
    private readonly double[] _xreg;        // regressors of those rows, column-major
    private readonly int _k;
    private readonly string[] _names;
    private readonly int _serieslength;
    private int _m, _d, _sd;
    private InformationCriterion _ic;
    private readonly List<AutoArimaTrial> _trace = [];   // with Options.Trace: every model fitted, in order

    public AutoArimaSearch(AutoArimaOptions options, ArimaEstimator estimator, SeriesData train)
    {
        _o = options;
        _estimator = estimator;
        _train = train;
        var y = train.Y;
        var n = y.Length;
        int first = -1, last = -1;
        for (var t = 0; t < n; t++)
            if (!double.IsNaN(y[t]))
            {
                if (first < 0) first = t;
                last = t;
            }
        if (first < 0) throw new ArimaException("All data are missing");
        _first = first;
        for (var t = first; t <= last; t++)
            if (!double.IsNaN(y[t])) _serieslength++;
        _x = y[first..].ToArray();
        _k = train.Regressors;
        var nx = _x.Length;
        _xreg = new double[nx * _k];
        var xs = train.X;
        for (var j = 0; j < _k; j++)
            for (var t = 0; t < nx; t++) _xreg[t + j * nx] = xs[(t + first) * _k + j];
        _names = [.. Enumerable.Range(0, _k).Select(j => options.RegressorNames is { } rn && j < rn.Count ? rn[j] : FormattableString.Invariant($"x{j + 1}"))];
    }

    /// <summary>A model of the search: orders, constant, criterion and the fit (null when it failed).</summary>
    private sealed class Candidate
    {
        public int P, Q, SP, SQ;
        public bool Constant;
        public double Ic = double.PositiveInfinity;
        public ArimaFit? Fit;
        public bool Drift;
        public double Sigma2, Aicc, Bic;
        public bool Validated;
        public int Index;
    }

    public ArimaModel Run()
    {
        var o = _o;
        var x = _x;
        if (Differencing.IsConstant(x)) return ConstantSeries();

        _ic = o.Criterion;
        var m = o.Seasonal ? Math.Max(1, o.Period) : 1;
        _m = m;
        var sl = _serieslength;
        var maxp = Math.Min(o.MaxP, sl / 3);
        var maxq = Math.Min(o.MaxQ, sl / 3);
        var maxP = Math.Min(o.MaxSeasonalP, (int)Math.Floor(sl / 3.0 / m));
        var maxQ = Math.Min(o.MaxSeasonalQ, (int)Math.Floor(sl / 3.0 / m));
        if (sl <= 3) _ic = InformationCriterion.Aic;

        // regression residuals (constant regressors dropped) stand in for the series when choosing d and D
        double[] xx;
        double[]? xregg = null;
        var kg = 0;
        if (_k > 0)
        {
            xx = (double[])x.Clone();
            var keep = Enumerable.Range(0, _k).Where(j => !Differencing.IsConstant(Column(_xreg, x.Length, j))).ToArray();
            if (keep.Length > 0)
            {
                kg = keep.Length;
                xregg = new double[x.Length * kg];
                for (var c = 0; c < kg; c++) Column(_xreg, x.Length, keep[c]).CopyTo(xregg, c * x.Length);
                CheckRank(xregg, x.Length, kg);
                var design = new double[x.Length * (kg + 1)];
                Array.Fill(design, 1.0, 0, x.Length);
                xregg.CopyTo(design, x.Length);
                var lm = LeastSquares.Fit(x, design, kg + 1);
                var r = 0;
                for (var t = 0; t < x.Length; t++)
                {
                    var ok = !double.IsNaN(x[t]);
                    for (var j = 0; ok && j < kg; j++) ok = !double.IsNaN(xregg[t + j * x.Length]);
                    if (ok) xx[t] = lm.Residuals[r++];
                }
            }
        }
        else
        {
            xx = x;
        }

        int? dOpt = o.D, sdOpt = o.SeasonalD;
        if (o.Stationary) dOpt = sdOpt = 0;
        int sd;
        if (m == 1)
        {
            sd = 0;
            maxP = maxQ = 0;
        }
        else if (sdOpt is null && xx.Length <= 2 * m)
        {
            sd = 0;
        }
        else if (sdOpt is null)
        {
            sd = Differencing.SeasonalDifferences(xx, m, o.MaxSeasonalD);
            if (sd > 0 && xregg is not null && AnyConstantColumn(ArimaEstimator.DiffColumns(xregg, x.Length, kg, m, sd, out var rows), rows, kg)) sd--;
            if (sd > 0 && AllMissing(DiffTimes(xx, m, sd))) sd--;
        }
        else
        {
            sd = sdOpt.Value;
        }
        var dx = sd > 0 ? DiffTimes(xx, m, sd) : xx;
        double[]? diffxreg = null;
        var dxRows = 0;
        if (xregg is not null)
        {
            dxRows = x.Length;
            diffxreg = sd > 0 ? ArimaEstimator.DiffColumns(xregg, x.Length, kg, m, sd, out dxRows) : xregg;
        }
        int d;
        if (dOpt is null)
        {
            d = Differencing.Differences(dx, o.Alpha, o.MaxD);
            if (d > 0 && diffxreg is not null && AnyConstantColumn(ArimaEstimator.DiffColumns(diffxreg, dxRows, kg, 1, d, out var r2), r2, kg)) d--;
            if (d > 0 && AllMissing(DiffTimes(dx, 1, d))) d--;
        }
        else
        {
            d = dOpt.Value;
        }
        if (d > 0) dx = DiffTimes(dx, 1, d);
        _d = d;
        _sd = sd;
        if (dx.Length == 0) throw new ArimaException("Not enough data to proceed");
        if (Differencing.IsConstant(dx)) return ConstantDifferences(dx);

        if (m > 1)
        {
            if (maxP > 0) maxp = Math.Min(maxp, m - 1);
            if (maxQ > 0) maxq = Math.Min(maxq, m - 1);
        }
        var approximation = o.Approximation ?? (x.Length > 150 || m > 12);
        var offset = 0.0;
        if (approximation) offset = Offset();

        var allowdrift = o.AllowDrift && d + sd == 1;
        var allowmean = o.AllowMean && d + sd == 0;
        var constant = allowdrift || allowmean;

        Candidate best;
        if (!o.Stepwise)
        {
            best = Exhaustive(maxp, maxq, maxP, maxQ, allowdrift || allowmean, approximation, offset);
        }
        else
        {
            best = Stepwise(maxp, maxq, maxP, maxQ, constant, allowdrift, allowmean, approximation, offset);
        }
        if (best.Fit is null || double.IsPositiveInfinity(best.Ic))
        {
            if (!(o.Method == ArimaMethod.Css && best.Fit is not null))
                throw new ArimaException("No suitable ARIMA model found");
        }
        return ToModel(best);
    }

    // ------------------------------------------------------------------ special cases

    private ArimaModel ConstantSeries()
    {
        var mean = 0.0;
        var cnt = 0;
        foreach (var v in _x)
            if (!double.IsNaN(v))
            {
                mean += v;
                cnt++;
            }
        mean /= cnt;
        // forecast fits the constant without the regressors
        var opts = _o.AllowMean ? new ArimaOptions { Fixed = [mean] } : new ArimaOptions { IncludeMean = false };
        var model = ArimaModel.Estimate(new SeriesData(_x, id: _train.Id), opts, _estimator);
        return model.WithTrain(_train, _first);
    }

    private ArimaModel ConstantDifferences(double[] dx)
    {
        int d = _d, sd = _sd, m = _m;
        var opts = new ArimaOptions { Order = new(0, d, 0), Seasonal = new(0, sd, 0), Period = m, RegressorNames = _names, Method = _o.Method ?? ArimaMethod.CssMl };
        if (_k > 0) return FixedModel(opts);
        var meanDx = MeanNonMissing(dx);
        if (sd > 0 && d == 0) return FixedModel(opts with { IncludeDrift = true, Fixed = [meanDx / m] });
        if (sd > 0 && d > 0) return FixedModel(opts);
        if (d == 2) return FixedModel(opts);
        if (d < 2) return FixedModel(opts with { IncludeMean = true, IncludeDrift = d == 1, Fixed = [meanDx] });
        throw new ArimaException("Data follow a simple polynomial and are not suitable for ARIMA modelling.");
    }

    private static double MeanNonMissing(double[] v)
    {
        double s = 0;
        var c = 0;
        foreach (var e in v)
            if (!double.IsNaN(e))
            {
                s += e;
                c++;
            }
        return s / c;
    }

    private ArimaModel FixedModel(ArimaOptions opts)
    {
        var trimmed = new SeriesData(_x, TrimmedRows(), _k, _train.Id);
        var model = ArimaModel.Estimate(trimmed, opts, _estimator);
        return model.WithTrain(_train, _first);
    }

    private double[] TrimmedRows()
    {
        var n = _x.Length;
        var rows = new double[n * _k];
        for (var t = 0; t < n; t++)
            for (var j = 0; j < _k; j++) rows[t * _k + j] = _xreg[t + j * n];
        return rows;
    }

    private ArimaModel ToModel(Candidate best)
    {
        var fit = best.Fit!;
        var orders = fit.Problem.Orders;
        return ArimaModel.FromSearch(_train, fit, orders, best.Drift, best.Sigma2, best.Aicc, best.Bic, _first).WithSearch([.. _trace]);
    }

    // ------------------------------------------------------------------ helpers

    private static double[] Column(double[] x, int n, int j) => x.AsSpan(j * n, n).ToArray();

    private static bool AnyConstantColumn(double[] x, int rows, int k)
    {
        for (var j = 0; j < k; j++)
            if (Differencing.IsConstant(x.AsSpan(j * rows, rows))) return true;
        return false;
    }

    private static bool AllMissing(double[] x)
    {
        foreach (var v in x)
            if (!double.IsNaN(v)) return false;
        return true;
    }

    private static double[] DiffTimes(double[] x, int lag, int times)
    {
        var cur = x;
        for (var i = 0; i < times; i++) cur = Differencing.Diff(cur, lag);
        return cur;
    }

    /// <summary>forecast stops when <c>cbind(1, xreg)</c> is numerically rank deficient.</summary>
    private static void CheckRank(double[] xregg, int n, int k)
    {
        var rows = new List<int>();
        for (var t = 0; t < n; t++)
        {
            var ok = true;
            for (var j = 0; ok && j < k; j++) ok = !double.IsNaN(xregg[t + j * n]);
            if (ok) rows.Add(t);
        }
        var a = Matrix<double>.Build.Dense(rows.Count, k + 1, (i, j) => j == 0 ? 1.0 : xregg[rows[i] + (j - 1) * n]);
        var sv = a.Svd(computeVectors: false).S;
        if (sv.Minimum() / sv.Sum() < 2.220446049250313e-16) throw new ArimaException("xreg is rank deficient");
    }
}
