using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Research.Forecasting.ML.Learners;

/// <summary>
/// The LightGBM C API of the native library that Microsoft.ML.LightGbm ships (<c>lib_lightgbm</c>, LightGBM 4.6 from
/// the LightGBM package it depends on): the few calls a booster needs. ML.NET's own wrapper of the same library is
/// internal and fixes the objective to <c>regression</c>; this one passes LightGBM's parameters through unchanged.
/// </summary>
internal static partial class LightGbmNative
{
    private const string Library = "lib_lightgbm";
    public const int Float32 = 0;
    public const int Float64 = 1;
    public const int PredictNormal = 0;
    public const int ImportanceGain = 1;

    /// <summary>
    /// Makes LightGBM's OpenMP threads sleep rather than spin while they wait (<c>OMP_WAIT_POLICY=PASSIVE</c>, unless the
    /// environment sets it): on a machine shared with other processes, spinning threads that wait for a descheduled
    /// one made training several times slower. OpenMP reads the variable when the library loads, so this runs before
    /// the first call into it (ML.NET's trainer loads the same library).
    /// </summary>
    public static void Initialize()
    {
        lock (InitLock)
        {
            if (_initialized) return;
            _initialized = true;
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
            PreloadFromAssemblyFolder();
        }
    }

    /// <summary>
    /// A host that loads this assembly by path (a notebook's <c>#r</c>) does not know the package's native folder: load
    /// <c>lib_lightgbm</c> from <c>runtimes/&lt;rid&gt;/native</c> beside the assembly when it is there, so both this binding and
    /// ML.NET's (which asks the loader for the same library name) find it.
    /// </summary>
    private static void PreloadFromAssemblyFolder()
    {
        var file = OperatingSystem.IsWindows() ? "lib_lightgbm.dll" : OperatingSystem.IsMacOS() ? "lib_lightgbm.dylib" : "lib_lightgbm.so";
        if (PackageNatives.Find(file) is not { } path) return;
        var handle = NativeLibrary.Load(path);
        NativeLibrary.SetDllImportResolver(typeof(LightGbmNative).Assembly, (name, _, _) => name == Library ? handle : 0);
    }

    private static readonly Lock InitLock = new();
    private static bool _initialized;

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_DatasetCreateFromMat(nint data, int dataType, int rows, int columns, int rowMajor, string parameters, nint reference, out nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_DatasetSetField(nint dataset, string field, nint data, int count, int type);

    [LibraryImport(Library)]
    private static partial int LGBM_DatasetFree(nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterCreate(nint train, string parameters, out nint booster);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterAddValidData(nint booster, nint valid);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterUpdateOneIter(nint booster, out int finished);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterGetEval(nint booster, int dataIndex, out int count, nint results);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterGetEvalCounts(nint booster, out int count);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LGBM_BoosterPredictForMat(nint booster, nint data, int dataType, int rows, int columns, int rowMajor, int predictType,
        int startIteration, int iterations, string parameters, out long length, nint result);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterFeatureImportance(nint booster, int iterations, int importanceType, nint result);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterGetNumFeature(nint booster, out int count);

    [LibraryImport(Library)]
    private static partial int LGBM_BoosterFree(nint booster);

    [LibraryImport(Library)]
    private static partial nint LGBM_GetLastError();

    private static void Check(int code, string call)
    {
        if (code == 0) return;
        var message = Marshal.PtrToStringUTF8(LGBM_GetLastError()) ?? "unknown error";
        throw new InvalidOperationException($"LightGBM {call} failed: {message}");
    }

    /// <summary>LightGBM's <c>key=value</c> parameter string, invariant culture.</summary>
    public static string Parameters(IEnumerable<KeyValuePair<string, object>> parameters)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in parameters)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(k).Append('=').Append(Convert.ToString(v, CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>A LightGBM dataset (binned features and labels); a reference data set lends its bins (validation data).</summary>
    public sealed class Dataset : IDisposable
    {
        public Dataset(ReadOnlySpan<float> values, int rows, int columns, ReadOnlySpan<float> labels, string parameters, Dataset? reference = null)
        {
            if (values.Length != (long)rows * columns) throw new ArgumentException($"{values.Length} values for {rows} x {columns}");
            Initialize();
            unsafe
            {
                fixed (float* x = values)
                fixed (float* y = labels)
                {
                    Check(LGBM_DatasetCreateFromMat((nint)x, Float32, rows, columns, 1, parameters, reference?.Handle ?? 0, out var handle), "DatasetCreateFromMat");
                    Handle = handle;
                    Check(LGBM_DatasetSetField(Handle, "label", (nint)y, labels.Length, Float32), "DatasetSetField(label)");
                }
            }
        }

        public nint Handle { get; private set; }

        public void Dispose()
        {
            if (Handle != 0) LGBM_DatasetFree(Handle);
            Handle = 0;
        }
    }

    /// <summary>A booster: trains iteration by iteration, evaluates, predicts, reports gain importance.</summary>
    public sealed class Booster : IDisposable
    {
        public Booster(Dataset train, string parameters)
        {
            Check(LGBM_BoosterCreate(train.Handle, parameters, out var handle), "BoosterCreate");
            Handle = handle;
        }

        public nint Handle { get; private set; }

        public void AddValidation(Dataset valid) => Check(LGBM_BoosterAddValidData(Handle, valid.Handle), "BoosterAddValidData");

        /// <summary>One boosting iteration; true when no further split can be made.</summary>
        public bool Update()
        {
            Check(LGBM_BoosterUpdateOneIter(Handle, out var finished), "BoosterUpdateOneIter");
            return finished != 0;
        }

        /// <summary>The first metric on data set <paramref name="index"/> (0 = training, 1 = the first validation set).</summary>
        public double Eval(int index)
        {
            Check(LGBM_BoosterGetEvalCounts(Handle, out var count), "BoosterGetEvalCounts");
            var results = new double[Math.Max(1, count)];
            unsafe
            {
                fixed (double* r = results) Check(LGBM_BoosterGetEval(Handle, index, out _, (nint)r), "BoosterGetEval");
            }
            return results[0];
        }

        public int Features
        {
            get
            {
                Check(LGBM_BoosterGetNumFeature(Handle, out var n), "BoosterGetNumFeature");
                return n;
            }
        }

        /// <summary>Predictions (on the response scale: <c>exp</c> of the raw score for the log-link objectives) with the first <paramref name="iterations"/> trees.</summary>
        public double[] Predict(ReadOnlySpan<float> values, int rows, int columns, int iterations, int threads)
        {
            var result = new double[rows];
            if (rows == 0) return result;
            unsafe
            {
                fixed (float* x = values)
                fixed (double* r = result)
                    Check(LGBM_BoosterPredictForMat(Handle, (nint)x, Float32, rows, columns, 1, PredictNormal, 0, iterations,
                        $"num_threads={threads}", out var length, (nint)r), "BoosterPredictForMat");
            }
            return result;
        }

        /// <summary>Total gain of the splits on each feature, over the first <paramref name="iterations"/> trees.</summary>
        public double[] GainImportance(int iterations)
        {
            var result = new double[Features];
            unsafe
            {
                fixed (double* r = result) Check(LGBM_BoosterFeatureImportance(Handle, iterations, ImportanceGain, (nint)r), "BoosterFeatureImportance");
            }
            return result;
        }

        public void Dispose()
        {
            if (Handle != 0) LGBM_BoosterFree(Handle);
            Handle = 0;
        }
    }
}
