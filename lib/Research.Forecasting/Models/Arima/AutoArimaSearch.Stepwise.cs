namespace Research.Forecasting.Models.Arima;

/// <summary>The model search of forecast's <c>auto.arima</c>: stepwise (Hyndman and Khandakar 2008, sec. 3.2) or exhaustive.</summary>
internal sealed partial class AutoArimaSearch
{
    private Candidate Stepwise(int maxp, int maxq, int maxP, int maxQ, bool constant, bool allowdrift, bool allowmean, bool approximation, double offset)
    {
        var o = _o;
        var m = _m;
        int startp = o.StartP, startq = o.StartQ, startP = o.StartSeasonalP, startQ = o.StartSeasonalQ;
        if (_x.Length < 10)
        {
            startp = Math.Min(startp, 1);
            startq = Math.Min(startq, 1);
            startP = 0;
            startQ = 0;
        }
        var p = Math.Min(startp, maxp);
        var q = Math.Min(startq, maxq);
        var sp = Math.Min(startP, maxP);
        var sq = Math.Min(startQ, maxQ);
        var nmodels = o.MaxModels;
        var results = new List<Candidate>();

        var best = Fit(p, q, sp, sq, constant, approximation, offset);
        Validate(best);
        Record(results, best);
        var fit = Fit(0, 0, 0, 0, constant, approximation, offset);
        Record(results, fit);
        if (Improves(fit, best))
        {
            best = fit;
            p = q = sp = sq = 0;
        }
        var k = 2;
        if (maxp > 0 || maxP > 0)
        {
            var pp = maxp > 0 ? 1 : 0;
            var spp = m > 1 && maxP > 0 ? 1 : 0;
            fit = Fit(pp, 0, spp, 0, constant, approximation, offset);
            Record(results, fit);
            if (Improves(fit, best))
            {
                best = fit;
                p = pp;
                sp = spp;
                q = sq = 0;
            }
            k++;
        }
        if (maxq > 0 || maxQ > 0)
        {
            var qq = maxq > 0 ? 1 : 0;
            var sqq = m > 1 && maxQ > 0 ? 1 : 0;
            fit = Fit(0, qq, 0, sqq, constant, approximation, offset);
            Record(results, fit);
            if (Improves(fit, best))
            {
                best = fit;
                p = sp = 0;
                sq = sqq;
                q = qq;
            }
            k++;
        }
        if (constant)
        {
            fit = Fit(0, 0, 0, 0, false, approximation, offset);
            Record(results, fit);
            if (Improves(fit, best))
            {
                best = fit;
                p = q = sp = sq = 0;
            }
            k++;
        }

        // neighbourhood moves in forecast's order; each accepted move restarts the scan
        (int dp, int dq, int dsp, int dsq)[] moves =
        [
            (0, 0, -1, 0), (0, 0, 0, -1), (0, 0, 1, 0), (0, 0, 0, 1),
            (0, 0, -1, -1), (0, 0, -1, 1), (0, 0, 1, -1), (0, 0, 1, 1),
            (-1, 0, 0, 0), (0, -1, 0, 0), (1, 0, 0, 0), (0, 1, 0, 0),
            (-1, -1, 0, 0), (-1, 1, 0, 0), (1, -1, 0, 0), (1, 1, 0, 0),
        ];
        var startk = 0;
        while (startk < k && k < nmodels)
        {
            startk = k;
            var moved = false;
            foreach (var (dp, dq, dsp, dsq) in moves)
            {
                int np = p + dp, nq = q + dq, nsp = sp + dsp, nsq = sq + dsq;
                if (np < 0 || nq < 0 || nsp < 0 || nsq < 0 || np > maxp || nq > maxq || nsp > maxP || nsq > maxQ) continue;
                if (!IsNew(results, np, nq, nsp, nsq, constant)) continue;
                k++;
                if (k > nmodels)
                {
                    moved = true; // R's `next` ends this pass; the while condition then stops
                    break;
                }
                fit = Fit(np, nq, nsp, nsq, constant, approximation, offset);
                Record(results, fit);
                if (Improves(fit, best))
                {
                    best = fit;
                    p = np;
                    q = nq;
                    sp = nsp;
                    sq = nsq;
                    moved = true;
                    break;
                }
            }
            if (moved) continue;
            if (allowdrift || allowmean)
            {
                if (IsNew(results, p, q, sp, sq, !constant))
                {
                    k++;
                    if (k > nmodels) continue;
                    fit = Fit(p, q, sp, sq, !constant, approximation, offset);
                    Record(results, fit);
                    if (Improves(fit, best))
                    {
                        best = fit;
                        constant = !constant;
                    }
                }
            }
        }

        if (approximation && best.Fit is not null) best = Refit(results);
        return best;
    }

