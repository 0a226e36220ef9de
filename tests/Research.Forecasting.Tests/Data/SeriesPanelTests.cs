using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Data;

public sealed class SeriesPanelTests
{
    /// <summary>Two series on integer periods: a = 1..5 (y = 10t), b = 3..4 (y = -t), with a price covariate.</summary>
    internal static SeriesPanel Small()
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y", [new ColumnInfo("price")], [new ColumnInfo("size")]);
        b.Add(["a"], [1, 2, 3, 4, 5], [10, 20, 30, 40, 50], [[1.0, 1.1, 1.2, 1.3, 1.4]], [7]);
        b.Add(["b"], [3, 4], [-3, -4], [[2.0, 2.1]], [8]);
        return b.Build();
    }

    [Fact]
    public void Until_cuts_every_series_at_the_cutoff_without_copying()
    {
        var p = Small();
        var train = p.Until(3);
        Assert.Equal([10.0, 20, 30], train[0].Target.ToArray());
        Assert.Equal([-3.0], train[1].Target.ToArray());
        Assert.Equal(4, train.RowCount);
        // same buffer: the slice starts where the original series starts
        Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(train[0].Target),
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(p[0].Target)));
    }

    [Fact]
    public void Between_gives_a_forecast_window_and_empty_series_stay_in_place()
    {
        var window = Small().Between(5, 6);
        Assert.Equal([50.0], window[0].Target.ToArray());
        Assert.Equal(0, window[1].Length);
        Assert.Equal(2, window.SeriesCount);
        Assert.Equal([1.4], window[0].Dynamic("price").ToArray());
    }

    [Fact]
    public void Select_keeps_statics_and_order()
    {
        var p = Small().Select([1, 0]);
        Assert.Equal("b", p[0].Id);
        Assert.Equal(8, p[0].Static("size"));
        Assert.Equal(7, p.Find("a").Static("size"));
        Assert.Equal(-1, p.IndexOf("zzz"));
    }

    [Fact]
    public void WithTarget_and_WithDynamic_return_new_panels_and_leave_the_source_alone()
    {
        var p = Small();
        var doubled = p.WithTarget("y2", v => 2 * v);
        Assert.Equal("y2", doubled.TargetName);
        Assert.Equal([20.0, 40, 60, 80, 100], doubled[0].Target.ToArray());
        Assert.Equal([10.0, 20, 30, 40, 50], p[0].Target.ToArray());
        var withLag = p.WithDynamic(new ColumnInfo("t2"), s => s.Time.ToArray().Select(t => (double)t * t).ToArray());
        Assert.Equal([9.0, 16], withLag[1].Dynamic("t2").ToArray());
        Assert.False(p.HasDynamic("t2"));
    }

    [Fact]
    public void Columns_added_to_a_view_cover_exactly_that_view()
    {
        var view = Small().Select([1]).Until(3); // series b, time 3 only
        var withFlag = view.WithDynamic(new ColumnInfo("flag"), s => [.. Enumerable.Repeat(1.0, s.Length)]);
        Assert.Equal([1.0], withFlag[0].Dynamic("flag").ToArray());
        Assert.Equal([2.0], withFlag[0].Dynamic("price").ToArray());
        var withStatic = withFlag.WithStatic(new ColumnInfo("rank"), s => s.Index + 10);
        Assert.Equal(10, withStatic[0].Static("rank"));
        Assert.Equal(8, withStatic[0].Static("size"));
        Assert.Equal(1, withStatic.SeriesCount);
    }

    [Fact]
    public void Builder_rejects_times_that_do_not_increase()
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y");
        var e = Assert.Throws<ArgumentException>(() => b.Add(["a"], [1, 3, 3], [1, 2, 3]));
        Assert.Equal("time", e.ParamName);
        Assert.Contains("position 2 has 3 after 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_rejects_the_same_key_twice()
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y");
        b.Add(["a"], [1], [1]);
        Assert.Throws<ArgumentException>(() => b.Add(["a"], [2], [2]));
    }

    [Fact]
    public void Unknown_covariate_names_list_what_exists()
    {
        var e = Assert.Throws<ArgumentException>(() => Small()[0].Dynamic("prize"));
        Assert.Contains("no dynamic covariate 'prize'; the panel has: price", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_describes_the_panel()
    {
        Assert.Equal("SeriesPanel: 2 series (id), 7 rows, Periods 1..5; target y; dynamic: price; static: size", Small().ToString());
    }
}

public sealed class PanelProfileTests
{
    [Fact]
    public void Coverage_counts_rows_and_observed_targets_per_period()
    {
        var b = new PanelBuilder(Frequency.Periods, ["id"], "y");
        b.Add(["a"], [1, 2, 4], [1, double.NaN, 3]);
        b.Add(["b"], [2, 3], [5, 6]);
        var coverage = b.Build().Coverage();
        Assert.Equal([1L, 2, 3, 4], coverage.Select(c => c.Time));
        Assert.Equal([1, 2, 1, 1], coverage.Select(c => c.Series));
        Assert.Equal([1, 1, 1, 1], coverage.Select(c => c.Observed));
    }
}
