using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Research.Forecasting.Models.Arima;

/// <summary>
/// Element-wise column kernels, vectorised where the hardware allows; each element gets exactly the scalar
/// operations in the same order (IEEE arithmetic is lane-wise), so results do not depend on the vector width.
/// </summary>
internal static class Columns
{
    /// <summary>
    /// Shorter columns are processed element by element (vector loads of freshly scalar-stored values stall), except
    /// for the updates with divisions, where vector division pays.
    /// </summary>
    private const int VectorMin = 8;

    /// <summary><c>dst[i] = a[i] * s + y[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MulAdd(ref double dst, ref double a, double s, ref double y, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= VectorMin)
        {
            var vs = Vector256.Create(s);
            for (; i + 4 <= n; i += 4)
                (Vector256.LoadUnsafe(ref a, (nuint)i) * vs + Vector256.LoadUnsafe(ref y, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dst, i) = Unsafe.Add(ref a, i) * s + Unsafe.Add(ref y, i);
    }

    /// <summary><c>dst[i] = s * x[i] + y[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScaleAdd(ref double dst, double s, ref double x, ref double y, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= VectorMin)
        {
            var vs = Vector256.Create(s);
            for (; i + 4 <= n; i += 4)
                (vs * Vector256.LoadUnsafe(ref x, (nuint)i) + Vector256.LoadUnsafe(ref y, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dst, i) = s * Unsafe.Add(ref x, i) + Unsafe.Add(ref y, i);
    }

    /// <summary><c>dst[i] = s * x[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scale(ref double dst, double s, ref double x, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= VectorMin)
        {
            var vs = Vector256.Create(s);
            for (; i + 4 <= n; i += 4) (vs * Vector256.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dst, i) = s * Unsafe.Add(ref x, i);
    }

    /// <summary><c>dst[i] += s * x[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled(ref double dst, double s, ref double x, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= VectorMin)
        {
            var vs = Vector256.Create(s);
            for (; i + 4 <= n; i += 4)
                (Vector256.LoadUnsafe(ref dst, (nuint)i) + vs * Vector256.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dst, i) += s * Unsafe.Add(ref x, i);
    }

    /// <summary><c>dst[i] += x[i]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ref double dst, ref double x, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= VectorMin)
        {
            for (; i + 4 <= n; i += 4)
                (Vector256.LoadUnsafe(ref dst, (nuint)i) + Vector256.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref dst, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dst, i) += Unsafe.Add(ref x, i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(ref double dst, ref double x, int n)
    {
        for (var i = 0; i < n; i++) Unsafe.Add(ref dst, i) = Unsafe.Add(ref x, i);
    }

    /// <summary><c>dst[i] = p[i] - m[i] * s / g</c> (the covariance update, R's operation order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubScaledDiv(ref double dst, ref double p, ref double m, double s, double g, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var vs = Vector256.Create(s);
            var vg = Vector256.Create(g);
            for (; i + 4 <= n; i += 4)
                (Vector256.LoadUnsafe(ref p, (nuint)i) - Vector256.LoadUnsafe(ref m, (nuint)i) * vs / vg).StoreUnsafe(ref dst, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dst, i) = Unsafe.Add(ref p, i) - Unsafe.Add(ref m, i) * s / g;
    }

    /// <summary><c>dst[i] = x[i] + m[i] * s / g</c> (the state update).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaledDiv(ref double dst, ref double x, ref double m, double s, double g, int n)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            var vs = Vector256.Create(s);
            var vg = Vector256.Create(g);
            for (; i + 4 <= n; i += 4)
                (Vector256.LoadUnsafe(ref x, (nuint)i) + Vector256.LoadUnsafe(ref m, (nuint)i) * vs / vg).StoreUnsafe(ref dst, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref dst, i) = Unsafe.Add(ref x, i) + Unsafe.Add(ref m, i) * s / g;
    }
}
