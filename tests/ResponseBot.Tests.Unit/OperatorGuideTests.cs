using System.Reflection;
using System.Text.RegularExpressions;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Unit;

/// <summary>
/// The configuration reference in docs/operator-guide.md is what operators set the bot up from, so it is held to the
/// code both ways: every key the bot reads is in its tables, and every key in its tables is one the bot reads. Adding,
/// renaming or removing a setting fails here until the guide says so.
/// </summary>
public sealed partial class OperatorGuideTests
{
    private const string ReferenceHeading = "## Configuration reference";

    /// <summary>Stands for a dictionary key in a setting's path (an account id, a rota layer, a saved reply's name).</summary>
    private const string Placeholder = "<key>";

    private static readonly string GuidePath = Path.Combine(RepoPaths.Root, "docs", "operator-guide.md");

    // The production code: read for the keys it takes straight from IConfiguration rather than through an options class.
    private static readonly string[] SourceFolders = ["bot", "jobs", "cards"];

    [Fact]
    public void Every_setting_the_bot_reads_is_in_the_guide()
    {
        var documented = DocumentedKeys();
        var read = KeysTheBotReads();
        var missing = read.Keys.Where(k => !documented.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0,
            $"These settings are read by the bot but not in the tables under \"{ReferenceHeading}\" in docs/operator-guide.md " +
            $"(add a row for each, with its default and meaning; {Placeholder} stands for any <placeholder>):\n  " +
            string.Join("\n  ", missing.Select(k => $"{k}    (read by {read[k]})")));
    }

    [Fact]
    public void Every_setting_in_the_guide_is_one_the_bot_reads()
    {
        var read = KeysTheBotReads();
        var documented = DocumentedKeys();
        var unknown = documented.Where(d => !read.ContainsKey(d.Key)).Select(d => $"line {d.Value.Line}: {d.Value.FirstCell}").ToList();
        Assert.True(unknown.Count == 0,
            $"These rows under \"{ReferenceHeading}\" in docs/operator-guide.md name settings the bot doesn't read " +
            "(removed or renamed: delete or correct the row):\n  " + string.Join("\n  ", unknown));
    }

    [Fact]
    public void Every_table_row_in_the_reference_names_one_setting()
    {
        var malformed = ReferenceRows().Where(r => KeyCell().Match(r.FirstCell) is not { Success: true } m || !m.Groups["key"].Value.Contains(':'))
            .Select(r => $"line {r.Line}: {r.FirstCell}").ToList();
        Assert.True(malformed.Count == 0,
            "Each row of a table under the configuration reference starts with one setting as code, e.g. `Bot:AppId`:\n  " +
            string.Join("\n  ", malformed));
        Assert.True(ReferenceRows().Count >= 20, $"Found only {ReferenceRows().Count} rows under \"{ReferenceHeading}\": is the heading still there?");
    }

    [Fact]
    public void Every_section_is_bound_through_its_options_class()
    {
        // A section bound by a literal name has no Section constant, so its options class would be invisible to the tests
        // above: its settings could come and go without the guide noticing.
        var sections = OptionsClasses().Select(o => o.Section).ToHashSet(StringComparer.Ordinal);
        var literal = SourceCalls().Where(c => c.Method == "GetSection" && !sections.Contains(c.Key))
            .Select(c => $"GetSection(\"{c.Key}\") in {c.File}").ToList();
        Assert.True(literal.Count == 0,
            "Bind these sections through an options class with a public const string Section, as the others are:\n  " + string.Join("\n  ", literal));
    }

    // ---- What the bot reads ----------------------------------------------------------------------------------------------

