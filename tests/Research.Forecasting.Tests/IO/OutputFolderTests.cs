using System.Text.Json.Nodes;
using Research.Forecasting.IO;

namespace Research.Forecasting.Tests.IO;

/// <summary>An output folder is replaced as a unit, carries one run id, and what a killed run left is cleaned up.</summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("research-out-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Out => Path.Combine(_root, "out");

    private void Run(string id, params string[] files)
    {
        using var o = OutputFolder.Begin(Out, id);
        foreach (var f in files) o.WriteText(f, f.EndsWith(".json", StringComparison.Ordinal) ? $"{{\"run_id\": \"{id}\"}}" : $"{f} of {id}");
        o.Commit(new JsonObject { ["note"] = "test" });
    }

    [Fact]
    public void A_new_run_replaces_the_folder_whole()
    {
        Run("aaaa", "metrics.json", "old-only.csv");
        Assert.Equal("aaaa", OutputFolder.Verify(Out));
        Run("bbbb", "metrics.json", "forecasts.csv");
        Assert.Equal("bbbb", OutputFolder.Verify(Out));
        Assert.Equal(["forecasts.csv", "metrics.json", "run.json"], Directory.GetFiles(Out).Select(Path.GetFileName).Order());
        Assert.Equal("forecasts.csv of bbbb", File.ReadAllText(Path.Combine(Out, "forecasts.csv")));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName)); // no staging or old folders left
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, "run.json")))!;
        Assert.Equal("test", manifest["note"]!.GetValue<string>());
        Assert.Equal(21, manifest["files"]!["forecasts.csv"]!["bytes"]!.GetValue<long>());
    }

    [Fact]
    public void A_run_that_is_not_committed_leaves_the_previous_one_and_no_staging()
    {
        Run("aaaa", "metrics.json");
        using (var o = OutputFolder.Begin(Out, "bbbb"))
        {
            o.WriteText("metrics.json", "{\"run_id\": \"bbbb\"}");
            Assert.True(Directory.Exists(o.Staging));
        }
        Assert.Equal("aaaa", OutputFolder.Verify(Out));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void Leftovers_of_a_dead_process_are_deleted_by_the_next_run()
    {
        Run("aaaa", "metrics.json");
        // what a run killed while writing leaves: a staging folder named after a process that no longer exists
        var dead = Path.Combine(_root, ".out.cccc.999999.partial");
        Directory.CreateDirectory(dead);
        File.WriteAllText(Path.Combine(dead, "metrics.json"), "{}");
        Assert.Equal("aaaa", OutputFolder.Verify(Out)); // readers never look at it
        Run("bbbb", "metrics.json");
        Assert.False(Directory.Exists(dead));
        Assert.Equal("bbbb", OutputFolder.Verify(Out));
    }

    [Fact]
    public void Verify_finds_a_mixed_folder()
    {
        Run("aaaa", "metrics.json", "forecasts.csv");
        File.WriteAllText(Path.Combine(Out, "forecasts.csv"), "forecasts.csv of bbbb");
        var e = Assert.Throws<InvalidDataException>(() => OutputFolder.Verify(Out));
        Assert.EndsWith("forecasts.csv does not match the manifest of run aaaa", e.Message, StringComparison.Ordinal);
        Run("aaaa", "metrics.json");
        File.WriteAllText(Path.Combine(Out, "metrics.json"), "{\"run_id\": \"bbbb\"}");
        Assert.Throws<InvalidDataException>(() => OutputFolder.Verify(Out));
        Run("aaaa", "metrics.json");
        File.WriteAllText(Path.Combine(Out, "stray.tmp"), "");
        Assert.Contains("but its manifest lists", Assert.Throws<InvalidDataException>(() => OutputFolder.Verify(Out)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_or_a_folder_of_other_things_is_not_an_output_folder()
    {
        var file = Path.Combine(_root, "file.txt");
        File.WriteAllText(file, "x");
        Assert.Equal("is an existing file, not a folder", OutputFolder.Problem(file));
        var other = Path.Combine(_root, "other");
        Directory.CreateDirectory(other);
        Assert.Null(OutputFolder.Problem(other)); // empty: fine
        File.WriteAllText(Path.Combine(other, "notes.txt"), "mine");
        Assert.Equal("is a folder with other content (no run.json of an earlier run): it would be replaced whole, so name a new or empty folder", OutputFolder.Problem(other));
        Assert.Throws<ArgumentException>(() => OutputFolder.Begin(other, "aaaa"));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(other, "notes.txt")));
    }

    [Fact]
    public void The_run_id_depends_on_every_part_and_nothing_else()
    {
        Assert.Equal(RunId.For(["a", "b"]), RunId.For(["a", "b"]));
        Assert.NotEqual(RunId.For(["a", "b"]), RunId.For(["ab"]));
        Assert.NotEqual(RunId.For(["a", "b"]), RunId.For(["b", "a"]));
        Assert.Matches("^[0-9a-f]{16}$", RunId.For(["x"]));
    }
}
