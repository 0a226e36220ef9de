using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Research.Notebooks.Protocol;

/// <summary>
/// What the kernel host (the child process that runs one notebook on the .NET Interactive kernel) tells the runner, one
/// JSON line per event on its standard output (see <see cref="KernelHostProtocol"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(KernelReady), "ready")]
[JsonDerivedType(typeof(CellStarted), "start")]
[JsonDerivedType(typeof(CellFinished), "end")]
[JsonDerivedType(typeof(CellOutputsUpdated), "update")]
[JsonDerivedType(typeof(NotebookDone), "done")]
public abstract record KernelHostEvent;

/// <summary>The kernel is composed and warmed up; cell timeouts start counting from here.</summary>
/// <param name="Seconds">Wall seconds from process start to ready.</param>
public sealed record KernelReady(double Seconds) : KernelHostEvent;

/// <summary>A code cell (index among all cells) started.</summary>
public sealed record CellStarted(int Cell) : KernelHostEvent;

/// <summary>A code cell finished, with its nbformat outputs.</summary>
public sealed record CellFinished(int Cell, JsonArray Outputs, int ExecutionCount, bool Ok, double Seconds) : KernelHostEvent;

/// <summary>An earlier cell's outputs changed (a display it showed was updated in place by a later cell).</summary>
public sealed record CellOutputsUpdated(int Cell, JsonArray Outputs) : KernelHostEvent;

/// <summary>Every cell ran, or the notebook stopped at its first failing cell.</summary>
public sealed record NotebookDone(int Failures) : KernelHostEvent;
