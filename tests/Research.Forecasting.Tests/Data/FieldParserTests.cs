using System.Globalization;
using System.Text;
using Research.Forecasting.Data;

namespace Research.Forecasting.Tests.Data;

public sealed class FieldParserTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("-12", -12.0)]
    [InlineData("0.0530208333", 0.0530208333)]
    [InlineData("37.9923255813953", 37.9923255813953)]
    [InlineData("1e-3", 0.001)]
    [InlineData("+4.5", 4.5)]
    [InlineData("123456789012345678901234", 1.23456789012345678901234e23)]
    public void Parses_like_the_runtime(string text, double expected)
    {
        Assert.True(FieldParser.TryParseDouble(Encoding.UTF8.GetBytes(text), out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    public void Rejects_non_numbers(string text) =>
        Assert.False(FieldParser.TryParseDouble(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void Fast_path_is_bit_identical_to_double_Parse_on_random_decimals()
    {
        // oracle: the runtime's correctly rounded parser
        var rng = new Random(20261121);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = rng.Next(1, 16);
            var mantissa = rng.NextInt64(0, (long)Math.Pow(10, digits));
            var scale = rng.Next(0, digits + 3);
            var text = (mantissa / Math.Pow(10, scale)).ToString("F" + scale, CultureInfo.InvariantCulture);
            if (rng.Next(2) == 0) text = "-" + text;
            Assert.True(FieldParser.TryParseDouble(Encoding.ASCII.GetBytes(text), out var v));
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), v);
        }
    }

    [Fact]
    public void Iso_date_times_parse_with_and_without_seconds()
    {
        Assert.True(FieldParser.TryParseIsoDateTime("2010-12-01 08:26:00"u8, out var a));
        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), a);
        Assert.True(FieldParser.TryParseIsoDateTime("2010-12-01T08:26"u8, out var b));
        Assert.Equal(a, b);
        Assert.False(FieldParser.TryParseIsoDateTime("2010-12-01 25:00"u8, out _));
    }
}
