namespace Research.Forecasting.Models.Catalog;

/// <summary>
/// A family of models that adds itself to a catalog (<c>ModelCatalog.Core.With(new GradientBoostingModels())</c>).
/// Families with heavy native dependencies live in their own assemblies beside the core and declare their models here.
/// </summary>
public interface IModelFamily
{
    /// <summary>Family name, e.g. <c>statistical</c>, <c>gradient boosting</c>, <c>neural</c>.</summary>
    string Name { get; }

    IReadOnlyList<CatalogEntry> Entries { get; }
}
