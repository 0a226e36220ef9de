using System.Runtime.CompilerServices;
using System.Text;

namespace Research.Forecasting.Data;

/// <summary>
/// Reads a long-format file (<c>.csv</c> or gzip-compressed) into a <see cref="SeriesPanel"/> as a
/// <see cref="PanelSchema"/> describes it. Nothing is half-loaded: any bad field stops the load with a
/// <see cref="DataFormatException"/> naming the file, line and column, and a truncated or corrupt gzip file is an
/// error naming the file. Series are ordered by key (numerically where keys are integers) and rows by time,
/// whatever the order in the file. The file is streamed and columns grow in small chunks, so the peak memory is
/// about the size of the loaded columns plus one column, not the size of the file.
/// </summary>
public static class PanelLoader
{
    /// <summary>Loads <paramref name="path"/> with <paramref name="schema"/>.</summary>
    public static SeriesPanel Load(string path, PanelSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.Validate();
        using var csv = CsvReader.Open(path);
        return Load(csv, schema);
    }

    /// <summary>Loads from an open reader positioned before the header.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SeriesPanel Load(CsvReader csv, PanelSchema schema)
    {
        schema.Validate();
        csv.ReadHeader();
        var width = csv.Header.Count;
        var idCols = schema.Ids.Select(csv.Require).ToArray();
        var timeCol = csv.Require(schema.Time);
        var targetCol = csv.Require(schema.Target);
        var dynSpecs = schema.Dynamic.ToArray();
        var dynCols = dynSpecs.Select(c => csv.Require(c.Name)).ToArray();
        var statSpecs = schema.Static.ToArray();
        var statCols = statSpecs.Select(c => csv.Require(c.Name)).ToArray();
        var dynCats = dynSpecs.Select(c => c.Categorical ? new Categories() : null).ToArray();
        var statCats = statSpecs.Select(c => c.Categorical ? new Categories() : null).ToArray();
        var frequency = schema.Frequency;
        var targetBound = schema.TargetBound;

        var keys = new SeriesKeys(idCols.Length);
        if (!csv.Read())
            throw new DataFormatException(csv.File, 2, 0, null, "the file has a header but no data rows");
        // a plain file's line count bounds its record count: then columns are exact arrays, else they grow in chunks
        var bound = csv.CountRecordsUpperBound();
        var sid = new Column<int>(bound);
        var time = new Column<long>(bound);
        var target = new Column<double>(bound);
        var dyn = dynSpecs.Select(_ => new Column<double>(bound)).ToArray();
        var statValues = new List<double[]>();
        var statLines = new List<int>();

        do
        {
            if (csv.FieldCount != width)
                throw csv.Error(-1, $"the record has {csv.FieldCount} fields but the header has {width}");
            var s = keys.Lookup(csv, idCols);
            sid.Add(s);
            time.Add(ReadTime(csv, timeCol, frequency));
            var y = ReadNumber(csv, targetCol, schema.TargetAllowsMissing);
            if (targetBound is not null && y <= targetBound.ExclusiveMinimum)
                throw csv.Error(targetCol, $"{Number(y)} is not above {Number(targetBound.ExclusiveMinimum)}: {targetBound.Reason}");
            target.Add(y);
            for (var c = 0; c < dynCols.Length; c++)
                dyn[c].Add(ReadCovariate(csv, dynCols[c], dynSpecs[c], dynCats[c]));
            if (statCols.Length > 0)
            {
                if (s == statValues.Count)
                {
                    var v = new double[statCols.Length];
                    for (var c = 0; c < v.Length; c++)
                        v[c] = ReadCovariate(csv, statCols[c], statSpecs[c], statCats[c]);
                    statValues.Add(v);
                    statLines.Add(csv.Line);
                }
                else
                {
                    for (var c = 0; c < statCols.Length; c++)
                    {
                        var v = ReadCovariate(csv, statCols[c], statSpecs[c], statCats[c]);
                        var first = statValues[s][c];
                        if (!v.Equals(first))
                            throw csv.Error(statCols[c],
                                $"static covariate varies within series {Describe(schema.Ids, keys.Key(s))}: '{csv.GetString(statCols[c])}' here but '{Label(statCats[c], first)}' on line {statLines[s]}");
                    }
                }
            }
        }
        while (csv.Read());

        // Series in key order; rows grouped by series (counting sort, stable), then by time.
        var n = sid.Count;
        var seriesCount = keys.Count;
        var order = Enumerable.Range(0, seriesCount).ToArray();
        Array.Sort(order, (a, b) => KeyComparer.Instance.Compare(keys.Key(a), keys.Key(b)));
        var rank = new int[seriesCount];
        for (var r = 0; r < seriesCount; r++) rank[order[r]] = r;
        var offsets = new int[seriesCount + 1];
        for (var i = 0; i < n; i++) offsets[rank[sid[i]] + 1]++;
        for (var r = 0; r < seriesCount; r++) offsets[r + 1] += offsets[r];
        var perm = new int[n];
        var next = offsets[..^1];
        for (var i = 0; i < n; i++) perm[next[rank[sid[i]]]++] = i;
        sid = null!;

        long[]? spareLong = null;
        var sortedTime = time.Take(perm, ref spareLong);
        time = null!;
        spareLong = null;
        ReturnMemory();
        for (var r = 0; r < seriesCount; r++)
        {
            var from = offsets[r];
            var len = offsets[r + 1] - from;
            var t = sortedTime.AsSpan(from, len);
            if (IsAscending(t)) continue;
            if (IsDescending(t))
            {
                t.Reverse();
                perm.AsSpan(from, len).Reverse();
            }
            else
            {
                Array.Sort(sortedTime, perm, from, len);
            }
        }
        for (var r = 0; r < seriesCount; r++)
        {
            for (var j = offsets[r] + 1; j < offsets[r + 1]; j++)
            {
                if (sortedTime[j] != sortedTime[j - 1]) continue;
                // line numbers are only needed here, on the error path: find them with a second pass
                var found = csv.LinesOfRecords(perm[j], perm[j - 1]);
                var (l1, l2) = (Math.Min(found[0], found[1]), Math.Max(found[0], found[1]));
                throw new DataFormatException(csv.File, l2, timeCol + 1, schema.Time,
                    $"duplicate (series, time) key: {Describe(schema.Ids, keys.Key(order[r]))}, {schema.Time}={frequency.Format(sortedTime[j])} is also on line {l1}");
            }
        }

        // one column at a time, each gathered into the array the previous column left (or a fresh one)
        double[]? spare = null;
        var targetValues = target.Take(perm, ref spare);
        target = null!;
        ReturnMemory();
        var dynValues = new double[dyn.Length][];
        for (var c = 0; c < dyn.Length; c++)
        {
            dynValues[c] = dyn[c].Take(perm, ref spare);
            dyn[c] = null!;
            ReturnMemory();
            if (dynCats[c] is { } cat) cat.Recode(dynValues[c]);
        }

        var store = new PanelStore(
            frequency,
            [.. schema.Ids],
            order.Select(keys.Key).ToArray(),
            offsets,
            sortedTime,
            schema.Target,
            targetValues,
            dynSpecs.Select((c, i) => new ColumnInfo(c.Name, dynCats[i]?.Levels)).ToArray(),
            dynValues,
            statSpecs.Select((c, i) => new ColumnInfo(c.Name, statCats[i]?.Levels)).ToArray(),
            statSpecs.Select((_, c) =>
            {
                var v = order.Select(s => statValues[s][c]).ToArray();
                return statCats[c] is { } cat ? cat.Recode(v) : v;
            }).ToArray());
        return new SeriesPanel(store);
    }

