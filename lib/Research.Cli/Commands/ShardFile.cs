using System.Text.Json.Nodes;
using Research.Forecasting.Backtesting;
using Research.Forecasting.IO;

namespace Research.Cli.Commands;

/// <summary>
/// <c>shard.json</c>, what a shard's partial output folder holds besides its partial long table for <c>research merge</c>:
/// the shard (k of n), the id of the whole run (a digest of the data and the options, so shards of other data or other
/// options are recognised), the data's SHA-256, the canonical options, the frequency to read the table's periods, every
/// series' index in the whole panel, the models in order with their regressors, the failures with their fields, and the
/// whole run's <c>metrics.json</c> without the models' figures (the merge computes them from the merged table).
/// </summary>
public static class ShardFile
{
    public const string FileName = "shard.json";

    public static JsonObject Create(string folderId, int index, int count, string runId, string dataSha256, string options, string frequency, int seriesTotal,
        IEnumerable<(string Id, int Index)> series, IReadOnlyList<string> models, IReadOnlyDictionary<string, IReadOnlyList<string>> regressors,
        IEnumerable<ModelFailure> failures, JsonObject metrics) => new()
        {
            [OutputFolder.RunIdKey] = folderId,
            ["shard"] = index,
            ["shards"] = count,
            ["assignment"] = "series i is in shard (first 8 bytes of SHA-256(UTF-8 series id) as an unsigned big-endian integer) mod shards",
            ["full_run_id"] = runId,
            ["data_sha256"] = dataSha256,
            ["options"] = options,
            ["frequency"] = frequency,
            ["series_total"] = seriesTotal,
            ["series"] = new JsonObject(series.Select(s => new KeyValuePair<string, JsonNode?>(s.Id, s.Index))),
            ["models"] = new JsonArray([.. models.Select(m => JsonValue.Create(m))]),
            ["regressors"] = new JsonObject(regressors.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, new JsonArray([.. kv.Value.Select(x => JsonValue.Create(x))])))),
            ["failures"] = new JsonArray([.. failures.Select(f => (JsonNode)new JsonObject
            {
                ["model"] = f.Model,
                ["series"] = f.Series,
                ["round"] = f.Round,
                ["fallback"] = f.Fallback,
                ["message"] = f.Message,
            })]),
            ["metrics"] = metrics.DeepClone(),
        };
}
