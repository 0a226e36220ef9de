using System.Globalization;
using System.IO.Compression;
using System.Text;
using Research.Cli.Tests.Support;
using Research.Forecasting.IO;

namespace Research.Cli.Tests.Backtest;

/// <summary>
/// A corpus of malformed and irregular inputs and impossible options. Each one gets exactly one error line naming the
/// file, line and column, or the option, with exit code 2, before anything is written: the output folder still holds
/// the previous complete run and nothing else was left beside it.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class MalformedInputTests
{
    private const string Header = "store,date,sales,promo";
    private static readonly DateOnly Day0 = new(2021, 1, 1); // a Friday

    /// <summary>3 stores x 60 days (2021-01-01..2021-03-01); store s, day d is on line 2 + 60(s - 1) + d.</summary>
    private static List<string> Rows(Func<int, int, string>? promo = null)
    {
        var rows = new List<string> { Header };
        for (var s = 1; s <= 3; s++)
            for (var d = 0; d < 60; d++)
                rows.Add($"{s},{Day0.AddDays(d):yyyy-MM-dd},{100 * s + d},{promo?.Invoke(s, d) ?? (d % 7 == 0 ? "1" : "0")}");
        return rows;
    }

    private static string Text(List<string> rows) => string.Join('\n', rows) + "\n";

    /// <summary>The base file with line <paramref name="line"/> (1-based) replaced.</summary>
    private static string WithLine(int line, string content)
    {
        var rows = Rows();
        rows[line - 1] = content;
        return Text(rows);
    }

    /// <summary>The base file compressed with a sync flush every 20 rows, cut at the 5th flush (a row boundary) or mid-row.</summary>
    private static byte[] CutGzip(bool atRowBoundary)
    {
        var rows = Rows();
        var flushes = new List<long>();
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
            for (var i = 0; i < rows.Count; i++)
            {
                gz.Write(Encoding.UTF8.GetBytes(rows[i] + "\n"));
                if (i % 20 == 0) { gz.Flush(); flushes.Add(ms.Length); }
            }
        var bytes = ms.ToArray();
        return atRowBoundary ? bytes[..(int)flushes[5]] : bytes[..(int)(flushes[5] + 7)];
    }

    public sealed record Case(string Name, string File, Func<byte[]> Content, string[] Args, string Expected)
    {
        public override string ToString() => Name;
    }

    private static Case C(string name, string content, string expected, params string[] args) =>
        new(name, "data.csv", () => Encoding.UTF8.GetBytes(content), args, expected);

    private static Case Gz(string name, Func<byte[]> content, string expected, params string[] args) =>
        new(name, "data.csv.gz", content, args, expected);

    private static readonly string Base = Text(Rows());

    private static string EmptyTarget(string row)
    {
        var f = row.Split(',');
        f[2] = "";
        return string.Join(',', f);
    }

    // promo is the store number on every row but line 5
    private static string StaticThatVaries()
    {
        var rows = Rows((s, _) => s.ToString(CultureInfo.InvariantCulture));
        rows[4] = "1,2021-01-04,104,9";
        return Text(rows);
    }

    public static IEnumerable<object[]> Cases() => new Case[]
    {
        // the file
        C("empty file", "", "{file}, line 1: the file is empty (no header line)"),
        C("header only", Header + "\n", "{file}, line 2: the file has a header but no data rows"),
        C("ragged row", WithLine(5, "1,2021-01-04,104"), "{file}, line 5: the record has 3 fields but the header has 4"),
        C("too many fields", WithLine(5, "1,2021-01-04,104,0,9"), "{file}, line 5: the record has 5 fields but the header has 4"),
        C("impossible date", WithLine(5, "1,2021-02-31,104,0"), "{file}, line 5, column 2 (date): '2021-02-31' is not a valid calendar date"),
        C("date in another format", WithLine(5, "1,01/04/2021,104,0"), "{file}, line 5, column 2 (date): '01/04/2021' is not a date in the form yyyy-MM-dd"),
        C("time of day", WithLine(5, "1,2021-01-04 08:30,104,0"), "{file}, line 5, column 2 (date): '2021-01-04 08:30' has a time of day, but the declared frequency counts whole days"),
        C("duplicate key", WithLine(5, "1,2021-01-01,104,0"), "{file}, line 5, column 2 (date): duplicate (series, time) key: store=1, date=2021-01-01 is also on line 2"),
        C("empty series id", WithLine(5, ",2021-01-04,104,0"), "{file}, line 5, column 1 (store): a series id is empty"),
        C("unclosed quote", WithLine(5, "\"1,2021-01-04,104,0"), "{file}, line 5: a quoted field opened on line 5 is never closed"),
        C("text after a closing quote", WithLine(5, "\"1\"x,2021-01-04,104,0"), "{file}, line 5, column 1 (store): unexpected text after a closing quote"),
        C("text target", WithLine(5, "1,2021-01-04,abc,0"), "{file}, line 5, column 3 (sales): 'abc' is not a number"),
        C("infinite target", WithLine(5, "1,2021-01-04,Infinity,0"), "{file}, line 5, column 3 (sales): 'Infinity' is not a finite number"),
        C("missing target column", Base.Replace("store,date,sales,promo", "store,date,qty,promo", StringComparison.Ordinal),
            "{file}, line 1, column sales: required column 'sales' is missing; the header has: store, date, qty, promo"),
        C("target column in another case", Base.Replace("store,date,sales,promo", "store,date,Sales,promo", StringComparison.Ordinal),
            "{file}, line 1, column sales: required column 'sales' is missing (did you mean 'Sales'? names are case-sensitive); the header has: store, date, Sales, promo"),
        C("every target missing", Text(Rows().Select((r, i) => i == 0 ? r : EmptyTarget(r)).ToList()),
            "--target sales: every value in {file} is missing (empty, NA or NaN): there is nothing to train on or to evaluate"),
        // covariates
        C("booleans in a number column", Text(Rows((s, d) => d % 7 == 0 ? "TRUE" : "FALSE")),
            "{file}, line 2, column 4 (promo): 'TRUE' is not a number (a true/false column: declare it boolean)", "--dynamic", "promo"),
        C("not a boolean", WithLine(5, "1,2021-01-04,104,yes"), "{file}, line 5, column 4 (promo): 'yes' is not a boolean (TRUE/FALSE, T/F or 1/0)", "--dynamic", "promo:bool"),
        C("text in a number column", Text(Rows((s, d) => s == 1 ? "A" : "B")),
            "{file}, line 2, column 4 (promo): 'A' is not a number (a text column: declare it categorical)", "--static", "promo"),
        C("missing covariate value without a fill", WithLine(5, "1,2021-01-04,104,"), "{file}, line 5, column 4 (promo): a value is required, but the field is empty", "--dynamic", "promo"),
        C("static that varies", StaticThatVaries(), "{file}, line 5, column 4 (promo): static covariate varies within series store=1: '9' here but '1' on line 2",
            "--static", "promo"),
        // transforms
        C("negative value under log", WithLine(5, "1,2021-01-04,-3.5,0"),
            "{file}, line 5, column 3 (sales): -3.5 is not above 0: --transform log needs y > 0; use --offset auto to fit log(y + c) with c recorded in the run, or --transform none",
            "--transform", "log"),
        C("zero under log", WithLine(5, "1,2021-01-04,0,0"),
            "{file}, line 5, column 3 (sales): 0 is not above 0: --transform log needs y > 0; use --offset auto to fit log(y + c) with c recorded in the run, or --transform none",
            "--transform", "log"),
        C("below the given offset", WithLine(5, "1,2021-01-04,-30,0"),
            "{file}, line 5, column 3 (sales): -30 is not above -10: --transform log needs y + 10 > 0; use --offset auto to fit log(y + c) with c recorded in the run, or --transform none",
            "--transform", "log", "--offset", "10"),
        C("log1p below -1", WithLine(5, "1,2021-01-04,-2,0"),
            "{file}, line 5, column 3 (sales): -2 is not above -1: --transform log1p needs y > -1; use --offset auto to fit log1p(y + c) with c recorded in the run, or --transform none",
            "--transform", "log1p"),
        // the grid
        C("missing days", Text(Rows().Where((_, i) => i != 2 + 60 + 10 - 1 && i != 2 + 60 + 11 - 1).ToList()),
            "{file}: series 2 is not on the daily grid: 2021-01-11 is missing (no row between 2021-01-10 and 2021-01-13); 2 missing periods in 1 series. "
            + "Models count periods by rows, so complete the grid under a declared fill policy, or drop the series: declare --fill none, ffill, linear, seasonal or zero (see research backtest --help)"),
        C("weekly data off its weekday", Base, "{file}, line 3, column 2 (date): 2021-01-02 breaks the declared frequency: it is a Saturday, but the weekly frequency has weeks starting on Friday",
            "--freq", "weekly:friday"),
        C("a regressor with missing values after the grid is completed", Text(Rows().Where((_, i) => i != 2 + 60 + 10 - 1 && i != 2 + 60 + 11 - 1).ToList()),
            "--dynamic promo: 2 values are missing (first: series 2 at 2021-01-11) and arimax uses the column as a regressor; declare a fill (promo:fill=zero, ffill, linear or seasonal) or leave it out with --regressors",
            "--fill", "none", "--dynamic", "promo", "--models", "arimax"),
        // damaged gzip
        Gz("gzip cut at a row boundary", () => CutGzip(atRowBoundary: true), "{file}: the gzip data is truncated: the file ends inside its compressed stream, before the end marker, CRC-32 and length (about *"),
        Gz("gzip cut mid-row", () => CutGzip(atRowBoundary: false), "{file}: the gzip data is truncated: the file ends inside its compressed stream, before the end marker, CRC-32 and length (about *"),
        Gz("gzip with a damaged CRC", () => { var b = TempDir.Gzip(Base); b[^6] ^= 0x11; return b; },
            "{file}: the gzip data is corrupt: its deflate data is invalid or its CRC-32 or length check fails; the file was damaged: copy or download it again"),
        Gz("gzip without its last byte", () => TempDir.Gzip(Base)[..^1], "{file}: the gzip data is truncated: *"),
        // impossible protocols
        C("more rounds than the data has", Base, "--rounds 50: the data allows at most 8 rounds with horizon 7, gap 1 and step 7 (round 1's cutoff would be 2020-03-16, before the first training period 2021-01-01; the data runs from 2021-01-01 to 2021-03-01)",
            "--rounds", "50", "--step", "7"),
        C("a last period after the data", Base, "--end 2021-03-05: is after the last period in the data (2021-03-01): nothing there to evaluate", "--end", "2021-03-05"),
        C("a horizon longer than the data", Base, "--horizon 100: with gap 1 and last period 2021-03-01 no training period is left before the first forecast; the data runs from 2021-01-01 to 2021-03-01: at most horizon 59 with this gap",
            "--horizon", "100"),
        C("an impossible --end", Base, "--end 2021-02-31: is not a valid calendar date", "--end", "2021-02-31"),
        C("--end last", Base, "--end last: is not a date in the form yyyy-MM-dd", "--end", "last"),
        // options
        C("--threads 0", Base, "--threads 0: must be at least 1", "--threads", "0"),
        C("--threads -1", Base, "--threads -1: must be at least 1", "--threads", "-1"),
        C("--season -5", Base, "--season -5: must be at least 1 (omit it for the frequency's default)", "--season", "-5"),
        C("--season 0", Base, "--season 0: must be at least 1 (omit it for the frequency's default)", "--season", "0"),
        C("--horizon 0", Base, "--horizon 0: must be at least 1", "--horizon", "0"),
        C("--rounds 0", Base, "--rounds 0: must be at least 1", "--rounds", "0"),
        C("--gap 0", Base, "--gap 0: must be at least 1 (1 = forecast the next period)", "--gap", "0"),
        C("--step 0", Base, "--step 0: must be at least 1", "--step", "0"),
        C("--rounds abc", Base, "Cannot parse argument 'abc' for option '--rounds' as expected type 'System.Int32'. (see research backtest --help)", "--rounds", "abc"),
        C("unknown option", Base, "Unrecognized command or argument '--round'. Unrecognized command or argument '3'. (see research backtest --help)", "--round", "3"),
        C("unknown model", Base, "--models foo: is not a model; known models: ar1, ar3, arima, arimax, automl, drift, fasttree, fasttree-tweedie, gru, lgbm, lgbm-l2, linear, loglog, lstm, ma4, mean, mlp, naive, sarima, snaive (research models lists them with their options)", "--models", "naive,foo"),
        C("a model listed twice", Base, "--models naive,naive: 'naive' is listed twice", "--models", "naive,naive"),
        C("unknown frequency", Base, "--freq hourly: use daily, weekly, weekly:<weekday> (e.g. weekly:friday), monthly or periods", "--freq", "hourly"),
        C("unknown transform", Base, "--transform sqrt: use none, log or log1p", "--transform", "sqrt"),
        C("unknown fill", Base, "--fill maybe: use refuse, none, ffill, zero, linear or seasonal", "--fill", "maybe"),
        C("an offset without a transform", Base, "--offset 5: shifts the target before a log transform: give --transform log or log1p too", "--offset", "5"),
        C("an offset that is not a number", Base, "--offset abc: is not a finite number", "--transform", "log", "--offset", "abc"),
        C("a level out of range", Base, "--levels 120: an interval level is a percentage strictly between 0 and 100", "--levels", "80,120"),
        C("a regressor that is not a dynamic covariate", Base, "--regressors foo: is not a dynamic covariate; --dynamic declares: promo", "--dynamic", "promo", "--regressors", "foo"),
        C("a category as a regressor", Base, "--regressors promo: is a category column: a linear regressor needs numbers or booleans", "--dynamic", "promo:category", "--regressors", "promo"),
        C("an unknown column modifier", Base, "--dynamic promo:weird: 'promo:weird': unknown modifier 'weird'; a column is name[:bool|:category][:fill=zero|ffill|linear|seasonal|none]", "--dynamic", "promo:weird"),
        C("a fill on a static column", Base, "--static promo:fill=zero: 'promo:fill=zero': a static covariate has one value per series and takes no fill", "--static", "promo:fill=zero"),
        C("the target as a covariate", Base, "--dynamic sales: the column is already given to --target", "--dynamic", "sales"),
    }.Select(c => new object[] { c });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_bad_input_gets_one_located_error_exit_2_and_nothing_written(Case c)
    {
        using var dir = new TempDir();
        var file = dir.WriteBytes(c.File, c.Content());
        var output = dir.File("out");
        Prior(output);
        var args = Args(file, output, c.Args);
        var result = ResearchCli.Run(args);

        var expected = "error: " + c.Expected.Replace("{file}", file, StringComparison.Ordinal);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        if (expected.EndsWith('*')) Assert.StartsWith(expected[..^1], result.ErrorLines[0], StringComparison.Ordinal);
        else Assert.Equal(expected, result.ErrorLines[0]);
        // nothing half-written: the previous run is intact and nothing was left beside it
        Assert.Equal("prior00000000000", OutputFolder.Verify(output));
        Assert.Equal([c.File, "out"], dir.Entries());
    }

    [Fact]
    public void Missing_data_file_folder_and_required_option_name_the_option()
    {
        using var dir = new TempDir();
        var output = dir.File("out");
        var missing = dir.File("nope.csv");
        var r = ResearchCli.Run(Args(missing, output));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: --data {missing}: file not found (working directory {Environment.CurrentDirectory})", r.ErrorLines.Single());
        r = ResearchCli.Run(Args(dir.Path, output));
        Assert.Equal($"error: --data {dir.Path}: is a folder, not a data file", r.ErrorLines.Single());
        r = ResearchCli.Run(["backtest", "--id", "store", "--time", "date", "--freq", "daily", "--target", "sales", "--horizon", "7", "--rounds", "2", "--models", "naive"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("error: Option '--data' is required. (see research backtest --help)", r.ErrorLines.Single());
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void An_output_path_that_is_a_file_or_a_folder_of_other_things_is_refused_before_any_work()
    {
        using var dir = new TempDir();
        var data = dir.Write("data.csv", Base);
        var file = dir.Write("results.txt", "mine");
        var r = ResearchCli.Run(Args(data, file));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"error: --out {file}: is an existing file, not a folder", r.ErrorLines.Single());
        Assert.Equal("mine", File.ReadAllText(file));
        var folder = Path.Combine(dir.Path, "notes");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.md"), "mine");
        r = ResearchCli.Run(Args(data, folder));
        Assert.Equal($"error: --out {folder}: is a folder with other content (no run.json of an earlier run): it would be replaced whole, so name a new or empty folder", r.ErrorLines.Single());
        Assert.Equal(["keep.md"], dir.Entries(folder));
    }

    internal static string[] Args(string data, string output, params string[] extra)
    {
        var args = new List<string>
        {
            "backtest", "--data", data, "--id", "store", "--time", "date", "--freq", "daily", "--target", "sales",
            "--horizon", "7", "--rounds", "2", "--models", "naive", "--out", output,
        };
        // a later occurrence of an option replaces the default given above
        for (var i = 0; i < extra.Length; i += 2)
        {
            var at = args.IndexOf(extra[i]);
            if (at >= 0 && i + 1 < extra.Length) args[at + 1] = extra[i + 1];
            else args.AddRange(extra.Skip(i).Take(2));
        }
        return [.. args];
    }

    /// <summary>A complete earlier run in the output folder, which a failed run must leave as it is.</summary>
    private static void Prior(string output)
    {
        using var o = OutputFolder.Begin(output, "prior00000000000");
        o.WriteText("metrics.json", "{\"run_id\": \"prior00000000000\"}\n");
        o.Commit();
    }

    [Fact]
    public void The_corpus_covers_every_kind_of_problem_once()
    {
        var names = Cases().Select(c => ((Case)c[0]).Name).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.True(names.Length >= 50, names.Length.ToString(CultureInfo.InvariantCulture));
    }
}
