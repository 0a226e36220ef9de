using Research.Forecasting.Charts;

namespace Research.Forecasting.Tests.Charts;

public sealed class HistogramBinsTests
{
    [Fact]
    public void Given_width_bins_start_on_a_multiple_of_it_and_cover_the_maximum()
    {
        var b = HistogramBins.For([0.3, 1.2, 4.9, 5.0], size: 2);
        Assert.Equal(new HistogramBins(0, 2, 3), b);
        Assert.Equal(6, b.End);
        Assert.Equal([2, 0, 2], b.Count([0.3, 1.2, 4.9, 5.0]));
    }

    [Fact]
    public void Bins_are_closed_on_the_left()
    {
        var b = new HistogramBins(0, 1, 3);
        Assert.Equal([1, 2, 1], b.Count([0, 1, 1.5, 2, 3, -0.1, double.NaN]));
    }

    [Fact]
    public void Integer_data_is_centred_in_unit_bins()
    {
        var b = HistogramBins.For([0, 1, 1, 2, 2, 2, 3]);
        Assert.Equal(-0.5, b.Start);
        Assert.Equal(1, b.Size);
        Assert.Equal([1, 2, 3, 1], b.Count([0, 1, 1, 2, 2, 2, 3]));
    }

    [Fact]
    public void A_bin_count_gives_a_nice_width_near_range_over_count()
    {
        var values = Enumerable.Range(0, 101).Select(i => i * 0.97).ToArray(); // 0..97, not integers
        var b = HistogramBins.For(values, bins: 10);
        Assert.Equal(10, b.Size);
        Assert.Equal(0, b.Start);
        Assert.Equal(10, b.BinCount);
        Assert.Equal(values.Length, b.Count(values).Sum());
    }

    [Fact]
    public void Density_bars_have_unit_area_and_probabilities_sum_to_one()
    {
        double[] v = [0.1, 0.2, 0.3, 1.1, 1.4, 2.5];
        var bins = new HistogramBins(0, 0.5, 6);
        var density = new HistogramTrace { Values = v, Bins = bins, Norm = HistogramNorm.ProbabilityDensity }.Heights();
        Assert.Equal(1, density.Sum() * 0.5, 12);
        var probability = new HistogramTrace { Values = v, Bins = bins, Norm = HistogramNorm.Probability }.Heights();
        Assert.Equal([0.5, 0, 2 / 6.0, 0, 0, 1 / 6.0], probability);
    }
}
