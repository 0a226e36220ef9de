using Research.Forecasting.Statistics;

namespace Research.Forecasting.Models.Arima;

/// <summary>The objectives R's <c>arima</c> optimises: <c>armaCSS</c> and <c>armafn</c>.</summary>
internal sealed partial class ArimaEstimator
{
    private abstract class ObjectiveBase(ArimaEstimator owner) : IBatchObjective
    {
        public int BatchSize => Owner.Batched ? ArimaKalmanBatch.Width : 1;

        public abstract void Values(ReadOnlySpan<double> points, int count, Span<double> values);

        /// <summary>
        /// Each lane's polynomials into the lane buffers (lanes past <paramref name="count"/> repeat the last point)
        /// and, with regressors, its <c>y - X beta</c> (differenced when <paramref name="difference"/>).
        /// </summary>
        protected void Lanes(ReadOnlySpan<double> points, int count, bool transform, bool difference)
        {
            var prob = Prob;
            var o = prob.Orders;
            int p = o.PhiLength, q = o.ThetaLength, n = prob.N;
            var npar = points.Length / count;
            for (var lane = 0; lane < ArimaKalmanBatch.Width; lane++)
            {
                var k = Math.Min(lane, count - 1);
                var par = Fill(points.Slice(k * npar, npar));
                ArmaTransform.ExpandPolynomials(par, o, transform, Owner._phiLanes.AsSpan(lane * p, p), Owner._thetaLanes.AsSpan(lane * q, q));
                if (prob.K > 0)
                {
                    var x = Owner.Adjusted(prob, par);
                    var dst = Owner._xLanes.AsSpan(lane * n, n);
                    if (difference) ArimaCss.Difference(x, o, dst);
                    else x.CopyTo(dst);
                }
            }
        }

        protected ArimaEstimator Owner { get; } = owner;

        protected ArimaProblem Prob { get; private set; } = null!;

        protected void BindProblem(ArimaProblem prob) => Prob = prob;

        /// <summary>The full coefficient vector with the free values set.</summary>
        protected Span<double> Fill(ReadOnlySpan<double> p)
        {
            var prob = Prob;
            var par = Owner._par.AsSpan(0, prob.Fixed.Length);
            prob.Fixed.CopyTo(par);
            var free = prob.Free;
            for (var i = 0; i < free.Length; i++) par[free[i]] = p[i];
            return par;
        }

        public abstract double Value(ReadOnlySpan<double> parameters);
    }

    /// <summary>R's <c>armaCSS</c>: <c>0.5 log(CSS variance)</c>.</summary>
    private sealed class CssObjective(ArimaEstimator owner) : ObjectiveBase(owner)
    {
        private int _ncond;

        public void Bind(ArimaProblem prob, int ncond)
        {
            BindProblem(prob);
            _ncond = ncond;
        }

        public override double Value(ReadOnlySpan<double> parameters)
        {
            var prob = Prob;
            var par = Fill(parameters);
            var o = prob.Orders;
            var phi = Owner._phi.AsSpan(0, o.PhiLength);
            var theta = Owner._theta.AsSpan(0, o.ThetaLength);
            ArmaTransform.ExpandPolynomials(par, o, false, phi, theta);
            ReadOnlySpan<double> w;
            if (prob.K == 0)
            {
                w = prob.Differenced;
            }
            else
            {
                var x = Owner.Adjusted(prob, par);
                var wb = Owner._w.AsSpan(0, prob.N);
                ArimaCss.Difference(x, o, wb);
                w = wb;
            }
            var res = ArimaCss.Variance(w, phi, theta, _ncond, Owner._resid.AsSpan(0, prob.N));
            return 0.5 * Math.Log(res);
        }

        public override void Values(ReadOnlySpan<double> points, int count, Span<double> values)
        {
            var prob = Prob;
            var o = prob.Orders;
            Lanes(points, count, false, true);
            Span<double> v = stackalloc double[ArimaKalmanBatch.Width];
            var perLane = prob.K > 0;
            ReadOnlySpan<double> w = perLane ? Owner._xLanes.AsSpan(0, ArimaKalmanBatch.Width * prob.N) : prob.Differenced;
            ArimaCss.VarianceBatch(w, perLane, Owner._phiLanes, o.PhiLength, Owner._thetaLanes, o.ThetaLength, _ncond, Owner._residLanes.AsSpan(0, prob.N), v);
            for (var k = 0; k < count; k++) values[k] = 0.5 * Math.Log(v[k]);
        }
    }

    /// <summary>R's <c>armafn</c>: <c>0.5 (log(ssq / nu) + sumlog / nu)</c> from the Kalman filter.</summary>
    private sealed class MlObjective(ArimaEstimator owner) : ObjectiveBase(owner)
    {
        private bool _transform;

        public void Bind(ArimaProblem prob, bool transform)
        {
            BindProblem(prob);
            _transform = transform;
        }

        public override double Value(ReadOnlySpan<double> parameters)
        {
            var prob = Prob;
            var par = Fill(parameters);
            var o = prob.Orders;
            var phi = Owner._phi.AsSpan(0, o.PhiLength);
            var theta = Owner._theta.AsSpan(0, o.ThetaLength);
            ArmaTransform.ExpandPolynomials(par, o, _transform, phi, theta);
            var kalman = Owner._kalman;
            kalman.Setup(phi, theta, prob.Delta);
            var x = Owner.Adjusted(prob, par);
            var (ssq, sumlog, nu) = kalman.Filter(x, []);
            var s2 = ssq / nu;
            return 0.5 * (Math.Log(s2) + sumlog / nu);
        }

        public override void Values(ReadOnlySpan<double> points, int count, Span<double> values)
        {
            var prob = Prob;
            var o = prob.Orders;
            Lanes(points, count, _transform, false);
            var batch = Owner._batch;
            batch.Setup(Owner._phiLanes, o.PhiLength, Owner._thetaLanes, o.ThetaLength, prob.Delta);
            Span<double> ssq = stackalloc double[ArimaKalmanBatch.Width];
            Span<double> sumlog = stackalloc double[ArimaKalmanBatch.Width];
            Span<int> nu = stackalloc int[ArimaKalmanBatch.Width];
            var perLane = prob.K > 0;
            batch.Filter(perLane ? Owner._xLanes.AsSpan(0, ArimaKalmanBatch.Width * prob.N) : prob.Y, perLane, ssq, sumlog, nu);
            for (var k = 0; k < count; k++)
            {
                var s2 = ssq[k] / nu[k];
                values[k] = 0.5 * (Math.Log(s2) + sumlog[k] / nu[k]);
            }
        }
    }
}
