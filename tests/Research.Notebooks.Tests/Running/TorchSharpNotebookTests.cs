using System.Text.Json.Nodes;
using Research.Notebooks.Model;
using Research.Notebooks.Running;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Running;

/// <summary>
/// TorchSharp in a notebook on the real kernel: the runner starts the kernel-host process (as <c>research notebooks
/// run</c> does), a cell <c>#r</c>s <c>lib/Research.Forecasting.Neural</c>'s DLL from its own output folder (no
/// deps.json: TorchSharp finds its native files beside <c>TorchSharp.dll</c>, where the build links the copies the
/// TorchSharpCompat step patched for an old libstdc++) and runs tensor operations and a library network.
/// </summary>
public sealed class TorchSharpNotebookTests : IDisposable
{
    private readonly TestNotebook _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The Neural library's own output folder, in the configuration this test was built in (the project reference builds it).</summary>
    private static string NeuralDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return Repo.Path("lib", "Research.Forecasting.Neural", "bin", configuration, "net10.0", "Research.Forecasting.Neural.dll").Replace("\\", "/", StringComparison.Ordinal);
    }

    private static string Text(JsonNode? lines) => string.Concat(((JsonArray)lines!).Select(l => l!.GetValue<string>()));

    [Fact]
    public void A_notebook_references_the_neural_library_and_runs_torch_on_the_kernel()
    {
        Assert.True(File.Exists(NeuralDll()), NeuralDll());
        var path = _files.Write("torch.ipynb",
            // the library's own code first: idle OpenMP workers sleep, set before anything loads libtorch (TorchRuntime)
            $"#r \"{NeuralDll()}\"\nusing static TorchSharp.torch;",
            "Console.WriteLine(Research.Forecasting.Neural.TorchRuntime.PreferPassiveWait());",
            // [[1, 2], [3, 4]] squared is [[7, 10], [15, 22]]: sum 54
            "var m = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);\nConsole.WriteLine(m.matmul(m).sum().item<float>());",
            // a gradient through autograd: d/dx sum(x^2) = 2x
            "var x = tensor(new float[] { 1.5f, -2f }, requires_grad: true);\nx.pow(2).sum().backward();\n"
                + "Console.WriteLine(string.Join(\" \", x.grad!.data<float>().ToArray()));",
            // a TorchSharp LSTM module on a batch (shape only: the module's values are checked against PyTorch elsewhere)
            "manual_seed(1);\nvar lstm = nn.LSTM(4, 8, 1, batchFirst: true);\n"
                + "var (output, h, c) = lstm.call(ones(3, 5, 4), null);\nConsole.WriteLine(string.Join(\"x\", output.shape));",
            // which native library the process loaded: the patched copy in the library's output, not the NuGet cache's
            "Console.WriteLine(System.IO.File.ReadAllLines(\"/proc/self/maps\").Where(l => l.EndsWith(\"/libLibTorchSharp.so\"))"
                + ".Select(l => l[(l.IndexOf('/'))..]).Distinct().Single());");
        // generous margins: the machine is shared; kernel start-up has its own timeout and counts against no cell
        var summary = Assert.Single(NotebookRunner.Run(new RunOptions
        {
            Paths = [path],
            OutputDirectory = Path.Combine(_files.Directory, "out"),
            ResultsDirectory = Path.Combine(_files.Directory, "results"),
            CellTimeout = TimeSpan.FromSeconds(300),
            NotebookTimeout = TimeSpan.FromSeconds(900),
        }));
        var executed = Notebook.Load(summary.Output!);
        Assert.True(summary.Ok, summary.Message + "\n" + executed.ToJson());
        Assert.Equal("PASSIVE\n", Text(executed.Cells[1].Node["outputs"]![0]!["text"]));
        Assert.Equal("54\n", Text(executed.Cells[2].Node["outputs"]![0]!["text"]));
        Assert.Equal("3 -4\n", Text(executed.Cells[3].Node["outputs"]![0]!["text"]));
        Assert.Equal("3x5x8\n", Text(executed.Cells[4].Node["outputs"]![0]!["text"]));
        var native = Text(executed.Cells[5].Node["outputs"]![0]!["text"]).Trim();
        Assert.StartsWith(Path.GetDirectoryName(NeuralDll())! + "/", native, StringComparison.Ordinal);
    }
}
