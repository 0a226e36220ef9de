using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Research.Forecasting.Neural;

/// <summary>
/// libtorch's threads for this process. TorchSharp-cpu's libtorch 2.10 runs its operators' parallel loops on GNU OpenMP
/// (the libgomp it bundles), as Debian's PyTorch does. With <c>OMP_WAIT_POLICY</c> unset, libgomp's idle workers spin
/// between parallel regions (<c>GOMP_SPINCOUNT</c>, 300,000 spins by default) before they sleep. A small LSTM opens a
/// parallel region for every operator, thousands a second, so the worker never sleeps: it holds a core. On a machine whose
/// two cores other processes also want, the spinning worker and the thread it waits for take turns on a core, each
/// barrier costs a scheduler time slice, and a 2-thread fit made almost no progress (49 minutes without finishing one
/// round at load 40-96). With <c>OMP_WAIT_POLICY=PASSIVE</c> an idle worker sleeps on a futex at once and wakes when work
/// arrives.
/// <para>
/// libgomp reads the variable once, when it loads, from the process's native environment, which .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change on Unix. This library's module
/// initializer therefore calls libc's <c>setenv</c> before any of its code touches TorchSharp (libtorch is loaded by
/// TorchSharp's first use): <c>PASSIVE</c> unless the variable is already set, so a user's own choice (say
/// <c>OMP_WAIT_POLICY=ACTIVE</c> on an idle machine) wins. Code that uses TorchSharp before this library (a notebook cell
/// that calls <c>torch</c> first) gets libgomp's default; <see cref="WaitPolicyInEffect"/> says which applies.
/// </para>
/// </summary>
public static class TorchRuntime
{
    /// <summary>The OpenMP variable that decides whether idle workers spin (<c>ACTIVE</c>) or sleep (<c>PASSIVE</c>).</summary>
    public const string WaitPolicyVariable = "OMP_WAIT_POLICY";

    private static readonly Lock Gate = new();
    private static bool _interopSet;

    /// <summary>
    /// The wait policy libgomp was loaded with: the variable's value when it was set before libtorch loaded (by the user or
    /// by this library), <c>null</c> when libtorch was already loaded (libgomp's default, spinning).
    /// </summary>
    public static string? WaitPolicyInEffect { get; private set; }

#pragma warning disable CA2255 // the environment must be set before TorchSharp loads libtorch, which any later call may do
    [ModuleInitializer]
    internal static void Initialize() => PreferPassiveWait();
#pragma warning restore CA2255

    /// <summary>
    /// Sets <c>OMP_WAIT_POLICY=PASSIVE</c> in the native and managed environment (so child processes, such as a PyTorch
    /// reference run, get it too) unless it is set; a no-op for libgomp once libtorch is loaded. Returns the policy in effect.
    /// </summary>
    public static string? PreferPassiveWait()
    {
        lock (Gate)
        {
            var loaded = LibgompLoaded();
            var current = Environment.GetEnvironmentVariable(WaitPolicyVariable);
            if (string.IsNullOrEmpty(current))
            {
                current = "PASSIVE";
                Environment.SetEnvironmentVariable(WaitPolicyVariable, current);
                if (!OperatingSystem.IsWindows()) _ = setenv(WaitPolicyVariable, current, 0);
            }
            if (!loaded) WaitPolicyInEffect = current;
            return WaitPolicyInEffect;
        }
    }

    /// <summary>
    /// Uses <paramref name="threads"/> intra-op threads (<c>torch.set_num_threads</c>) and, once per process, one inter-op
    /// thread (<c>torch.set_num_interop_threads(1)</c>: the forecasters run no graph with parallel branches; libtorch allows
    /// setting it only before inter-op work starts).
    /// </summary>
    public static void UseThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        lock (Gate)
        {
            if (!_interopSet)
            {
                _interopSet = true;
                try { set_num_interop_threads(1); }
                catch (ExternalException) { } // inter-op work already started in this process: keep libtorch's pool
            }
            if (get_num_threads() != threads) set_num_threads(threads);
        }
    }

    private static bool LibgompLoaded() =>
        OperatingSystem.IsLinux() && File.Exists("/proc/self/maps")
        && File.ReadLines("/proc/self/maps").Any(l => l.Contains("libgomp", StringComparison.Ordinal));

    [DllImport("libc", EntryPoint = "setenv")]
#pragma warning disable CA2101, CA5392, SYSLIB1054 // ASCII names and values; libc from the system
    private static extern int setenv([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);
#pragma warning restore CA2101, CA5392, SYSLIB1054
}