    /// <summary>
    /// After a column's chunks are dropped: a full blocking collection, so their memory holds the next gathered
    /// column instead of the process growing by one column per step (only for large loads, where it pays).
    /// </summary>
    private static void ReturnMemory()
    {
        if (GC.GetTotalMemory(forceFullCollection: false) > 64L << 20)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double ReadNumber(CsvReader csv, int col, bool allowMissing, bool covariate = false)
    {
        var f = csv.Field(col);
        if (FieldParser.TryParseDouble(f, out var v) && double.IsFinite(v)) return v;
        if (FieldParser.IsMissing(f) || (double.IsNaN(v) && !f.IsEmpty))
            return allowMissing ? double.NaN : throw csv.Error(col, $"a value is required, but the field is {(f.IsEmpty ? "empty" : $"'{Encoding.UTF8.GetString(f)}'")}");
        if (double.IsInfinity(v))
            throw csv.Error(col, $"'{Encoding.UTF8.GetString(f)}' is not a finite number");
        var hint = !covariate ? "" : FieldParser.TryParseBoolean(f, out _) ? " (a true/false column: declare it boolean)"
            : ContainsLetter(f) ? " (a text column: declare it categorical)" : "";
        throw csv.Error(col, $"'{Encoding.UTF8.GetString(f)}' is not a number{hint}");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double ReadCovariate(CsvReader csv, int col, ColumnSpec spec, Categories? categories)
    {
        if (categories is not null) return categories.Read(csv, col, spec.AllowMissing);
        if (spec.Kind != ColumnKind.Boolean) return ReadNumber(csv, col, spec.AllowMissing, covariate: true);
        var f = csv.Field(col);
        if (FieldParser.TryParseBoolean(f, out var b)) return b ? 1 : 0;
        if (FieldParser.IsMissing(f))
            return spec.AllowMissing ? double.NaN : throw csv.Error(col, $"a value is required, but the field is {(f.IsEmpty ? "empty" : $"'{Encoding.UTF8.GetString(f)}'")}");
        throw csv.Error(col, $"'{Encoding.UTF8.GetString(f)}' is not a boolean (TRUE/FALSE, T/F or 1/0)");
    }

    private static bool ContainsLetter(ReadOnlySpan<byte> f)
    {
        foreach (var b in f)
            if ((b | 0x20) is >= (byte)'a' and <= (byte)'z' || b >= 0x80) return true;
        return false;
    }

    private static string Number(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long ReadTime(CsvReader csv, int col, Frequency frequency)
    {
        var f = csv.Field(col);
        if (frequency.Kind == FrequencyKind.Periods)
        {
            if (FieldParser.TryParseInt64(f, out var p)) return p;
            throw csv.Error(col, $"'{Encoding.UTF8.GetString(f)}' is not an integer period");
        }
        if (!FieldParser.TryParseIsoDate(f, out var date, out var problem))
            throw csv.Error(col, $"'{Encoding.UTF8.GetString(f)}' {problem}");
        if (!frequency.TryToOrdinal(date, out var ordinal, out problem))
            throw csv.Error(col, $"{date:yyyy-MM-dd} breaks the declared frequency: it {problem}");
        return ordinal;
    }

    private static bool IsAscending(ReadOnlySpan<long> t)
    {
        for (var k = 1; k < t.Length; k++) if (t[k] < t[k - 1]) return false;
        return true;
    }

    private static bool IsDescending(ReadOnlySpan<long> t)
    {
        for (var k = 1; k < t.Length; k++) if (t[k] > t[k - 1]) return false;
        return true;
    }

    private static string Describe(IReadOnlyList<string> names, IReadOnlyList<string> key) =>
        string.Join(", ", names.Select((n, i) => $"{n}={key[i]}"));

    private static string Label(Categories? cat, double value) =>
        cat is null ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : cat.RawLabel(value);

    /// <summary>
    /// A column filled row by row: one array when an upper bound of the row count is known (a plain file's line
    /// count), else fixed chunks of 8,192 values (no doubling, no copy, no slack beyond one chunk).
    /// </summary>
    private sealed class Column<T> where T : unmanaged
    {
        private const int Shift = 13, Size = 1 << Shift, Mask = Size - 1;
        private T[]? _array;
        private List<T[]>? _chunks;
        private T[] _current = [];
        private int _used = Size;

        public Column(int? capacity)
        {
            if (capacity is { } c) _array = GC.AllocateUninitializedArray<T>(Math.Max(1, c));
            else _chunks = [];
        }

        public int Count { get; private set; }

        public T this[int i]
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _array is { } a ? a[i] : _chunks![i >> Shift][i & Mask];
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(T value)
        {
            if (_array is { } a)
            {
                if (Count == a.Length) ToChunks();
                else
                {
                    a[Count++] = value;
                    return;
                }
            }
            if (_used == Size) NewChunk();
            _current[_used++] = value;
            Count++;
        }

        private void NewChunk()
        {
            _current = GC.AllocateUninitializedArray<T>(Size);
            _chunks!.Add(_current);
            _used = 0;
        }

        // the bound was wrong (it never is for a plain file): continue in chunks
        private void ToChunks()
        {
            var a = _array!;
            _array = null;
            _chunks = [];
            for (var i = 0; i < a.Length; i += Size)
            {
                NewChunk();
                var n = Math.Min(Size, a.Length - i);
                a.AsSpan(i, n).CopyTo(_current);
                _used = n;
            }
        }

        /// <summary>
        /// <c>result[j] = this[perm[j]]</c>, written into <paramref name="spare"/> when it has the right length. The
        /// column's own array becomes the next spare, so gathering column after column needs one extra array in all.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public T[] Take(int[] perm, ref T[]? spare)
        {
            var n = perm.Length;
            if (_array is { } own && own.Length == n && IsIdentity(perm)) return own;
            var result = spare is { } s && s.Length == n ? s : GC.AllocateUninitializedArray<T>(n);
            if (_array is { } a)
            {
                for (var j = 0; j < n; j++) result[j] = a[perm[j]];
                spare = a.Length == n ? a : null;
            }
            else
            {
                var chunks = _chunks!.ToArray();
                for (var j = 0; j < n; j++)
                {
                    var p = perm[j];
                    result[j] = chunks[p >> Shift][p & Mask];
                }
                spare = null;
            }
            _array = null;
            _chunks = null;
            return result;
        }

        private static bool IsIdentity(int[] perm)
        {
            for (var j = 0; j < perm.Length; j++) if (perm[j] != j) return false;
            return true;
        }
    }

    /// <summary>
    /// Interns series keys read from id columns. Keys of one or two canonical non-negative integers
    /// (no sign, no leading zero) are packed into a <c>long</c>; anything else goes through text.
    /// </summary>
    private sealed class SeriesKeys(int parts)
    {
        private readonly Dictionary<string, int> _map = new(StringComparer.Ordinal);
        private readonly Dictionary<long, int> _packed = [];
        private readonly List<string[]> _keys = [];
        private char[] _chars = new char[256];

        public int Count => _keys.Count;

        public string[] Key(int s) => _keys[s];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Lookup(CsvReader csv, int[] cols)
        {
            if (cols.Length <= 2 && TryPack(csv, cols, out var packed))
            {
                if (_packed.TryGetValue(packed, out var p)) return p;
                p = LookupText(csv, cols);
                _packed.Add(packed, p);
                return p;
            }
            return LookupText(csv, cols);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool TryPack(CsvReader csv, int[] cols, out long packed)
        {
            packed = 0;
            for (var p = 0; p < cols.Length; p++)
            {
                var f = csv.Field(cols[p]);
                if (f.IsEmpty || f.Length > 9 || (f[0] == (byte)'0' && f.Length > 1)) return false;
                long v = 0;
                foreach (var b in f)
                {
                    var d = b - (uint)'0';
                    if (d > 9) return false;
                    v = v * 10 + d;
                }
                packed = (packed << 31) | v;
            }
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int LookupText(CsvReader csv, int[] cols)
        {
            var length = 0;
            for (var p = 0; p < cols.Length; p++)
            {
                var f = csv.Field(cols[p]);
                if (f.IsEmpty) throw csv.Error(cols[p], "a series id is empty");
                if (_chars.Length < length + f.Length + 1) Array.Resize(ref _chars, (length + f.Length + 1) * 2);
                if (p > 0) _chars[length++] = '\u001f';
                length += Encoding.UTF8.GetChars(f, _chars.AsSpan(length));
            }
            var key = _chars.AsSpan(0, length);
            var lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(key, out var s)) return s;
            s = _keys.Count;
            var text = key.ToString();
            _map.Add(text, s);
            _keys.Add(parts == 1 ? [text] : text.Split('\u001f'));
            return s;
        }
    }

    /// <summary>Codes text categories by first appearance, then recodes them in sorted level order.</summary>
    private sealed class Categories
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly List<string> _raw = [];
        private int[]? _recode;
        private string[]? _levels;
        private char[] _chars = new char[64];
        private byte[] _last = [];
        private int _lastCode = -1;

        public IReadOnlyList<string> Levels => _levels ??= Finish();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Read(CsvReader csv, int col, bool allowMissing)
        {
            var f = csv.Field(col);
            if (FieldParser.IsMissing(f))
                return allowMissing ? double.NaN : throw csv.Error(col, $"a value is required, but the field is {(f.IsEmpty ? "empty" : $"'{Encoding.UTF8.GetString(f)}'")}");
            if (_lastCode >= 0 && f.SequenceEqual(_last)) return _lastCode;
            if (_chars.Length < f.Length) _chars = new char[f.Length * 2];
            var n = Encoding.UTF8.GetChars(f, _chars);
            var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(_chars.AsSpan(0, n), out var code))
            {
                code = _raw.Count;
                var s = new string(_chars, 0, n);
                _codes.Add(s, code);
                _raw.Add(s);
            }
            _last = f.ToArray();
            _lastCode = code;
            return code;
        }

        public string RawLabel(double code) => double.IsNaN(code) ? "" : _raw[(int)code];

        /// <summary>Replaces first-appearance codes by sorted-level codes, in place.</summary>
        public double[] Recode(double[] values)
        {
            _ = Levels;
            for (var i = 0; i < values.Length; i++)
                if (!double.IsNaN(values[i])) values[i] = _recode![(int)values[i]];
            return values;
        }

        private string[] Finish()
        {
            var sorted = _raw.OrderBy(x => x, Comparer<string>.Create(KeyComparer.CompareValue)).ToArray();
            _recode = _raw.Select(r => Array.IndexOf(sorted, r)).ToArray();
            return sorted;
        }
    }
}
