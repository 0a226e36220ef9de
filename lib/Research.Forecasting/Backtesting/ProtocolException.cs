namespace Research.Forecasting.Backtesting;

/// <summary>
/// A backtest protocol the data cannot support (more rounds than the data has periods for, a last period after the
/// data ends). <see cref="ArgumentException.ParamName"/> is the <see cref="BacktestOptions"/> property at fault and
/// <see cref="Problem"/> says what the data allows, without naming the property, so a command line can put its own
/// option name in front (<c>--rounds 50: ...</c>).
/// </summary>
public sealed class ProtocolException : ArgumentException
{
    public ProtocolException(string property, string value, string problem)
        : base($"{property} {value}: {problem}", property)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>The offending value as given (e.g. <c>50</c>, <c>2021-03-05</c>).</summary>
    public string Value { get; }

    /// <summary>What is wrong and what the data allows.</summary>
    public string Problem { get; }

    /// <summary>The message without the .NET parameter suffix.</summary>
    public override string Message => $"{ParamName} {Value}: {Problem}";
}
