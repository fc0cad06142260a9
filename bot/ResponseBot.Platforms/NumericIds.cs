namespace ResponseBot.Platforms;

/// <summary>
/// Ids that are numbers in strings and grow with time (Mastodon's, X's snowflakes), compared without parsing them: longer is
/// newer, then by digits. They can outgrow a long, and an untrusted one need not be a number at all.
/// </summary>
public static class NumericIds
{
    public static int Compare(string a, string b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);

    /// <summary>The newer of two ids; null only when both are.</summary>
    public static string? Newest(string? a, string? b) => a is null ? b : b is null ? a : Compare(a, b) >= 0 ? a : b;
}
