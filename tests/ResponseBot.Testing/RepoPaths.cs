namespace ResponseBot.Testing;

public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string NodeTools => Path.Combine(Root, "tests", "node");

    /// <summary>Where tests leave screenshots and dumps for people to look at.</summary>
    public static string Artifacts(string area)
    {
        var dir = Path.Combine(Root, "tests", "artifacts", area);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ResponseBot.sln"))) return dir.FullName;
        throw new InvalidOperationException("ResponseBot.sln not found above " + AppContext.BaseDirectory);
    }
}
