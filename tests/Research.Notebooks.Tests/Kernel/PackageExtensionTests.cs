using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Research.Notebooks.Kernel;
using Research.Notebooks.Model;
using Research.Notebooks.Tests.Support;

namespace Research.Notebooks.Tests.Kernel;

/// <summary>
/// A kernel extension shipped in a NuGet package (an <c>IKernelExtension</c> in <c>interactive-extensions/dotnet</c>) loads
/// when a cell adds the package with <c>#r "nuget:"</c>, as in the dotnet-interactive app. The package is built here
/// into a local folder feed.
/// </summary>
[Collection(nameof(KernelCollection))]
public sealed class PackageExtensionTests : IDisposable
{
    private const string Id = "Research.Tests.KernelExtension";
    private const string Variable = "RESEARCH_TESTS_KERNEL_EXTENSION";
    private readonly TestNotebook _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task An_extension_in_a_package_is_loaded_in_the_cell_that_adds_the_package()
    {
        var feed = Directory.CreateDirectory(Path.Combine(_files.Directory, "feed")).FullName;
        WritePackage(Path.Combine(feed, $"{Id}.1.0.0.nupkg"));
        Environment.SetEnvironmentVariable(Variable, null);
        var notebook = Notebook.Load(_files.Write("ext.ipynb",
            $"#i \"nuget: {feed}\"\n#r \"nuget: {Id}, 1.0.0\"",
            $"Environment.GetEnvironmentVariable(\"{Variable}\")"));
        await using var session = await NotebookSession.StartAsync();
        var outcome = await session.RunAsync(notebook);
        var outputs = (JsonArray)notebook.Cells[1].Node["outputs"]!;
        Assert.True(outcome.Failures == 0, notebook.Cells[0].Node["outputs"]!.ToJsonString());
        Assert.Equal("loaded by the extension", string.Concat(outputs[0]!["data"]!["text/plain"]!.AsArray().Select(l => l!.GetValue<string>())));
    }

    /// <summary>A package whose only content is an extension assembly that sets an environment variable when loaded.</summary>
    private static void WritePackage(string path)
    {
        const string source = $$"""
            using System.Threading.Tasks;
            using Microsoft.DotNet.Interactive;
            public sealed class TestExtension : IKernelExtension
            {
                public Task OnLoadAsync(Kernel kernel)
                {
                    System.Environment.SetEnvironmentVariable("{{Variable}}", "loaded by the extension");
                    return Task.CompletedTask;
                }
            }
            """;
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(Microsoft.DotNet.Interactive.Kernel).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(Id, [CSharpSyntaxTree.ParseText(source)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var dll = new MemoryStream();
        var emitted = compilation.Emit(dll);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var nuspec = new StreamWriter(zip.CreateEntry($"{Id}.nuspec").Open()))
            nuspec.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata><id>{Id}</id><version>1.0.0</version><authors>tests</authors><description>test kernel extension</description></metadata>
                </package>
                """);
        using var entry = zip.CreateEntry($"{PackageExtensions.ExtensionFolder}/{Id}.dll").Open();
        entry.Write(dll.ToArray());
    }
}
