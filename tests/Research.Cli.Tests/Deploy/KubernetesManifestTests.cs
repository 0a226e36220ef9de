using System.Text;
using System.Text.RegularExpressions;
using Research.Cli.Infrastructure;
using Research.Cli.Tests.Support;
using Research.Forecasting.Models;
using Research.Forecasting.Models.Catalog;
using YamlDotNet.RepresentationModel;

namespace Research.Cli.Tests.Deploy;

/// <summary>
/// deploy/k8s/backtest-shards.yaml read as YAML (YamlDotNet): a shared claim, an Indexed Job whose pods take their
/// shard from JOB_COMPLETION_INDEX, and a merge Job over the same claim, run and shard count; the shard's command line
/// is accepted by the CLI; deploy/Dockerfile copies files that exist and runs research.
/// </summary>
[Collection(CliCollection.Name)]
public sealed partial class KubernetesManifestTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<YamlMappingNode> Documents()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Repo.Path("deploy", "k8s", "backtest-shards.yaml"));
        stream.Load(reader);
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlNode At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
            node = int.TryParse(key, out var i) ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        return node;
    }

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static Dictionary<string, string> Env(YamlNode container) =>
        ((YamlSequenceNode)At(container, "env")).Children.ToDictionary(e => Text(e, "name"), e => Text(e, "value"), StringComparer.Ordinal);

    [Fact]
    public void The_manifest_is_a_claim_an_indexed_shard_job_and_a_merge_job_over_the_same_run()
    {
        var docs = Documents();
        Assert.Equal(["PersistentVolumeClaim", "Job", "Job"], docs.Select(d => Text(d, "kind")));
        var (claim, shards, merge) = (docs[0], docs[1], docs[2]);
        Assert.Contains("ReadWriteMany", ((YamlSequenceNode)At(claim, "spec", "accessModes")).Children.Select(c => ((YamlScalarNode)c).Value));
        var claimName = Text(claim, "metadata", "name");

        // the shards: Indexed, N completions, at most N at once, the index from JOB_COMPLETION_INDEX
        Assert.Equal("batch/v1", Text(shards, "apiVersion"));
        Assert.Equal("Indexed", Text(shards, "spec", "completionMode"));
        var n = int.Parse(Text(shards, "spec", "completions"), System.Globalization.CultureInfo.InvariantCulture);
        var parallelism = int.Parse(Text(shards, "spec", "parallelism"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(parallelism, 1, n);
        var pod = At(shards, "spec", "template", "spec");
        Assert.Equal("Never", Text(pod, "restartPolicy"));
        var shard = At(pod, "containers", "0");
        var env = Env(shard);
        Assert.Equal(n.ToString(System.Globalization.CultureInfo.InvariantCulture), env["SHARDS"]);
        var script = Text(shard, "args", "0");
        Assert.Contains("--shard \"${JOB_COMPLETION_INDEX}/${SHARDS}\"", script, StringComparison.Ordinal);
        Assert.Contains("--out \"/work/runs/${RUN}/shard-${JOB_COMPLETION_INDEX}\"", script, StringComparison.Ordinal);
        Assert.Equal(claimName, Text(pod, "volumes", "0", "persistentVolumeClaim", "claimName"));
        Assert.Equal("/work", Text(shard, "volumeMounts", "0", "mountPath"));

        // the merge: waits for the N shard folders of the same run, merges them from the same claim
        Assert.Equal("batch/v1", Text(merge, "apiVersion"));
        var mergePod = At(merge, "spec", "template", "spec");
        Assert.Equal(claimName, Text(mergePod, "volumes", "0", "persistentVolumeClaim", "claimName"));
        var wait = At(mergePod, "initContainers", "0");
        var merger = At(mergePod, "containers", "0");
        foreach (var c in new[] { wait, merger })
        {
            Assert.Equal(env["SHARDS"], Env(c)["SHARDS"]);
            Assert.Equal(env["RUN"], Env(c)["RUN"]);
            Assert.Equal("/work", Text(c, "volumeMounts", "0", "mountPath"));
        }
        Assert.Contains("/work/runs/$RUN/shard-$i/run.json", Text(wait, "args", "0"), StringComparison.Ordinal);
        var mergeScript = Text(merger, "args", "0");
        Assert.Contains("\"/work/runs/$RUN/shard-$i\"", mergeScript, StringComparison.Ordinal);
        Assert.Contains("exec research merge \"$@\" --out \"/work/runs/$RUN/merged\"", mergeScript, StringComparison.Ordinal);
        Assert.Equal(Text(shard, "image"), Text(merger, "image"));
    }

    /// <summary>
    /// The shard pod's command, with the index, count and run filled in as the pod's shell does and the data path mapped
    /// onto the repository's data/, runs in the CLI (with the cheap naive model instead of the manifest's list, whose
    /// models must all be local, the condition of sharding).
    /// </summary>
    [Fact]
    public void The_shard_command_is_accepted_by_the_cli()
    {
        var shard = At(Documents()[1], "spec", "template", "spec", "containers", "0");
        var env = Env(shard);
        env["JOB_COMPLETION_INDEX"] = "0";
        var script = Text(shard, "args", "0");
        var expanded = Variable().Replace(script, m => env[m.Groups[1].Value]);
        var words = Words(expanded);
        Assert.Equal(["exec", "research", "backtest"], words.Take(3));
        var args = words.Skip(2).Select(w => w.StartsWith("/work/data/", StringComparison.Ordinal) ? Repo.Path(["data", .. w["/work/data/".Length..].Split('/')]) : w).ToList();
        Assert.Equal($"0/{env["SHARDS"]}", args[args.IndexOf("--shard") + 1]);
        var models = args[args.IndexOf("--models") + 1].Split(',');
        // every model of the manifest is in the catalog and local (fits each series on its own), as --shard requires
        var built = Catalog.Models.Build(models, new ModelSetting(7, [], TargetTransform.None));
        Assert.All(built, m => Assert.IsType<LocalForecaster>(m));
        args[args.IndexOf("--models") + 1] = "naive";
        var output = _dir.File("shard-0");
        args[args.IndexOf("--out") + 1] = output;
        var r = ResearchCli.Run([.. args]);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.True(File.Exists(Path.Combine(output, "shard.json")));
    }

    [Fact]
    public void The_dockerfile_builds_with_the_sdk_runs_on_the_runtime_and_copies_files_that_exist()
    {
        var lines = File.ReadAllLines(Repo.Path("deploy", "Dockerfile"));
        var froms = lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, froms.Length);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", froms[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/runtime:10.0", froms[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("dotnet publish lib/Research.Cli/Research.Cli.csproj -c Release", StringComparison.Ordinal));
        Assert.Contains("ENTRYPOINT [\"research\"]", lines);
        Assert.Contains(lines, l => l.Contains("RESEARCH_GIT_COMMIT=${GIT_COMMIT}", StringComparison.Ordinal));
        // every source of a COPY from the build context exists
        foreach (var line in lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[1..^1])
                Assert.True(File.Exists(Repo.Path(source)) || Directory.Exists(Repo.Path(source)), $"{line}: {source} is not in the repository");
        }
    }

    [GeneratedRegex(@"\$\{(\w+)\}")]
    private static partial Regex Variable();

    // the words of a shell command line with double quotes (what the pod's /bin/sh -c does with this script)
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in line)
        {
            if (c == '"') { quoted = !quoted; inWord = true; }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (inWord) words.Add(sb.ToString());
                sb.Clear();
                inWord = false;
            }
            else { sb.Append(c); inWord = true; }
        }
        if (inWord) words.Add(sb.ToString());
        return words;
    }
}