    /// <summary>
    /// Refits the searched models without approximation in order of their criterion until one is acceptable
    /// (forecast orders by the CSS criteria of the table; a model failing its check counts as infinite).
    /// </summary>
    private Candidate Refit(List<Candidate> results)
    {
        var finite = results.Where(c => !double.IsPositiveInfinity(c.Ic)).OrderBy(c => c.Ic).ThenBy(c => c.Index).ToList();
        var infinite = results.Where(c => double.IsPositiveInfinity(c.Ic)).ToList();
        Candidate? last = null;
        foreach (var c in finite)
        {
            Validate(c);
            if (double.IsPositiveInfinity(c.Ic))
            {
                infinite.Add(c);
                continue;
            }
            last = Fit(c.P, c.Q, c.SP, c.SQ, c.Constant, false, 0.0, _o.Method);
            Validate(last);
            if (!double.IsPositiveInfinity(last.Ic)) return last;
        }
        foreach (var c in infinite.OrderBy(c => c.Index))
        {
            last = Fit(c.P, c.Q, c.SP, c.SQ, c.Constant, false, 0.0, _o.Method);
            Validate(last);
            if (!double.IsPositiveInfinity(last.Ic)) return last;
        }
        return last ?? results[0];
    }

    private Candidate Exhaustive(int maxp, int maxq, int maxP, int maxQ, bool allowConstant, bool approximation, double offset)
    {
        Candidate? best = null;
        var bestIc = double.PositiveInfinity;
        var maxK = allowConstant ? 1 : 0;
        for (var i = 0; i <= maxp; i++)
            for (var j = 0; j <= maxq; j++)
                for (var si = 0; si <= maxP; si++)
                    for (var sj = 0; sj <= maxQ; sj++)
                    {
                        if (i + j + si + sj > _o.MaxOrder) continue;
                        for (var kk = 0; kk <= maxK; kk++)
                        {
                            var fit = Fit(i, j, si, sj, kk == 1, approximation, offset);
                            if (fit.Ic < bestIc)
                            {
                                Validate(fit);
                                if (fit.Ic < bestIc)
                                {
                                    bestIc = fit.Ic;
                                    best = fit;
                                }
                            }
                        }
                    }
        if (best is null) throw new ArimaException("No ARIMA model able to be estimated");
        if (approximation)
        {
            var refit = Fit(best.P, best.Q, best.SP, best.SQ, best.Constant, false, 0.0, _o.Method);
            Validate(refit);
            best = double.IsPositiveInfinity(refit.Ic)
                ? Exhaustive(maxp, maxq, maxP, maxQ, allowConstant, false, offset)
                : refit;
        }
        return best;
    }

    private static bool Improves(Candidate fit, Candidate best)
    {
        if (!(fit.Ic < best.Ic)) return false;
        Validate(fit);
        return fit.Ic < best.Ic;
    }

    private static void Record(List<Candidate> results, Candidate c)
    {
        c.Index = results.Count;
        results.Add(c);
    }

    private static bool IsNew(List<Candidate> results, int p, int q, int sp, int sq, bool constant)
    {
        foreach (var c in results)
            if (c.P == p && c.Q == q && c.SP == sp && c.SQ == sq && c.Constant == constant) return false;
        return true;
    }

    /// <summary>forecast's <c>checkarima</c>, run when it can matter: a model whose coefficient variance fails is infinite.</summary>
    private static void Validate(Candidate c)
    {
        if (c.Validated) return;
        c.Validated = true;
        if (c.Fit is null || double.IsPositiveInfinity(c.Ic)) return;
        if (!c.Fit.VarianceIsValid()) c.Ic = double.PositiveInfinity;
    }
}
