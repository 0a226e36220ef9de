using Research.Forecasting.Data;

namespace Research.Forecasting.Models;

/// <summary>
/// Runs a series model on every series of a panel (a "local" model, one fit per series), in parallel with
/// results placed by series index, so the outcome does not depend on thread timing. Fitting and forecasting both
/// use at most <see cref="FitContext.Parallelism"/> threads (the context given to <see cref="Fit"/>). A series
/// whose fit or forecast throws gets an error in the <see cref="PanelForecast"/> instead of stopping the run.
/// </summary>
/// <param name="Model">The series model.</param>
public sealed record LocalForecaster(ISeriesForecaster Model) : IForecaster
{
    /// <summary>Dynamic covariates passed to the model as regressors (must be known for the forecast periods).</summary>
    public IReadOnlyList<string> Regressors { get; init; } = [];

    /// <summary>Transform of the target before fitting, undone on the forecasts.</summary>
    public TargetTransform Transform { get; init; }

    /// <summary>Name in result tables; defaults to the series model's name.</summary>
    public string? Label { get; init; }

    public string Name => Label ?? Model.Name;

    public IForecastModel Fit(SeriesPanel train, FitContext context)
    {
        var columns = Regressors.Select(train.DynamicIndex).ToArray();
        var models = new ISeriesModel?[train.SeriesCount];
        var errors = new string?[train.SeriesCount];
        Parallel.For(0, train.SeriesCount, context.ParallelOptions, i =>
        {
            var s = train[i];
            try
            {
                models[i] = Model.Fit(ToData(s, columns, Transform));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException or NotSupportedException)
            {
                errors[i] = $"{Name} fit failed on {s.Id}: {e.Message}";
            }
        });
        return new Fitted(this, columns, models, errors, [.. train.Series.Select(s => s.Id)], context.ParallelOptions);
    }

    /// <summary>The target (transformed) and the regressor columns of one series.</summary>
    public static SeriesData ToData(SeriesView s, int[] columns, TargetTransform transform)
    {
        var y = new double[s.Length];
        var target = s.Target;
        for (var t = 0; t < y.Length; t++)
        {
            y[t] = transform.Apply(target[t]);
            // a missing value stays missing; a present one must stay a finite number (log of 0 or of -3 must not become "missing")
            if (!double.IsFinite(y[t]) && !double.IsNaN(target[t]))
                throw new ArgumentException($"series {s.Id}: the {transform} transform of {target[t].ToString(System.Globalization.CultureInfo.InvariantCulture)} at {s.Panel.Frequency.Format(s.Time[t])} is {(double.IsNaN(y[t]) ? "undefined" : "not finite")}");
        }
        return new SeriesData(y, RegressorRows(s, columns, s.Length), columns.Length, s.Id);
    }

    private static double[] RegressorRows(SeriesView s, int[] columns, int rows)
    {
        var x = new double[rows * columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var v = s.Dynamic(columns[j]);
            for (var t = 0; t < rows; t++) x[t * columns.Length + j] = v[t];
        }
        return x;
    }

    private sealed class Fitted(LocalForecaster spec, int[] columns, ISeriesModel?[] models, string?[] fitErrors, string[] ids, ParallelOptions parallel) : IForecastModel
    {
        public PanelForecast Forecast(SeriesPanel history, SeriesPanel future, int steps, IReadOnlyList<double>? levels = null)
        {
            if (history.SeriesCount != models.Length || future.SeriesCount != models.Length)
                throw new ArgumentException($"the model was fitted on {models.Length} series; history has {history.SeriesCount}, future {future.SeriesCount}");
            var forecasts = new SeriesForecast?[models.Length];
            var errors = new string?[models.Length];
            Parallel.For(0, models.Length, parallel, i =>
            {
                if (models[i] is not { } model)
                {
                    errors[i] = fitErrors[i];
                    return;
                }
                var h = history[i];
                try
                {
                    if (!string.Equals(h.Id, ids[i], StringComparison.Ordinal))
                        throw new ArgumentException($"history series {i} is {h.Id}, the model was fitted on {ids[i]}");
                    var x = FutureRegressors(h, future[i], steps);
                    var f = model.Forecast(ToData(h, columns, spec.Transform), x, steps, levels);
                    forecasts[i] = spec.Transform == TargetTransform.None ? f : f.Map(z => spec.Transform.Invert(z));
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException or NotSupportedException)
                {
                    errors[i] = $"{spec.Name} forecast failed on {h.Id}: {e.Message}";
                }
            });
            return new PanelForecast(forecasts, errors);
        }

        private double[] FutureRegressors(SeriesView history, SeriesView future, int steps)
        {
            if (columns.Length == 0) return [];
            var last = history.Length > 0 ? history.LastTime : throw new ArgumentException($"series {history.Id} has no history");
            var time = future.Time;
            if (time.Length < steps || time[0] != last + 1 || time[steps - 1] != last + steps)
                throw new ArgumentException($"series {history.Id}: regressors are needed for the {steps} periods after {history.Panel.Frequency.Format(last)}, but the future rows do not cover them");
            var x = RegressorRows(future, columns, steps);
            foreach (var v in x)
                if (!double.IsFinite(v)) throw new ArgumentException($"series {history.Id}: a future regressor value is missing");
            return x;
        }
    }
}
