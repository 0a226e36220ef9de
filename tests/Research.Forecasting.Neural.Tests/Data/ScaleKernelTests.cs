using Research.Forecasting.Neural.Data;

namespace Research.Forecasting.Neural.Tests.Data;

public class ScaleKernelTests
{
    private static readonly double[] Y = [3, 1, 4, 1, 5, 9, 2, 6, double.NaN];

    [Fact]
    public void Standard_uses_the_mean_and_population_sd_of_the_finite_values()
    {
        var a = ScaleKernel.Fit(Scaling.Standard, Y);
        // mean of 3,1,4,1,5,9,2,6 = 31/8; population variance = sum((y-mean)^2)/8 = 52.875/8
        Assert.Equal(31.0 / 8, a.Center, 12);
        Assert.Equal(Math.Sqrt(52.875 / 8), a.Scale, 12);
        Assert.Equal(0, a.Apply(31.0 / 8), 12);
        Assert.Equal(7.25, a.Invert(a.Apply(7.25)), 12);
    }

    [Fact]
    public void Robust_uses_the_median_and_the_type_7_interquartile_range()
    {
        // sorted 1,1,2,3,4,5,6,9: R quantile(type 7): median 3.5, Q1 = 1.75, Q3 = 5.25
        var a = ScaleKernel.Fit(Scaling.Robust, Y);
        Assert.Equal(3.5, a.Center, 12);
        Assert.Equal(3.5, a.Scale, 12);
    }

    [Fact]
    public void MinMax_maps_the_range_to_zero_one_and_a_constant_series_gets_scale_one()
    {
        var a = ScaleKernel.Fit(Scaling.MinMax, Y);
        Assert.Equal(0, a.Apply(1), 12);
        Assert.Equal(1, a.Apply(9), 12);
        Assert.Equal(new Affine(7, 1), ScaleKernel.Fit(Scaling.Standard, [7, 7, 7]));
        Assert.Equal(Affine.Identity, ScaleKernel.Fit(Scaling.None, Y));
    }
}
