namespace Research.Forecasting.Neural;

public static class Probe
{
    public static string Version() => TorchSharp.torch.ones(2, 2).sum().item<float>().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
