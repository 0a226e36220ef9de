using System.Text;

namespace Research.Forecasting.ML.AutoML;

/// <summary>One point of a <see cref="SearchSpace"/>: a value per dimension (a choice's value is its option index).</summary>
public sealed class Configuration : IEquatable<Configuration>
{
    private readonly double[] _values;

    internal Configuration(SearchSpace space, double[] values)
    {
        if (values.Length != space.Count) throw new ArgumentException($"{values.Length} values for {space.Count} dimensions", nameof(values));
        Space = space;
        _values = values;
    }

    public SearchSpace Space { get; }

    public string Family => Space.Family;

    public IReadOnlyList<double> Values => _values;

    public double this[string name] => _values[Space.IndexOf(name)];

    public int Int(string name) => (int)this[name];

    public double Double(string name) => this[name];

    /// <summary>The chosen option of a choice dimension.</summary>
    public string Choice(string name) => Space.Dimensions[Space.IndexOf(name)].Format(this[name]);

    /// <summary>The point of the unit cube.</summary>
    public double[] Normalize() => [.. Space.Dimensions.Select((d, i) => d.Normalize(_values[i]))];

    /// <summary>A copy with one value changed.</summary>
    public Configuration With(string name, double value)
    {
        var v = (double[])_values.Clone();
        v[Space.IndexOf(name)] = value;
        return new Configuration(Space, v);
    }

    /// <summary><c>family(name=value, ...)</c>, values in shortest form: the leaderboard's text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Family).Append('(');
        for (var i = 0; i < _values.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(Space.Dimensions[i].Name).Append('=').Append(Space.Dimensions[i].Format(_values[i]));
        }
        return sb.Append(')').ToString();
    }

    public bool Equals(Configuration? other) =>
        other is not null && ReferenceEquals(Space, other.Space) && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as Configuration);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Family);
        foreach (var v in _values) h.Add(v);
        return h.ToHashCode();
    }
}
