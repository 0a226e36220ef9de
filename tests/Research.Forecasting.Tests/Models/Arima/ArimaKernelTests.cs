using Research.Forecasting.Models.Arima;
using Research.Forecasting.Statistics;

namespace Research.Forecasting.Tests.Models.Arima;

/// <summary>The numerical kernels behind <c>Arima</c> against R 4.2.2's internals.</summary>
public sealed class ArimaKernelTests
{
    [Fact]
    public void Bfgs_follows_Rs_optim()
    {
        // R 4.2.2: fr <- function(x) 100 * (x[2] - x[1]^2)^2 + (1 - x[1])^2
        //   optim(c(-1.2, 1), fr, method = "BFGS"): par 0.99980443323139745 0.99960838062348123,
        //   value 3.8273827561079511e-08, counts function 118 gradient 38, convergence 0
        //   optimHess(par, fr): 801.68813340155748 -399.92177329254457 / 199.99999999998923
        var bfgs = new Bfgs();
        double[] par = [-1.2, 1];
        var status = bfgs.Minimize(new Rosenbrock(), par, [1.0, 1.0], out var value);
        Assert.Equal(OptimStatus.Converged, status);
        Assert.Equal(0.99980443323139745, par[0], 1e-12);
        Assert.Equal(0.99960838062348123, par[1], 1e-12);
        Assert.Equal(3.8273827561079511e-08, value, 1e-18);
        Assert.Equal(118 + 38 * 4, bfgs.Evaluations); // R counts gradients separately; each is 4 evaluations here
        var h = new double[4];
        Assert.True(bfgs.Hessian(new Rosenbrock(), par, [1.0, 1.0], h));
        Assert.Equal(801.68813340155748, h[0], 1e-6);
        Assert.Equal(-399.92177329254457, h[1], 1e-6);
        Assert.Equal(199.99999999998923, h[3], 1e-6);
    }

    private sealed class Rosenbrock : IObjective
    {
        public double Value(ReadOnlySpan<double> x)
        {
            var a = x[1] - x[0] * x[0];
            var b = 1 - x[0];
            return 100 * (a * a) + b * b; // R evaluates x^2 as x * x
        }
    }

    [Fact]
    public void Parameter_transforms_match_R()
    {
        // R 4.2.2, arma = c(p=2, q=1, P=1, Q=0, m=4, d=0, D=0), par = c(0.5, -0.3, 0.2, 0.1):
        //   .Call(stats:::C_ARIMA_transPars, par, arma, TRUE): phi 0.596737713600125841 -0.291312612451590902 0
        //     0.099667994624955819 -0.059475651231605767 0.029034543892006999; theta 0.2
        //   .Call(stats:::C_ARIMA_Invtrans, par, arma): 0.40546510810816433 -0.30951960420311175 0.2 0.10033534773107558
        //   .Call(stats:::C_ARIMA_Gradtrans, par, arma): [1,1] 1.01508045215992215 [2,1] -0.42302358239998394
        //     [2,2] 0.91540332522632717 [4,4] 0.98996729280355356
        var o = new ArmaOrders(2, 1, 1, 0, 4, 0, 0);
        double[] par = [0.5, -0.3, 0.2, 0.1];
        var phi = new double[o.PhiLength];
        var theta = new double[o.ThetaLength];
        ArmaTransform.ExpandPolynomials(par, o, true, phi, theta);
        double[] rPhi = [0.596737713600125841, -0.291312612451590902, 0, 0.099667994624955819, -0.059475651231605767, 0.029034543892006999];
        for (var i = 0; i < rPhi.Length; i++) Assert.Equal(rPhi[i], phi[i], 1e-15);
        Assert.Equal([0.2], theta);
        var inv = new double[4];
        ArmaTransform.InvTrans(par, o, inv);
        double[] rInv = [0.40546510810816433, -0.30951960420311175, 0.2, 0.10033534773107558];
        for (var i = 0; i < 4; i++) Assert.Equal(rInv[i], inv[i], 1e-15);
        var a = new double[16];
        ArmaTransform.GradTrans(par, o, a);
        Assert.Equal(1.01508045215992215, a[0], 1e-14);       // d new_1 / d raw_1
        Assert.Equal(-0.42302358239998394, a[1 * 4 + 0], 1e-14); // R's A[2,1]: d new_1 / d raw_2
        Assert.Equal(0.91540332522632717, a[1 * 4 + 1], 1e-14);
        Assert.Equal(0.98996729280355356, a[3 * 4 + 3], 1e-14);
        // the transform is invertible
        var back = new double[4];
        ArmaTransform.UndoPars(inv, o, back);
        for (var i = 0; i < 4; i++) Assert.Equal(par[i], back[i], 1e-14);
    }

