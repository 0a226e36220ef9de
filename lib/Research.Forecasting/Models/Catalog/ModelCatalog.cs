namespace Research.Forecasting.Models.Catalog;

/// <summary>
/// Models by name, for command lines and benchmarks (<c>--models naive,mean,arima</c>). Immutable: a catalog is
/// composed from model families (<see cref="Core"/>, then <c>.With(family)</c> for each family assembly a program
/// references), so what a name means never depends on what ran before.
/// </summary>
public sealed class ModelCatalog
{
    private readonly IReadOnlyDictionary<string, CatalogEntry> _entries;

    private ModelCatalog(IReadOnlyDictionary<string, CatalogEntry> entries) => _entries = entries;

    /// <summary>The core library's models (<see cref="StatisticalModels"/>).</summary>
    public static ModelCatalog Core { get; } = new ModelCatalog(new Dictionary<string, CatalogEntry>(StringComparer.OrdinalIgnoreCase)).With(new StatisticalModels());

    /// <summary>A new catalog with the family's models added; a name already taken is an error.</summary>
    public ModelCatalog With(IModelFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        var entries = new Dictionary<string, CatalogEntry>(_entries, StringComparer.OrdinalIgnoreCase);
        foreach (var e in family.Entries)
        {
            if (entries.TryGetValue(e.Name, out var taken))
                throw new ArgumentException($"model '{e.Name}' of family '{family.Name}' is already in the catalog (family '{taken.Family}')", nameof(family));
            entries[e.Name] = e with { Family = family.Name };
        }
        return new ModelCatalog(entries);
    }

    /// <summary>A new catalog with one more model (e.g. a variant defined in a notebook).</summary>
    public ModelCatalog With(CatalogEntry entry) => With(new SingleEntry(entry));

    /// <summary>Every model, by name.</summary>
    public IReadOnlyList<CatalogEntry> Entries => [.. _entries.Values.OrderBy(e => e.Name, StringComparer.Ordinal)];

    public bool Contains(string name) => _entries.ContainsKey(name.Trim());

    /// <summary>Builds the named models; an unknown name is an error listing the known ones.</summary>
    public IReadOnlyList<IForecaster> Build(IEnumerable<string> names, ModelSetting setting) =>
        names.Select(n => n.Trim()).Where(n => n.Length > 0).Select(n =>
            _entries.TryGetValue(n, out var e) ? e.Build(setting)
            : throw new ArgumentException($"unknown model '{n}'; known models: {string.Join(", ", Entries.Select(k => k.Name))}", nameof(names))).ToArray();

    private sealed record SingleEntry(CatalogEntry Entry) : IModelFamily
    {
        public string Name => Entry.Family.Length > 0 ? Entry.Family : "user";

        public IReadOnlyList<CatalogEntry> Entries => [Entry];
    }
}
