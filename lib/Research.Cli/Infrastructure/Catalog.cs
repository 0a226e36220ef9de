using Research.Forecasting.ML;
using Research.Forecasting.Models.Catalog;
using Research.Forecasting.Neural;

namespace Research.Cli.Infrastructure;

/// <summary>The one place the command line composes its model catalog from the model families it references.</summary>
public static class Catalog
{
    public static ModelCatalog Models { get; } = ModelCatalog.Core.With(new MachineLearningModels()).With(new NeuralModels());
}