    [Fact]
    public void Gardner_initial_covariance_matches_getQ0()
    {
        // R 4.2.2: .Call(stats:::C_getQ0, c(0.5, -0.2), c(0.4)):
        //   1.8823529411764706 0.17647058823529410 / 0.1764705882352941 0.23529411764705888
        var q0 = new double[4];
        new GardnerQ0().Compute([0.5, -0.2], [0.4], q0, 2);
        Assert.Equal(1.8823529411764706, q0[0], 1e-15);
        Assert.Equal(0.17647058823529410, q0[1], 1e-15);
        Assert.Equal(0.1764705882352941, q0[2], 1e-15);
        Assert.Equal(0.23529411764705888, q0[3], 1e-15);
    }

    [Fact]
    public void Least_squares_matches_lm_including_aliased_columns()
    {
        // R 4.2.2: x <- 1:8; z <- c(2,1,4,3,6,5,8,9); y <- c(1.1,2.3,2.9,4.2,5.1,5.8,7.2,8.1)
        //   lm(y ~ x + z): coef 0.1352941176470590368 0.9955882352941174407 -0.0058823529411762615,
        //     se 0.149429904719410589 0.081625816584599345 0.071007740371161129
        //   lm(y ~ x + I(2 * x)): coef 0.13571428571428634 0.98928571428571421 NA
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8], z = [2, 1, 4, 3, 6, 5, 8, 9], y = [1.1, 2.3, 2.9, 4.2, 5.1, 5.8, 7.2, 8.1];
        var fit = LeastSquares.Fit(y, [.. Enumerable.Repeat(1.0, 8), .. x, .. z], 3);
        Assert.Equal(3, fit.Rank);
        double[] coef = [0.1352941176470590368, 0.9955882352941174407, -0.0058823529411762615];
        double[] se = [0.149429904719410589, 0.081625816584599345, 0.071007740371161129];
        for (var j = 0; j < 3; j++)
        {
            Assert.Equal(coef[j], fit.Coefficients[j], 1e-14);
            Assert.Equal(se[j], fit.StandardErrors[j], 1e-14);
        }
        var aliased = LeastSquares.Fit(y, [.. Enumerable.Repeat(1.0, 8), .. x, .. x.Select(v => 2 * v)], 3);
        Assert.Equal(2, aliased.Rank);
        Assert.Equal(0.13571428571428634, aliased.Coefficients[0], 1e-14);
        Assert.Equal(0.98928571428571421, aliased.Coefficients[1], 1e-14);
        Assert.True(double.IsNaN(aliased.Coefficients[2]));
    }

    [Fact]
    public void Kpss_statistics_match_urca()
    {
        // R urca 1.3.3: ur.kpss(s, type = "mu", use.lag = trunc(3 * sqrt(length(s)) / 13))@teststat
        //   lynx 0.069465082094401678, WWWusage 0.72197431808158374
        var lynx = ArimaCase.Auto.Single(c => c.Name == "lynx").Y;
        var www = ArimaCase.Auto.Single(c => c.Name == "WWWusage").Y;
        Assert.Equal(0.069465082094401678, Kpss.Statistic(lynx, Kpss.ForecastLag(lynx.Length)), 1e-14);
        Assert.Equal(0.72197431808158374, Kpss.Statistic(www, Kpss.ForecastLag(www.Length)), 1e-14);
        // forecast's urca_pval: linear between the critical values, clamped to [0.01, 0.1]
        Assert.Equal(0.1, Kpss.PValue(0.2));
        Assert.Equal(0.05, Kpss.PValue(0.463), 1e-15);
        Assert.Equal(0.0375, Kpss.PValue((0.463 + 0.574) / 2), 1e-15);
        Assert.Equal(0.01, Kpss.PValue(2.0));
    }

    [Fact]
    public void Differencing_choices_match_forecast()
    {
        // R forecast 8.20: ndiffs(lynx) 0, ndiffs(WWWusage) 1, ndiffs(AirPassengers) 1;
        //   forecast:::seas.heuristic(AirPassengers) 0.94067249031021838; nsdiffs(AirPassengers) 1
        var air = ArimaCase.Auto.Single(c => c.Name == "AirPassengers").Y;
        Assert.Equal(0, Differencing.Differences(ArimaCase.Auto.Single(c => c.Name == "lynx").Y));
        Assert.Equal(1, Differencing.Differences(ArimaCase.Auto.Single(c => c.Name == "WWWusage").Y));
        Assert.Equal(1, Differencing.Differences(air));
        Assert.Equal(0.94067249031021838, Differencing.SeasonalStrength(air, 12), 1e-12);
        Assert.Equal(1, Differencing.SeasonalDifferences(air, 12));
        Assert.True(Differencing.IsConstant([3.0, 3.0, 3.0 + 1e-12]));
        Assert.False(Differencing.IsConstant([3.0, 3.0, 3.1]));
        Assert.False(Differencing.IsConstant([3.0, double.NaN, 3.0]));
    }

    [Fact]
    public void Stl_matches_R()
    {
        // R 4.2.2: st <- stl(AirPassengers, s.window = 11)$time.series
        //   seasonal[1:2] -16.977074086370799 -17.177633337161438; trend[1:2] 123.14505692808632 123.72506923990018
        var air = ArimaCase.Auto.Single(c => c.Name == "AirPassengers").Y;
        var d = Stl.Decompose(air, 12, 11);
        Assert.Equal(-16.977074086370799, d.Seasonal[0], 1e-10);
        Assert.Equal(-17.177633337161438, d.Seasonal[1], 1e-10);
        Assert.Equal(123.14505692808632, d.Trend[0], 1e-10);
        Assert.Equal(123.72506923990018, d.Trend[1], 1e-10);
        for (var t = 0; t < air.Length; t++) Assert.Equal(air[t], d.Seasonal[t] + d.Trend[t] + d.Remainder[t], 1e-9);
    }

    [Fact]
    public void Steady_state_shortcut_changes_the_likelihood_only_at_rounding_level()
    {
        var rnd = new Random(5);
        for (var trial = 0; trial < 300; trial++)
        {
            int p = rnd.Next(0, 4), q = rnd.Next(0, 4), d = rnd.Next(0, 3);
            var phi = new double[p];
            ArmaTransform.Partrans([.. Enumerable.Range(0, p).Select(_ => rnd.NextDouble() * 2 - 1)], phi);
            var theta = Enumerable.Range(0, q).Select(_ => rnd.NextDouble() * 1.6 - 0.8).ToArray();
            var delta = ArimaEstimator.DeltaPolynomial(new ArmaOrders(0, 0, 0, 0, 1, d, 0));
            var n = 60 + rnd.Next(100);
            var y = new double[n];
            var level = 0.0;
            for (var t = 0; t < n; t++) y[t] = level += rnd.NextDouble() - 0.5;
            if (trial % 3 == 0)
                for (var j = 0; j < 4; j++) y[rnd.Next(n)] = double.NaN;
            var fast = new ArimaKalman();
            fast.Setup(phi, theta, delta);
            var a = fast.Filter(y, []);
            var full = new ArimaKalman { CycleShortcut = false };
            full.Setup(phi, theta, delta);
            var b = full.Filter(y, []);
            Assert.Equal(b.Nu, a.Nu);
            Assert.Equal(b.Ssq, a.Ssq, 1e-10 * b.Ssq);
            Assert.Equal(b.SumLog, a.SumLog, 1e-10 * Math.Max(1, Math.Abs(b.SumLog)));
        }
    }

    [Fact]
    public void Four_lane_kernels_match_the_scalar_ones()
    {
        var rnd = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            int p = rnd.Next(0, 4), q = rnd.Next(0, 4), d = rnd.Next(0, 3);
            var o = new ArmaOrders(p, q, 0, 0, 1, d, 0);
            var delta = ArimaEstimator.DeltaPolynomial(o);
            var n = 60 + rnd.Next(80);
            var y = new double[n];
            var level = 0.0;
            for (var t = 0; t < n; t++) y[t] = level += rnd.NextDouble() - 0.5;
            if (trial % 4 == 0) y[rnd.Next(n)] = double.NaN;
            var phis = new double[4 * p];
            var thetas = new double[4 * q];
            for (var k = 0; k < 4; k++)
            {
                var raw = Enumerable.Range(0, p + q).Select(_ => rnd.NextDouble() * 1.6 - 0.8).ToArray();
                ArmaTransform.ExpandPolynomials(raw, o, true, phis.AsSpan(k * p, p), thetas.AsSpan(k * q, q));
            }
            var batch = new ArimaKalmanBatch();
            batch.Setup(phis, p, thetas, q, delta);
            var ssq = new double[4];
            var sumlog = new double[4];
            var nu = new int[4];
            batch.Filter(y, false, ssq, sumlog, nu);
            var w = new double[n];
            ArimaCss.Difference(y, o, w);
            var cssBatch = new double[4];
            var ncond = d + p;
            if (trial % 4 != 0)
                ArimaCss.VarianceBatch(w, false, phis, p, thetas, q, ncond, new System.Runtime.Intrinsics.Vector256<double>[n], cssBatch);
            for (var k = 0; k < 4; k++)
            {
                var scalar = new ArimaKalman();
                scalar.Setup(phis.AsSpan(k * p, p), thetas.AsSpan(k * q, q), delta);
                var (s, sl, c) = scalar.Filter(y, []);
                Assert.Equal(c, nu[k]);
                Assert.Equal(s, ssq[k], 1e-10 * s);
                Assert.Equal(sl, sumlog[k], 1e-10 * Math.Max(1, Math.Abs(sl)));
                if (trial % 4 != 0)
                    Assert.Equal(ArimaCss.Variance(w, phis.AsSpan(k * p, p), thetas.AsSpan(k * q, q), ncond, new double[n]), cssBatch[k]);
            }
        }
    }
}
