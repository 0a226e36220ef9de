using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Research.Forecasting.Data;

namespace Research.Forecasting.Backtesting;

/// <summary>
/// Splits a backtest by series across processes or machines, and puts the pieces back together. Shard k of n
/// (0 &lt;= k &lt; n) holds the series whose key hashes to k: the first eight bytes of the SHA-256 of the series id
/// (UTF-8), read as an unsigned big-endian integer, modulo n. The assignment depends on the id alone: not on the
/// process (.NET's string hashing is randomised per process), the machine, the panel's order or the other series.
/// Each shard backtests its series against the whole panel (<see cref="Backtester.Run"/> with <c>series</c>);
/// <see cref="ForecastTable.Merge"/> and <see cref="MergeFailures"/> restore the order of a single run, so the merged
/// output equals the unsharded one when every model is local (fits each series on its own).
/// </summary>
public static class Shards
{
    /// <summary>The shard (0 .. <paramref name="count"/> − 1) of a series.</summary>
    public static int Of(string seriesId, int count)
    {
        ArgumentNullException.ThrowIfNull(seriesId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(seriesId), hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count);
    }

    /// <summary>The indices (in panel order) of the series of shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    public static int[] Select(SeriesPanel panel, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return [.. Enumerable.Range(0, panel.SeriesCount).Where(i => Of(panel[i].Id, count) == index)];
    }

    /// <summary>
    /// The failures of the shards in the order of a single run: by round, then model (in <paramref name="models"/>'
    /// order), then the series' index in the panel.
    /// </summary>
    public static IReadOnlyList<ModelFailure> MergeFailures(IEnumerable<ModelFailure> failures, IReadOnlyList<string> models, IReadOnlyDictionary<string, int> seriesIndex)
    {
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(seriesIndex);
        int ModelOf(ModelFailure f)
        {
            for (var m = 0; m < models.Count; m++)
                if (string.Equals(models[m], f.Model, StringComparison.Ordinal)) return m;
            throw new ArgumentException($"a failure of model {f.Model}, which the run does not have", nameof(failures));
        }
        int SeriesOf(ModelFailure f) => seriesIndex.TryGetValue(f.Series, out var i) ? i
            : throw new ArgumentException($"a failure of series {f.Series}, which has no index", nameof(seriesIndex));
        return [.. failures.OrderBy(f => f.Round).ThenBy(ModelOf).ThenBy(SeriesOf)];
    }
}
