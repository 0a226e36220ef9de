using Research.Forecasting.Models.Arima;

namespace Research.Forecasting.Tests.Models.Arima;

/// <summary>
/// The stepwise search step by step against forecast 8.20's <c>auto.arima(trace = TRUE)</c>
/// (Fixtures/arima/trace.json from tests/reference/arima_trace.R): the same models in the same order, with the
/// same AICc as R prints it (7 significant digits) and the same rejections (R's Inf).
/// </summary>
public sealed class AutoArimaTraceTests
{
    public static TheoryData<string> Cases() => [.. ArimaCase.Traces.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Search_fits_Rs_models_in_Rs_order_with_Rs_criteria(string name)
    {
        var c = ArimaCase.Traces.Single(t => t.Name == name);
        var model = new AutoArima(new AutoArimaOptions { Period = c.Frequency, RegressorNames = c.XregNames, Trace = true }).FitModel(c.Data);
        var ours = model.Search;
        var r = c.Trace;
        Assert.Equal(r.Count, ours.Count);
        for (var i = 0; i < r.Count; i++)
        {
            var (o, e) = (ours[i], r[i]);
            Assert.True(o.Order == e.Order && o.Seasonal == e.Seasonal, $"{name} step {i}: R {e.Model}, ours {o.Model}");
            // R prints "Regression with ARIMA(p,d,q) errors" for regressors, which hides the constant
            if (c.XregNames.Length == 0) Assert.True(o.Constant == e.Constant, $"{name} step {i}: R {e.Model}, ours {o.Model}");
            if (double.IsPositiveInfinity(e.Criterion)) Assert.True(double.IsPositiveInfinity(o.Criterion), $"{name} step {i} {e.Model}: R Inf, ours {o.Criterion}");
            else Assert.True(Math.Abs(o.Criterion - e.Criterion) <= 1e-6 * Math.Abs(e.Criterion) + 5e-4, $"{name} step {i} {e.Model}: R {e.Criterion}, ours {o.Criterion}");
            Assert.Equal(i, o.Index);
        }
        var final = c.Numbers("final");   // R's arimaorder(): p, d, q [, P, D, Q, m]
        double[] chosen = final.Length > 3
            ? [model.Order.P, model.Order.D, model.Order.Q, model.Seasonal.P, model.Seasonal.D, model.Seasonal.Q, model.Period]
            : [model.Order.P, model.Order.D, model.Order.Q];
        Assert.Equal(final, chosen);
        // the trace only records; the search chooses the same model without it
        var untraced = new AutoArima(new AutoArimaOptions { Period = c.Frequency, RegressorNames = c.XregNames }).FitModel(c.Data);
        Assert.Empty(untraced.Search);
        Assert.Equal(model.Coefficients, untraced.Coefficients);
    }

    [Fact]
    public void Trace_lines_read_like_forecasts()
    {
        var drift = new AutoArimaTrial(0, new ArimaOrder(2, 1, 2), ArimaOrder.None, 1, Constant: true, 519.4483, Approximate: false);
        Assert.Equal("ARIMA(2,1,2) with drift: 519.4483", drift.ToString());
        var mean = new AutoArimaTrial(1, new ArimaOrder(1, 0, 0), new ArimaOrder(0, 0, 1), 12, Constant: true, double.PositiveInfinity, Approximate: false);
        Assert.Equal("ARIMA(1,0,0)(0,0,1)[12] with non-zero mean: Inf", mean.ToString());
        Assert.Empty(new Research.Forecasting.Models.Arima.Arima(new ArimaOptions { Order = new(1, 0, 0) }).FitModel(new([1, 3, 2, 4, 3, 5, 4, 6, 5, 7])).Search);
    }
}