    /// <summary>Every setting's path, placeholders for dictionary keys, with where it comes from (for the failure message).</summary>
    private static Dictionary<string, string> KeysTheBotReads()
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (section, type) in OptionsClasses())
            foreach (var key in Keys(section, type, depth: 0))
                keys.TryAdd(key, type.FullName!);
        // Read straight from IConfiguration: a connection string, a development switch.
        foreach (var call in SourceCalls().Where(c => c.Method != "GetSection"))
            keys.TryAdd(call.Method == "GetConnectionString" ? $"ConnectionStrings:{call.Key}" : call.Key, call.File);
        return keys;
    }

    /// <summary>Classes with a <c>public const string Section</c>: the options bound from that configuration section.</summary>
    private static List<(string Section, Type Type)> OptionsClasses() =>
        BotAssemblies().SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } f && f.FieldType == typeof(string))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type))
            .ToList();

    /// <summary>The host and every ResponseBot assembly it references, directly or not: the whole bot.</summary>
    private static IReadOnlyList<Assembly> BotAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(Host.Composition.ResponseBotApp).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly)) continue;
            foreach (var name in assembly.GetReferencedAssemblies().Where(n => n.Name!.StartsWith("ResponseBot.", StringComparison.Ordinal)))
                pending.Push(Assembly.Load(name));
        }
        return found.Values.ToList();
    }

    /// <summary>
    /// The configuration paths a type binds under <paramref name="prefix"/>: one per public settable property holding a value
    /// (or a list of values, set as Key:0, Key:1 …); a dictionary's or a list of objects' entries under a placeholder; a nested object's own
    /// properties under its name.
    /// </summary>
    private static IEnumerable<string> Keys(string prefix, Type type, int depth)
    {
        if (depth > 5) throw new InvalidOperationException($"Options nested too deep at {prefix}");
        if (DictionaryValue(type) is { } entries)
        {
            // An entry holding a value, or a list of values (Key:<key>:0, Key:<key>:1 …), is one setting.
            var valued = IsValue(entries) || DictionaryValue(entries) is null && ListItem(entries) is { } item && IsValue(item);
            foreach (var key in valued ? [$"{prefix}:{Placeholder}"] : Keys($"{prefix}:{Placeholder}", entries, depth + 1))
                yield return key;
            yield break;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0))
        {
            var path = $"{prefix}:{p.Name}";
            var item = DictionaryValue(p.PropertyType) is null ? ListItem(p.PropertyType) : null;
            if (IsValue(p.PropertyType) || item is not null && IsValue(item))
                yield return path;
            else if (item is not null)                                   // a list of objects: each entry's properties, by index
                foreach (var key in Keys($"{path}:{Placeholder}", item, depth + 1))
                    yield return key;
            else
                foreach (var key in Keys(path, p.PropertyType, depth + 1))
                    yield return key;
        }
    }

    private static bool IsValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Uri)
            || type == typeof(TimeSpan) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly)
            || type == typeof(TimeOnly) || type == typeof(Guid);
    }

    private static Type? DictionaryValue(Type type) => Generic(type, typeof(IDictionary<,>))?[1];

    private static Type? ListItem(Type type) => type.IsArray ? type.GetElementType() : Generic(type, typeof(IEnumerable<>))?[0];

    /// <summary>The type arguments with which <paramref name="type"/> is, or implements, <paramref name="definition"/>.</summary>
    private static Type[]? Generic(Type type, Type definition) =>
        type.GetInterfaces().Prepend(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?.GetGenericArguments();

    private sealed record SourceCall(string Method, string Key, string File);

    /// <summary>Literal keys the production code hands IConfiguration: config["A:B"], GetValue&lt;T&gt;("A:B"), GetSection("A"), GetConnectionString("A").</summary>
    private static List<SourceCall> SourceCalls() =>
        SourceFolders.Select(f => Path.Combine(RepoPaths.Root, f))
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .SelectMany(file => ConfigurationCall().Matches(File.ReadAllText(file)).Select(m => new SourceCall(
                m.Groups["method"].Success ? m.Groups["method"].Value : "indexer", m.Groups["key"].Value, Path.GetRelativePath(RepoPaths.Root, file))))
            // An indexer with a plain word is a dictionary or JSON lookup; configuration paths have a colon.
            .Where(c => c.Method is "GetSection" or "GetConnectionString" || c.Key.Contains(':'))
            .ToList();

    [GeneratedRegex("""(?:(?<method>GetSection|GetConnectionString|GetValue)(?:<[^>()]+>)?\(\s*|(?:config|configuration|Configuration)\[\s*)"(?<key>[^"]+)"\s*[,)\]]""")]
    private static partial Regex ConfigurationCall();

    // ---- What the guide says ---------------------------------------------------------------------------------------------

    private sealed record Row(int Line, string FirstCell);

    /// <summary>Each key in the reference's tables (placeholders normalised), with the row it is on.</summary>
    private static Dictionary<string, Row> DocumentedKeys()
    {
        var keys = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var row in ReferenceRows())
            if (KeyCell().Match(row.FirstCell) is { Success: true } m)
                keys.TryAdd(PlaceholderPattern().Replace(m.Groups["key"].Value, Placeholder), row);
        return keys;
    }

    /// <summary>The first cell of every table body row between the reference's heading and the next heading of its level.</summary>
    private static List<Row> ReferenceRows()
    {
        var lines = File.ReadAllLines(GuidePath);
        var start = Array.FindIndex(lines, l => l.TrimEnd() == ReferenceHeading);
        Assert.True(start >= 0, $"docs/operator-guide.md has no \"{ReferenceHeading}\" heading.");
        var rows = new List<Row>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (!lines[i].TrimStart().StartsWith('|')) continue;
            // A header row is the one above the |---| line; neither names a setting.
            if (IsSeparator(lines[i]) || i + 1 < lines.Length && IsSeparator(lines[i + 1])) continue;
            rows.Add(new Row(i + 1, lines[i].Trim().TrimStart('|').Split('|')[0].Trim()));
        }
        return rows;
    }

    private static bool IsSeparator(string line) => SeparatorRow().IsMatch(line);

    [GeneratedRegex(@"^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$")]
    private static partial Regex SeparatorRow();

    [GeneratedRegex("^`(?<key>[^`]+)`$")]
    private static partial Regex KeyCell();

    [GeneratedRegex("<[^>:]+>")]
    private static partial Regex PlaceholderPattern();
}
