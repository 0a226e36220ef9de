namespace Research.Forecasting.Neural.Tests.Compat;

public class LoadTests
{
    [Fact]
    public void TorchSharp_runs_in_process() => Assert.Equal("4", Probe.Version());
}
