using Research.Cli.Infrastructure;
using Research.Forecasting.Cleaning;
using Research.Forecasting.Data;

namespace Research.Cli.Commands;

/// <summary>How missing values of a dynamic covariate are handled (<c>name:fill=...</c>).</summary>
public enum CovariateFill
{
    /// <summary>No declaration: a missing value in the file is an error at its line and column.</summary>
    Refuse,
    /// <summary>Missing values are kept as missing (fine for a column no model uses as a regressor).</summary>
    None,
    Zero,
    Ffill,
    Linear,
    Seasonal,
}

/// <summary>A covariate as declared on the command line: <c>name[:bool|:category][:fill=zero|ffill|linear|seasonal|none]</c>.</summary>
public sealed record ColumnDeclaration(string Name, ColumnKind Kind, CovariateFill Fill)
{
    public string KindName => Kind switch { ColumnKind.Boolean => "boolean", ColumnKind.Category => "category", _ => "number" };

    public static FillMethod? Method(CovariateFill fill) => fill switch
    {
        CovariateFill.Zero => FillMethod.Zero,
        CovariateFill.Ffill => FillMethod.ForwardBackward,
        CovariateFill.Linear => FillMethod.Linear,
        CovariateFill.Seasonal => FillMethod.Seasonal,
        _ => null,
    };

    /// <summary>Parses a comma-separated list of declarations; <paramref name="allowFill"/> is false for static covariates.</summary>
    public static IReadOnlyList<ColumnDeclaration> ParseList(string option, string? text, bool allowFill)
    {
        var result = new List<ColumnDeclaration>();
        foreach (var item in OptionValues.List(option, text))
        {
            var parts = item.Split(':', StringSplitOptions.TrimEntries);
            var name = parts[0];
            if (name.Length == 0) throw new UsageException(option, text, $"'{item}' has no column name");
            var kind = ColumnKind.Number;
            var fill = CovariateFill.Refuse;
            foreach (var modifier in parts.Skip(1))
            {
                var m = modifier.ToLowerInvariant();
                switch (m)
                {
                    case "bool" or "boolean":
                        kind = ColumnKind.Boolean;
                        break;
                    case "category" or "cat" or "text":
                        kind = ColumnKind.Category;
                        break;
                    case "number" or "num":
                        kind = ColumnKind.Number;
                        break;
                    case var f when f.StartsWith("fill=", StringComparison.Ordinal):
                        if (!allowFill) throw new UsageException(option, text, $"'{item}': a static covariate has one value per series and takes no fill");
                        fill = f[5..] switch
                        {
                            "zero" => CovariateFill.Zero,
                            "ffill" => CovariateFill.Ffill,
                            "linear" => CovariateFill.Linear,
                            "seasonal" => CovariateFill.Seasonal,
                            "none" => CovariateFill.None,
                            _ => throw new UsageException(option, text, $"'{item}': unknown fill '{f[5..]}'; use fill=zero, fill=ffill, fill=linear, fill=seasonal or fill=none"),
                        };
                        break;
                    default:
                        throw new UsageException(option, text,
                            $"'{item}': unknown modifier '{modifier}'; a column is name[:bool|:category]{(allowFill ? "[:fill=zero|ffill|linear|seasonal|none]" : "")}");
                }
            }
            if (kind == ColumnKind.Category && fill is not (CovariateFill.Refuse or CovariateFill.None or CovariateFill.Ffill))
                throw new UsageException(option, text, $"'{item}': a category can only be filled forward (fill=ffill) or left missing (fill=none)");
            result.Add(new ColumnDeclaration(name, kind, fill));
        }
        return result;
    }

    /// <summary>The loader's column spec: missing values allowed when a fill (or none) is declared, or for static columns.</summary>
    public ColumnSpec Spec(bool allowMissing) => new(Name) { Kind = Kind, AllowMissing = allowMissing || Fill != CovariateFill.Refuse };
}
