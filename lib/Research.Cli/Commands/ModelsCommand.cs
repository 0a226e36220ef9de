using System.CommandLine;
using System.Text.Json.Nodes;
using Research.Cli.Infrastructure;
using Research.Forecasting.Backtesting;
using Spectre.Console;

namespace Research.Cli.Commands;

/// <summary><c>research models</c>: every model of the command line's catalog with its family, description and options.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the catalog as JSON." };
        var command = new Command("models", "List the models --models accepts, with their options.") { json };
        command.SetAction(r =>
        {
            var entries = Catalog.Models.Entries;
            if (r.GetValue(json))
            {
                var array = new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject
                {
                    ["name"] = e.Name,
                    ["family"] = e.Family,
                    ["description"] = e.Description,
                    ["takes_regressors"] = e.TakesRegressors,
                    ["uses_season_length"] = e.UsesSeasonLength,
                    ["options"] = new JsonArray([.. e.Options.Select(o => JsonValue.Create(o))]),
                })]);
                Console.Out.WriteLine(array.ToJsonString(BacktestReport.Json));
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("model", "family", "description", "regressors", "options");
            foreach (var e in entries)
                table.AddRow(Markup.Escape(e.Name), Markup.Escape(e.Family), Markup.Escape(e.Description), e.TakesRegressors ? "yes" : "",
                    Markup.Escape(string.Join("\n", e.Options)));
            Terminal.Out.Write(table);
            Terminal.Out.WriteLine($"{entries.Count} models. Every model takes the run's --transform; 'regressors' models use --regressors (default: the numeric and boolean --dynamic columns).");
            return ExitCodes.Success;
        });
        return command;
    }
}
