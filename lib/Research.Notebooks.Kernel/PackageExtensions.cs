using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace Research.Notebooks.Kernel;

/// <summary>
/// Kernel extensions shipped in NuGet packages, loaded as the dotnet-interactive app loads them: when <c>#r "nuget:..."</c>
/// adds a package with an <c>interactive-extensions/dotnet</c> folder, every <see cref="IKernelExtension"/> in that
/// folder's assemblies is created and loaded into the kernel, and an <c>extension.dib</c> there is run, within the cell
/// that added the package (so what they display lands in that cell).
/// </summary>
public static class PackageExtensions
{
    public const string ExtensionFolder = "interactive-extensions/dotnet";
    public const string ExtensionScript = "extension.dib";

    public static CompositeKernel UsePackageExtensions(this CompositeKernel kernel)
    {
        var pending = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        kernel.RegisterForDisposal(kernel.KernelEvents.Subscribe(new Observer(e =>
        {
            if (e is PackageAdded { PackageReference.PackageRoot: { Length: > 0 } root } && seen.TryAdd(root, true)) pending.Enqueue(root);
        })));
        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (pending.TryDequeue(out var root))
            {
                var folder = new DirectoryInfo(Path.Combine(root, ExtensionFolder));
                if (!folder.Exists) continue;
                foreach (var dll in folder.GetFiles("*.dll").OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    if (!loaded.Add(AssemblyName.GetAssemblyName(dll.FullName).FullName)) continue;
                    var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll.FullName);
                    foreach (var type in assembly.ExportedTypes.Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false } && typeof(IKernelExtension).IsAssignableFrom(t)))
                    {
                        var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                        await extension.OnLoadAsync(kernel);
                        context.Publish(new KernelExtensionLoaded(extension, context.Command));
                    }
                }
                var script = new FileInfo(Path.Combine(folder.FullName, ExtensionScript));
                if (script.Exists) await kernel.LoadAndRunInteractiveDocument(script, context.Command);
            }
        });
        return kernel;
    }

    private sealed class Observer(Action<KernelEvent> next) : IObserver<KernelEvent>
    {
        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void OnNext(KernelEvent value) => next(value);
    }
}
