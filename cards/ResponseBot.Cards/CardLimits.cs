namespace ResponseBot.Cards;

/// <summary>
/// How much public text a card carries, so any post fits well inside Teams' bot message size (about 100 KB, counted as
/// UTF-16); a card Teams still refuses as too big is sent again compact, with a short extract.
/// </summary>
public static class CardLimits
{
    public const int MaxMentionText = 1500;
    public const int MaxThreadText = 300;
    public const int MaxCompactMentionText = 280;

    /// <summary>At most <paramref name="max"/> text elements (never a split emoji), marked when cut.</summary>
    public static string Bounded(string text, int max)
    {
        var info = new System.Globalization.StringInfo(text);
        return info.LengthInTextElements <= max ? text : info.SubstringByTextElements(0, max) + " … (cut: open the post for the rest)";
    }
}
